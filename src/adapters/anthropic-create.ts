import { taggedId } from '../core/remote/tags'
import { chunksOf } from '../io/chunks'
import { customIdAt } from '../io/line-ids'
import type { FileRange } from '../ports/batch-api'

/**
 * The body of a create, `{"requests":[...]}`, streamed from the request file:
 * a 256 MB batch never sits in memory, as text or as objects. Each line goes
 * as it is written, its custom_id tagged (core/remote/tags.ts) in its bytes:
 * parsing and serializing each line again grew the heap by 30 MB for a 200 MB
 * file (bench, anthropicSubmitMemory). A line whose id is not plain (escaped)
 * is parsed and written again instead.
 */

/** Bytes of the body handed on at a time: over the socket's high-water mark, so each is sent before the next is made. */
const OUT_CHUNK = 256 * 1024

const BACKSLASH = 0x5c
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a

export interface CreateBody {
  /** Asked for one at a time as the socket drains (http.ts postStream): a line is read only then. */
  readonly chunks: AsyncIterable<Buffer>
  /** Lines sent so far: all of them once the body has ended. */
  readonly sent: () => number
  /** Why the body stopped, when the file was at fault (not the connection). */
  readonly failure: () => Error | undefined
}

/**
 * Bytes gathered into buffers of OUT_CHUNK, a full one yielded at a time. Two
 * are used in turn: undici asks for the next chunk only once the socket has
 * taken the last (over its high-water mark, so it waits for the drain), so a
 * buffer is free again two chunks later. New buffers each time, left to the
 * collector, held 9 MB of ArrayBuffers instead of 4 for a 200 MB file.
 */
class Gather {
  private buf = Buffer.allocUnsafeSlow(OUT_CHUNK)
  private spare = Buffer.allocUnsafeSlow(OUT_CHUNK)
  private n = 0

  /** What is gathered and not yet handed on. */
  rest(): Buffer {
    return this.buf.subarray(0, this.n)
  }

  /** Yields each buffer `bytes` fill. */
  *put(bytes: Buffer): Generator<Buffer> {
    for (let from = 0; from < bytes.length;) {
      const k = bytes.copy(this.buf, this.n, from)
      this.n += k
      from += k
      if (this.n === OUT_CHUNK) {
        yield this.buf
        ;[this.buf, this.spare] = [this.spare, this.buf]
        this.n = 0
      }
    }
  }
}

export function createBody(source: FileRange, filename: string, tag: string): CreateBody {
  let sent = 0
  let failure: Error | undefined
  const prefix = Buffer.from(taggedId(tag, ''))
  const comma = Buffer.from(',')
  async function* body(): AsyncGenerator<Buffer> {
    const out = new Gather()
    yield* out.put(Buffer.from('{"requests":['))
    for await (const line of linesOf(source)) {
      if (blank(line)) continue
      if (sent > 0) yield* out.put(comma)
      const id = customIdAt(line)
      if (id && !line.subarray(id.open, id.close).includes(BACKSLASH)) {
        yield* out.put(line.subarray(0, id.open + 1))
        yield* out.put(prefix)
        yield* out.put(line.subarray(id.open + 1))
      } else {
        try {
          yield* out.put(Buffer.from(tagLine(line.toString('utf8'), tag)))
        } catch (e) {
          failure = new Error(`${filename}: request ${sent + 1} of the batch: ${(e as Error).message}`)
          throw failure
        }
      }
      sent++
    }
    yield* out.put(Buffer.from(']}'))
    yield out.rest()
  }
  return { chunks: body(), sent: () => sent, failure: () => failure }
}

function blank(line: Buffer): boolean {
  for (const c of line) if (!isSpace(c)) return false
  return true
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
