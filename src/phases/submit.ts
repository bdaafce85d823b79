import { refusedForTokens, track } from '../core/state/batches'
import { mapLimit } from '../core/concurrency'
import { errorMessage, type Failure } from '../core/errors'
import { CLOCK_SKEW_SECONDS } from '../core/limits'
import { usd } from '../core/format'
import { orphan } from '../core/state/orphans'
import { supersede } from '../core/plans/superseded'
import { missingParts, planPrune, SubmitPlan } from '../core/plans/submit'
import { bigResults, type Preview } from '../core/plans/preview'
import type { StepResult } from '../core/step-result'
import { remoteFacts, RemoteFile } from '../core/remote/records'
import type { SourceFile } from '../core/requests/source'
import { isFinal, State, TrackedBatch } from '../core/state/state'
import { checkSource } from '../io/request-files'
import { createPart, settleAll } from './create'
import { estimatePlan, resultsInGit, warnBigResults } from './estimate'
import { planFor } from './plan'
import { protectedBranchNote } from './publish/preflight'
import { forFile, LiveContext, Step } from './step'

/** Uploads each new or changed file and creates its batches, then stops tracking what they superseded. */
export const submitStep: Step = {
  name: 'Submit',
  async run(ctx, so) {
    const { state, plan } = await planFor(ctx, ctx.sources, so.state)
    return submit(ctx, plan, state)
  }
}

/** A batch refused for the enqueued-token limit is submitted again by the next run that can, a scheduled one too. */
export const resubmitStep: Step = {
  name: 'Submit again what the token limit refused',
  idle: (ctx, so) => !ctx.sources.some(src => refusedForTokens(src, so.state)),
  async run(ctx, so) {
    const limited = (src: SourceFile) => refusedForTokens(src, so.state)
    const again = await Promise.all(ctx.sources.filter(limited).map(s => checkSource(s, ctx.settings.check)))
    const { state, plan } = await planFor(ctx, again, so.state)
    return submit(ctx, plan, state)
  }
}

/**
 * How a file refused for max-cost gets its batch. "Run workflow" (workflow_dispatch) reads the workflow
 * file as it is now, where re-running the refused run would read the old limit again.
 */
const RUN_AGAIN = 'then run the workflow from the Actions tab (Run workflow), or wait for the next scheduled run'

/** With max-cost: the estimate of the plan, and the files' failures when it is over (then nothing is uploaded). */
async function guard(
  ctx: LiveContext,
  plan: SubmitPlan,
  state: State
): Promise<{ preview?: Preview; failures: Failure[] }> {
  if (ctx.settings.maxCost === undefined || plan.submit.length === 0) return { failures: [] }
  const p = await estimatePlan(ctx, plan, state)
  const b = p.budget!
  if (!b.over) {
    ctx.log.info(`Estimate ${usd(b.estimate!)}, within max-cost ${usd(b.max)}.`)
    return { preview: p, failures: [] }
  }
  const why = b.unknown
    ? `max-cost ${usd(b.max)} cannot be checked: ${b.unknown}`
    : `the run's estimate ${usd(b.estimate!)} is over max-cost ${usd(b.max)}`
  const fix = b.unknown ? 'To submit it unchecked, leave max-cost empty' : 'To submit it, raise max-cost'
  const failures = p.submit.map(({ src, cost }) => {
    const mine = cost?.input !== undefined ? ` (this file: ${usd(cost.input + (cost.output ?? 0))})` : ''
    const message = `${src.file}: not uploaded: ${why}${mine}. ${fix}, ${RUN_AGAIN}.`
    ctx.log.error(message, { file: src.file, title: 'Over max-cost' })
    return { file: src.file, message, annotated: true }
  })
  return { preview: p, failures }
}

