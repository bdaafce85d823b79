import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { eachLine } from './chunks'
import { idHash, lineKey, parseLine } from './line-ids'
import { indexLines, LineIndex } from './line-index'
import { copyLines } from './order'

/**
 * The error lines of a file retried in rounds, and the requests to retry.
 * Memory holds indexes of the error lines (line-index.ts), never the lines.
 */

/** Error codes of lines that may succeed when sent again. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['batch_expired', 'request_timeout'])

/** Whether an error line failed for a reason that may pass on a retry: expiry, a timeout, 429 or 5xx. */
export function isRetryableLine(line: Record<string, unknown> | undefined): boolean {
  const error = line?.error as { code?: unknown } | null | undefined
  if (typeof error?.code === 'string' && RETRYABLE_CODES.has(error.code)) return true
  const status = (line?.response as { status_code?: unknown } | null | undefined)?.status_code
  return typeof status === 'number' && (status === 429 || status >= 500)
}

/**
 * Writes the error lines still standing after every round to `out`; returns
 * how many. An id keeps the line of the newest round it failed in, none once a
 * retry of it succeeded (its id is in `succeeded`). `errors` are oldest round
 * first.
 */
export async function finalErrors(
  errors: readonly string[],
  succeeded: readonly string[],
  out: string
): Promise<number> {
  const index = await indexLines(errors)
  const ok = await indexLines(succeeded)
  return copyLines(index, errors, out, async write => {
    for (let i = 0; i < index.size; i++) {
      const key = index.key(i)
      if (key === -1) {
        await write(i)
        continue
      }
      let newest = i
      for (const j of index.find(key)) newest = j
      if (newest === i && !ok.has(key)) await write(i)
    }
  })
}

/** The id hash of an error line that may pass on a retry, else undefined. */
function retryableKey(line: Buffer): number | undefined {
  const parsed = parseLine(line)
  const id = parsed?.custom_id
  return isRetryableLine(parsed) && typeof id === 'string' ? idHash(id) : undefined
}

/** The lines of an errors file that may pass on a retry, indexed by id. */
export function retryableIndex(errorsFile: string): Promise<LineIndex> {
  return indexLines([errorsFile], retryableKey)
}

/** How many lines of an errors file may pass on a retry. */
export async function countRetryable(errorsFile: string): Promise<number> {
  let n = 0
  await eachLine(errorsFile, line => {
    if (line.length > 0 && retryableKey(line) !== undefined) n++
  })
  return n
}

/** Copies the lines of `requests` whose id `ids` holds to `out`, in order; returns how many. */
export async function selectRequests(requests: string, ids: LineIndex, out: string): Promise<number> {
  const sink = createWriteStream(out)
  let n = 0
  try {
    await eachLine(requests, async line => {
      if (line.length === 0 || !ids.has(lineKey(line))) return
      n++
      // The line is a view of a buffer that is read into again: write a copy.
      if (!sink.write(Buffer.concat([line, NL]))) await once(sink, 'drain')
    })
  } finally {
    sink.end()
    await once(sink, 'finish')
  }
  return n
}

const NL = Buffer.from('\n')
