/**
 * What a request line and a result line say, in each provider's own shape:
 * OpenAI's `{custom_id, response: {status_code, body}, error}`,
 * Anthropic's `{custom_id, result: {type, message | error}}` and Gemini's
 * `{key, response}` or `{key, error: {code, message, status}}`. A line says
 * whose it is by its fields, so a results file reads the same whichever
 * provider wrote it; nothing else looks inside them.
 */

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** A Gemini line (request or result): it is joined on `key`, and holds no custom_id. */
const geminiLine = (line: Obj | undefined): Obj | undefined =>
  line !== undefined && typeof line.key === 'string' && !('custom_id' in line) ? line : undefined

/** The id a line is joined on: OpenAI's and Anthropic's `custom_id`, Gemini's `key`. */
export const lineId = (line: Obj | undefined): string | undefined => str(line?.custom_id) ?? str(geminiLine(line)?.key)

/** The body of a request line: OpenAI's `body`, Anthropic's `params`, Gemini's `request`. */
export const requestBody = (request: Obj | undefined): Obj | undefined =>
  obj(request?.body) ?? obj(request?.params) ?? obj(geminiLine(request)?.request)

/** Anthropic's result of a line, when it is one of theirs. */
const anthropicResult = (line: Obj | undefined): Obj | undefined => {
  const result = obj(line?.result)
  return typeof result?.type === 'string' ? result : undefined
}

/**
 * The response body of a result line: OpenAI's `response.body`, Anthropic's succeeded `message`,
 * Gemini's `response` (a GenerateContentResponse, also when blocked: its usage still counts).
 */
export function responseBody(line: Obj | undefined): Obj | undefined {
  const result = anthropicResult(line)
  if (result) return obj(result.message)
  const gemini = geminiLine(line)
  if (gemini) return obj(gemini.response)
  return obj(obj(line?.response)?.body)
}

/** A response body's usage: OpenAI's and Anthropic's `usage`, Gemini's `usageMetadata` (cost/usage.ts reads either). */
export const responseUsage = (body: Obj | undefined): Obj | undefined => obj(body?.usage) ?? obj(body?.usageMetadata)

/** The model a response body names: `model`, Gemini's `modelVersion`. */
export const responseModel = (body: Obj | undefined): string | undefined => str(body?.model) ?? str(body?.modelVersion)

/**
 * Gemini's error statuses that may pass when sent again (google.rpc.Code): unavailable, out of
 * quota, failing, timed out. A line's `error.code` is the gRPC code, not an HTTP status: the status is read.
 */
const GEMINI_RETRYABLE: ReadonlySet<string> = new Set([
  'UNAVAILABLE',
  'RESOURCE_EXHAUSTED',
  'INTERNAL',
  'DEADLINE_EXCEEDED'
])

/** Why a Gemini result line did not succeed, or undefined when it did (or is not Gemini's). */
export function geminiFailure(line: Obj | undefined): string | undefined {
  const gemini = geminiLine(line)
  if (!gemini) return undefined
  const error = obj(gemini.error)
  if (error) return [str(error.status), str(error.message)].filter(Boolean).join(': ') || 'error'
  const response = obj(gemini.response)
  if (!response) return 'no response'
  const candidates = response.candidates
  if (Array.isArray(candidates) && candidates.length > 0) return undefined
  // A prompt blocked before any answer: promptFeedback says why.
  const reason = str(obj(response.promptFeedback)?.blockReason)
  return reason ? `blocked: ${reason}` : 'no candidates'
}

/**
 * Whether a result line holds an answer: the split of a provider's output into results and
 * errors. Gemini's responses with no candidates (a blocked prompt) are failures.
 */
export function isSucceededLine(line: Obj | undefined): boolean {
  if (!line) return false
  const result = anthropicResult(line)
  if (result) return result.type === 'succeeded'
  if (geminiLine(line)) return geminiFailure(line) === undefined
  const status = obj(line.response)?.status_code
  return (line.error === undefined || line.error === null) && typeof status === 'number' && status < 400
}

/**
 * Errors of Anthropic's that may pass when sent again
 * (platform.claude.com/docs/en/api/errors): overloaded, internal, rate-limited, timed out.
 */
const ANTHROPIC_RETRYABLE: ReadonlySet<string> = new Set([
  'overloaded_error',
  'api_error',
  'rate_limit_error',
  'timeout_error'
])

/** OpenAI's error codes of lines that may succeed when sent again. */
const OPENAI_RETRYABLE: ReadonlySet<string> = new Set(['batch_expired', 'request_timeout'])

/** The type of an Anthropic errored result's error (`result.error.error.type`). */
const anthropicErrorType = (result: Obj): string | undefined => str(obj(obj(result.error)?.error)?.type)

/**
 * Whether a result line failed for a reason that may pass on a retry: expiry,
 * a timeout, an overloaded or failing API (OpenAI: 429 or 5xx).
 */
export function isRetryableLine(line: Obj | undefined): boolean {
  const gemini = geminiLine(line)
  if (gemini) {
    const status = str(obj(gemini.error)?.status)
    return status !== undefined && GEMINI_RETRYABLE.has(status)
  }
  const result = anthropicResult(line)
  if (result) {
    if (result.type === 'expired') return true
    const type = result.type === 'errored' ? anthropicErrorType(result) : undefined
    return type !== undefined && ANTHROPIC_RETRYABLE.has(type)
  }
  const error = obj(line?.error)
  if (typeof error?.code === 'string' && OPENAI_RETRYABLE.has(error.code)) return true
  const status = obj(line?.response)?.status_code
  return typeof status === 'number' && (status === 429 || status >= 500)
}

/** Why an Anthropic result line did not succeed, or undefined when it did (or is not Anthropic's). */
export function anthropicFailure(line: Obj | undefined): string | undefined {
  const result = anthropicResult(line)
  if (!result || result.type === 'succeeded') return undefined
  if (result.type !== 'errored') return String(result.type)
  const error = obj(obj(result.error)?.error)
  return [str(error?.type), str(error?.message)].filter(Boolean).join(': ') || 'errored'
}
