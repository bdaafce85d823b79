import * as path from 'node:path'
import { uncollect, update, updateAll } from '../../core/state/batches'
import { clearOrphans } from '../../core/state/orphans'
import type { Change } from '../../core/report/changes'
import { mapLimit } from '../../core/concurrency'
import { errorMessage, Failure, stopsRun } from '../../core/errors'
import { resultPaths, shortPaths } from '../../core/paths'
import { planCollect, toCollect } from '../../core/plans/collect'
import type { StepResult } from '../../core/step-result'
import { isFinal, roundOf, State, TrackedBatch } from '../../core/state/state'
import { createResultWriter } from '../../io/result-writer'
import { publish } from '../publish/publish'
import { settleSuperseded } from '../superseded'
import { watchOutside } from '../restore'
import { confirmGuesses } from '../guesses'
import { checkStatuses } from '../statuses'
import { annotationBudget } from './failed-requests'
import { forFile, LiveContext, Step } from '../step'
import { gather, seenBefore, spentBy } from './unit'
import { byText, plural } from '../../core/format'

/** What a collect that found nothing finished says, so its heading is never empty. */
function stillRunning(state: State): string {
  const running = state.batches.filter(b => !isFinal(b.status)).length
  return running === 0
    ? 'No batch is running: nothing to collect.'
    : `No batch finished since the last run; ${plural(running, 'batch', 'batches')} still running.`
}

/**
 * Checks the unfinished batches, then writes and publishes the results of the
 * finished ones. Results that reach no one are collected again next run.
 */
export const collectStep: Step = {
  name: 'Collect results',
  async run(ctx, so) {
    const watched = await watchOutside(ctx, so.state)
    const refreshed = await confirmGuesses(ctx, await refresh(ctx, watched.state))
    const collected = await collect(ctx, refreshed)
    const ended = await settleSuperseded(ctx, collected.state)
    const gone = await removeOrphans(ctx, ended.state)
    const changes = [...collected.changes, ...ended.changes, ...gone.changes].sort((a, b) => byText(a.path, b.path))
    const out = { ...collected, state: ended.state, changes, superseded: ended.superseded }
    // The orphans are done with once their removal is published (or there was nothing to remove).
    const done = {
      ...out,
      state: clearOrphans(out.state, gone.paths),
      failures: [...watched.failures, ...out.failures]
    }
    if (collected.collected.length === 0) ctx.log.info(stillRunning(refreshed))
    if (out.changes.length === 0) return done
    try {
      const published = await publish(ctx, out.changes, out.collected)
      return { ...done, ...published }
    } catch (e) {
      if (stopsRun(e)) throw e
      // No annotation of its own: the step's failure names it.
      const message = shortPaths(`Could not publish the results: ${errorMessage(e)}`, ctx.settings)
      const failures = [...watched.failures, ...out.failures, { file: ctx.settings.targetDir, message }]
      // Results that reached no one are fetched again by the next run.
      const unpublished = new Set([...out.collected, ...out.superseded].map(b => b.batchId))
      return { state: uncollect(out.state, unpublished), changes: out.changes, failures }
    }
  }
}

/**
 * Removes the results of request files deleted after their results were
 * written. A path that holds a request file again keeps its results.
 */
async function removeOrphans(ctx: LiveContext, state: State): Promise<{ changes: Change[]; paths: string[] }> {
  const { api, clock, log, settings } = ctx
  const present = new Set(ctx.sources.map(s => s.path))
  const changes: Change[] = []
  const writer = createResultWriter(api, { clock, log, tempDir: settings.tempDir })
  for (const p of state.orphans ?? []) {
    if (present.has(p)) continue
    const paths = resultPaths(settings.targetDir, p)
    for (const rel of [paths.output, paths.errors, paths.csv]) {
      const w = await writer.write([], path.join(settings.workspace, rel))
      if (w.existed) changes.push({ path: rel, batchId: '', removed: true, existed: true, changed: true })
    }
    log.info(`${settings.sourceDir}/${p} was deleted: its results are removed (keep-orphan-results keeps them).`)
  }
  return { changes, paths: state.orphans ?? [] }
}

/** The state with the unfinished batches' status brought up to date; one that cannot be checked is checked next run. */
async function refresh(ctx: LiveContext, initial: State): Promise<State> {
  const plan = planCollect(ctx.sources, initial)
  const present = new Set(ctx.sources.map(s => s.path))
  for (const b of plan.stale)
    ctx.log.info(
      present.has(b.path)
        ? `${b.path}: batch ${b.batchId} is for earlier content of the file; its results are not collected.`
        : `Batch ${b.batchId} of ${ctx.settings.sourceDir}/${b.path}: its file is missing; its results are not collected.`
    )
  return updateAll(initial, await checkStatuses(ctx, plan.refresh, initial.batches))
}

/** Writes the results of every file whose batches are all final. */
async function collect(
  ctx: LiveContext,
  initial: State
): Promise<Required<Pick<StepResult, 'state' | 'collected' | 'changes' | 'failures' | 'failedRequests'>>> {
  const { api, clock, log, settings, sources } = ctx
  let state = initial
  const writer = createResultWriter(api, { clock, log, tempDir: settings.tempDir })
  const budget = annotationBudget()
  const collected: TrackedBatch[] = []
  const changes: Change[] = []
  const failures: Failure[] = []
  let failedRequests = 0
  await mapLimit(toCollect(sources, state), settings.maxConcurrency, async unit => {
    const src = unit[0]!.outside ? undefined : sources.find(s => s.path === unit[0]!.path)
    const file = src?.file ?? `batch ${unit[0]!.batchId}`
    const task = {
      file,
      context: `${file}: could not collect batch ${unit.map(b => b.batchId).join(', ')}`,
      annotate: src !== undefined
    }
    const out = await forFile(log, task, () => gather(ctx, unit, src, writer, budget))
    if ('failure' in out) return void failures.push(out.failure)
    const before = seenBefore(out.value.held, unit)
    if (before) log.info(collectedBefore(file, settings.targetDir, unit))
    else {
      changes.push(...out.value.changes)
      failedRequests += 'failed' in out.value ? out.value.failed : 0
    }
    const last = Math.max(...unit.map(roundOf))
    for (const b of unit) {
      const gone = 'filesDeleted' in out.value || b.filesDeleted ? { filesDeleted: true } : {}
      const done: TrackedBatch = {
        ...b,
        ...spentBy(b, src, out.value.tallied),
        ...gone,
        ...(before && !b.collected ? { announced: ANNOUNCED } : {}),
        collected: true,
        errorsRetried: out.value.errorsRetried || undefined,
        renamedFrom: undefined,
        rebuilt: undefined
      }
      if (roundOf(b) === last && out.value.retryable !== undefined) done.retryable = out.value.retryable
      state = update(state, done)
      // Counted once: a file collected again with its retry round does not count its first round twice.
      if (!b.collected && !b.renamedFrom && !before) collected.push(done)
    }
  })
  changes.sort((a, b) => byText(a.path, b.path))
  return { state, collected, changes, failures, failedRequests }
}

/**
 * Taken as announced on every channel: the run that wrote these results
 * announced them, unless its delivery failed and the cache was lost before a
 * retry. Where results differ, the event goes out again under its first id (events.ts).
 */
const ANNOUNCED: TrackedBatch['announced'] = ['webhook', 'dispatch']

const collectedBefore = (file: string, targetDir: string, unit: readonly TrackedBatch[]): string =>
  `${file}: the results in ${targetDir} already hold batch ${unit.map(b => b.batchId).join(', ')}: ` +
  'it was collected before the state was lost, and is not counted or announced again.'
