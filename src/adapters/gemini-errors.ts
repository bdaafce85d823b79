import { ApiError } from '../core/errors'
import { lostConnection } from './rest-errors'

/** The Gemini API's answers and lost connections as `ApiError`s worded so the user knows what to change. */

/** Statuses worth asking again: timeouts, RESOURCE_EXHAUSTED (429) and Google's own failures. */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])

export const isRetryableStatus = (status: number): boolean => RETRYABLE.has(status)

/** Google's error body: `{error: {code, message, status, details}}`. */
export interface GoogleError {
  readonly code?: number
  readonly message?: string
  readonly status?: string
  readonly details?: readonly { '@type'?: string; reason?: string; retryDelay?: string }[]
}

export function googleError(body: string): GoogleError | undefined {
  try {
    const e = (JSON.parse(body) as { error?: unknown }).error
    return e && typeof e === 'object' ? (e as GoogleError) : undefined
  } catch {
    // not JSON: a proxy's page, say
    return undefined
  }
}

/** The RetryInfo detail's `retryDelay` ("1s", "0.5s"), in milliseconds. */
export function retryDelayMs(body: string): number | undefined {
  const delay = googleError(body)?.details?.find(d => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay
  const m = /^(\d+(?:\.\d+)?)s$/.exec(delay ?? '')
  return m ? Number(m[1]) * 1000 : undefined
}

const KEY_HINT =
  ' Google refused the API key: check the secret passed as the api-key input' +
  ' (or GEMINI_API_KEY, then GOOGLE_API_KEY, when api-key is not set).'

/** What the user can do about each refusal, each with the space that parts it from the message. */
const HINTS: Record<number, string> = {
  403:
    ' The key may not use the Gemini API here: check that the Generative Language API is enabled for its' +
    ' project and that the key is not restricted to other APIs (console.cloud.google.com, Credentials).',
  429: ' RESOURCE_EXHAUSTED: a rate limit or the batch quota; the next run goes on from here.',
  503: ' UNAVAILABLE: the Gemini API is overloaded or down; the next run goes on from here.'
}

/**
 * `what` was answered `status`; `body` is the answer's text. Google answers a
 * bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID: that is worded
 * and given status 401, so that it stops the run (core/errors.ts stopsRun)
 * instead of failing every file in turn. A File that does not exist (or is
 * another project's) is answered 403 "may not exist": given 404, as what it
 * is, since a 403 stops the run.
 */
export function refused(what: string, status: number, body: string, notFound?: string): ApiError {
  const e = googleError(body)
  const detail = e?.message ? (e.status ? `${e.status}: ${e.message}` : e.message) : body.slice(0, 200) || 'no message'
  if (status === 400 && e?.details?.some(d => d.reason === 'API_KEY_INVALID'))
    return new ApiError(`${what}: Gemini answered 400 (${detail}).${KEY_HINT}`, { status: 401, retryable: false })
  if (status === 401)
    return new ApiError(`${what}: Gemini answered 401 (${detail}).${KEY_HINT}`, { status, retryable: false })
  if (status === 404 || (status === 403 && /may not exist/i.test(e?.message ?? '')))
    return new ApiError(`${what}: Gemini answered ${status} (${detail}). Not found: ${notFound ?? 'check base-url'}.`, {
      status: 404,
      retryable: false
    })
  return new ApiError(`${what}: Gemini answered ${status} (${detail}).${HINTS[status] ?? ''}`, {
    status,
    retryable: isRetryableStatus(status)
  })
}

/**
 * `what` got no answer from `origin`. `unreachable` (the run stops) after the
 * retries of a read, or when the host refused the connection; a create whose
 * connection broke after its body went may have been applied, and is looked for.
 */
export function lost(what: string, origin: string, e: unknown, unreachable: boolean): ApiError {
  return lostConnection('the Gemini API', what, origin, e, unreachable)
}
