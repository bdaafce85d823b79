import type { FileRange } from '../ports/batch-api'
import { CHUNK, giveBack, lend } from '../io/buffers'
import { chunksOf } from '../io/chunks'
import { postStream } from './http'

/**
 * A POST whose body is streamed from disk through reused buffers (`chunksOf`):
 * a 200 MB upload holds a couple of megabytes, and leaves no garbage behind.
 *
 * Not fetch: undici's fetch reads a request body ahead of the socket (a 190 MB
 * upload held 190 MB, BENCHMARKS.md). Not a piped stream either: every chunk it
 * reads is a new buffer, and they pile up until the collector runs. undici's
 * `request` takes the next chunk only once the socket has sent the last one
 * (http.ts), so a buffer is read into again only after it has left; through
 * the agent in http.ts, so the runner's proxy settings hold. The read buffers
 * and the spare for the last chunk are the pool's (io/buffers.ts): an upload
 * after the first allocates none. The spare goes back only once the answer has
 * come, when all of the body has been sent; after a failure or a refusal it is
 * left to the collector, as a socket torn down mid-write may still hold it.
 */
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
  // An answer before the whole body was read (a refusal) may leave it sending: keep the spare out then too.
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
