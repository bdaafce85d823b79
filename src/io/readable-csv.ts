import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { READABLE_COLUMNS, readableRow, ReadableRow } from '../core/report/readable-row'
import { eachLine } from './chunks'
import { RowBuffer } from './csv-rows'
import { sha256File } from './hash'
import { lineKey, parseLine } from './line-ids'
import { indexLines } from './line-index'
import { readFully } from './order'
import { mergeRows } from './readable-merge'
import { place, remove, Written } from './result-writer'
import { exists } from './exists'

/**
 * The readable results (readable-results: csv): one CSV row per request line,
 * in the request file's order, joined on custom_id with the results and errors
 * files just written. Files in the request file's order are joined side by
 * side (readable-merge.ts); others through an index of the result lines
 * (line-index.ts). Memory holds a line at a time and a buffer of rows, never
 * all the rows.
 */

export interface ReadableFiles {
  /** The request file (absolute); undefined for a batch of batch-ids, whose rows follow the results' order. */
  readonly requests: string | undefined
  /** The results and errors files (absolute); the ones that do not exist are skipped. */
  readonly results: readonly string[]
  /** The CSV (absolute). */
  readonly dest: string
  readonly tempDir: string
  /**
   * False when the results are known not to follow the request file (results-order: as-returned):
   * straight to the index, not a side-by-side walk bound to fail. Either way the CSV is the same.
   */
  readonly inOrder?: boolean
}

/** Makes `dest` the CSV of `results`, or not exist when there are none; says what that did to it. */
export async function writeReadable({ requests, results, dest, tempDir, inOrder }: ReadableFiles): Promise<Written> {
  const present: string[] = []
  for (const f of results) if (await exists(f)) present.push(f)
  if (present.length === 0) return remove(dest)
  await fs.mkdir(tempDir, { recursive: true })
  const tmp = path.join(tempDir, `${randomUUID()}.csv`)
  try {
    // Without a request file every line is left over, as it comes: the walk never fails.
    const merged = (inOrder !== false || !requests) && (await toCsv(tmp, out => mergeRows(requests, present, out)))
    if (!merged) await toCsv(tmp, out => indexedRows(requests, present, out))
    return await place(tmp, dest, (await sha256File(tmp))!.sha256)
  } finally {
    await fs.rm(tmp, { force: true })
  }
}

/** Writes `tmp` anew: the header, then the rows of `rows`; says what `rows` did. */
async function toCsv(tmp: string, rows: (out: RowBuffer) => Promise<boolean>): Promise<boolean> {
  const sink = await fs.open(tmp, 'w')
  try {
    const out = new RowBuffer(sink)
    await out.add(READABLE_COLUMNS as unknown as ReadableRow)
    const done = await rows(out)
    await out.flush()
    return done
  } finally {
    await sink.close()
  }
}

/** The rows joined through an index of the lines of `files` by id: any order. */
async function indexedRows(requests: string | undefined, files: readonly string[], out: RowBuffer): Promise<true> {
  const index = await indexLines(files)
  const taken = new Uint8Array(index.size)
  const fds = await Promise.all(files.map(f => fs.open(f, 'r')))
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
    return true
  } finally {
    await Promise.all(fds.map(fd => fd.close()))
  }
}
