import { describe, expect, it } from '@jest/globals'
import { planMarker, renderPlan } from '../../../src/core/report/plan'
import { usd } from '../../../src/core/format'
import { planSubmit } from '../../../src/core/plans/submit'
import { preview, toCancel } from '../../../src/core/plans/preview'
import { batch, src, state } from '../../fixtures/records'

describe('toCancel', () => {
  it('names the unfinished batches of changed and deleted files, never final or current ones', () => {
    const changed = batch('a.jsonl', 'old')
    const gone = batch('gone.jsonl', 'g')
    const done = batch('b.jsonl', 'old', { status: 'completed' })
    const current = batch('c.jsonl', 'c')
    const sources = [src('a.jsonl', 'new'), src('b.jsonl', 'new'), src('c.jsonl', 'c')]
    const s = state(changed, gone, done, current)
    expect(toCancel(sources, s, planSubmit(sources, s))).toEqual([
      { batch: changed, why: 'changed' },
      { batch: gone, why: 'deleted' }
    ])
  })

  it('leaves the batch of a changed file that is invalid now: nothing would replace it', () => {
    const old = batch('a.jsonl', 'old')
    const sources = [src('a.jsonl', 'new', { problems: [{ line: 2, message: 'bad' }] })]
    expect(toCancel(sources, state(old), planSubmit(sources, state(old)))).toEqual([])
  })
})

describe('renderPlan', () => {
  const sources = [
    src('a.jsonl', 'a', {
      requests: 4,
      parts: [
        { start: 0, end: 5, requests: 2, line: 1 },
        { start: 5, end: 10, requests: 2, line: 3 }
      ]
    }),
    src('bad.jsonl', 'b', { problems: [{ line: 3, message: 'Not valid JSON' }] })
  ]
  const s = state(batch('old.jsonl', 'o'))
  const estimates = new Map([
    [
      'batches/a.jsonl',
      {
        file: 'batches/a.jsonl',
        models: [{ model: 'm', requests: 4, inputTokens: 1234, outputBound: 400, unbounded: 0 }]
      }
    ]
  ])
  const price = (_: string, u: { input: number; output: number }) => ({
    input: u.input / 1000,
    output: u.output / 100,
    model: 'm'
  })

  it('says what a merge would submit, cancel and refuse, with its figures and the budget verdict', () => {
    const p = preview(sources, s, planSubmit(sources, s), { estimates, price, priceSource: 'prices 1.0', maxCost: 2 })
    const md = renderPlan(p, { cancelSuperseded: true })
    expect(md).toContain(
      'A merge would submit 1 file (2 batches, 4 requests): about **$2.62** at the Batch price (input $0.62, output at most $2.00).'
    )
    expect(md).toContain('| `batches/a.jsonl` | 2 | 4 | m | 1,234 | ≤ 400 | $2.62 |')
    expect(md).toContain('- `batch_')
    expect(md).toContain('(`old.jsonl`, in_progress): the file was deleted.')
    expect(md).toContain('- `batches/bad.jsonl`: 1 problem, first at line 3: Not valid JSON')
    expect(md).toContain('Over max-cost: the estimate $2.62 is more than $2.00; a submit uploads nothing.')
    expect(md).toContain('Prices from prices 1.0')
  })

  it('says it would only stop tracking superseded batches when cancel-superseded is off', () => {
    const p = preview(sources, s, planSubmit(sources, s), {})
    expect(renderPlan(p, { cancelSuperseded: false })).toContain(
      'Would stop tracking, as superseded (cancel-superseded is off):'
    )
    expect(renderPlan(p, { cancelSuperseded: false })).toContain('A merge would submit 1 file (2 batches, 4 requests).')
  })

  it("marks Claude's counts approximate and names the tokenizer they were made with", () => {
    const claude = new Map([
      [
        'batches/a.jsonl',
        {
          file: 'batches/a.jsonl',
          models: [
            {
              model: 'claude-haiku-4-5',
              requests: 4,
              inputTokens: 1234,
              outputBound: 400,
              unbounded: 0,
              approximate: 'o200k_base'
            }
          ]
        }
      ]
    ])
    const md = renderPlan(preview(sources, s, planSubmit(sources, s), { estimates: claude, price }), {
      cancelSuperseded: true
    })
    expect(md).toContain('| `batches/a.jsonl` | 2 | 4 | claude-haiku-4-5 | ~1,234 | ≤ 400 | $2.62 |')
    expect(md).toContain(
      "~ Approximate: counted with OpenAI's o200k_base encoding, not the model's own (Anthropic publishes no tokenizer"
    )
    // OpenAI's counts carry no mark and no note.
    const openai = renderPlan(preview(sources, s, planSubmit(sources, s), { estimates, price }), {
      cancelSuperseded: true
    })
    expect(openai).not.toContain('Approximate')
    expect(openai).toContain('| m | 1,234 |')
  })

  it('writes dollars so small sums do not read as nothing, and a marker per scope', () => {
    expect([usd(0), usd(0.004213), usd(0.05), usd(5e-8), usd(1.5), usd(1234.567)]).toEqual([
      '$0.00',
      '$0.0042',
      '$0.050',
      '$0.000000050',
      '$1.50',
      '$1234.57'
    ])
    expect(planMarker('octo/r:batches')).toBe('<!-- openai-batch-action plan: octo/r:batches -->')
  })
})
