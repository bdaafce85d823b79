import type { Price, TokenUsage } from './usage'

/**
 * The `model-prices` input: prices for models the price list does not know
 * (an Azure deployment, a fine-tune, a model newer than the list), written by
 * the user, one entry a line.
 */

/** One line of `model-prices`: price models matching `pattern` as another model, or at given Batch prices. */
export type ModelPrice =
  | { readonly pattern: string; readonly text: string; readonly as: string }
  | {
      readonly pattern: string
      readonly text: string
      /** US dollars per million tokens, at the Batch price (no discount applied). */
      readonly input: number
      readonly output: number
    }

const NUMBER = /^\d+(\.\d+)?$/
const MODEL = /^[A-Za-z]\S*$/

/** Parses `name=model` and `name=input/output` lines; blank lines and `#` comments are skipped. */
export function parseModelPrices(text: string, input = 'model-prices'): ModelPrice[] {
  const out: ModelPrice[] = []
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const bad = (): Error =>
      new Error(
        `Input '${input}' line ${i + 1}: write name=model or name=input/output in US dollars per million tokens; ` +
          `got '${line}'.`
      )
    const eq = line.indexOf('=')
    if (eq <= 0) throw bad()
    const pattern = line.slice(0, eq).trim()
    const value = line.slice(eq + 1).trim()
    if (pattern === '' || value === '' || /\s/.test(pattern)) throw bad()
    const text = `${pattern}=${value}`
    const slash = value.split('/').map(s => s.trim())
    if (slash.length === 2 && slash.every(s => NUMBER.test(s)))
      out.push({ pattern, text: `${pattern}=${slash.join('/')}`, input: Number(slash[0]), output: Number(slash[1]) })
    // A model's name starts with a letter ('$1', '-1' or '1/2/3' are prices written wrong).
    else if (MODEL.test(value)) out.push({ pattern, text, as: value })
    else throw bad()
  }
  return out
}

/** A glob of `*` (any characters, none included) and `?` (one character), matched against a whole name. */
function globRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 's')
}

const PER_MILLION = 1_000_000

/**
 * The price list's lookup with the user's entries in front of it: the first
 * entry whose name matches the model wins; an alias asks the list for the
 * other model (a synchronous price, halved like any), numbers price it at the
 * Batch price as given (`batch`: not halved again). Cached input tokens are
 * charged at the entry's input price. Each price from an entry names it in
 * `entry`, for the summary. Models no entry matches go to the list unchanged.
 */
export function withModelPrices(
  entries: readonly ModelPrice[],
  price: (model: string, usage: TokenUsage) => Price | undefined
): (model: string, usage: TokenUsage) => Price | undefined {
  if (entries.length === 0) return price
  const matchers = entries.map(e => ({ e, re: globRegExp(e.pattern) }))
  return (model, usage) => {
    const hit = matchers.find(m => m.re.test(model))?.e
    if (!hit) return price(model, usage)
    if ('as' in hit) {
      const p = price(hit.as, usage)
      return p ? { ...p, entry: hit.text } : undefined
    }
    return {
      input: (usage.input * hit.input) / PER_MILLION,
      output: (usage.output * hit.output) / PER_MILLION,
      model,
      batch: true,
      entry: hit.text
    }
  }
}

/** A price list (its source and lookup) with the user's entries in front of its lookup. */
export function withModelPriceList(
  entries: readonly ModelPrice[],
  list: { readonly source: string; price(model: string, usage: TokenUsage): Price | undefined }
): { readonly source: string; price(model: string, usage: TokenUsage): Price | undefined } {
  return { source: list.source, price: withModelPrices(entries, (m, u) => list.price(m, u)) }
}

/** The entries that priced any of `models`, in the order first met: what the summary names. */
export function entriesUsed(
  models: readonly string[],
  price: (model: string, usage: TokenUsage) => Price | undefined
): string[] {
  const none: TokenUsage = { input: 0, cachedInput: 0, output: 0, reasoning: 0 }
  const used = new Set<string>()
  for (const m of models) {
    const e = price(m, none)?.entry
    if (e) used.add(e)
  }
  return [...used]
}
