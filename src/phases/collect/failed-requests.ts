import * as path from 'node:path'
import { errorMessage } from '../../core/errors'
import { plural } from '../../core/format'
import type { SourceFile } from '../../core/requests/source'
import { readErrors, requestLines } from '../../io/failed-lines'
import type { LineIndex } from '../../io/line-index'
import type { LiveContext } from '../step'

/**
 * GitHub shows 10 warning annotations a step: a few failed lines of each file,
 * fewer in all, so a file's count and other warnings still show.
 */
export const ANNOTATED_A_FILE = 3
export const ANNOTATED_IN_ALL = 8

/** The line annotations a run has left, shared by the files it collects. */
export interface AnnotationBudget {
  left: number
}

export const annotationBudget = (): AnnotationBudget => ({ left: ANNOTATED_IN_ALL })

export interface FailedFile {
  /** The request file; undefined for a batch of batch-ids, which has none. */
  readonly src: SourceFile | undefined
  /** What the log calls it: the request file, or `batch <id>`. */
  readonly file: string
  /** The errors file just written, workspace-relative. */
  readonly errors: string
  /** The ids of the error lines of the rounds new in this run; undefined when every round is. */
  readonly only: LineIndex | undefined
  /** Retries are on: the lines that may pass on one are counted. */
  readonly countRetryable: boolean
  /** A retry round of this file follows in this run: its retryable lines have not failed yet. */
  readonly retrying: boolean
  /** Counted and reported before the state was lost (the results are already there): read, not reported again. */
  readonly reported?: boolean
}

/**
 * Reports the requests of one file that failed for good in this run: a warning
 * at the request line of the first few (the run did not fail), then one with
 * how many more. Returns how many failed, and how many may pass on a retry.
 */
export async function reportFailed(
  ctx: LiveContext,
  f: FailedFile,
  budget: AnnotationBudget
): Promise<{ failed: number; retryable: number }> {
  const { log, settings } = ctx
  try {
    const abs = path.join(settings.workspace, f.errors)
    const read = await readErrors(abs, { ...f, keep: f.src ? ANNOTATED_A_FILE : 0 })
    if (read.failed === 0 || f.reported) return { ...read, failed: f.reported ? 0 : read.failed }
    // Taken at once, with no wait in between: the files are collected side by side.
    const shown = read.first.slice(0, Math.max(0, budget.left))
    budget.left -= shown.length
    const ids = shown.flatMap(l => (l.id === undefined ? [] : [l.id]))
    const lines = f.src && ids.length > 0 ? await requestLines(f.src.abs, ids) : new Map<string, number>()
    for (const l of shown) {
      const startLine = l.id === undefined ? undefined : lines.get(l.id)
      log.warning(`${l.id ?? 'a request without a custom_id'}: ${l.text}`, {
        file: f.src?.file,
        startLine,
        title: 'Request failed'
      })
    }
    const more = read.failed - shown.length
    const where = f.src ? 'in this file' : `in ${f.file}`
    if (more > 0)
      log.warning(
        `${shown.length > 0 ? 'and ' : ''}${plural(more, `${shown.length > 0 ? 'more ' : ''}failed request`)} ` +
          `${where}: see ${f.errors}`,
        { file: f.src?.file, title: 'Requests failed' }
      )
    log.info(`${f.file}: ${plural(read.failed, 'request')} failed; their errors are in ${f.errors}.`)
    return read
  } catch (e) {
    // The results are written: a report that cannot be made does not undo them.
    log.warning(`Could not report the failed requests of ${f.file}: ${errorMessage(e)}`, { file: f.src?.file })
    return { failed: 0, retryable: 0 }
  }
}
