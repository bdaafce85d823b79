import { isRetryableStatus, lost, refused } from './anthropic-errors'
import { postStream } from './http'
import { type CallOptions as RestCallOptions, type HttpOptions, restCaller, TIMEOUT_MS } from './rest'
import { jsonFrom, neverConnected, parseJsonFrom } from './rest-errors'

/**
 * Every call to Anthropic: its headers and its errors worded, over the
 * shared REST caller (rest.ts) and its one retry layer of reads.
 */

/**
 * The API version sent. Not 2026-10-21, the one @anthropic-ai/sdk 1.10 sends:
 * Anthropic's migration guide says that version refuses request lines that set
 * `temperature`, `top_p` or `top_k`, which users' files often do; 2023-06-01
 * takes the lines as Anthropic documents them.
 */
export const ANTHROPIC_VERSION = '2023-06-01'

/** Anthropic's reads carry no body. */
export type CallOptions = Pick<RestCallOptions, 'notFound' | 'signal'> & {
  readonly method?: 'GET' | 'POST'
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
  const rest = restCaller(
    {
      keyHeader: 'x-api-key',
      // content-type on every call, as Anthropic's examples send it.
      headers: {
        'anthropic-version': ANTHROPIC_VERSION,
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': 'openai-batch-action'
      },
      isRetryableStatus,
      refused,
      lost
    },
    { apiKey, base, clock, fetch }
  )
  return {
    origin: rest.origin,
    url: path => `${base}${path}`,
    call: (what, url, opts) => rest.call(what, url, opts),
    async post(what, url, body) {
      let answer: { status: number; text: string }
      try {
        answer = await postStream(url, rest.headers(url), body, undefined, TIMEOUT_MS)
      } catch (e) {
        throw lost(what, rest.origin, e, neverConnected(e))
      }
      if (answer.status < 200 || answer.status >= 300) throw refused(what, answer.status, answer.text)
      return answer.text
    }
  }
}

/** The JSON of a 2xx answer, or a retryable ApiError when it is not JSON (a proxy's page, a cut body). */
export const json = <T>(what: string, res: Response): Promise<T> => jsonFrom<T>("Anthropic's", what, res)

export const parseJson = <T>(what: string, text: string): T => parseJsonFrom<T>("Anthropic's", what, text)
