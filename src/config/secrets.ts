import type { Settings } from './settings'

/**
 * The settings with `f` applied to each secret among them: the one list of
 * which settings are secrets, for masking them and for printing the rest.
 */
function eachSecret(s: Settings, f: <T extends string | undefined>(secret: T) => T): Settings {
  return {
    ...s,
    apiKey: f(s.apiKey),
    azure: { ...s.azure, adToken: f(s.azure.adToken) },
    githubToken: f(s.githubToken),
    webhookSecret: f(s.webhookSecret)
  }
}

/** The secrets the settings hold, those given: each is masked before anything is logged. */
export function secretsOf(s: Settings): string[] {
  const found: string[] = []
  eachSecret(s, secret => {
    if (secret) found.push(secret)
    return secret
  })
  return found
}

/** The settings as the debug log shows them: each secret, when set at all, as `***`. */
export const redacted = (s: Settings): Settings =>
  eachSecret(s, <T extends string | undefined>(secret: T): T => (secret === undefined ? secret : ('***' as T)))
