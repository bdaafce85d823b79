import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { presentIds, track } from '../core/state/batches'
import { mapLimit } from '../core/concurrency'
import type { Failure } from '../core/errors'
import { CLOCK_SKEW_SECONDS } from '../core/limits'
import { missingParts } from '../core/plans/submit'
import { countedNone, planRetry, RetryWork } from '../core/plans/retry'
import type { RemoteFile } from '../core/remote/records'
import { listSince, roundOf, State, TrackedBatch } from '../core/state/state'
import { retryableIndex, selectRequests } from '../io/failed-lines'
import { readRequestFile } from '../io/request-files'
import { createResultWriter } from '../io/result-writer'
import { createPart, CreateDeps, indexFiles, settleAll, Target } from './create'
import { freshPlan } from './restore'
import { runBudget } from './budget'
import { forFile, Step } from './step'
import { plural } from '../core/format'

/**
 * Follow-up batches of the lines that failed for a retryable reason. Round k
 * holds the requests whose newest error, after rounds 0..k-1, may pass on a
 * retry; its results are merged into the file's results when it is final.
 */
export const retryStep: Step = {
  name: 'Retry failed lines',
  async run(ctx, so) {
    const { api, clock, log, settings } = ctx
    const fresh = await freshPlan(
      ctx,
      so.state,
      s => planRetry(ctx.sources, s, settings.retryFailed),
      w => w.length > 0
    )
    if (fresh.plan.length === 0) return { state: fresh.state }
    let state = fresh.state
    const deps: CreateDeps = { api, clock, log, settings, runStart: clock.now() - CLOCK_SKEW_SECONDS }
    const created: TrackedBatch[] = []
    const failures: Failure[] = []
    const uploaded = await indexFiles(api, listSince(ctx.loaded, clock.now()))
    const charge = runBudget(ctx, so)
    await mapLimit(fresh.plan, settings.maxConcurrency, async w => {
      const record = (b: TrackedBatch) => {
        created.push(b)
        state = track(state, [b])
      }
      const task = { file: w.src.file, context: `${w.src.file}: could not submit retry ${w.round}` }
      const out = await forFile(log, task, () => retryOne(w, () => state, record, uploaded, deps, charge))
      if ('failure' in out) failures.push(out.failure)
      // Nothing to retry (a file collected while retries were off): counted, so it is not looked at again.
      else if (out.value === 'nothing to retry') state = countedNone(state, w)
    })
    const settled = await settleAll(deps, state, created)
    return { ...settled, failures }
  }
}

/** Writes the requests of round `w.round` to `out` (the same bytes on every run); returns how many. */
async function retryRequests(w: RetryWork, out: string, deps: CreateDeps): Promise<number> {
  const { api, clock, log, settings } = deps
  const errors = `${out}.errors`
  try {
    const retried = w.before.filter(b => roundOf(b) > 0)
    await createResultWriter(api, { clock, log, tempDir: settings.tempDir }).write(
      presentIds(w.before.map(b => b.errorFileId)),
      errors,
      {
        succeeded: presentIds(retried.map(b => b.outputFileId))
      }
    )
    const ids = await fs.access(errors).then(
      () => retryableIndex(errors),
      () => undefined
    )
    return ids && ids.size > 0 ? await selectRequests(w.src.abs, ids, out) : 0
  } finally {
    await fs.rm(errors, { force: true })
  }
}

/** Makes the missing batches of one retry round, recording each as made; says when no line may pass on a retry. */
async function retryOne(
  w: RetryWork,
  state: () => State,
  record: (b: TrackedBatch) => void,
  uploaded: ReadonlyMap<string, RemoteFile>,
  deps: CreateDeps,
  charge?: (abs: string, file: string) => Promise<void>
): Promise<'made' | 'nothing to retry'> {
  const { settings } = deps
  await fs.mkdir(settings.tempDir, { recursive: true })
  const abs = path.join(settings.tempDir, `${randomUUID()}.retry.jsonl`)
  try {
    const n = await retryRequests(w, abs, deps)
    if (n === 0) return 'nothing to retry'
    const { facts } = await readRequestFile(abs, settings.check)
    if (facts.problems.length > 0)
      throw new Error(`the lines to retry do not make a valid request file: ${facts.problems[0]!.message}`)
    const target: Target = {
      path: w.src.path,
      sha256: w.src.sha256,
      round: w.round,
      file: w.src.file,
      abs,
      parts: facts.parts,
      endpoint: facts.endpoint
    }
    const missing = missingParts(target, facts.parts.length, state())
    deps.log.info(
      `${w.src.file}: ${plural(n, 'request')} failed for a reason that may pass; ` +
        `retry ${w.round} of at most ${settings.retryFailed}.`
    )
    if (missing.length > 0) await charge?.(abs, w.src.file)
    for (const part of missing) record(await createPart(target, part, uploaded, deps))
    return 'made'
  } finally {
    await fs.rm(abs, { force: true })
  }
}
