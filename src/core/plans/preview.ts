import { batchesOf, isUsable, matches } from '../state/batches'
import { Cost, costOf, FileEstimate, mergeModels, ModelEstimate } from '../cost/estimate'
import type { SubmitPlan } from './submit'
import type { SourceFile } from '../requests/source'
import { isFinal, State, TrackedBatch } from '../state/state'
import type { Price, TokenUsage } from '../cost/usage'
import { entriesUsed } from '../cost/model-prices'
import { resultsSizeWarning } from '../requests/results-size'

/** What a merge (or a submit) would do, before anything is spent: the plan a reviewer reads. */
export interface Preview {
  readonly submit: readonly {
    readonly src: SourceFile
    readonly estimate: FileEstimate | undefined
    readonly cost: Cost | undefined
  }[]
  /** Unfinished batches a submit would cancel: their file changed, or is gone. */
  readonly cancel: readonly { readonly batch: TrackedBatch; readonly why: 'changed' | 'deleted' }[]
  readonly invalid: readonly SourceFile[]
  /** Every file's estimate summed, model by model; undefined when nothing was estimated. */
  readonly total: { readonly models: readonly ModelEstimate[]; readonly cost: Cost } | undefined
  readonly budget: Budget | undefined
  /** Where the prices come from; undefined when nothing was priced. */
  readonly priceSource: string | undefined
  /** The `model-prices` entries that priced a model of the plan, as written. */
  readonly inputPrices?: readonly string[]
  /** Files whose results, estimated, would be committed gzip-compressed or left out; with the warning. */
  readonly bigResults?: readonly ResultsWarning[]
}

export interface ResultsWarning {
  readonly file: string
  readonly message: string
}

/** The files of a submit whose results would not be committed as they are, when results go to git. */
export function bigResults(submit: readonly SourceFile[], resultsInGit: boolean): ResultsWarning[] {
  if (!resultsInGit) return []
  return submit.flatMap(src => {
    const message = resultsSizeWarning(src.file, src.resultsBytes)
    return message ? [{ file: src.file, message }] : []
  })
}

export interface Budget {
  /** max-cost, US dollars. */
  readonly max: number
  /** The estimate checked against it: input cost plus the output bound where known. */
  readonly estimate: number | undefined
  /** Why the estimate cannot be checked (a model with no price), when it cannot. */
  readonly unknown?: string
  readonly over: boolean
}

/** Unfinished batches a submit of `plan` would leave superseded: of files changed in the plan, or deleted. */
export function toCancel(sources: readonly SourceFile[], state: State, plan: SubmitPlan): Preview['cancel'] {
  const byPath = new Map(sources.map(s => [s.path, s]))
  const changing = new Set(plan.submit.map(s => s.path))
  const out: { batch: TrackedBatch; why: 'changed' | 'deleted' }[] = []
  for (const b of state.batches) {
    if (b.outside || isFinal(b.status) || b.status === 'cancelling') continue
    const src = byPath.get(b.path)
    if (!src) out.push({ batch: b, why: 'deleted' })
    else if (!matches(b, src) && (changing.has(b.path) || batchesOf(state, src).some(isUsable)))
      out.push({ batch: b, why: 'changed' })
  }
  return out
}

/** The budget's verdict on a cost. */
export function budgetOf(max: number | undefined, cost: Cost | undefined): Budget | undefined {
  if (max === undefined) return undefined
  if (!cost || cost.unpriced.length > 0)
    return {
      max,
      estimate: undefined,
      unknown: cost ? `no price is known for ${cost.unpriced.join(', ')}` : 'the files were not estimated',
      over: true
    }
  const estimate = (cost.input ?? 0) + (cost.output ?? 0)
  return { max, estimate, over: estimate > max }
}

/** The preview of a plan, with each file's estimate when there is one. */
export function preview(
  sources: readonly SourceFile[],
  state: State,
  plan: SubmitPlan,
  opts: {
    estimates?: ReadonlyMap<string, FileEstimate>
    price?: (model: string, usage: TokenUsage) => Price | undefined
    priceSource?: string
    maxCost?: number
    /** Whether results are committed (results: commit, both, pull-request): then big results are warned of. */
    resultsInGit?: boolean
  }
): Preview {
  const { estimates, price } = opts
  const submit = plan.submit.map(src => {
    const estimate = estimates?.get(src.file)
    return { src, estimate, cost: estimate && price ? costOf(estimate.models, price) : undefined }
  })
  const models = estimates ? mergeModels(submit.map(s => s.estimate?.models ?? [])) : undefined
  const total = models && price ? { models, cost: costOf(models, price) } : undefined
  return {
    submit,
    cancel: toCancel(sources, state, plan),
    invalid: plan.invalid,
    total,
    budget: budgetOf(opts.maxCost, total?.cost),
    bigResults: bigResults(plan.submit, opts.resultsInGit ?? false),
    priceSource: total ? opts.priceSource : undefined,
    inputPrices:
      total && price
        ? entriesUsed(
            total.models.map(m => m.model),
            price
          )
        : undefined
  }
}
