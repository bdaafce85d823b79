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
  return [count(m.inputTokens), out]
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

function headline(p: Preview): string {
  const batches = p.submit.reduce((n, s) => n + s.src.parts.length, 0)
  const requests = p.submit.reduce((n, s) => n + s.src.requests, 0)
  if (p.submit.length === 0) return 'Nothing new to submit: every request file already has its batch.'
  const files = plural(p.submit.length, 'file')
  const what = `${files} (${plural(batches, 'batch', 'batches')}, ${plural(requests, 'request')})`
  const c = p.total?.cost
  if (!c) return `A merge would submit ${what}.`
  if (c.input === undefined) return `A merge would submit ${what}; no price is known for ${c.unpriced.join(', ')}.`
  const out =
    c.unbounded > 0
      ? `, output at most ${usd(c.output ?? 0)} for the requests with a bound, ` +
        `unknown for ${plural(c.unbounded, 'request')}`
      : `, output at most ${usd(c.output ?? 0)}`
  const unpriced = c.unpriced.length > 0 ? ` No price is known for ${c.unpriced.join(', ')}.` : ''
  const total = usd(c.input + (c.output ?? 0))
  return `A merge would submit ${what}: about **${total}** at the Batch price (input ${usd(c.input)}${out}).${unpriced}`
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

/** The plan: what would be submitted, cancelled and refused, its estimate and the budget's verdict. */
export function renderPlan(p: Preview, opts: { cancelSuperseded: boolean; title?: string }): string {
  const out = [`### ${opts.title ?? 'OpenAI batches: plan'}`, '', headline(p), '']
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
  if (p.invalid.length > 0) {
    out.push('Invalid, so never uploaded (see the annotations):')
    for (const f of p.invalid) {
      const first = f.problems[0]!
      const at = first.line ? ` at line ${first.line}` : ''
      out.push(`- ${code(f.file)}: ${plural(f.problems.length, 'problem')}, first${at}: ${first.message}`)
    }
    out.push('')
  }
  if (p.budget) out.push(budgetLine(p.budget), '')
  if (p.priceSource)
    out.push(
      `<sub>Token counts are estimates. Prices from ${p.priceSource}, ` +
        "at half the synchronous price (the Batch API's discount).</sub>",
      ''
    )
  return out.join('\n')
}
