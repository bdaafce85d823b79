import type { Price, TokenUsage } from '../core/cost/usage'

/** Token counts and prices for estimates and costs; `adapters/tokenizer.ts` and `adapters/prices.ts` implement them. */

export interface Tokenizer {
  /** Tokens of `text` in the encoding of `model` (its own, where the library knows it). */
  count(model: string, text: string): number
  /** The encoding `count` uses for `model`, e.g. `o200k_base`: named where a count is only approximate. */
  encoding(model: string): string
}

export interface PriceList {
  /** Where the prices come from, for the summary: the library and its version. */
  readonly source: string
  /** The price of `usage` with `model` at the provider the action talks to, or undefined when no price is known. */
  price(model: string, usage: TokenUsage): Price | undefined
}
