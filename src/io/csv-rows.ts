import type * as fs from 'node:fs/promises'
import { stringify } from 'csv-stringify/sync'
import type { ReadableRow } from '../core/report/readable-row'

/**
 * CSV rows written to a file through one reused buffer. `add` returns a promise
 * only when the buffer had to be written out first. Was a write stream: each
 * row a string it turned into a Buffer of its own, 16 MB of ArrayBuffers
 * waiting for the collector at a million rows (BENCHMARKS.md, "Writing the CSV").
 */
export class RowBuffer {
  /**
   * 64 KB, a write about every 90 rows. A 1 MB buffer ran the event loop so
   * seldom that V8's collection tasks waited, and the JS heap grew by 24 MB.
   */
  private readonly buf = Buffer.allocUnsafeSlow(64 * 1024)
  private used = 0

  constructor(private readonly sink: fs.FileHandle) {}

  add(row: ReadableRow): Promise<void> | undefined {
    // A row a call: rows stringified together outlive young-generation collections (tried: +110 MB at a million).
    const text = stringify([row])
    const bytes = Buffer.byteLength(text)
    if (this.used + bytes > this.buf.length) return this.spill(text, bytes)
    this.used += this.buf.write(text, this.used)
    return undefined
  }

  /** Empties the buffer to the file. */
  async flush(): Promise<void> {
    await this.write(this.buf, this.used)
    this.used = 0
  }

  /** A row that does not fit in what is left of the buffer: written after it, or alone when longer than it. */
  private async spill(text: string, bytes: number): Promise<void> {
    await this.flush()
    if (bytes > this.buf.length) await this.write(Buffer.from(text), bytes)
    else this.used += this.buf.write(text, this.used)
  }

  private async write(buf: Buffer, length: number): Promise<void> {
    for (let off = 0; off < length;) off += (await this.sink.write(buf, off, length - off)).bytesWritten
  }
}
