import { AzureCliCredential, type AccessToken, type TokenCredential } from '@azure/identity'
import { errorMessage } from '../core/errors'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'

/**
 * The one file that imports @azure/identity: Microsoft Entra tokens for Azure
 * OpenAI from the runner's Azure CLI session (`az account get-access-token`).
 * main.ts imports it only when `azure-credential: azure-cli` asks for it: the
 * library costs start-up time.
 */

/** The audience Azure OpenAI takes tokens for (Microsoft's "Role-based access control for Azure OpenAI"). */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default'

/** A token is renewed this long before it expires, so that no call is sent one about to lapse. */
export const RENEW_BEFORE_S = 5 * 60

/** What to do when no token comes: the CLI is missing, or nobody signed in. */
const SIGN_IN =
  'Sign in first: a step `uses: azure/login@v2` with client-id, tenant-id and subscription-id' +
  ' (OIDC, which needs `permissions: id-token: write` in the job), before this one;' +
  ' the identity needs a role such as Cognitive Services OpenAI User on the resource.'

/** The error for a token the Azure CLI did not give, with its reason. */
const noToken = (e: unknown): Error =>
  new Error(
    `azure-credential: azure-cli could not get a token from the Azure CLI (${errorMessage(e).replace(/\.$/, '')}). ` +
      SIGN_IN
  )

/** What a token source needs: a clock for the tokens' expiry, and the log that masks each new token. */
export interface TokenDeps {
  readonly clock: Clock
  readonly log: Pick<Log, 'mask'>
}

export function azureCliTokens(deps: TokenDeps): () => Promise<string> {
  return renewedTokens(new AzureCliCredential(), deps)
}

/**
 * A function that returns a valid token on each call, renewed RENEW_BEFORE_S
 * before it expires. A renewal is asked for once however many calls wait for
 * it, and each new token is masked before anything can print it.
 *
 * Not the library's getBearerTokenProvider: it renews in the background, and
 * a renewal that fails for good is a rejection nobody awaits, which ends the
 * process; here the call that needs the token gets the failure, worded.
 */
export function renewedTokens(
  credential: Pick<TokenCredential, 'getToken'>,
  { clock, log }: TokenDeps
): () => Promise<string> {
  let held: AccessToken | undefined
  let asking: Promise<AccessToken> | undefined
  const ask = async (): Promise<AccessToken> => {
    try {
      const t = await credential.getToken(COGNITIVE_SERVICES_SCOPE)
      if (!t) throw new Error('no token')
      return t
    } catch (e) {
      throw noToken(e)
    }
  }
  const renew = (): Promise<AccessToken> => {
    if (!asking) {
      asking = ask()
      // Forgotten once settled, so that the next call asks again; the failure itself goes to the callers.
      asking.finally(() => (asking = undefined)).catch(() => undefined)
    }
    return asking
  }
  return async () => {
    const nowMs = clock.now() * 1000
    if (held && held.expiresOnTimestamp - RENEW_BEFORE_S * 1000 > nowMs) return held.token
    let fresh: AccessToken
    try {
      fresh = await renew()
    } catch (e) {
      // A token that still works is used while a new one cannot be had.
      if (held && held.expiresOnTimestamp > nowMs) return held.token
      throw e
    }
    if (fresh.token !== held?.token) log.mask(fresh.token)
    held = fresh
    return fresh.token
  }
}
