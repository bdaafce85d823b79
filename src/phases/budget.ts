import { costOf } from '../core/cost/estimate'
import { budgetOf } from '../core/plans/preview'
import type { Progress } from '../core/step-result'
import { usd } from '../core/format'
import { estimateFile } from '../io/estimate-file'
import type { Context } from './step'

/**
 * The charge for each retry round before its upload, keeping the whole run
 * within max-cost; undefined without it. The run starts from the submit step's
 * estimate; a round is its lines' tokens at the Batch price. A round over the
 * budget, or whose model has no known price, makes the charge throw: it is not
 * uploaded, and the next run tries again.
 */
export function runBudget(ctx: Context, so: Progress): ((abs: string, file: string) => Promise<void>) | undefined {
  const max = ctx.settings.maxCost
  if (max === undefined) return undefined
  let spent = so.preview?.budget?.estimate ?? 0
  return async (abs, file) => {
    const [tokenizer, prices] = await Promise.all([ctx.tokenizer(), ctx.prices()])
    const estimate = await estimateFile(abs, file, tokenizer, ctx.settings.model)
    // Checked and charged with no wait between: rounds estimated at the same time are added one by one.
    const b = budgetOf(max - spent, costOf(estimate.models, prices.price))!
    if (b.unknown) throw new Error(`not uploaded: max-cost ${usd(max)} cannot be checked: ${b.unknown}`)
    if (b.over)
      throw new Error(
        `not uploaded: its estimate ${usd(b.estimate!)} would take the run's estimate over max-cost ${usd(max)} ` +
          `(${usd(spent)} before it)`
      )
    spent += b.estimate!
    ctx.log.info(
      `${file}: the retry is estimated at ${usd(b.estimate!)}; ` +
        `the run's estimate is ${usd(spent)}, within max-cost ${usd(max)}.`
    )
  }
}
