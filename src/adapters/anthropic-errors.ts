import { ApiError } from '../core/errors'
import { lostConnection } from './rest-errors'

/** Anthropic's answers and lost connections as `ApiError`s worded so the user knows what to change. */

/**
 * Statuses worth asking again: rate limits, Anthropic's own failures and its
 * 529 "overloaded". 401 and 403 never are: a refused key stops the run in one call.
 */
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529])

export const isRetryableStatus = (status: number): boolean => RETRYABLE.has(status)

/** What the user can do about each refusal, each with the space that parts it from the message. */
const HINTS: Record<number, string> = {
  401:
    ' Anthropic refused the API key: check the secret passed as the api-key input' +
    ' (or ANTHROPIC_API_KEY when api-key is not set).',
  403:
    ' The key may not use Message Batches here: check its permissions and that it belongs to the workspace' +
    ' the batches are in (console.anthropic.com, Settings > Workspaces).',
  413: ' The request is too large: Anthropic takes at most 256 MB a batch; lower max-batch-bytes.',
  429: ' Rate limited: the next run goes on from here.',
  529: ' Anthropic is overloaded: the next run goes on from here.'
}

/** `what` was answered `status`; `body` is the answer's text, Anthropic's `{type: "error", error: {type, message}}`. */
export function refused(what: string, status: number, body: string, notFound?: string): ApiError {
  const detail = errorDetail(body)
  const hint =
    status === 404
      ? ` Not found: ${notFound ?? 'check base-url'}; the key may belong to another workspace.`
      : (HINTS[status] ?? '')
  return new ApiError(`${what}: Anthropic answered ${status} (${detail}).${hint}`, {
    status,
    retryable: isRetryableStatus(status)
  })
}

/** The API's own message in an error answer, else the start of the text. */
function errorDetail(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: { type?: unknown; message?: unknown } }
    const { type, message } = json.error ?? {}
    if (typeof message === 'string') return typeof type === 'string' ? `${type}: ${message}` : message
  } catch {
    // not JSON: a proxy's page, say
  }
  return body.slice(0, 200) || 'no message'
}

/**
 * `what` got no answer from `origin`. `unreachable` (the run stops) after the
 * retries of a read, or when the host refused the connection; a create whose
 * connection broke after its body went may have been applied, and is looked for.
 */
export function lost(what: string, origin: string, e: unknown, unreachable: boolean): ApiError {
  return lostConnection('the Anthropic API', what, origin, e, unreachable)
}
