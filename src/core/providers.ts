import { BatchEndpoints, BatchLimits, openaiBatchUrl } from './limits'

/**
 * What the action knows of each Batch API it talks to, in one place: limits,
 * completion windows, the `url` forms a request file may use, how it
 * authenticates, which optional fields it takes, its dashboard. The
 * validation, the plan and the adapter read these; nothing else knows which
 * provider it talks to.
 */

export type ProviderKind = 'openai' | 'azure' | 'compatible'

export interface Provider {
  readonly kind: ProviderKind
  /** For messages: "OpenAI", "Azure OpenAI", "the Batch API at api.groq.com". */
  readonly label: string
  readonly maxRequests: number
  readonly maxBytes: number
  /** The completion windows it accepts; undefined: any `<n>h` or `<n>d` (a compatible API the action does not know). */
  readonly windows: readonly string[] | undefined
  /** The `url` values a request line may hold. */
  readonly endpoints: readonly string[]
  /** `api-key` header (Azure) or `Authorization: Bearer`. */
  readonly auth: 'api-key' | 'bearer'
  /** The range of `expires_after` seconds it takes for uploads and outputs; undefined: none is sent. */
  readonly expiry: { readonly min: number; readonly max: number } | undefined
  /** Uploads report `pending` until processed; a batch is created only from a processed file. */
  readonly waitsForProcessing: boolean
  /** A batch's page on its dashboard; undefined when the action knows none. */
  readonly batchUrl: ((id: string) => string) | undefined
  /**
   * Every batch it answers carries the metadata it was created with. A
   * compatible API may drop it or refuse it (#12): its batches are then created
   * without metadata, and found again after a lost cache by their uploads' names.
   */
  readonly keepsMetadata: boolean
  /** The environment variables its SDK reads, the fallbacks when the `api-key` and `base-url` inputs are empty. */
  readonly env: { readonly apiKey: string; readonly baseUrl: string }
}

const DAY = 86_400

/** https://platform.openai.com/docs/api-reference/batch, shared/openai-spec. */
const OPENAI: Provider = {
  kind: 'openai',
  label: 'OpenAI',
  maxRequests: BatchLimits.maxRequests,
  maxBytes: BatchLimits.maxBytes,
  windows: ['24h'],
  endpoints: BatchEndpoints,
  auth: 'bearer',
  expiry: { min: 3_600, max: 30 * DAY },
  waitsForProcessing: false,
  batchUrl: openaiBatchUrl,
  keepsMetadata: true,
  env: { apiKey: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' }
}

/** Azure's samples write the url without /v1; both forms are taken (MicrosoftDocs/azure-ai-docs, how-to/batch.md). */
const AZURE_ENDPOINTS = ['/chat/completions', '/responses', '/embeddings'].flatMap(u => [u, `/v1${u}`])

/**
 * MicrosoftDocs/azure-ai-docs articles/ai-foundry/openai/how-to/batch.md and
 * includes/global-batch-limits.md: 100,000 requests and 200 MB a file, `24h`
 * only, expiry from 14 to 30 days, files `pending` until processed.
 */
const AZURE: Provider = {
  kind: 'azure',
  label: 'Azure OpenAI',
  maxRequests: 100_000,
  maxBytes: 200 * 1000 * 1000,
  windows: ['24h'],
  endpoints: AZURE_ENDPOINTS,
  auth: 'api-key',
  expiry: { min: 14 * DAY, max: 30 * DAY },
  waitsForProcessing: true,
  batchUrl: undefined,
  keepsMetadata: true,
  // What the action read for Azure before #24; the AzureOpenAI SDK's own AZURE_OPENAI_* would be a change of its own.
  env: { apiKey: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' }
}

/** Compatible APIs the action knows by host: https://console.groq.com/docs/batch (chat only, 100 MB, 24h to 7d). */
const KNOWN: Readonly<Record<string, Partial<Provider>>> = {
  'api.groq.com': {
    label: 'Groq',
    maxBytes: 100 * 1000 * 1000,
    windows: ['24h', '48h', '72h', '4d', '5d', '6d', '7d'],
    endpoints: ['/v1/chat/completions']
  }
}

const AZURE_HOSTS = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i

/** The provider `input` names; when it is empty, Azure by the base URL's host, else OpenAI or a compatible one. */
export function providerKind(input: string, baseUrl: string | undefined): ProviderKind {
  if (input === 'openai' || input === 'azure' || input === 'compatible') return input
  if (!baseUrl) return 'openai'
  const host = new URL(baseUrl).hostname
  if (AZURE_HOSTS.test(host)) return 'azure'
  return host === 'api.openai.com' ? 'openai' : 'compatible'
}

/** The provider of `kind` at `baseUrl`: a compatible one has OpenAI's facts unless inputs or a known host differ. */
export function providerFacts(
  kind: ProviderKind,
  baseUrl: string | undefined,
  own: { maxRequests?: number } = {}
): Provider {
  if (kind === 'openai') return OPENAI
  if (kind === 'azure') return AZURE
  const host = baseUrl ? new URL(baseUrl).hostname : 'the base URL'
  return {
    ...OPENAI,
    kind: 'compatible',
    label: `the Batch API at ${host}`,
    windows: undefined,
    // Some compatible APIs refuse fields they do not know: none is sent that the user did not ask for.
    expiry: undefined,
    batchUrl: undefined,
    // Not known until it answers: the action looks for its batches by their uploads' names too.
    keepsMetadata: false,
    ...KNOWN[host],
    ...(own.maxRequests ? { maxRequests: own.maxRequests } : {})
  }
}

/**
 * The environment variable the base URL falls back to. The provider is not known
 * yet, as an empty `provider` input is inferred from the base URL itself: the one
 * the input names, else OpenAI's (what no base URL means).
 */
export function baseUrlEnv(input: string): string {
  return providerFacts(providerKind(input, undefined), undefined).env.baseUrl
}

/** Why `window` cannot be used with `p`, or undefined when it can. */
export function windowProblem(p: Provider, window: string): string | undefined {
  if (p.windows ? p.windows.includes(window) : /^\d+[hd]$/.test(window)) return undefined
  const allowed = p.windows ? p.windows.join(', ') : 'a duration such as 24h or 7d'
  return `${p.label} takes a completion-window of ${allowed}; got '${window}'.`
}
