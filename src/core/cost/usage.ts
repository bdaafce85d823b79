/** Tokens, as OpenAI's usage reports them: `cachedInput` and `reasoning` are parts of `input` and `output`. */
export interface TokenUsage {
  readonly input: number
  readonly cachedInput: number
  readonly output: number
  readonly reasoning: number
}

/** What a price list says a usage costs, in US dollars at the synchronous price (at the Batch price with `batch`). */
export interface Price {
  readonly input: number
  readonly output: number
  /** The model the price list matched. */
  readonly model: string
  /** The price is the Batch price already (an entry of `model-prices` in numbers): not halved. */
  readonly batch?: boolean
  /** The `model-prices` entry that priced the model, as written; undefined for the price list's own. */
  readonly entry?: string
}

/** The share of a price the Batch API charges: half, unless the price is a Batch price already. */
export const batchShare = (p: Price, discount: number): number => (p.batch ? 1 : discount)

export const NO_USAGE: TokenUsage = { input: 0, cachedInput: 0, output: 0, reasoning: 0 }

export const addUsage = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  input: a.input + b.input,
  cachedInput: a.cachedInput + b.cachedInput,
  output: a.output + b.output,
  reasoning: a.reasoning + b.reasoning
})

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const part = (v: unknown, key: string): number =>
  typeof v === 'object' && v !== null ? n((v as Record<string, unknown>)[key]) : 0

/**
 * The usage in one result line's response body: chat and completions
 * (`prompt_tokens`, `completion_tokens`), responses (`input_tokens`,
 * `output_tokens`), embeddings (`prompt_tokens` only), Anthropic's
 * messages (`input_tokens` and the cache's apart) and Gemini's `usageMetadata`.
 */
export function bodyUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined
  const u = usage as Record<string, unknown>
  // Gemini's: promptTokenCount holds the cached tokens; thoughts are billed as output, beside the candidates'.
  if ('promptTokenCount' in u || 'candidatesTokenCount' in u) {
    const thoughts = n(u.thoughtsTokenCount)
    return {
      input: n(u.promptTokenCount) + n(u.toolUsePromptTokenCount),
      cachedInput: n(u.cachedContentTokenCount),
      output: n(u.candidatesTokenCount) + thoughts,
      reasoning: thoughts
    }
  }
  // Anthropic's: input_tokens leaves out the tokens written to and read from the cache.
  if ('cache_read_input_tokens' in u || 'cache_creation_input_tokens' in u) {
    const read = n(u.cache_read_input_tokens)
    return {
      input: n(u.input_tokens) + n(u.cache_creation_input_tokens) + read,
      cachedInput: read,
      output: n(u.output_tokens),
      reasoning: part(u.output_tokens_details, 'thinking_tokens')
    }
  }
  if ('input_tokens' in u)
    return {
      input: n(u.input_tokens),
      cachedInput: part(u.input_tokens_details, 'cached_tokens'),
      output: n(u.output_tokens),
      reasoning: part(u.output_tokens_details, 'reasoning_tokens')
    }
  return {
    input: n(u.prompt_tokens),
    cachedInput: part(u.prompt_tokens_details, 'cached_tokens'),
    output: n(u.completion_tokens),
    reasoning: part(u.completion_tokens_details, 'reasoning_tokens')
  }
}

/** What a usage costs at the Batch price, given the synchronous price of its model. */
export interface Spend {
  readonly usage: TokenUsage
  /** US dollars; undefined when no price is known for a model in it. */
  readonly cost: number | undefined
}
