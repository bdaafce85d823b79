import { ApiError, errorMessage } from '../core/errors'

/**
 * The wording shared by the REST providers (Anthropic, Gemini): lost
 * connections, and answers that are not JSON. Each provider names itself;
 * its refusals (statuses, hints) stay in its own errors file.
 */

/**
 * `what` got no answer from `origin` of `api` ("the Anthropic API").
 * `unreachable` (the run stops) after the retries of a read, or when the host
 * refused the connection; a create whose connection broke after its body went
 * may have been applied, and is looked for.
 */
export function lostConnection(api: string, what: string, origin: string, e: unknown, unreachable: boolean): ApiError {
  const why = connectionMessage(e)
  const text = unreachable
    ? `${what}: could not reach ${api} at ${origin} (${why}). Check base-url and the runner's network.`
    : `${what}: the connection to ${origin} broke before the answer came (${why}).`
  return new ApiError(text, { retryable: true, unreachable })
}

/** Codes of a connection that was never made: nothing was sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/** Whether `e` (fetch's TypeError, with undici's error as its cause) says no connection was made. */
export function neverConnected(e: unknown): boolean {
  const code = (cause(e) as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && NOT_CONNECTED.has(code)
}

function cause(e: unknown): unknown {
  return e instanceof Error && e.cause !== undefined ? e.cause : e
}

/** "fetch failed" says nothing: the cause's message does. */
function connectionMessage(e: unknown): string {
  const c = cause(e)
  const code = (c as { code?: unknown }).code
  const message = c instanceof Error ? c.message : String(c)
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}

/**
 * The JSON of a 2xx answer from `who` ("Anthropic's"), or a retryable
 * ApiError when it is not JSON (a proxy's page, a cut body).
 */
export async function jsonFrom<T>(who: string, what: string, res: Response): Promise<T> {
  let text: string
  try {
    text = await res.text()
  } catch (e) {
    throw new ApiError(`${what}: the answer broke off (${errorMessage(e)}).`, { status: res.status, retryable: true })
  }
  return parseJsonFrom<T>(who, what, text)
}

export function parseJsonFrom<T>(who: string, what: string, text: string): T {
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(`${what}: ${who} answer was not JSON (${text.slice(0, 200)}).`, { retryable: true })
  }
}
