import { backoffMs } from '../core/backoff'
import { ApiError, errorMessage } from '../core/errors'
import type { Clock } from '../ports/clock'
import { isRetryableStatus, lost, neverConnected, refused } from './anthropic-errors'
import { postStream } from './http'

/**
 * Every call to Anthropic: its headers, its errors worded, and the one retry
 * layer of reads (creates are retried by phases/once.ts, which looks for a
 * lost one first).
 */

/**
 * The API version sent. Not 2026-10-21, the one @anthropic-ai/sdk 1.10 sends:
 * Anthropic's migration guide says that version refuses request lines that set
 * `temperature`, `top_p` or `top_k`, which users' files often do; 2023-06-01
 * takes the lines as Anthropic documents them.
 */
export const ANTHROPIC_VERSION = '2023-06-01'

/** Retries of a read after its first try. */
export const MAX_RETRIES = 4
/** The longest wait a `retry-after` header can ask for, in seconds. */
const MAX_RETRY_AFTER_S = 60
/** A call whose answer does not begin in this long is given up (and a read retried). */
const TIMEOUT_MS = 10 * 60 * 1000

export interface HttpOptions {
  readonly apiKey: string
  readonly baseUrl: string
  /** Waits between tries of a read. */
  readonly clock: Clock
  /** What reads go through (proxiedFetch in the action); the create goes through http.ts postStream. */
  readonly fetch: typeof fetch
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST'
  /** What a 404 means here ("batch msgbatch_… not found"). */
  readonly notFound?: string
  readonly signal?: AbortSignal
}

export interface AnthropicHttp {
  /** The origin calls go to, the only one the key is sent to. */
  readonly origin: string
  /** `path` under the base URL (`/v1/...`). */
  url(path: string): string
  /**
   * The answer to `what` (a 2xx; its body not read yet), or an ApiError. `url`
   * is absolute; the key goes with it only when it is on the base URL's origin.
   */
  call(what: string, url: string, opts: CallOptions): Promise<Response>
  /**
   * One POST of a JSON body streamed as `body` yields it (chunked), never
   * retried; the answer's text, or an ApiError. A connection lost after the
   * body went may have made the batch: retryable, for the caller to look.
   */
  post(what: string, url: string, body: AsyncIterable<Buffer>): Promise<string>
}

export function anthropicHttp({ apiKey, baseUrl, clock, fetch }: HttpOptions): AnthropicHttp {
  // The SDK's base URL has no /v1 (its paths carry it); one copied with it still works.
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')
  const origin = new URL(base).origin
  // content-type on every call, as Anthropic's examples send it; the key only to the base URL's origin.
  const headers = (url: string): Record<string, string> => ({
    ...(new URL(url).origin === origin ? { 'x-api-key': apiKey } : {}),
    'anthropic-version': ANTHROPIC_VERSION,
    accept: 'application/json',
    'content-type': 'application/json',
    'user-agent': 'openai-batch-action'
  })
  const once = (url: string, opts: CallOptions): Promise<Response> =>
    timed(opts.signal, signal =>
      fetch(url, { method: opts.method ?? 'GET', headers: headers(url), redirect: 'manual', signal })
    )
  /**
   * Redirects followed here, not by fetch: fetch drops only `authorization`
   * on the way to another origin, and would take x-api-key along.
   */
  const follow = async (url: string, opts: CallOptions): Promise<Response> => {
    let res = await once(url, opts)
    for (let hops = 0; REDIRECTS.has(res.status) && hops < MAX_REDIRECTS; hops++) {
      const location = res.headers.get('location')
      if (!location) break
      await res.body?.cancel()
      res = await once(new URL(location, url).href, { ...opts, method: res.status === 303 ? 'GET' : opts.method })
    }
    return res
  }
  return {
    origin,
    url: path => `${base}${path}`,
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
        await clock.sleep(retryAfterMs(res.headers.get('retry-after')) ?? backoffMs(n))
      }
    },
    async post(what, url, body) {
      let answer: { status: number; text: string }
      try {
        answer = await postStream(url, headers(url), body, undefined, TIMEOUT_MS)
      } catch (e) {
        throw lost(what, origin, e, neverConnected(e))
      }
      if (answer.status < 200 || answer.status >= 300) throw refused(what, answer.status, answer.text)
      return answer.text
    }
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

/**
 * `call` with a signal that aborts it when no answer (headers) came in
 * TIMEOUT_MS, or when `outer` aborts; the body may take longer: a results
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

/** A `retry-after` of seconds, capped; undefined when absent or not seconds. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d+(\.\d+)?$/.test(header.trim())) return undefined
  return Math.min(Number(header), MAX_RETRY_AFTER_S) * 1000
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
    throw new ApiError(`${what}: Anthropic's answer was not JSON (${text.slice(0, 200)}).`, { retryable: true })
  }
}
