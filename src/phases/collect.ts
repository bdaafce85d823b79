import * as core from '@actions/core'
import * as path from 'node:path'
import { ApiError, BatchApi } from '../ports/batch-api'
import { Clock } from '../ports/clock'
import type { Change } from './commit'
import { mapLimit } from '../core/concurrency'
import { planCollect, remoteFacts, toCollect, tokenLimited, update } from '../core/plan'
import { createResultWriter, presentIds, ResultWriter, resultPaths, Written } from '../io/result-writer'
import { checkOptions, checkSource, SourceFile } from '../io/request-files'
import type { Settings } from '../config/settings'
import { roundOf, slotLabel, State, TrackedBatch } from '../core/state'
import { countRetryable } from '../io/failed-lines'

export interface CollectOutcome {
  readonly state: State
  /** Batches whose results were collected in this run. */
  readonly collected: readonly TrackedBatch[]
  /** The files under target-dir of the batches collected in this run. */
  readonly changes: readonly Change[]
  readonly failures: readonly { file: string; message: string }[]
}

const fatal = (e: unknown): boolean => e instanceof ApiError && (e.status === 401 || e.status === 403)

/** Checks the unfinished batches, then writes the results of the finished ones. */
export async function collectPhase(
  sources: readonly SourceFile[],
  initial: State,
  deps: { api: BatchApi; clock: Clock; settings: Settings }
): Promise<CollectOutcome> {
  const { api, clock, settings } = deps
  let state = initial
  const failures: { file: string; message: string }[] = []
  const plan = planCollect(sources, state)
  for (const b of plan.stale) core.info(`${b.path}: batch ${b.batchId} is for earlier content of the file; its results are not collected.`)

  await mapLimit(plan.refresh, settings.maxConcurrency, async b => {
    try {
      const next = { ...b, ...remoteFacts(await api.getBatch(b.batchId)) }
      if (next.status !== b.status) core.info(`${b.path}: batch ${b.batchId} is ${next.status}.`)
      state = update(state, next)
    } catch (e) {
      if (fatal(e)) throw e
      // Checked again on the next run; the rest goes on.
      core.warning(`Could not check batch ${b.batchId} of ${b.path}: ${(e as Error).message}`)
    }
  })

  const writer = createResultWriter(api, clock, settings.tempDir)
  const collected: TrackedBatch[] = []
  const changes: Change[] = []
  await mapLimit(toCollect(sources, state), settings.maxConcurrency, async unit => {
    const src = unit[0]!.outside ? undefined : sources.find(s => s.path === unit[0]!.path)
    const file = src?.file ?? `batch ${unit[0]!.batchId}`
    try {
      const out = await collectUnit(unit, src, writer, settings)
      changes.push(...out.changes)
      const last = Math.max(...unit.map(roundOf))
      for (const b of unit) {
        const done: TrackedBatch = { ...b, collected: true, errorsRetried: out.errorsRetried || undefined }
        if (roundOf(b) === last && out.retryable !== undefined) done.retryable = out.retryable
        state = update(state, done)
        collected.push(done)
      }
    } catch (e) {
      if (fatal(e)) throw e
      const message = `${file}: could not collect batch ${unit.map(b => b.batchId).join(', ')}: ${(e as Error).message}`
      core.warning(message)
      failures.push({ file, message })
    }
  })
  changes.sort((a, b) => a.path.localeCompare(b.path))
  return { state, collected, changes, failures }
}

/**
 * Writes the results of one file's batches (every round, its parts in order):
 * the output, and the errors that still stand. Returns the files written and,
 * when retries are on, how many error lines may pass on a retry.
 */
async function collectUnit(
  unit: readonly TrackedBatch[],
  src: SourceFile | undefined,
  writer: ResultWriter,
  settings: Settings
): Promise<{ changes: Change[]; retryable: number | undefined; errorsRetried: boolean }> {
  const file = src?.file ?? `batch ${unit[0]!.batchId}`
  const batchIds = unit.map(b => b.batchId).join(', ')
  if (unit.some(b => b.status === 'failed')) {
    // OpenAI numbers the lines of the part it was given: cut the file again to find where each part starts.
    const parts = src && unit[0]!.parts > 1 ? (await checkSource(src, checkOptions(settings))).parts : []
    const firstLine = (b: TrackedBatch) => (roundOf(b) > 0 ? undefined : parts.length === b.parts ? parts[b.part - 1]!.line : 1)
    for (const b of unit) if (b.status === 'failed') annotateFailure(b, src?.file, firstLine(b))
  }
  const paths = resultPaths(settings.targetDir, unit[0]!.path)
  const orderBy = settings.resultsOrder === 'input' && src ? src.abs : undefined
  const retried = unit.some(b => roundOf(b) > 0)
  const outputs = presentIds(unit.map(b => b.outputFileId))
  const errors = presentIds(unit.map(b => b.errorFileId))
  const changes: Change[] = []
  const written: Written[] = []
  for (const [present, rel, succeeded] of [
    [outputs, paths.output, undefined],
    [errors, paths.errors, retried ? presentIds(unit.filter(b => roundOf(b) > 0).map(b => b.outputFileId)) : undefined]
  ] as const) {
    const w = await writer.write(present, path.join(settings.workspace, rel), { orderBy, succeeded })
    written.push(w)
    // Unchanged files count too: the branch may not have them yet (a publish that failed).
    if (!w.removed || w.changed) changes.push({ path: rel, batchId: batchIds, removed: w.removed === true, existed: w.existed, changed: w.changed })
  }
  for (const b of unit) {
    const counts = b.requestCounts ? ` (${b.requestCounts.completed} ok, ${b.requestCounts.failed} failed)` : ''
    core.info(`${file}: batch ${b.batchId}${slotLabel(roundOf(b), b.part, b.parts)} ${b.status}${counts}.`)
  }
  core.info(`${file}: results ${changes.some(c => c.changed) ? 'written' : 'unchanged'}.`)
  const retryable = settings.retryFailed > 0 && src ? await countRetryable(path.join(settings.workspace, paths.errors)).catch(() => 0) : undefined
  // Error lines there were, and every one passed on a retry: there is no errors file.
  const errorsRetried = errors.length > 0 && written[1]!.removed === true
  return { changes, retryable, errorsRetried }
}

/** A batch that failed validation: its errors point at lines of the request file. */
function annotateFailure(b: TrackedBatch, file: string | undefined, firstLine: number | undefined): void {
  if (tokenLimited(b)) {
    core.warning(`Batch ${b.batchId} was refused for the organisation's enqueued-token limit; it is submitted again on a later run.`, { file })
    return
  }
  const errors = b.errors ?? []
  if (errors.length === 0) core.error(`Batch ${b.batchId} failed without a reason from OpenAI.`, { file })
  for (const e of errors) {
    const message = `Batch ${b.batchId} failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`
    core.error(message, { file, startLine: e.line && firstLine ? e.line + firstLine - 1 : undefined })
  }
}
