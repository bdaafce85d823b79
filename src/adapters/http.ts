import type { Readable } from 'node:stream'
import { Agent, EnvHttpProxyAgent, errors, fetch as undiciFetch, request, type Dispatcher } from 'undici'

/**
 * The one file that imports undici: the agent behind every call to OpenAI (the
 * SDK's and the uploads) and to the webhook, which honours the runner's proxy.
 * Node's own fetch ignores HTTPS_PROXY, HTTP_PROXY and NO_PROXY (lower-case
 * forms too). The toolkit's calls (cache, GitHub, artifacts) keep
 * @actions/http-client's own proxy handling.
 */

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

let agent: Dispatcher | undefined

/**
 * Made on first use. Without a proxy variable EnvHttpProxyAgent is a plain
 * Agent, but it prints "EnvHttpProxyAgent is experimental" on every run: only
 * a runner with a proxy sees that line.
 */
function dispatcher(): Dispatcher {
  return (agent ??= PROXY_VARIABLES.some(name => process.env[name]) ? new EnvHttpProxyAgent() : new Agent())
}

/**
 * fetch through the agent. undici's own fetch, not the global one: a dispatcher
 * goes with the fetch of its own undici (the openai SDK's README, "Configuring proxies").
 */
export const proxiedFetch: typeof fetch = (input, init) =>
  undiciFetch(
    input as Parameters<typeof undiciFetch>[0],
    { ...init, dispatcher: dispatcher() } as Parameters<typeof undiciFetch>[1]
  ) as unknown as Promise<Response>

/**
 * A POST of `length` bytes taken from `body` as the socket drains, each wait
 * bounded by `timeoutMs`; chunked when the length is not known beforehand.
 * undici asks for the next chunk only once `socket.write` took the last one
 * under the socket's high-water mark (64 KiB) or the socket drained. Not fetch:
 * undici's fetch (and Node's) keeps every chunk of a streamed request body until
 * the answer has come (a 200 MB create held 200 MB; bench, anthropicSubmitMemory).
 */
export async function postStream(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: AsyncIterable<Buffer>,
  length: number | undefined,
  timeoutMs: number
): Promise<{ status: number; text: string }> {
  try {
    const res = await request(url, {
      method: 'POST',
      dispatcher: dispatcher(),
      headers: length === undefined ? headers : { ...headers, 'content-length': String(length) },
      // undici writes an async iterable as it writes a stream (its docs); its types name only Readable.
      // Readable.from would read chunks ahead of the socket: what a reused buffer must not be.
      body: body as unknown as Readable,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs
    })
    return { status: res.statusCode, text: await res.body.text() }
  } catch (e) {
    // undici says "Headers Timeout Error": say what it means here.
    if (e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError)
      throw new Error(`no answer in ${timeoutMs / 1000} s`)
    throw e
  }
}
