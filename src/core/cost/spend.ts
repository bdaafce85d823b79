import { BATCH_DISCOUNT } from './estimate'
import type { TrackedBatch } from '../state/state'
import { addUsage, batchShare, NO_USAGE, Price, TokenUsage } from './usage'
import { count, plural, usd } from '../format'

/** The synchronous price of a usage with a model (or its Batch price, marked `batch`); undefined when none is known. */
export type PriceOf = (model: string, usage: TokenUsage) => Price | undefined

/** What a batch cost at the Batch price; undefined when its usage or its model's price is not known. */
export function batchCost(b: Pick<TrackedBatch, 'usage' | 'model'>, price: PriceOf | undefined): number | undefined {
  if (!b.usage || !b.model || !price) return undefined
  const p = price(b.model, b.usage)
  return p ? (p.input + p.output) * batchShare(p, BATCH_DISCOUNT) : undefined
}

/** What some batches used and cost together. */
export interface Spent {
  readonly usage: TokenUsage
  /** US dollars at the Batch price, over the batches whose cost is known. */
  readonly cost: number
  /** Batches whose usage or price is not known, so they are not in `cost`. */
  readonly unknown: number
  readonly batches: number
  /** The `model-prices` entries that priced any of the batches, as written. */
  readonly entries?: readonly string[]
}

/** Whether `cost` prices any of the batches (or there were none to price). */
export const costKnown = (s: Spent): boolean => s.batches === 0 || s.unknown < s.batches

/** The tokens and the cost, in words, for the summary and the results pull request. */
export function spentText(s: Spent): string {
  const { input, cachedInput, output } = s.usage
  const tokens = `${count(input)} input tokens (${count(cachedInput)} cached) and ${count(output)} output tokens`
  if (!costKnown(s)) return `${tokens}, no price known`
  const rest = s.unknown > 0 ? ` (+ ${plural(s.unknown, 'batch', 'batches')} of no known price)` : ''
  const own = s.entries?.length
    ? ` (prices from input \`model-prices\`: ${s.entries.map(e => `\`${e}\``).join(', ')})`
    : ''
  return `${tokens}, ${usd(s.cost)} at the Batch price${rest}${own}`
}

export function spent(batches: readonly Pick<TrackedBatch, 'usage' | 'model'>[], price: PriceOf | undefined): Spent {
  let usage = NO_USAGE
  let cost = 0
  let unknown = 0
  const entries = new Set<string>()
  for (const b of batches) {
    if (b.usage) usage = addUsage(usage, b.usage)
    const c = batchCost(b, price)
    if (c === undefined) unknown++
    else cost += c
    const entry = b.usage && b.model ? price?.(b.model, b.usage)?.entry : undefined
    if (entry) entries.add(entry)
  }
  return { usage, cost, unknown, batches: batches.length, ...(entries.size > 0 ? { entries: [...entries] } : {}) }
}

/** A usage in the shape of OpenAI's Batch.usage, for outputs and events. */
export function openaiUsage(u: TokenUsage): {
  input_tokens: number
  input_tokens_details: { cached_tokens: number }
  output_tokens: number
  output_tokens_details: { reasoning_tokens: number }
  total_tokens: number
} {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cachedInput },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output
  }
}
