import * as path from 'node:path'
import { presentIds, tokenLimited } from '../../core/state/batches'
import type { Change } from '../../core/report/changes'
import { resultPaths, slotLabel } from '../../core/paths'
import type { SourceFile } from '../../core/requests/source'
import { roundOf, TrackedBatch } from '../../core/state/state'
import { NO_USAGE } from '../../core/cost/usage'
import { checkSource } from '../../io/request-files'
import { ResultWriter, Written } from '../../io/result-writer'
import { isGone } from '../clean'
import { Gathered, keepCommitted, moveCommitted } from './kept-results'
import { AnnotationBudget, reportFailed } from './failed-requests'
import { LiveContext } from '../step'
import { readableChanges } from './readable'

/** A unit's results: downloaded, or, when OpenAI no longer has their files, what the workspace holds. */
export async function gather(
  ctx: LiveContext,
  unit: readonly TrackedBatch[],
  src: SourceFile | undefined,
  writer: ResultWriter,
  budget: AnnotationBudget
): Promise<Gathered | Collected> {
  if (unit.every(b => b.filesDeleted)) return moveCommitted(ctx, unit, src)
  try {
    return await collectUnit(ctx, unit, src, writer, budget)
  } catch (e) {
    if (isGone(e)) return keepCommitted(ctx, unit, src)
    throw e
  }
}

/** A batch the state lost whose results target-dir holds already: collected, reported and announced before. */
export const seenBefore = (held: boolean, unit: readonly TrackedBatch[]): boolean =>
  held && unit.every(b => b.collected || b.rebuilt)

type Collected = {
  changes: Change[]
  /** target-dir held these results already, byte for byte. */
  held: boolean
  retryable: number | undefined
  errorsRetried: boolean
  tallied: Written['tallied']
  /** Request lines that failed for good in this run. */
  failed: number
}

/**
 * Writes the results of one file's batches (every round, its parts in order):
 * the output, and the errors that still stand. Returns the files written,
 * the requests that failed for good and, when retries are on, how many error
 * lines may pass on a retry.
 */
async function collectUnit(
  ctx: LiveContext,
  unit: readonly TrackedBatch[],
  src: SourceFile | undefined,
  writer: ResultWriter,
  budget: AnnotationBudget
): Promise<Collected> {
  const { log, settings } = ctx
  const file = src?.file ?? `batch ${unit[0]!.batchId}`
  const batchIds = unit.map(b => b.batchId).join(', ')
  if (unit.some(b => b.status === 'failed')) await annotateFailures(ctx, unit, src)
  const paths = resultPaths(settings.targetDir, unit[0]!.path)
  const orderBy = settings.resultsOrder === 'input' && src ? src.abs : undefined
  const retried = unit.some(b => roundOf(b) > 0)
  const errors = presentIds(unit.map(b => b.errorFileId))
  // The rounds new in this run: an earlier round's failures were reported when it was collected.
  const fresh = unit.filter(b => !b.collected && !b.renamedFrom)
  const index = fresh.length < unit.length ? new Set(presentIds(fresh.map(b => b.errorFileId))) : undefined
  const changes: Change[] = []
  const written: Written[] = []
  // Batches that report no usage (older ones, compatible providers): summed from their result lines.
  const tally = new Set(presentIds(unit.filter(b => !b.usage).map(b => b.outputFileId)))
  for (const [present, rel, succeeded] of [
    [presentIds(unit.map(b => b.outputFileId)), paths.output, undefined],
    [errors, paths.errors, retried ? presentIds(unit.filter(b => roundOf(b) > 0).map(b => b.outputFileId)) : undefined]
  ] as const) {
    const w = await writer.write(present, path.join(settings.workspace, rel), {
      orderBy,
      succeeded,
      tally: succeeded ? undefined : tally,
      index: rel === paths.errors ? index : undefined
    })
    written.push(w)
    // Unchanged files count too: the branch may not have them yet (a publish that failed).
    if (!w.removed || w.changed)
      changes.push({
        path: rel,
        batchId: batchIds,
        removed: w.removed === true,
        existed: w.existed,
        changed: w.changed
      })
  }
  changes.push(...(await readableChanges(ctx, src, paths, batchIds)))
  // Its file was renamed: the results move with it, in the same commit.
  for (const from of new Set(presentIds(unit.map(b => b.renamedFrom)))) {
    const old = resultPaths(settings.targetDir, from)
    for (const rel of [old.output, old.errors, old.csv]) {
      const w = await writer.write([], path.join(settings.workspace, rel))
      if (w.existed) changes.push({ path: rel, batchId: batchIds, removed: true, existed: true, changed: true })
    }
    log.info(`${file}: renamed from ${from}; its results moved with it.`)
  }
  for (const b of unit) {
    const counts = b.requestCounts ? ` (${b.requestCounts.completed} ok, ${b.requestCounts.failed} failed)` : ''
    const which = src
      ? `${src.file}: batch ${b.batchId}${slotLabel(roundOf(b), b.part, b.parts)}`
      : `Batch ${b.batchId} (batch-ids)`
    log.info(`${which} ${b.status}${counts}.`)
  }
  log.info(`${file}: results ${changes.some(c => c.changed) ? 'written' : 'unchanged'}.`)
  const countRetryable = settings.retryFailed > 0 && src !== undefined
  const retrying = countRetryable && src !== undefined && retryFollows(unit, src, settings.retryFailed)
  // No index only when there was no error file to write, and so no errors file to read.
  const only = index ? written[1]!.indexed : undefined
  const held = changes.length > 0 && changes.every(c => c.existed && !c.changed)
  const failed = { src, file, errors: paths.errors, only, countRetryable, retrying, reported: seenBefore(held, unit) }
  const read = await reportFailed(ctx, failed, budget)
  // Error lines there were, and every one passed on a retry: there is no errors file.
  const errorsRetried = errors.length > 0 && written[1]!.removed === true
  const retryable = countRetryable ? read.retryable : undefined
  return { changes, held, retryable, errorsRetried, tallied: written[0]!.tallied, failed: read.failed }
}