/** Carries a submit plan out: within max-cost, uploads and creates each missing part, then prunes what it supersedes. */
export async function submit(ctx: LiveContext, plan: SubmitPlan, initial: State): Promise<StepResult> {
  const { api, clock, log, settings } = ctx
  const guarded = await guard(ctx, plan, initial)
  if (guarded.failures.length > 0) return { state: initial, ...guarded }
  // Without max-cost there is no estimate: the size comes from the lines' check, which costs nothing more.
  const big = guarded.preview?.bigResults ?? bigResults(plan.submit, resultsInGit(settings))
  warnBigResults(log, big)
  const warned = plan.submit.length > 0 ? await protectedBranchNote(ctx) : undefined
  const deps = { api, clock, log, settings, runStart: clock.now() - CLOCK_SKEW_SECONDS }
  let state = initial
  const created: TrackedBatch[] = []
  const failures: Failure[] = []
  const uploaded = plan.submit.length > 0 ? await ctx.uploads() : new Map<string, RemoteFile>()
  const work = plan.submit.flatMap(src => missingParts(src, src.parts.length, state).map(part => ({ src, part })))
  await mapLimit(work, settings.maxConcurrency, async ({ src, part }) => {
    const out = await forFile(log, { file: src.file, context: src.file }, () => createPart(src, part, uploaded, deps))
    if ('failure' in out) return void failures.push(out.failure)
    created.push(out.value)
    state = track(state, [out.value])
  })
  const settled = await settleAll(deps, state, created)
  const pruned = await prune(ctx, settled.state)
  // A preview renders its own warnings in the summary.
  const notes = [...(warned ? [warned] : []), ...(guarded.preview ? [] : big.map(b => b.message))]
  return { ...pruned, created: settled.created, failures, notes, preview: guarded.preview }
}

/**
 * Deals with the batches of changed and deleted files, cancelling the unfinished
 * ones when asked. Those with something left to report stay, marked superseded,
 * until they end; the rest are dropped. Says which, with their status.
 */
async function prune(ctx: LiveContext, state: State): Promise<{ state: State; superseded: TrackedBatch[] }> {
  const old = planPrune(ctx.sources, state)
  const present = new Set(ctx.sources.map(s => s.path))
  const outs = await mapLimit(old, ctx.settings.maxConcurrency, async b => {
    const why = present.has(b.path) ? 'changed' : 'deleted'
    return supersede(await cancelOld(ctx, b, why), why)
  })
  const gone = new Set(outs.flatMap(o => ('drop' in o ? [o.drop.batchId] : [])))
  const marked = new Map(outs.flatMap(o => ('keep' in o ? [[o.keep.batchId, o.keep] as const] : [])))
  const superseded = outs.map(o => ('keep' in o ? o.keep : o.drop))
  const kept = {
    ...state,
    batches: state.batches.filter(b => !gone.has(b.batchId)).map(b => marked.get(b.batchId) ?? b)
  }
  return { state: ctx.settings.keepOrphanResults ? kept : orphan(kept, old, present), superseded }
}

/** Cancels a superseded batch when asked and it is still running; returns it with its status now. */
async function cancelOld(ctx: LiveContext, b: TrackedBatch, why: 'changed' | 'deleted'): Promise<TrackedBatch> {
  const { api, log, settings } = ctx
  if (!settings.cancelSuperseded || b.guessed || isFinal(b.status) || b.status === 'cancelling') return b
  try {
    // The state's status may be old: a batch that has finished since is left alone.
    const now = await api.getBatch(b.batchId)
    if (isFinal(now.status)) return { ...b, ...remoteFacts(now) }
    const cancelled = await api.cancelBatch(b.batchId)
    log.info(
      `Cancelled batch ${b.batchId}: ` +
        `${b.path} ${why === 'deleted' ? 'was deleted' : 'has changed since it was created'}.`
    )
    return { ...b, ...remoteFacts(cancelled) }
  } catch (e) {
    // The new batch stands either way; an old one left running only costs money.
    log.warning(`Could not cancel the superseded batch ${b.batchId} of ${b.path}: ${errorMessage(e)}`)
    return b
  }
}
