import { isRetryableStatus, lost, refused, retryDelayMs } from './gemini-errors'
import { type HttpOptions, type Rest, restCaller, waitMs as restWaitMs } from './rest'
import { jsonFrom, parseJsonFrom } from './rest-errors'

/**
 * Every call to the Gemini API: its headers and its errors worded, over the
 * shared REST caller (rest.ts) and its one retry layer of reads.
 */

/**
 * The API version called. Not v1, the default of @google/genai 3.x: the REST
 * reference (ai.google.dev/api/batch-mode) documents Batch Mode on v1beta
 * only, and vercel/ai's batch client calls v1beta too.
 */
export const GEMINI_API_VERSION = 'v1beta'

export { MAX_RETRIES, TIMEOUT_MS, type CallOptions } from './rest'

export interface GeminiHttp extends Rest {
  /** `path` under the base URL and the API version (`/batches`); `prefix` for `/upload` and `/download`. */
  url(path: string, prefix?: '' | '/upload' | '/download'): string
}

export function geminiHttp({ apiKey, baseUrl, clock, fetch }: HttpOptions): GeminiHttp {
  // A base URL copied with its version (…/v1beta) still works.
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '')
  const rest = restCaller(
    {
      keyHeader: 'x-goog-api-key',
      headers: { accept: 'application/json', 'user-agent': 'openai-batch-action' },
      isRetryableStatus,
      refused,
      lost,
      retryDelayMs
    },
    { apiKey, base, clock, fetch }
  )
  return { ...rest, url: (path, prefix = '') => `${base}${prefix}/${GEMINI_API_VERSION}${path}` }
}

/** The wait a `retry-after` of seconds or Google's RetryInfo asks for, capped; undefined when neither says. */
export const waitMs = (retryAfter: string | null, body: string): number | undefined =>
  restWaitMs(retryAfter, body, retryDelayMs)

/** The JSON of a 2xx answer, or a retryable ApiError when it is not JSON (a proxy's page, a cut body). */
export const json = <T>(what: string, res: Response): Promise<T> => jsonFrom<T>("Gemini's", what, res)

export const parseJson = <T>(what: string, text: string): T => parseJsonFrom<T>("Gemini's", what, text)
