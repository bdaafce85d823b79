import { chunksOf } from './chunks'
import { lineKey } from './line-ids'

/**
 * The non-empty lines of a file, pulled one at a time: several files read side
 * by side (readable-merge.ts), where `eachLine` pushes the lines of one.
 */
export class LineCursor {
  /** The line at the cursor, without its newline; undefined at the end. Valid until `advance`. */
  head: Buffer | undefined
  /** The id hash of `head` (line-ids.ts `lineKey`), -1 when it names none or at the end. */
  key = -1
  private chunk: Buffer = Buffer.alloc(0)
  private at = 0
  private done = false

  private constructor(private readonly chunks: AsyncGenerator<Buffer>) {}

  /** A cursor on the first line of `file`. Call `close` once done with it, whatever happened. */
  static async open(file: string): Promise<LineCursor> {
    const cursor = new LineCursor(chunksOf(file))
    await cursor.advance()
    return cursor
  }

  /**
   * Moves to the next non-empty line. Returns a promise only when a chunk had
   * to be read: a million lines are not a million promises.
   */
  advance(): Promise<void> | undefined {
    for (;;) {
      const nl = this.chunk.indexOf(10, this.at)
      if (nl === -1) return this.across()
      const line = this.chunk.subarray(this.at, nl)
      this.at = nl + 1
      if (line.length > 0) return this.set(line)
    }
  }

  /** The next line starts in this chunk and ends in a later one, or there is none. */
  private async across(): Promise<void> {
    // The chunk is read into again once the next is asked for: keep a copy of what is left of it.
    const carry: Buffer[] = this.at < this.chunk.length ? [Buffer.from(this.chunk.subarray(this.at))] : []
    for (;;) {
      const next = this.done ? undefined : await this.chunks.next()
      if (!next || next.done) {
        this.done = true
        this.chunk = Buffer.alloc(0)
        this.at = 0
        const rest = carry.length > 0 ? Buffer.concat(carry) : undefined
        return this.set(rest && rest.length > 0 ? rest : undefined)
      }
      const chunk = next.value
      const nl = chunk.indexOf(10)
      if (nl === -1) {
        carry.push(Buffer.from(chunk))
        continue
      }
      this.chunk = chunk
      this.at = nl + 1
      const line = carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(0, nl)]) : chunk.subarray(0, nl)
      if (line.length > 0) return this.set(line)
      return this.advance()
    }
  }

  private set(line: Buffer | undefined): undefined {
    this.head = line
    this.key = line ? lineKey(line) : -1
    return undefined
  }

  /** Closes the file and gives its read buffers back. */
  async close(): Promise<void> {
    await this.chunks.return(undefined)
  }
}
