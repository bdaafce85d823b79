import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { READABLE_COLUMNS, readableRow, ReadableRow } from '../core/report/readable-row'
import { eachLine } from './chunks'
import { sha256File } from './hash'
import { lineKey, parseLine } from './line-ids'
import { indexLines } from './line-index'
import { readFully } from './order'
import { place, remove, Written } from './result-writer'
import { exists } from './exists'

/**
 * The readable results (readable-results: csv): one CSV row per request line,
 * in the request file's order, joined on custom_id with the results and errors
 * files just written. Memory holds an index of the result lines
 * (line-index.ts), one line at a time and a buffer of rows, never all the rows.
 */

export interface ReadableFiles {
  /** The request file (absolute); undefined for a batch of batch-ids, whose rows follow the results' order. */
  readonly requests: string | undefined
  /** The results and errors files (absolute); the ones that do not exist are skipped. */
  readonly results: readonly string[]
  /** The CSV (absolute). */
  readonly dest: string
  readonly tempDir: string
}

/**
 * CSV rows written to a file through one reused buffer. `add` returns a promise
 * only when the buffer had to be written out first. Was a write stream: each
 * row a string it turned into a Buffer of its own, 16 MB of ArrayBuffers
 * waiting for the collector at a million rows (BENCHMARKS.md, "Writing the CSV").
 */
class RowBuffer {
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

/** Makes `dest` the CSV of `results`, or not exist when there are none; says what that did to it. */
export async function writeReadable({ requests, results, dest, tempDir }: ReadableFiles): Promise<Written> {
  const present: string[] = []
  for (const f of results) if (await exists(f)) present.push(f)
  if (present.length === 0) return remove(dest)
  const index = await indexLines(present)
  const taken = new Uint8Array(index.size)
  const fds = await Promise.all(present.map(f => fs.open(f, 'r')))
  await fs.mkdir(tempDir, { recursive: true })
  const tmp = path.join(tempDir, `${randomUUID()}.csv`)
  const sink = await fs.open(tmp, 'w')
  const out = new RowBuffer(sink)
  // One buffer for the result lines, grown to the longest. A new one a line was, past 4 KB, an
  // ArrayBuffer each, left to the collector (BENCHMARKS.md, "Writing the CSV").
  let held = Buffer.allocUnsafeSlow(64 * 1024)
  const resultAt = (i: number) => {
    const length = index.length(i)
    if (length > held.length) held = Buffer.allocUnsafeSlow(length)
    readFully(fds[index.file(i)]!.fd, held, 0, length, index.offset(i))
    return parseLine(held.subarray(0, length))
  }
  try {
    await out.add(READABLE_COLUMNS as unknown as ReadableRow)
    if (requests)
      await eachLine(requests, line => {
        const request = line.length > 0 ? parseLine(line) : undefined
        if (!request) return undefined
        const key = lineKey(line)
        const i = key === -1 ? -1 : index.take(key, taken)
        if (i >= 0) taken[i] = 1
        return out.add(readableRow(request, i >= 0 ? resultAt(i) : undefined))
      })
    // Lines no request names (or every line, without the request file): as they come, results before errors.
    for (let i = 0; i < index.size; i++) if (!taken[i]) await out.add(readableRow(undefined, resultAt(i)))
    await out.flush()
    await sink.close()
    return await place(tmp, dest, (await sha256File(tmp))!.sha256)
  } finally {
    await sink.close().catch(() => undefined)
    await Promise.all(fds.map(fd => fd.close()))
    await fs.rm(tmp, { force: true })
  }
}
