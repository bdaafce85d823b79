import { count } from './format'
import { BatchEndpoints, BatchLimits, openaiBatchUrl } from './limits'

/**
 * What the action knows of each Batch API it talks to, in one place: limits,
 * completion windows, the `url` forms a request file may use, how it
 * authenticates, which optional fields it takes, its dashboard. The
 * validation, the plan and the adapter read these; nothing else knows which
 * provider it talks to.
 */

export type ProviderKind = 'openai' | 'azure' | 'compatible' | 'anthropic' | 'gemini'

export interface Provider {
  readonly kind: ProviderKind
  /** For messages: "OpenAI", "Azure OpenAI", "the Batch API at api.groq.com". */
  readonly label: string
  readonly maxRequests: number
  readonly maxBytes: number
  /** The completion windows it accepts; undefined: any `<n>h` or `<n>d` (a compatible API the action does not know). */
  readonly windows: readonly string[] | undefined
  /** The `url` values a request line may hold; for Anthropic, whose lines hold none, the one endpoint its batches serve. */
  readonly endpoints: readonly string[]
  /**
   * The shape of a request line: `openai` (`{custom_id, method, url, body}`, OpenAI, Azure and
   * compatible APIs), `anthropic` (`{custom_id, params}`, Message Batches) or `gemini`
   * (`{key, request}`, Gemini Batch Mode). Each provider's own format, never translated: the
   * validation and the estimate read the one it names.
   */
  readonly lines: 'openai' | 'anthropic' | 'gemini'
  /** `api-key` header (Azure), `x-api-key` header (Anthropic), `x-goog-api-key` header (Gemini) or `Authorization: Bearer`. */
  readonly auth: 'api-key' | 'x-api-key' | 'x-goog-api-key' | 'bearer'
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
  /**
   * The environment variables its SDK reads, the fallbacks when the `api-key` and `base-url` inputs are
   * empty: the key's in the order they are tried (Gemini's SDK reads two), the first one named in messages.
   */
  readonly env: { readonly apiKeys: readonly [string, ...string[]]; readonly baseUrl: string }
  /**
   * Batches run from uploaded files, which `delete-remote-files` deletes once published. Anthropic's
   * requests go inline: there is nothing to delete, and its batches are kept (docs/providers.md#anthropic).
   */
  readonly files: boolean
  /** Whose prices `@pydantic/genai-prices` gives when it does not know the base URL (a proxy, a test's fake). */
  readonly prices: 'openai' | 'anthropic' | 'google'
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
  lines: 'openai',
  auth: 'bearer',
  expiry: { min: 3_600, max: 30 * DAY },
  waitsForProcessing: false,
  batchUrl: openaiBatchUrl,
  keepsMetadata: true,
  env: { apiKeys: ['OPENAI_API_KEY'], baseUrl: 'OPENAI_BASE_URL' },
  files: true,
  prices: 'openai'
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
  lines: 'openai',
  auth: 'api-key',
  expiry: { min: 14 * DAY, max: 30 * DAY },
  waitsForProcessing: true,
  batchUrl: undefined,
  keepsMetadata: true,
  // What the action read for Azure before #24; the AzureOpenAI SDK's own AZURE_OPENAI_* would be a change of its own.
  env: { apiKeys: ['OPENAI_API_KEY'], baseUrl: 'OPENAI_BASE_URL' },
  files: true,
  prices: 'openai'
}

/**
 * https://docs.anthropic.com/en/docs/build-with-claude/batch-processing: 100,000 requests or
 * 256 MB a batch, results within 24 hours, no upload (the requests go inline in the create's
 * body), no metadata. 256 MB is read as 256,000,000 bytes, the smaller reading, and 6,000,000
 * of it kept as a margin, as max-batch-bytes keeps one under OpenAI's 200 MB: the body wraps the
 * lines in `{"requests":[...]}` and an adapter that re-encodes a line may grow it. The 12
 * characters of the tag each custom_id is sent with (remote/tags.ts) are counted line by line by
 * the check (requests/validate.ts), not here.
 */
const ANTHROPIC: Provider = {
  kind: 'anthropic',
  label: 'Anthropic',
  maxRequests: 100_000,
  maxBytes: 250 * 1000 * 1000,
  windows: ['24h'],
  endpoints: ['/v1/messages'],
  lines: 'anthropic',
  auth: 'x-api-key',
  expiry: undefined,
  waitsForProcessing: false,
  // Anthropic documents no console page for one batch: the links seen in the wild
  // (console.anthropic.com/workspaces/default/batches) list a workspace's batches, and guess its name.
  batchUrl: undefined,
  // Message Batches carry no metadata and no name: the action tags the custom_ids it sends instead (remote/tags.ts).
  keepsMetadata: false,
  env: { apiKeys: ['ANTHROPIC_API_KEY'], baseUrl: 'ANTHROPIC_BASE_URL' },
  files: false,
  prices: 'anthropic'
}