/** Whether this run makes a retry round of the file (core/plans/retry.ts): within the rounds asked for, its files kept. */
const retryFollows = (unit: readonly TrackedBatch[], src: SourceFile, maxRounds: number): boolean =>
  src.problems.length === 0 && !unit.some(b => b.filesDeleted) && Math.max(...unit.map(roundOf)) < maxRounds

/** What a collected batch used, and with which model: OpenAI's figures, else its result lines'. */
export function spentBy(
  b: TrackedBatch,
  src: SourceFile | undefined,
  tallied: Written['tallied']
): Pick<TrackedBatch, 'usage' | 'model'> {
  const lines = b.outputFileId ? tallied?.get(b.outputFileId) : undefined
  return {
    usage: b.usage ?? lines?.usage ?? (b.outputFileId ? undefined : NO_USAGE),
    model: b.model ?? src?.model ?? lines?.model
  }
}

/** The batches of a unit that failed validation: their errors point at lines of the request file. */
async function annotateFailures(
  ctx: LiveContext,
  unit: readonly TrackedBatch[],
  src: SourceFile | undefined
): Promise<void> {
  const { log } = ctx
  const file = src?.file
  // OpenAI numbers the lines of the part it was given: cut the file again to find where each part starts.
  const parts = src && unit[0]!.parts > 1 ? (await checkSource(src, ctx.settings.check)).parts : []
  const firstLine = (b: TrackedBatch) =>
    roundOf(b) > 0 ? undefined : parts.length === b.parts ? parts[b.part - 1]!.line : 1
  for (const b of unit.filter(b => b.status === 'failed')) {
    if (tokenLimited(b)) {
      log.warning(
        `Batch ${b.batchId} was refused for the organisation's enqueued-token limit; ` +
          'it is submitted again on a later run.',
        { file }
      )
      continue
    }
    const errors = b.errors ?? []
    if (errors.length === 0)
      log.error(`Batch ${b.batchId} failed without a reason from ${ctx.settings.provider.label}.`, { file })
    for (const e of errors) {
      const message = `Batch ${b.batchId} failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`
      const line = firstLine(b)
      log.error(message, { file, startLine: e.line && line ? e.line + line - 1 : undefined })
    }
  }
}
