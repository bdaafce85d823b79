import { taggedId } from '../core/remote/tags'
import { chunksOf } from '../io/chunks'
import type { FileRange } from '../ports/batch-api'

/**
 * The body of a create, `{"requests":[...]}`, streamed from the request file:
 * a 256 MB batch never sits in memory, as text or as objects. Each line is
 * parsed alone, its custom_id tagged (core/remote/tags.ts), and written back.
 */

/** Bytes of re-serialized lines gathered before they are handed on: fewer, larger writes. */
const OUT_CHUNK = 256 * 1024

export interface CreateBody {
  readonly stream: ReadableStream<Uint8Array>
  /** Lines sent so far: all of them once the stream has ended. */
  readonly sent: () => number
  /** Why the stream stopped, when the file was at fault (not the connection). */
  readonly failure: () => Error | undefined
}

export function createBody(source: FileRange, filename: string, tag: string): CreateBody {
  let sent = 0
  let failure: Error | undefined
  async function* body(): AsyncGenerator<Buffer> {
    yield Buffer.from('{"requests":[')
    let out: string[] = []
    let size = 0
    for await (const line of linesOf(source)) {
      const text = line.toString('utf8')
      if (text.trim() === '') continue
      try {
        out.push((sent > 0 ? ',' : '') + tagLine(text, tag))
      } catch (e) {
        failure = new Error(`${filename}: request ${sent + 1} of the batch: ${(e as Error).message}`)
        throw failure
      }
      sent++
      size += out.at(-1)!.length
      if (size >= OUT_CHUNK) {
        yield Buffer.from(out.join(''))
        out = []
        size = 0
      }
    }
    out.push(']}')
    yield Buffer.from(out.join(''))
  }
  const it = body()
  // highWaterMark 0: a line is read only when fetch asks for more, as the socket drains.
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await it.next()
        if (next.done) controller.close()
        else controller.enqueue(next.value)
      },
      async cancel() {
        await it.return(undefined)
      }
    },
    { highWaterMark: 0 }
  )
  return { stream, sent: () => sent, failure: () => failure }
}

/** A request line with its custom_id tagged, serialized again. */
function tagLine(text: string, tag: string): string {
  const line: unknown = JSON.parse(text)
  if (typeof line !== 'object' || line === null || Array.isArray(line)) throw new Error('not a JSON object')
  const id = (line as { custom_id?: unknown }).custom_id
  if (typeof id !== 'string') throw new Error('custom_id is not a string')
  ;(line as { custom_id: string }).custom_id = taggedId(tag, id)
  return JSON.stringify(line)
}

/** The lines of bytes [start, end) of a file, without their newlines; each valid until the next is asked for. */
export async function* linesOf(source: FileRange): AsyncGenerator<Buffer> {
  let carry: Buffer[] = []
  for await (const chunk of chunksOf(source.abs, { start: source.start, end: source.end })) {
    let start = 0
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl)
      if (carry.length > 0) {
        yield Buffer.concat([...carry, piece])
        carry = []
      } else yield piece
      start = nl + 1
    }
    // The chunk's buffer is read into again: keep a copy of a line cut at its end.
    if (start < chunk.length) carry.push(Buffer.from(chunk.subarray(start)))
  }
  if (carry.length > 0) yield Buffer.concat(carry)
}
