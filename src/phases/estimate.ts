import { mapLimit } from '../core/concurrency'
import type { FileEstimate } from '../core/cost/estimate'
import { preview, Preview, ResultsWarning } from '../core/plans/preview'
import type { Log } from '../ports/log'
import type { Settings } from '../config/settings'
import type { SubmitPlan } from '../core/plans/submit'
import type { State } from '../core/state/state'
import { estimateFile } from '../io/estimate-file'
import type { Context } from './step'

/**
 * The preview of a submit plan with every file estimated: tokens counted a
 * line at a time, priced at the Batch price. Only a plan, a dry run and a run
 * with max-cost pay for it: counting tokens is slower than checking lines
 * (BENCHMARKS.md, "estimate tokens 200 MB").
 */
export async function estimatePlan(ctx: Context, plan: SubmitPlan, state: State): Promise<Preview> {
  const [tokenizer, prices] = await Promise.all([ctx.tokenizer(), ctx.prices()])
  const done = await mapLimit(plan.submit, ctx.settings.maxConcurrency, src =>
    estimateFile(src.abs, src.file, tokenizer, ctx.settings.model)
  )
  const estimates = new Map<string, FileEstimate>(done.map(e => [e.file, e]))
  return preview(ctx.sources, state, plan, {
    estimates,
    price: prices.price,
    priceSource: prices.source,
    maxCost: ctx.settings.maxCost,
    resultsInGit: resultsInGit(ctx.settings)
  })
}

/** Whether this run's results are committed, so results too big for git are worth a warning. */
export const resultsInGit = (s: Pick<Settings, 'results'>): boolean =>
  s.results === 'commit' || s.results === 'both' || s.results === 'pull-request'

/** Annotates each request file whose results, estimated, would not be committed as they are. */
export function warnBigResults(log: Log, warnings: readonly ResultsWarning[] | undefined): void {
  for (const w of warnings ?? []) log.warning(w.message, { file: w.file, title: 'Results too big for git' })
}
