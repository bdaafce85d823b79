import type { FileRange } from '../ports/batch-api'
import { CHUNK, giveBack, lend } from '../io/buffers'
import { chunksOf } from '../io/chunks'
import { postStream } from './http'

/**
 * A POST whose body is streamed from disk through reused buffers (`chunksOf`): a 200 MB upload
 * holds a couple of megabytes and leaves no garbage (BENCHMARKS.md, "What the submit holds").
 */
// Not fetch: undici's fetch reads a request body ahead of the socket. Not a piped stream: each
// chunk would be a new buffer, piling up until the collector runs. undici's `request`, through the
// agent in http.ts (so the runner's proxy settings hold), takes the next chunk only once the socket
// has sent the last, so a pooled buffer (io/buffers.ts) is read into again only after it has left.
export async function postFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: { head: Buffer; file: FileRange; tail: Buffer },
  timeoutMs: number
): Promise<{ status: number | undefined; text: string }> {
  const size = body.file.end - body.file.start
  const spare = lend()
  const answer = await postStream(
    url,
    headers,
    multipart(body, spare),
    body.head.length + size + body.tail.length,
    timeoutMs
  )
  // The spare goes back only after a 2xx, when all the body was sent: after a refusal or a failure
  // a socket torn down mid-write may still hold it, so it is left to the collector.
  if (answer.status >= 200 && answer.status < 300) giveBack(spare)
  return answer
}

async function* multipart(
  body: { head: Buffer; file: FileRange; tail: Buffer },
  spare: Buffer
): AsyncGenerator<Buffer> {
  yield body.head
  if (body.file.end > body.file.start) {
    for await (const chunk of chunksOf(body.file.abs, { start: body.file.start, end: body.file.end })) {
      // A full chunk (1 MB) is always over the socket's high-water mark, so undici
      // waits for the socket to drain before asking for the next one; a shorter one
      // (the last, or a small file) may still be queued then: it goes as a copy,
      // in the spare, which nothing else reads into until the answer has come.
      yield chunk.length < CHUNK ? spare.subarray(0, chunk.copy(spare)) : chunk
    }
  }
  yield body.tail
}
