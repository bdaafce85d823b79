/**
 * What a request line and a result line say, in each provider's own shape:
 * OpenAI's `{custom_id, response: {status_code, body}, error}` and
 * Anthropic's `{custom_id, result: {type, message | error}}`. A line says
 * whose it is by its fields, so a results file reads the same whichever
 * provider wrote it; nothing else looks inside them.
 */

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** The body of a request line: OpenAI's `body`, Anthropic's `params`. */
export const requestBody = (request: Obj | undefined): Obj | undefined => obj(request?.body) ?? obj(request?.params)

/** Anthropic's result of a line, when it is one of theirs. */
const anthropicResult = (line: Obj | undefined): Obj | undefined => {
  const result = obj(line?.result)
  return typeof result?.type === 'string' ? result : undefined
}

/** The response body of a result line: OpenAI's `response.body`, Anthropic's succeeded `message`. */
export function responseBody(line: Obj | undefined): Obj | undefined {
  const result = anthropicResult(line)
  if (result) return obj(result.message)
  return obj(obj(line?.response)?.body)
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
