import { backoffMs } from '../core/backoff'
import { ApiError, errorMessage } from '../core/errors'
import type { Clock } from '../ports/clock'
import { isRetryableStatus, lost, neverConnected, refused, retryDelayMs } from './gemini-errors'

/**
 * Every call to the Gemini API: its headers, its errors worded, and the one
 * retry layer of reads (creates are retried by phases/once.ts, which looks for
 * a lost one first).
 */

/**
 * The API version called. Not v1, the default of @google/genai 3.x: the REST
 * reference (ai.google.dev/api/batch-mode) documents Batch Mode on v1beta
 * only, and vercel/ai's batch client calls v1beta too.
 */
export const GEMINI_API_VERSION = 'v1beta'

/** Retries of a read after its first try. */
export const MAX_RETRIES = 4
/** The longest wait a `retry-after` header or a RetryInfo can ask for, in milliseconds. */
const MAX_RETRY_AFTER_MS = 60_000
/** A call whose answer does not begin in this long is given up (and a read retried). */
export const TIMEOUT_MS = 10 * 60 * 1000

export interface HttpOptions {
  readonly apiKey: string
  readonly baseUrl: string
  /** Waits between tries of a read. */
  readonly clock: Clock
  /** What calls go through (proxiedFetch in the action). */
  readonly fetch: typeof fetch
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE'
  /** A JSON body, sent as is. */
  readonly body?: string
  /** More headers (the resumable upload's). */
  readonly headers?: Readonly<Record<string, string>>
  /** What a 404 means here ("no batch batches/…"). */
  readonly notFound?: string
  readonly signal?: AbortSignal
}

export interface GeminiHttp {
  /** The origin calls go to, the only one the key is sent to. */
  readonly origin: string
  /** `path` under the base URL and the API version (`/batches`); `prefix` for `/upload` and `/download`. */
  url(path: string, prefix?: '' | '/upload' | '/download'): string
  /** The headers of a call to `url`: the key only on the base URL's origin. */
  headers(url: string, more?: Readonly<Record<string, string>>): Record<string, string>
  /** The answer (a 2xx; its body not read yet), or an ApiError: retried on 408/429/5xx and lost connections. */
  call(what: string, url: string, opts: CallOptions): Promise<Response>
  /** One try, never retried: a create. A lost answer or 5xx is a retryable ApiError for the caller to look. */
  once(what: string, url: string, opts: CallOptions): Promise<Response>
}

export function geminiHttp({ apiKey, baseUrl, clock, fetch }: HttpOptions): GeminiHttp {
  // A base URL copied with its version (…/v1beta) still works.
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '')
  const origin = new URL(base).origin
  const headers = (url: string, more: Readonly<Record<string, string>> = {}): Record<string, string> => ({
    ...(new URL(url).origin === origin ? { 'x-goog-api-key': apiKey } : {}),
    accept: 'application/json',
    'user-agent': 'openai-batch-action',
    ...more
  })
  const send = (url: string, opts: CallOptions): Promise<Response> =>
    timed(opts.signal, signal =>
      fetch(url, {
        method: opts.method ?? 'GET',
        headers: headers(
          url,
          opts.body === undefined ? opts.headers : { 'content-type': 'application/json', ...opts.headers }
        ),
        body: opts.body,
        redirect: 'manual',
        signal
      })
    )
  /**
   * Redirects followed here, not by fetch: fetch drops only `authorization`
   * on the way to another origin, and would take x-goog-api-key along.
   */
  const follow = async (url: string, opts: CallOptions): Promise<Response> => {
    let res = await send(url, opts)
    for (let hops = 0; REDIRECTS.has(res.status) && hops < MAX_REDIRECTS; hops++) {
      const location = res.headers.get('location')
      if (!location) break
      await res.body?.cancel()
      const next = res.status === 303 ? { ...opts, method: 'GET' as const, body: undefined } : opts
      res = await send(new URL(location, url).href, next)
    }
    return res
  }
  return {
    origin,
    url: (path, prefix = '') => `${base}${prefix}/${GEMINI_API_VERSION}${path}`,
    headers,
    async call(what, url, opts) {
      for (let n = 0; ; n++) {
        const last = n >= MAX_RETRIES
        let res: Response
        try {
          res = await follow(url, opts)
        } catch (e) {
          if (opts.signal?.aborted) throw e
          if (last) throw lost(what, new URL(url).origin, e, true)
          await clock.sleep(backoffMs(n))
          continue
        }
        if (res.ok) return res
        const text = await res.text().catch(() => '')
        if (last || !isRetryableStatus(res.status)) throw refused(what, res.status, text, opts.notFound)
        await clock.sleep(waitMs(res.headers.get('retry-after'), text) ?? backoffMs(n))
      }
    },
    async once(what, url, opts) {
      let res: Response
      try {
        res = await follow(url, opts)
      } catch (e) {
        throw lost(what, origin, e, neverConnected(e))
      }
      if (res.ok) return res
      throw refused(what, res.status, await res.text().catch(() => ''), opts.notFound)
    }
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

/**
 * `call` with a signal that aborts it when no answer (headers) came in
 * TIMEOUT_MS, or when `outer` aborts; the body may take longer: a responses
 * file of a gigabyte streams for minutes.
 */
async function timed<T>(outer: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS)
  try {
    return await call(outer ? AbortSignal.any([outer, timeout.signal]) : timeout.signal)
  } finally {
    clearTimeout(timer)
  }
}

/** The wait a `retry-after` of seconds or Google's RetryInfo asks for, capped; undefined when neither says. */
export function waitMs(retryAfter: string | null, body: string): number | undefined {
  const header = retryAfter !== null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined
  const ms = header ?? retryDelayMs(body)
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS)
}

/** The JSON of a 2xx answer, or a retryable ApiError when it is not JSON (a proxy's page, a cut body). */
export async function json<T>(what: string, res: Response): Promise<T> {
  let text: string
  try {
    text = await res.text()
  } catch (e) {
    throw new ApiError(`${what}: the answer broke off (${errorMessage(e)}).`, { status: res.status, retryable: true })
  }
  return parseJson<T>(what, text)
}

export function parseJson<T>(what: string, text: string): T {
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(`${what}: Gemini's answer was not JSON (${text.slice(0, 200)}).`, { retryable: true })
  }
}
