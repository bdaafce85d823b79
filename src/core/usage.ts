/** Tokens, as OpenAI's usage reports them: `cachedInput` and `reasoning` are parts of `input` and `output`. */
export interface TokenUsage {
  readonly input: number
  readonly cachedInput: number
  readonly output: number
  readonly reasoning: number
}

/** What a price list says a usage costs, in US dollars at the synchronous price. */
export interface Price {
  readonly input: number
  readonly output: number
  /** The model the price list matched. */
  readonly model: string
}
