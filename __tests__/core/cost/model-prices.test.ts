import { describe, expect, it } from '@jest/globals'
import { costOf } from '../../../src/core/cost/estimate'
import { entriesUsed, parseModelPrices, withModelPrices } from '../../../src/core/cost/model-prices'
import { batchCost, spent, spentText } from '../../../src/core/cost/spend'
import type { Price, TokenUsage } from '../../../src/core/cost/usage'

/** A price list that knows one model: $1 input, $4 output per million tokens, synchronous. */
const list = (model: string, u: TokenUsage): Price | undefined =>
  model === 'gpt-known' ? { input: u.input / 1e6, output: (u.output * 4) / 1e6, model } : undefined

const usage = (input: number, output: number): TokenUsage => ({ input, cachedInput: 0, output, reasoning: 0 })

describe('parseModelPrices', () => {
  it('reads aliases and numbers, skipping blank lines and comments', () => {
    expect(parseModelPrices('my-deployment = gpt-4o-mini\n\n# a comment\nft:gpt-4o-mini*=0.3/1.2\r\nx=0/2.5')).toEqual([
      { pattern: 'my-deployment', text: 'my-deployment=gpt-4o-mini', as: 'gpt-4o-mini' },
      { pattern: 'ft:gpt-4o-mini*', text: 'ft:gpt-4o-mini*=0.3/1.2', input: 0.3, output: 1.2 },
      { pattern: 'x', text: 'x=0/2.5', input: 0, output: 2.5 }
    ])
  })

  it('names the line and what it got for what it cannot read', () => {
    const hint = 'write name=model or name=input/output in US dollars per million tokens'
    for (const [text, line, got] of [
      ['a=b\nno-equals', 2, 'no-equals'],
      ['=gpt-4o', 1, '=gpt-4o'],
      ['a=', 1, 'a='],
      ['a=$1/$2', 1, 'a=$1/$2'],
      ['a=1/2/3', 1, 'a=1/2/3'],
      ['a=-1/2', 1, 'a=-1/2'],
      ['a b=1/2', 1, 'a b=1/2'],
      ['a=gpt 4o', 1, 'a=gpt 4o'],
      ['a=$3', 1, 'a=$3']
    ] as const)
      expect(() => parseModelPrices(text as string)).toThrow(
        `Input 'model-prices' line ${line}: ${hint}; got '${got}'.`
      )
  })
})

describe('withModelPrices', () => {
  it('leaves the price list alone without entries, and for models no entry matches', () => {
    expect(withModelPrices([], list)).toBe(list)
    const price = withModelPrices(parseModelPrices('other=1/1'), list)
    expect(price('gpt-known', usage(1e6, 1e6))).toEqual({ input: 1, output: 4, model: 'gpt-known' })
    expect(price('unknown', usage(1, 1))).toBeUndefined()
  })

  it('prices an alias as the other model, at the synchronous price the Batch discount halves', () => {
    const price = withModelPrices(parseModelPrices('my-deployment=gpt-known\nbroken=nobody-knows'), list)
    const p = price('my-deployment', usage(1e6, 1e6))
    expect(p).toEqual({ input: 1, output: 4, model: 'gpt-known', entry: 'my-deployment=gpt-known' })
    expect(
      costOf([{ model: 'my-deployment', requests: 1, inputTokens: 1e6, outputBound: 1e6, unbounded: 0 }], price)
    ).toEqual({ input: 0.5, output: 2, unpriced: [], unbounded: 0 })
    // An alias to a model the list does not know leaves the model unpriced.
    expect(price('broken', usage(1, 1))).toBeUndefined()
  })

  it('prices numbers per million tokens as Batch prices, with no discount', () => {
    const price = withModelPrices(parseModelPrices('new-model=2/8'), list)
    expect(price('new-model', usage(500_000, 250_000))).toEqual({
      input: 1,
      output: 2,
      model: 'new-model',
      batch: true,
      entry: 'new-model=2/8'
    })
    expect(
      costOf([{ model: 'new-model', requests: 1, inputTokens: 1e6, outputBound: 1e6, unbounded: 0 }], price)
    ).toEqual({ input: 2, output: 8, unpriced: [], unbounded: 0 })
    expect(
      batchCost({ model: 'new-model', usage: { input: 1e6, cachedInput: 4e5, output: 1e6, reasoning: 0 } }, price)
    ).toBe(10)
  })

  it('matches globs (* and ?) against the whole name; the first matching entry wins over the list', () => {
    const price = withModelPrices(
      parseModelPrices('ft:gpt-known:*=1/1\nft:*=2/2\ngpt-know?=3/3\ngpt-*=4/4\nmodel.v1=5/5'),
      list
    )
    const at = (m: string): number | undefined => price(m, usage(1e6, 0))?.input
    expect(at('ft:gpt-known:org::abc')).toBe(1)
    expect(at('ft:other:org::abc')).toBe(2)
    expect(at('gpt-known')).toBe(3)
    expect(at('gpt-knownx')).toBe(4)
    expect(at('xgpt-known')).toBeUndefined()
    // A dot is a dot, not any character.
    expect(at('model.v1')).toBe(5)
    expect(at('modelxv1')).toBeUndefined()
  })

  it('names the entries that priced models, once each, for the summary', () => {
    const price = withModelPrices(parseModelPrices('a*=1/1\nb=gpt-known\nunused=1/1'), list)
    expect(entriesUsed(['a1', 'a2', 'b', 'gpt-known', 'unknown'], price)).toEqual(['a*=1/1', 'b=gpt-known'])
    const s = spent(
      [
        { model: 'a1', usage: usage(1e6, 0) },
        { model: 'gpt-known', usage: usage(1e6, 0) }
      ],
      price
    )
    expect(s.cost).toBe(1.5)
    expect(s.entries).toEqual(['a*=1/1'])
    expect(spentText(s)).toBe(
      '2,000,000 input tokens (0 cached) and 0 output tokens, $1.50 at the Batch price ' +
        '(prices from input `model-prices`: `a*=1/1`)'
    )
  })
})
