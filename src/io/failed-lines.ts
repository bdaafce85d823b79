import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { eachLine } from './chunks'
import { customId, idHash, lineId, lineKey, parseLine } from './line-ids'
import { indexLines, LineIndex } from './line-index'
import { copyLines } from './order'
import { geminiFailure, isRetryableLine } from '../core/requests/result-line'

/**
 * The error lines of a file retried in rounds, and the requests to retry.
 * Memory holds indexes of the error lines (line-index.ts), never the lines.
 */

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
  const id = lineId(parsed)
  return isRetryableLine(parsed) && id !== undefined ? idHash(id) : undefined
}

/** The lines of an errors file that may pass on a retry, indexed by id. */
export function retryableIndex(errorsFile: string): Promise<LineIndex> {
  return indexLines([errorsFile], retryableKey)
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

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * What the provider said of a failed request, from its error line: the HTTP
 * status and error code when there are any, then the message
 * (`400 invalid_request_error: ...`, `batch_expired: ...`); Gemini's status and message, or why
 * its response has no answer (`UNAVAILABLE: ...`, `blocked: SAFETY`).
 */
export function errorText(line: Record<string, unknown>): string {
  const gemini = geminiFailure(line)
  if (gemini !== undefined) return gemini
  const response = line.response as { status_code?: unknown; body?: unknown } | null | undefined
  const body = response?.body as { error?: unknown } | null | undefined
  const error = ((typeof body === 'object' && body?.error) || line.error) as Record<string, unknown> | null | undefined
  const status = typeof response?.status_code === 'number' ? String(response.status_code) : undefined
  const code = text(error?.code) ?? text(error?.type)
  const head = [status, code].filter(x => x !== undefined).join(' ')
  const message = text(error?.message) ?? 'no message'
  return head ? `${head}: ${message}` : message
}

/** A request that failed: its id (custom_id, Gemini's key) and what the provider said. */
export interface FailedLine {
  readonly id: string | undefined
  readonly text: string
}

export interface ErrorsRead {
  /** Lines that failed for good. */
  readonly failed: number
  /** Lines that may pass on a retry (every line, whatever `only` says); 0 unless `countRetryable`. */
  readonly retryable: number
  /** The first `keep` of the lines that failed for good, in the file's order. */
  readonly first: readonly FailedLine[]
}

export interface ReadErrorsOptions {
  /** Count only the lines whose id it holds (the rounds new in this run); all when undefined. */
  readonly only?: LineIndex
  /** Count the lines that may pass on a retry (retries are on). */
  readonly countRetryable: boolean
  /** A retry round sends those lines again: they have not failed yet. */
  readonly retrying: boolean
  /** How many of the failed lines to return. */
  readonly keep: number
}

/**
 * Reads an errors file for what failed in it, a line at a time: memory holds
 * `keep` lines at most. A missing file has no failures.
 */
export async function readErrors(errorsFile: string, opts: ReadErrorsOptions): Promise<ErrorsRead> {
  const { only, countRetryable, retrying, keep } = opts
  const first: FailedLine[] = []
  let [failed, retryable] = [0, 0]
  try {
    await eachLine(errorsFile, line => {
      if (line.length === 0) return
      // Parsed only when it matters: every line when retries are on, else the few kept.
      const parsed = countRetryable || retrying || first.length < keep ? parseLine(line) : undefined
      const mayPass = (countRetryable || retrying) && isRetryableLine(parsed) && lineId(parsed) !== undefined
      if (mayPass && countRetryable) retryable++
      if ((mayPass && retrying) || (only && !only.has(lineKey(line)))) return
      failed++
      if (first.length < keep) first.push({ id: text(lineId(parsed)), text: errorText(parsed ?? {}) })
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  return { failed, retryable, first }
}

/**
 * The line numbers (1-based) of the requests with `ids` in a request file:
 * read a line at a time, each line's id hash compared with the few asked for.
 */
export async function requestLines(requestFile: string, ids: readonly string[]): Promise<Map<string, number>> {
  const wanted = ids.map(id => ({ id, key: idHash(id) }))
  const found = new Map<string, number>()
  let n = 0
  await eachLine(requestFile, line => {
    n++
    if (found.size === wanted.length || line.length === 0) return
    const key = lineKey(line)
    for (const w of wanted) if (w.key === key && !found.has(w.id) && customId(line) === w.id) found.set(w.id, n)
  })
  return found
}
