/**
 * The shapes and rules of Azure OpenAI's Files and Batches API that FakeAzure
 * (azure.ts) checks requests against and answers in, each from Microsoft's own
 * documents (MicrosoftDocs/azure-ai-docs, Azure/azure-rest-api-specs), named
 * where used:
 *   [how-to]    articles/ai-foundry/openai/how-to/batch.md
 *   [rest]      articles/ai-foundry/openai/includes/batch/batch-rest.md
 *   [python]    articles/ai-foundry/openai/includes/batch/batch-python.md
 *   [limits]    articles/ai-foundry/openai/includes/global-batch-limits.md
 *   [spec]      specification/cognitiveservices/data-plane/AzureOpenAI/authoring/stable/2024-10-21/azureopenai.json
 *   [latest]    articles/ai-foundry/openai/latest.md (the v1 REST reference: Create file, AzureErrorResponse)
 *   [lifecycle] articles/ai-foundry/openai/api-version-lifecycle.md
 * Where Microsoft documents no answer, the fake gives what Azure is seen to
 * give (named at each place), or a plausible one, said so.
 */
import type { FakeBatch, FakeFile } from './openai-shapes'

export type Style = 'v1' | 'classic'

/** [rest], [python]: the endpoints a batch is created with; Azure's samples write them without `/v1`. */
export const ENDPOINTS: readonly string[] = [
  '/chat/completions',
  '/v1/chat/completions',
  '/responses',
  '/v1/responses',
  '/embeddings',
  '/v1/embeddings'
]

/** The inner FakeOpenAI knows only OpenAI's `/v1/...` endpoints (its ENDPOINTS come from OpenAI's spec). */
export const innerEndpoint = (endpoint: string): string => (endpoint.startsWith('/v1/') ? endpoint : `/v1${endpoint}`)
const sameUrl = (a: string, b: string): boolean => innerEndpoint(a) === innerEndpoint(b)

/** [rest]: "You can set to a number between 1209600-2592000. This is equivalent to 14-30 days." (uploads and outputs alike). */
export const EXPIRY = { min: 1_209_600, max: 2_592_000 } as const

/** [limits]: "Maximum input file size | 200 MB" (decimal, as the action's own BatchLimits.maxBytes counts it). */
export const MAX_FILE_BYTES = 200 * 1000 * 1000

/**
 * [lifecycle]: batches came with 2024-07-01-preview. [spec]: 2024-10-21 (the GA
 * version) has no `expires_after` on Files_Upload nor `output_expires_after` on
 * BatchCreateRequest; [python] first uses them with 2025-03-01-preview.
 */
export const CLASSIC = { firstBatchVersion: '2024-07-01', firstExpiryVersion: '2025-03-01' } as const
const VERSION = /^(\d{4}-\d{2}-\d{2})(-preview)?$/
/** The date part of a classic api-version, or undefined when it is not one. */
export const versionDate = (v: string): string | undefined => VERSION.exec(v)?.[1]

/**
 * [rest] shows `"status": "Validating"` in its create and get answers, and [how-to]
 * says "A job is successful when `status` is `Completed`" (and filters on
 * `status eq 'Completed'`). The other forms are not shown anywhere: they are
 * capitalised the same way (PascalCase, as those two are), so `InProgress`
 * for in_progress is this fake's guess. The status tables list the lowercase
 * forms, and [python]'s outputs print them: a client must read both.
 */
export const STATUS: Record<string, string> = {
  validating: 'Validating',
  failed: 'Failed',
  in_progress: 'InProgress',
  finalizing: 'Finalizing',
  completed: 'Completed',
  expired: 'Expired',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled'
}

