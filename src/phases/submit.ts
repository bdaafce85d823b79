import { refusedForTokens, track } from '../core/batches'
import { CLOCK_SKEW_SECONDS } from '../core/limits'
import { missingParts, planPrune, planSubmit, SubmitPlan } from '../core/plan-submit'
import type { RemoteFile } from '../core/remote'
import type { SourceFile } from '../core/source'
import { isFinal, State, TrackedBatch } from '../core/state'
import type { StepResult } from '../core/progress'
import { mapLimit } from '../core/concurrency'
import { errorMessage, type Failure } from '../core/errors'
import { checkSource } from '../io/request-files'
import { createPart, settleAll } from './create'
import { freshPlan } from './restore'
import { Context, forFile, LiveContext, Step } from './step'

/** A plan made against the freshest state: OpenAI is looked at when the state may be stale. */
const planFor = (ctx: Context, sources: readonly SourceFile[], state: State) =>
  freshPlan(ctx, state, s => planSubmit(sources, s), p => p.submit.length > 0)

/** A dry run: what a submit would upload, and nothing done. */
export const dryRunStep: Step<Context> = {
  name: 'Plan (dry run)',
  async run(ctx, so) {
    const { state, plan } = await planFor(ctx, ctx.sources, so.state)
    const wouldSubmit = plan.submit.map(s => s.file)
    ctx.log.info(`Dry run: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`)
    return { state, wouldSubmit }
  }
}

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
  async run(ctx, so) {
    const limited = (src: SourceFile) => refusedForTokens(src, so.state)
    if (!ctx.sources.some(limited)) return { state: so.state }
    const again = await Promise.all(ctx.sources.filter(limited).map(s => checkSource(s, ctx.settings.check)))
    const { state, plan } = await planFor(ctx, again, so.state)
    return submit(ctx, plan, state)
  }
}

async function submit(ctx: LiveContext, plan: SubmitPlan, initial: State): Promise<StepResult> {
  const { api, clock, log, settings } = ctx
  const deps = { api, clock, log, settings, runStart: clock.now() - CLOCK_SKEW_SECONDS }
  let state = initial
  const created: TrackedBatch[] = []
  const failures: Failure[] = []
  const uploaded = plan.submit.length > 0 ? await ctx.uploads() : new Map<string, RemoteFile>()
  const work = plan.submit.flatMap(src => missingParts(src, src.parts.length, state).map(part => ({ src, part })))
  await mapLimit(work, settings.maxConcurrency, async ({ src, part }) => {
    const out = await forFile(log, { file: src.file }, () => createPart(src, part, uploaded, deps))
    if ('failure' in out) return void failures.push(out.failure)
    created.push(out.value)
    state = track(state, [out.value])
  })
  const settled = await settleAll(deps, state, created)
  return { state: await prune(ctx, settled.state), created: settled.created, failures }
}

/** Drops superseded batches and those of deleted files, cancelling the unfinished ones when asked. */
async function prune(ctx: LiveContext, state: State): Promise<State> {
  const { api, log, settings } = ctx
  const dropped = planPrune(ctx.sources, state)
  for (const b of dropped) {
    if (!settings.cancelSuperseded || isFinal(b.status) || b.status === 'cancelling') continue
    try {
      // The state's status may be old: a batch that has finished since is left alone.
      if (isFinal((await api.getBatch(b.batchId)).status)) continue
      await api.cancelBatch(b.batchId)
      log.info(`Cancelled batch ${b.batchId}: ${b.path} has changed since it was created.`)
    } catch (e) {
      // The new batch stands either way; an old one left running only costs money.
      log.warning(`Could not cancel the superseded batch ${b.batchId} of ${b.path}: ${errorMessage(e)}`)
    }
  }
  const gone = new Set(dropped.map(b => b.batchId))
  return { ...state, batches: state.batches.filter(b => !gone.has(b.batchId)) }
}
