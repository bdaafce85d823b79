import type { Cost, ModelEstimate } from '../cost/estimate'
import type { Budget, Preview } from '../plans/preview'
import { count, plural, usd } from '../format'

/** The plan as Markdown: the pull request comment and the job summary say the same. */

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``

/** The hidden line that finds the comment again on the next push. */
export const planMarker = (scope: string): string => `<!-- openai-batch-action plan: ${scope.replace(/--/g, '-')} -->`

function costText(c: Cost | undefined): string {
  if (!c) return ''
  if (c.input === undefined) return 'no price known'
  const out = c.unbounded > 0 ? ' + output (unbounded)' : ''
  return `${usd(c.input + (c.output ?? 0))}${out}`
}

function tokens(m: ModelEstimate): [string, string] {
  const bounded = m.outputBound === 0 && m.unbounded === 0 ? '0' : `≤ ${count(m.outputBound)}`
  const out =
    m.unbounded === m.requests
      ? 'unknown'
      : `${bounded}${m.unbounded > 0 ? ` (+${plural(m.unbounded, 'request')} unbounded)` : ''}`
  return [`${m.approximate ? '~' : ''}${count(m.inputTokens)}`, out]
}

/** The note on counts made with another model's tokenizer (Claude's, Gemini's), naming it; '' when there are none. */
function approximateNote(p: Preview): string {
  const encodings = new Set(p.submit.flatMap(s => s.estimate?.models ?? []).flatMap(m => m.approximate ?? []))
  if (encodings.size === 0) return ''
  return (
    `<sub>~ Approximate: counted with OpenAI's ${[...encodings].join(', ')} encoding, not the model's own ` +
    "(Anthropic publishes no tokenizer for its current models; Gemini's is an API call).</sub>"
  )
}

function fileRows(p: Preview): string[] {
  const rows = [
    '| File | Batches | Requests | Model | Input tokens | Output tokens | Cost (Batch price) |',
    '|---|---|---|---|---|---|---|'
  ]
  for (const { src, estimate, cost } of p.submit) {
    const models = estimate?.models ?? []
    const head = `| ${code(src.file)} | ${src.parts.length} | ${count(src.requests)}`
    if (models.length === 0) rows.push(`${head} | ${src.model ?? ''} | | | |`)
    for (const [i, m] of models.entries()) {
      const [input, output] = tokens(m)
      rows.push(`${i === 0 ? head : '| | |'} | ${m.model} | ${input} | ${output} | ${i === 0 ? costText(cost) : ''} |`)
    }
  }
  return rows
}

function headline(p: Preview, subject: string): string {
  const batches = p.submit.reduce((n, s) => n + s.src.parts.length, 0)
  const requests = p.submit.reduce((n, s) => n + s.src.requests, 0)
  if (p.submit.length === 0) return 'Nothing new to submit: every request file already has its batch.'
  const files = plural(p.submit.length, 'file')
  const what = `${subject} would submit ${files} (${plural(batches, 'batch', 'batches')}, ${plural(requests, 'request')})`
  const c = p.total?.cost
  if (!c) return `${what}.`
  if (c.input === undefined) return `${what}; no price is known for ${c.unpriced.join(', ')}.`
  const unpriced = c.unpriced.length > 0 ? ` No price is known for ${c.unpriced.join(', ')}.` : ''
  const total = usd(c.input + (c.output ?? 0))
  return `${what}: about **${total}** at the Batch price (input ${usd(c.input)}${outputText(c, requests)}).${unpriced}`
}

/** The output's share of the headline: its bound, or why it is unknown. */
function outputText(c: Cost, requests: number): string {
  const most = `output at most ${usd(c.output ?? 0)}`
  if (c.unbounded === 0) return `, ${most}`
  if (c.unbounded >= requests) return ', output unknown: no request sets a limit on output tokens'
  return `, ${most} for the requests with a limit, unknown for ${plural(c.unbounded, 'request')}`
}

/** The budget's verdict, as the plan says it. */
function budgetLine(b: Budget): string {
  const max = usd(b.max)
  if (b.unknown) return `> [!WARNING]\n> max-cost ${max}: cannot be checked, ${b.unknown}; a submit refuses it.`
  const estimate = usd(b.estimate!)
  if (b.over)
    return `> [!CAUTION]\n> Over max-cost: the estimate ${estimate} is more than ${max}; a submit uploads nothing.`
  return `Within max-cost: the estimate ${estimate} is at most ${max}.`
}

export interface PlanOptions {
  readonly cancelSuperseded: boolean
  readonly title?: string
  /** Who would submit: `A merge` (the default, a pull request's plan), `This run`, ... */
  readonly subject?: string
  /** Whether to list the invalid files (the job summary lists them in a section of its own). */
  readonly invalid?: boolean
}

/** The plan: what would be submitted, cancelled and refused, its estimate and the budget's verdict. */
export function renderPlan(p: Preview, opts: PlanOptions): string {
  const out = [`### ${opts.title ?? 'OpenAI batches: plan'}`, '', headline(p, opts.subject ?? 'A merge'), '']
  if (p.submit.length > 0) out.push(...fileRows(p), '')
  if (p.cancel.length > 0) {
    out.push(
      opts.cancelSuperseded
        ? 'Would cancel, as superseded:'
        : 'Would stop tracking, as superseded (cancel-superseded is off):'
    )
    for (const { batch, why } of p.cancel) {
      const what = why === 'deleted' ? 'was deleted' : 'changed'
      out.push(`- ${code(batch.batchId)} (${code(batch.path)}, ${batch.status}): the file ${what}.`)
    }
    out.push('')
  }
  if (p.invalid.length > 0 && opts.invalid !== false) {
    out.push('Invalid, so never uploaded (see the annotations):')
    for (const f of p.invalid) {
      const first = f.problems[0]!
      const at = first.line ? ` at line ${first.line}` : ''
      out.push(`- ${code(f.file)}: ${plural(f.problems.length, 'problem')}, first${at}: ${first.message}`)
    }
    out.push('')
  }
  if (p.budget) out.push(budgetLine(p.budget), '')
  if (p.bigResults?.length)
    out.push('> [!WARNING]', ...p.bigResults.flatMap((b, i) => [...(i > 0 ? ['>'] : []), `> ${b.message}`]), '')
  const approximate = approximateNote(p)
  if (approximate) out.push(approximate, '')
  if (p.priceSource)
    out.push(
      `<sub>Token counts are estimates. Prices from ${p.priceSource}, ` +
        "at half the synchronous price (the Batch API's discount)" +
        `${inputPricesText(p.inputPrices)}.</sub>`,
      ''
    )
  return out.join('\n')
}

/** The `model-prices` entries a plan used, for the note under it. */
function inputPricesText(entries: readonly string[] | undefined): string {
  if (!entries || entries.length === 0) return ''
  const numbers = entries.some(e => e.includes('/')) ? ' (its numbers are Batch prices, not halved)' : ''
  return `; for some models from input \`model-prices\`: ${entries.map(e => `\`${e}\``).join(', ')}${numbers}`
}