/**
 * https://ai.google.dev/gemini-api/docs/batch-mode ("Technical details"): an input file of at most
 * 2 GB, 20 GB of files a project, results within 24 hours; the rate-limits page caps each model's
 * enqueued batch tokens by usage tier, and Google says large jobs are slow to start. A 2 GB part would
 * wait on those queues (or be refused by them) long before it ran, so a part is kept to what OpenAI
 * takes, 200,000,000 bytes and 100,000 requests: parts that start sooner, merged back in input order,
 * and limits max-batch-bytes and max-requests-per-batch lower for a small tier. Google documents no
 * count of requests a batch; 100,000 bounds a part's results file as OpenAI's does.
 */
const GEMINI: Provider = {
  kind: 'gemini',
  label: 'Gemini',
  maxRequests: 100_000,
  maxBytes: BatchLimits.maxBytes,
  windows: ['24h'],
  // A line holds no url and the batch names its model: the endpoint input is refused (provider-inputs.ts).
  endpoints: [],
  lines: 'gemini',
  auth: 'x-goog-api-key',
  expiry: undefined,
  waitsForProcessing: false,
  // AI Studio documents no page for one batch.
  batchUrl: undefined,
  // Batches carry a displayName, not metadata: the adapter writes the action's tag there.
  keepsMetadata: false,
  // @google/genai reads GEMINI_API_KEY first, then GOOGLE_API_KEY; GOOGLE_GEMINI_BASE_URL for the base URL.
  env: { apiKeys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], baseUrl: 'GOOGLE_GEMINI_BASE_URL' },
  files: true,
  prices: 'google'
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

const OWN: Readonly<Record<Exclude<ProviderKind, 'compatible'>, Provider>> = {
  openai: OPENAI,
  azure: AZURE,
  anthropic: ANTHROPIC,
  gemini: GEMINI
}

const AZURE_HOSTS = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i

const KINDS: readonly string[] = ['openai', 'azure', 'compatible', 'anthropic', 'gemini'] satisfies ProviderKind[]

/**
 * The provider `input` names; when it is empty, by the base URL's host: Azure's hosts,
 * api.anthropic.com, generativelanguage.googleapis.com, else OpenAI or a compatible one.
 */
export function providerKind(input: string, baseUrl: string | undefined): ProviderKind {
  if (KINDS.includes(input)) return input as ProviderKind
  if (!baseUrl) return 'openai'
  const host = new URL(baseUrl).hostname
  if (AZURE_HOSTS.test(host)) return 'azure'
  if (host === 'api.anthropic.com') return 'anthropic'
  if (host === 'generativelanguage.googleapis.com') return 'gemini'
  return host === 'api.openai.com' ? 'openai' : 'compatible'
}

/**
 * The provider of `kind` at `baseUrl`: a compatible one has OpenAI's facts unless inputs or a known host differ.
 * `own.maxRequests` (the max-requests-per-batch input) lowers a known provider's limit, never raises it
 * (settings refuse a value above it: `maxRequestsProblem`); it replaces a compatible API's, which the action cannot know.
 */
export function providerFacts(
  kind: ProviderKind,
  baseUrl: string | undefined,
  own: { maxRequests?: number } = {}
): Provider {
  if (kind !== 'compatible') {
    const p = OWN[kind]
    return own.maxRequests && own.maxRequests < p.maxRequests ? { ...p, maxRequests: own.maxRequests } : p
  }
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

/** Why `maxRequests` (the max-requests-per-batch input) cannot be used with `p`, or undefined when it can. */
export function maxRequestsProblem(p: Provider, maxRequests: number | undefined): string | undefined {
  if (maxRequests === undefined || p.kind === 'compatible' || maxRequests <= p.maxRequests) return undefined
  return (
    `${p.label} takes at most ${count(p.maxRequests)} requests a batch; got ${count(maxRequests)}. ` +
    `Leave it empty for ${p.label}'s own limit, or give a smaller number: a bigger file is submitted in parts.`
  )
}

/** Why `window` cannot be used with `p`, or undefined when it can. */
export function windowProblem(p: Provider, window: string): string | undefined {
  if (p.windows ? p.windows.includes(window) : /^\d+[hd]$/.test(window)) return undefined
  const allowed = p.windows ? p.windows.join(', ') : 'a duration such as 24h or 7d'
  return `${p.label} takes a completion-window of ${allowed}; got '${window}'.`
}