/** [rest]'s sample answers: `"created_at": "2024-07-19T17:13:57.2491382+00:00"` (seven fraction digits, an offset). */
export function azureTime(unix: number | null): string | null {
  if (unix === null) return null
  const iso = new Date(unix * 1000).toISOString()
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000+00:00`
}

/** A request Azure refuses: its status, the body it answers with, and what was wrong with the request (if it was the client's doing). */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly problem?: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(problem ?? JSON.stringify(body))
  }
}

/**
 * An error in the style's documented shape. [spec] ErrorResponse: `{error: {code,
 * message, target?, details?, innererror?}}` with `code` from its ErrorCode enum
 * (invalidPayload, notFound, unexpectedEntityState, ...). [latest] AzureErrorResponse:
 * `{error: {code, message, param, type: 'error', inner_error}}`.
 */
export function azureError(
  style: Style,
  status: number,
  message: string,
  code?: string | null,
  param?: string | null
): unknown {
  const classicCode: Record<number, string> = {
    400: 'invalidPayload',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'notFound',
    409: 'conflict',
    429: 'tooManyRequests',
    503: 'serviceUnavailable'
  }
  if (style === 'classic') return { error: { code: classicCode[status] ?? 'internalFailure', message } }
  return { error: { code: code ?? String(status), message, param: param ?? null, type: 'error', inner_error: null } }
}

export const invalid = (style: Style, message: string, param?: string): Refusal =>
  new Refusal(400, azureError(style, 400, message, 'invalid_request', param), message)

/** An error of the inner FakeOpenAI (OpenAI's `{error: {message, code, param}}`) in Azure's shape. */
export function innerError(style: Style, status: number, text: string): unknown {
  let error: { message?: string; code?: string | null; param?: string | null }
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {}
  } catch {
    error = { message: text }
  }
  return azureError(style, status, error.message ?? `Status ${status}`, error.code, error.param)
}

/** An upload's expiry in seconds, or undefined: [rest] writes `expires_after.seconds`, the SDKs `expires_after[seconds]`. */
export function formExpiry(style: Style, form: FormData): number | undefined {
  const field = (k: string) => form.get(`expires_after.${k}`) ?? form.get(`expires_after[${k}]`)
  const seconds = field('seconds')
  const anchor = field('anchor')
  if (seconds === null && anchor === null) return undefined
  const n = Number(seconds)
  if (anchor !== 'created_at' || !Number.isInteger(n) || n < EXPIRY.min || n > EXPIRY.max)
    throw invalid(
      style,
      `expires_after: anchor must be created_at and seconds between ${EXPIRY.min} and ${EXPIRY.max}.`,
      'expires_after'
    )
  return n
}

/** [spec] BatchCreateRequest (input_file_id, endpoint, completion_window, metadata) and [rest]'s output_expires_after. */
export function checkCreateBatch(style: Style, body: Record<string, unknown>): void {
  for (const k of ['input_file_id', 'endpoint', 'completion_window'])
    if (typeof body[k] !== 'string' || body[k] === '') throw invalid(style, `Missing required parameter: '${k}'.`, k)
  const known = new Set(['input_file_id', 'endpoint', 'completion_window', 'metadata', 'output_expires_after'])
  for (const k of Object.keys(body))
    if (!known.has(k)) throw invalid(style, `Unrecognized request argument supplied: ${k}`, k)
  if (!ENDPOINTS.includes(body.endpoint as string))
    throw invalid(style, `endpoint must be one of ${ENDPOINTS.join(', ')}.`, 'endpoint')
  const metadata = body.metadata as Record<string, unknown> | null | undefined
  if (metadata != null && (typeof metadata !== 'object' || Object.values(metadata).some(v => typeof v !== 'string')))
    throw invalid(style, 'metadata must map keys to strings.', 'metadata')
  const out = body.output_expires_after as { seconds?: unknown; anchor?: unknown } | undefined
  if (out === undefined) return
  const s = out?.seconds
  if (out?.anchor !== 'created_at' || typeof s !== 'number' || !Number.isInteger(s) || s < EXPIRY.min || s > EXPIRY.max)
    throw invalid(
      style,
      `output_expires_after: anchor must be created_at and seconds between ${EXPIRY.min} and ${EXPIRY.max}.`,
      'output_expires_after'
    )
}

/**
 * Azure's gateway answers, the same in both styles. A missing api-version on a
 * classic path: 404 "Resource not found" (MicrosoftDocs/azure-docs#114602, and
 * every client that forgot it). A wrong or missing api-key: 401 "Access denied
 * due to invalid subscription key ...". A Bearer that is no Entra token: 401
 * "Unauthorized. Access token is missing, invalid, ..." ([how-to] documents
 * neither; these are the answers Azure is seen to give).
 */
export const GATEWAY = {
  notFound: { error: { code: '404', message: 'Resource not found' } },
  badKey: {
    error: {
      code: '401',
      message:
        'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'
    }
  },
  badToken: {
    error: {
      code: 'PermissionDenied',
      message:
        'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'
    }
  },
  badVersion: { error: { code: 'BadRequest', message: 'API version not supported' } }
} as const

/** [spec] File (FileState: pending, processed, ...), timestamps in unix seconds as in every sample. */
export function azureFile(f: Omit<FakeFile, 'content'>, pending: boolean): Record<string, unknown> {
  const { contentPath: _path, ...rest } = f as Omit<FakeFile, 'content'> & { contentPath?: string }
  return { ...rest, status: pending ? 'pending' : 'processed' }
}

/**
 * A batch as Azure shows it. [rest]: status capitalised, every `*_at` an ISO 8601
 * string, `request_counts` all null while validating. [how-to] Batch object:
 * no `usage` and no `model` (it lists neither). `endpoint` and
 * `completion_window` as the client sent them.
 */
export function azureBatch(
  b: FakeBatch,
  sent: { endpoint: string; completion_window: string } | undefined
): Record<string, unknown> {
  const { usage: _usage, model: _model, ...rest } = b
  const out: Record<string, unknown> = { ...rest, status: STATUS[b.status] ?? b.status }
  for (const k of Object.keys(out)) if (k.endsWith('_at')) out[k] = azureTime(out[k] as number | null)
  if (b.status === 'validating') out.request_counts = { total: null, completed: null, failed: null }
  if (sent) Object.assign(out, sent)
  return out
}

export interface LineError {
  code: string
  message: string
  line: number | null
}

/**
 * What Azure's validation makes of an input file, by [how-to] "Error codes" and
 * "Known issues": the first error, or undefined when the batch may run.
 */
export function validateLines(content: Buffer, endpoint: string, maxRequests: number): LineError | undefined {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf)
    // [how-to] Known issues: a UTF-8-BOM file "will currently return the generic error message" (its code is not documented).
    return {
      code: 'model_not_found',
      message:
        "Validation failed: A valid model deployment name couldn't be extracted from the input file. Please ensure that each row in the input file has a valid deployment name specified in the 'model' field, and that the deployment name is consistent across all rows.",
      line: null
    }
  const lines = content.toString('utf8').split('\n')
  const rows = lines.map((text, i) => ({ text, line: i + 1 })).filter(r => r.text.trim() !== '')
  // [how-to] Troubleshooting sample: code empty_file (its table says empty_batch, with another code's text).
  if (rows.length === 0)
    return {
      code: 'empty_file',
      message: 'The input file is empty. Please ensure that the batch contains at least one request.',
      line: null
    }
  if (rows.length > maxRequests)
    return {
      code: 'too_many_tasks',
      message: `The number of requests in the input file exceeds the maximum allowed value of ${maxRequests.toLocaleString('en-US')}.`,
      line: null
    }
  const ids = new Set<string>()
  let model: string | undefined
  for (const { text, line } of rows) {
    let row: { custom_id?: unknown; method?: unknown; url?: unknown; body?: { model?: unknown } }
    try {
      row = JSON.parse(text)
    } catch {
      return {
        code: 'invalid_json_line',
        message: `Line ${line} of the input file wasn't able to be parsed as valid json.`,
        line
      }
    }
    if (typeof row.custom_id !== 'string' || row.method !== 'POST' || typeof row.url !== 'string')
      return { code: 'invalid_request', message: `The schema of input line ${line} is invalid.`, line }
    if (ids.has(row.custom_id))
      return {
        code: 'duplicate_custom_id',
        message: `The custom ID '${row.custom_id}' is a duplicate of the custom ID in another request.`,
        line
      }
    ids.add(row.custom_id)
    if (!sameUrl(row.url, endpoint))
      return {
        code: 'url_mismatch',
        message: `The URL '${row.url}' of line ${line} doesn't match the endpoint '${endpoint}'.`,
        line
      }
    const m = row.body?.model
    if (typeof m !== 'string' || m === '')
      return {
        code: 'model_not_found',
        message: `Line ${line} names no model deployment in its 'model' property.`,
        line
      }
    model ??= m
    // [rest] "The same Global Batch model deployment name must be present on each line of the batch file."
    if (m !== model)
      return {
        code: 'model_mismatch',
        message: `The model deployment '${m}' of line ${line} doesn't match the rest of the file ('${model}').`,
        line
      }
  }
  return undefined
}
