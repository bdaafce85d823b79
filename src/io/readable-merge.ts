import { readableRow } from '../core/report/readable-row'
import { eachLine } from './chunks'
import type { RowBuffer } from './csv-rows'
import { IdSet } from '../core/requests/id-set'
import { LineCursor } from './line-cursor'
import { lineKey, parseLine } from './line-ids'

/**
 * The readable results' rows joined with no index: the request file walked
 * beside the results and errors files, one cursor on each. With
 * `results-order: input` the collect writes them in the request file's order
 * (order.ts `orderByInput`, after failed-lines.ts `finalErrors` for retry
 * rounds), so the line a request wants is at the head of a cursor. Memory
 * holds a line of each file and the ids of requests a cursor's head did not
 * answer, not the 34 bytes a result line of the index (BENCHMARKS.md,
 * "Writing the CSV").
 *
 * It must write what the index join (readable-csv.ts) writes: each request
 * takes the first line not yet taken with its id hash, the files in order;
 * the lines no request took follow, in order. Here a request takes the head
 * of the first cursor whose head has its id. Each cursor has taken exactly
 * the lines before its head, so that head is the first untaken line of its
 * file with that id; the two joins differ only if an earlier file (or, for a
 * request left with nothing, any file) still holds an untaken line with the
 * id further on. Such a line is taken or left over later, always passing the
 * head of its cursor: so the ids a cursor's head missed are kept, per cursor,
 * and a line reaching a head with one of them means the join went wrong.
 * Checked for every line, exact both ways: the rows are then thrown away and
 * the index join writes them (`mergeRows` returns false).
 */

/** Thrown from the request walk to stop it: a line out of order. */
const OUT_OF_ORDER = new Error('a results file is out of the request file’s order')

const both = (a: Promise<void> | undefined, b: Promise<void> | undefined): Promise<void> | undefined =>
  a || b ? Promise.all([a, b]).then(() => undefined) : undefined

/**
 * Writes to `out` a row per request line of `requests` (none when undefined)
 * joined with the lines of `files` (results first, then errors), then the
 * lines no request took. False when a file was out of order: what `out` got
 * is then wrong and must be discarded.
 */
export async function mergeRows(
  requests: string | undefined,
  files: readonly string[],
  out: RowBuffer
): Promise<boolean> {
  const cursors: LineCursor[] = []
  try {
    for (const f of files) cursors.push(await LineCursor.open(f))
    // Ids only while their cursor has lines: most requests find their line, so these stay small.
    const missed = cursors.map(() => new IdSet())
    /** The cursor whose head answers `key`, or -1; the ones it passes remember missing it. */
    const answering = (key: number): number => {
      // Counted, not iterated: an iterator and an entry a request are garbage that makes scavenges.
      for (let c = 0; c < cursors.length; c++) {
        const cursor = cursors[c]!
        if (cursor.head === undefined) continue
        if (cursor.key === key) return c
        missed[c]!.add(key)
      }
      return -1
    }
    if (requests)
      await eachLine(requests, line => {
        const request = line.length > 0 ? parseLine(line) : undefined
        if (!request) return undefined
        const key = lineKey(line)
        const c = key === -1 ? -1 : answering(key)
        if (c === -1) return out.add(readableRow(request, undefined))
        if (missed[c]!.has(key)) throw OUT_OF_ORDER
        const cursor = cursors[c]!
        // Parsed before the cursor moves: its head is a view of a buffer read into again.
        const row = readableRow(request, parseLine(cursor.head!))
        return both(cursor.advance(), out.add(row))
      })
    for (const [c, cursor] of cursors.entries())
      while (cursor.head !== undefined) {
        if (missed[c]!.has(cursor.key)) return false
        const row = readableRow(undefined, parseLine(cursor.head))
        const wait = both(cursor.advance(), out.add(row))
        if (wait) await wait
      }
    return true
  } catch (e) {
    if (e === OUT_OF_ORDER) return false
    throw e
  } finally {
    await Promise.all(cursors.map(c => c.close()))
  }
}
