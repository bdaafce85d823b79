import type { FileRange } from '../ports/batch-api'
import { CHUNK, chunksOf } from '../io/lines'
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
 * the agent in http.ts, so the runner's proxy settings hold.
 */
export async function postFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: { head: Buffer; file: FileRange; tail: Buffer },
  timeoutMs: number
): Promise<{ status: number | undefined; text: string }> {
  const size = body.file.end - body.file.start
  return postStream(url, headers, multipart(body), body.head.length + size + body.tail.length, timeoutMs)
}

async function* multipart(body: { head: Buffer; file: FileRange; tail: Buffer }): AsyncGenerator<Buffer> {
  yield body.head
  if (body.file.end > body.file.start) {
    for await (const chunk of chunksOf(body.file.abs, { start: body.file.start, end: body.file.end })) {
      // A full chunk (1 MB) is always over the socket's high-water mark, so undici
      // waits for the socket to drain before asking for the next one; a shorter one
      // (the last, or a small file) may still be queued then: it goes as a copy.
      yield chunk.length < CHUNK ? Buffer.from(chunk) : chunk
    }
  }
  yield body.tail
}
