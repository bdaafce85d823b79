import { backoffMs } from '../core/backoff'
import type { ApiError } from '../core/errors'
import type { Clock } from '../ports/clock'
import { proxiedFetch } from './http'
import { neverConnected } from './rest-errors'

/**
 * The REST caller the raw-HTTP providers (Anthropic, Gemini) share: the key
 * sent only to the base URL's origin, redirects followed by hand, a timeout on
 * the answer's start, and the one retry layer of reads (creates are retried by
 * phases/once.ts, which looks for a lost one first). What differs per provider
 * (its key header, fixed headers, error wording, retry hints) is a RestProvider.
 */

/** Retries of a read after its first try. */
export const MAX_RETRIES = 4
/** The longest wait a `retry-after` header or a provider's retry hint can ask for, in milliseconds. */
const MAX_RETRY_AFTER_MS = 60_000
/** A call whose answer does not begin in this long is given up (and a read retried). */
export const TIMEOUT_MS = 10 * 60 * 1000

/** How one provider authenticates, words its errors and says retry delays. */
export interface RestProvider {
  /** The header the API key goes in (`x-api-key`). */
  readonly keyHeader: string
  /** Headers every call sends after the key, in this order. */
  readonly headers: Readonly<Record<string, string>>
  /** Whether an answer of this status is asked again (a read only). */
  readonly isRetryableStatus: (status: number) => boolean
  /** The error of an answer `status` to `what`, its text `body`; `notFound` says what a 404 means. */
  readonly refused: (what: string, status: number, body: string, notFound?: string) => ApiError
  /** The error of `what` left with no answer from `origin`; `unreachable` stops the run. */
  readonly lost: (what: string, origin: string, e: unknown, unreachable: boolean) => ApiError
  /** A wait an error body asks for (Google's RetryInfo), in milliseconds; a `retry-after` header comes first. */
  readonly retryDelayMs?: (body: string) => number | undefined
}

/** What a provider's HTTP layer is made of. */
export interface HttpOptions {
  readonly apiKey: string
  readonly baseUrl: string
  /** Waits between tries of a read. */
  readonly clock: Clock
  /** What calls go through; proxiedFetch (http.ts: the runner's proxy settings) when not given. */
  readonly fetch?: typeof fetch
}

export interface RestOptions extends Omit<HttpOptions, 'baseUrl'> {
  /** The base URL without a trailing slash; the key goes only to its origin. */
  readonly base: string
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE'
  /** A JSON body, sent as is. */
  readonly body?: string
  /** More headers (the resumable upload's). */
  readonly headers?: Readonly<Record<string, string>>
  /** What a 404 means here ("batch msgbatch_… not found"). */
  readonly notFound?: string
  readonly signal?: AbortSignal
}

export interface Rest {
  /** The origin calls go to, the only one the key is sent to. */
  readonly origin: string
  /** The headers of a call to `url`: the key only on the base URL's origin. */
  headers(url: string, more?: Readonly<Record<string, string>>): Record<string, string>
  /** The answer (a 2xx; its body not read yet), or an ApiError: retried on the provider's statuses and lost connections. */
  call(what: string, url: string, opts: CallOptions): Promise<Response>
  /** One try, never retried: a create. A lost answer or 5xx is a retryable ApiError for the caller to look. */
  once(what: string, url: string, opts: CallOptions): Promise<Response>
}

export function restCaller(provider: RestProvider, { apiKey, base, clock, fetch = proxiedFetch }: RestOptions): Rest {
  const origin = new URL(base).origin
  const headers = (url: string, more: Readonly<Record<string, string>> = {}): Record<string, string> => ({
    ...(new URL(url).origin === origin ? { [provider.keyHeader]: apiKey } : {}),
    ...provider.headers,
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
   * on the way to another origin, and would take the key header along.
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
    headers,
    async call(what, url, opts) {
      for (let n = 0; ; n++) {
        const last = n >= MAX_RETRIES
        let res: Response
        try {
          res = await follow(url, opts)
        } catch (e) {
          if (opts.signal?.aborted) throw e
          if (last) throw provider.lost(what, new URL(url).origin, e, true)
          await clock.sleep(backoffMs(n))
          continue
        }
        if (res.ok) return res
        const text = await res.text().catch(() => '')
        if (last || !provider.isRetryableStatus(res.status))
          throw provider.refused(what, res.status, text, opts.notFound)
        await clock.sleep(waitMs(res.headers.get('retry-after'), text, provider.retryDelayMs) ?? backoffMs(n))
      }
    },
    async once(what, url, opts) {
      let res: Response
      try {
        res = await follow(url, opts)
      } catch (e) {
        throw provider.lost(what, origin, e, neverConnected(e))
      }
      if (res.ok) return res
      throw provider.refused(what, res.status, await res.text().catch(() => ''), opts.notFound)
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

/** The wait a `retry-after` of seconds or the body's own hint asks for, capped; undefined when neither says. */
export function waitMs(
  retryAfter: string | null,
  body: string,
  fromBody: (body: string) => number | undefined = () => undefined
): number | undefined {
  const header = retryAfter !== null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined
  const ms = header ?? fromBody(body)
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS)
}
