import { BatchLimits } from '../core/limits'
import { maxRequestsProblem, Provider, providerFacts, providerKind, windowProblem } from '../core/providers'
import type { CheckOptions } from '../core/requests/validate'
import { Inputs } from './constants'
import { refuseForProvider } from './provider-inputs'
import { Input, pick, RawInputs } from './raw-inputs'

/** The settings that depend on the provider: its facts, and what they make of the inputs. */

/** The provider, and what its facts make of the inputs that depend on it: refused here, before anything is uploaded. */
export function providerSettings(raw: RawInputs, input: Input) {
  const baseUrl = raw.baseUrl || undefined
  const kind = providerKind(raw.provider, baseUrl)
  const own = maxRequestsProblem(providerFacts(kind, baseUrl), raw.maxRequestsPerBatch)
  if (own) throw new Error(`Input '${Inputs.MaxRequestsPerBatch}': ${own}`)
  const provider = providerFacts(kind, baseUrl, { maxRequests: raw.maxRequestsPerBatch })
  refuseForProvider(provider, {
    ...pick(raw, ['completionWindow', 'endpoint', 'azureApiVersion', 'azureCredential']),
    metadata: input(Inputs.Metadata),
    azureAdToken: input(Inputs.AzureAdToken) !== ''
  })
  // OpenAI-shaped APIs keep the bound the schema had before Anthropic; a smaller limit of theirs lowers it below.
  const bytes = provider.lines === 'anthropic' ? provider.maxBytes : BatchLimits.maxBytes
  if (raw.maxBatchBytes > bytes)
    throw new Error(
      `Input '${Inputs.MaxBatchBytes}' must be a whole number of bytes from 1000 to ${bytes}; got '${raw.maxBatchBytes}'.`
    )
  const window = windowProblem(provider, raw.completionWindow)
  if (window) throw new Error(`Input '${Inputs.CompletionWindow}': ${window}`)
  if (raw.endpoint && !provider.endpoints.includes(raw.endpoint))
    throw new Error(
      `Input '${Inputs.Endpoint}' must be empty or one of ${provider.endpoints.join(', ')} (${provider.label}).`
    )
  const e = raw.remoteFilesExpireAfter
  const { min, max } = provider.expiry ?? { min: 0, max: Infinity }
  if (provider.expiry && e !== undefined && (e < min || e > max))
    throw new Error(expiryOutOfRange(provider.label, min, max, e))
  const model = modelSetting(provider, raw.model)
  const check: CheckOptions = {
    endpoint: raw.endpoint || undefined,
    model,
    endpoints: provider.endpoints,
    lines: provider.lines,
    rerunKey: raw.rerunKey || undefined,
    maxRequests: provider.maxRequests,
    maxBytes: Math.min(raw.maxBatchBytes, provider.maxBytes)
  }
  // Sent only where the provider takes it: Azure's classic API has expires_after from 2025-03-01-preview on.
  const classicWithout = provider.kind === 'azure' && raw.azureApiVersion !== '' && raw.azureApiVersion < '2025-03-01'
  return {
    baseUrl,
    provider,
    model,
    check,
    remoteFilesExpireAfter: provider.expiry && !classicWithout ? e : undefined
  }
}

/**
 * The `model` input for `provider`: Gemini's lines name no model, so its batches need one before any
 * call; Google's `models/` prefix is dropped, as the price list and the adapter name models without it.
 */
function modelSetting(provider: Provider, given: string): string | undefined {
  const model = given.replace(/^models\//, '') || undefined
  if (model === undefined && provider.lines === 'gemini')
    throw new Error(
      `Input '${Inputs.Model}' is required with ${provider.label}: its request lines name no model, and each batch ` +
        `runs one. Add e.g. \`${Inputs.Model}: gemini-2.5-flash\` to the step's inputs.`
    )
  return model
}

function expiryOutOfRange(label: string, min: number, max: number, got: number): string {
  const from = min / 86_400 >= 1 ? `${min / 86_400}d` : `${min / 3_600}h`
  return `Input '${Inputs.RemoteFilesExpireAfter}': ${label} takes ${from} to ${max / 86_400}d; got ${got / 86_400}d.`
}

/** Azure's Entra sign-in: one way at a time, and only where it means something. */
export function azureAuth(provider: Provider, adToken: string | undefined, credential: 'azure-cli' | undefined) {
  if (credential && provider.kind !== 'azure')
    throw new Error(
      `Input '${Inputs.AzureCredential}' signs in to Azure OpenAI: ` +
        `set '${Inputs.Provider}: azure' and your resource as '${Inputs.BaseUrl}', or leave it empty.`
    )
  if (credential && adToken)
    throw new Error(
      `Inputs '${Inputs.AzureAdToken}' and '${Inputs.AzureCredential}' are two ways to get the same token: give one.`
    )
  return { adToken, credential }
}

/** The error for a run with no key, naming where one may come from. */
export const noApiKey = (provider: Provider): string =>
  `No ${provider.lines === 'openai' ? 'OpenAI' : provider.label} API key. ` +
  `Set the '${Inputs.ApiKey}' input, e.g. \`${Inputs.ApiKey}: \${{ secrets.${provider.env.apiKeys[0]} }}\`, ` +
  `or the ${provider.env.apiKeys.join(' or ')} environment variable` +
  (provider.kind === 'azure'
    ? `; for Azure OpenAI, '${Inputs.AzureAdToken}' or '${Inputs.AzureCredential}: azure-cli' instead`
    : '') +
  '.'
