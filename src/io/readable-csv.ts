import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { once } from 'node:events'
import { stringify } from 'csv-stringify/sync'
import { READABLE_COLUMNS, readableRow, ReadableRow } from '../core/report/readable-row'
import { eachLine } from './chunks'
import { sha256File } from './hash'
import { lineKey, parseLine } from './line-ids'
import { indexLines } from './line-index'
import { readFully } from './order'
import { place, remove, Written } from './result-writer'

/**
 * The readable results (readable-results: csv): one CSV row per request line,
 * in the request file's order, joined on custom_id with the results and errors
 * files just written. Memory holds an index of the result lines
 * (line-index.ts) and one line at a time, never the rows.
 */

const exists = (file: string): Promise<boolean> =>
  fs.stat(file).then(
    () => true,
    () => false
  )

export interface ReadableFiles {
  /** The request file (absolute); undefined for a batch of batch-ids, whose rows follow the results' order. */
  readonly requests: string | undefined
  /** The results and errors files (absolute); the ones that do not exist are skipped. */
  readonly results: readonly string[]
  /** The CSV (absolute). */
  readonly dest: string
  readonly tempDir: string
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
  const sink = createWriteStream(tmp)
  // Kept, so a write after the stream broke throws instead of waiting for a drain that never comes.
  let broke: Error | undefined
  sink.on('error', e => (broke = e))
  // Backpressure: a row waits for the file only when the stream's buffer is full.
  const emit = (row: ReadableRow): Promise<void> | undefined => {
    if (broke) throw broke
    return sink.write(stringify([row])) ? undefined : once(sink, 'drain').then(() => undefined)
  }
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
    await emit(READABLE_COLUMNS as unknown as ReadableRow)
    if (requests)
      await eachLine(requests, line => {
        const request = line.length > 0 ? parseLine(line) : undefined
        if (!request) return undefined
        const key = lineKey(line)
        const i = key === -1 ? -1 : index.take(key, taken)
        if (i >= 0) taken[i] = 1
        return emit(readableRow(request, i >= 0 ? resultAt(i) : undefined))
      })
    // Lines no request names (or every line, without the request file): as they come, results before errors.
    for (let i = 0; i < index.size; i++) if (!taken[i]) await emit(readableRow(undefined, resultAt(i)))
    sink.end()
    await once(sink, 'finish')
    return await place(tmp, dest, (await sha256File(tmp))!.sha256)
  } finally {
    sink.destroy()
    await Promise.all(fds.map(fd => fd.close()))
    await fs.rm(tmp, { force: true })
  }
}
