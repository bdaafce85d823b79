import { errorMessage } from '../core/errors'
import { planSubmit } from '../core/plans/submit'
import { planMarker, renderPlan } from '../core/report/plan'
import { preview, Preview } from '../core/plans/preview'
import type { SourceFile } from '../core/requests/source'
import type { State } from '../core/state/state'
import { estimatePlan, resultsInGit, warnBigResults } from './estimate'
import { freshPlan } from './restore'
import type { Context, Step } from './step'

const BLIND =
  'No saved state and no OpenAI key: this plan is made from the request files alone, ' +
  'so content that already has a batch shows as new. Give the plan a key (api-key) to look at OpenAI.'

/** A submit plan made against the freshest state: OpenAI is looked at when the state may be stale. */
export const planFor = (ctx: Context, sources: readonly SourceFile[], state: State) =>
  freshPlan(
    ctx,
    state,
    s => planSubmit(sources, s),
    p => p.submit.length > 0
  )

/**
 * A plan (mode plan, or a dry run): what a submit would upload, cancel and
 * refuse, and what it would cost. On a pull request it is one comment that each
 * push updates. Nothing is uploaded, created or saved.
 */
export const planStep: Step<Context> = {
  name: 'Plan',
  async run(ctx, so) {
    const { log } = ctx
    const { state, plan } = await planFor(ctx, ctx.sources, so.state)
    let p: Preview
    try {
      p = await estimatePlan(ctx, plan, state)
    } catch (e) {
      // The plan stands without its estimate.
      log.warning(`Could not estimate the cost: ${errorMessage(e)}`)
      p = preview(ctx.sources, state, plan, { maxCost: ctx.settings.maxCost, resultsInGit: resultsInGit(ctx.settings) })
    }
    warnBigResults(log, p.bigResults)
    const wouldSubmit = plan.submit.map(s => s.file)
    log.info(`Plan: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`)
    // Without a key nothing can be looked up at OpenAI: say what the plan may get wrong.
    const blind = !ctx.loaded && !ctx.api
    if (blind) log.warning(BLIND)
    const notes = [...(blind ? [BLIND] : []), ...(ctx.settings.mode === 'plan' ? await comment(ctx, p) : [])]
    return { state, wouldSubmit, preview: p, notes }
  }
}

/** Puts the plan in this action's one comment on the pull request (per source folder); returns summary notes. */
async function comment(ctx: Context, p: Preview): Promise<string[]> {
  const { settings, log } = ctx
  const pr = settings.run.pullRequest
  if (pr === undefined) return []
  if (!ctx.pulls) {
    log.warning('No github-token: the plan is in the job summary only, not on the pull request.')
    return []
  }
  const marker = planMarker(settings.scope)
  const title = `${settings.provider.label} batches: plan for \`${settings.sourceDir}/\``
  const body = `${marker}\n${renderPlan(p, { cancelSuperseded: settings.cancelSuperseded, title })}`
  try {
    const how = await (await ctx.pulls()).upsertComment(pr, marker, body)
    log.info(`The plan is on pull request #${pr} (comment ${how}).`)
    return [`The plan is on pull request #${pr}.`]
  } catch (e) {
    // The plan is in the summary either way; a missing permission must not fail the check.
    const message = `The plan could not be put on pull request #${pr}: ${errorMessage(e)}`
    log.warning(message)
    return [message]
  }
}
