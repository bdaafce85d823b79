import { describe, expect, it } from '@jest/globals'
import { BATCH_DISCOUNT, costOf, mergeModels, messagesTexts, requestTexts } from '../../../src/core/cost/estimate'
import { budgetOf } from '../../../src/core/plans/preview'

describe('requestTexts', () => {
  it('reads chat messages (strings and text parts), names, tools, and the output bound times n', () => {
    const r = requestTexts('/v1/chat/completions', {
      model: 'gpt-4o',
      n: 2,
      max_completion_tokens: 100,
      max_tokens: 5,
      messages: [
        { role: 'system', content: 'be brief', name: 'sys' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hello' },
            { type: 'image_url', image_url: { url: 'https://x' } }
          ]
        }
      ],
      tools: [{ type: 'function', function: { name: 'f' } }]
    })
    expect(r).toEqual({
      model: 'gpt-4o',
      texts: ['be brief', 'sys', 'hello', '[{"type":"function","function":{"name":"f"}}]'],
      framing: 9,
      maxOutput: 200
    })
  })

  it('reads responses input (a string or items) and instructions, bounded by max_output_tokens', () => {
    expect(
      requestTexts('/v1/responses', { model: 'gpt-5', input: 'hi', instructions: 'terse', max_output_tokens: 64 })
    ).toEqual({
      model: 'gpt-5',
      texts: ['hi', 'terse'],
      framing: 6,
      maxOutput: 64
    })
    const items = requestTexts('/v1/responses', {
      model: 'gpt-5',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'a' }] }]
    })
    expect([items.texts, items.maxOutput]).toEqual([['a'], undefined])
  })

  it('counts embeddings and moderations as input only, and completions by their prompt', () => {
    expect(requestTexts('/v1/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'] })).toMatchObject({
      texts: ['a', 'b'],
      maxOutput: 0
    })
    expect(requestTexts('/v1/moderations', { input: 'x' })).toMatchObject({
      model: undefined,
      texts: ['x'],
      maxOutput: 0
    })
    expect(
      requestTexts('/v1/completions', { model: 'gpt-3.5-turbo-instruct', prompt: 'p', max_tokens: 7, n: 3 })
    ).toMatchObject({ texts: ['p'], maxOutput: 21 })
  })

  it('knows nothing of images and videos: no texts, no bound', () => {
    expect(requestTexts('/v1/images/generations', { model: 'gpt-image-1', prompt: 'a cat' })).toEqual({
      model: 'gpt-image-1',
      texts: [],
      framing: 0,
      maxOutput: undefined
    })
  })
})

describe('messagesTexts', () => {
  it('reads an Anthropic request: system, messages (strings and blocks), tool uses and results, tools', () => {
    const tools = [{ name: 'f', input_schema: { type: 'object' } }]
    const r = messagesTexts({
      model: 'claude-haiku-4-5',
      max_tokens: 300,
      system: [{ type: 'text', text: 'be brief' }],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { q: 1 } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'done' }] },
            { type: 'image', source: { type: 'base64', data: 'AAAA' } }
          ]
        }
      ],
      tools
    })
    expect(r).toEqual({
      model: 'claude-haiku-4-5',
      texts: ['be brief', 'hi', '{"q":1}', 'done', JSON.stringify(tools)],
      framing: 12,
      maxOutput: 300
    })
    expect(messagesTexts({ model: 'claude-haiku-4-5', system: 'x', messages: [] })).toEqual({
      model: 'claude-haiku-4-5',
      texts: ['x'],
      framing: 3,
      maxOutput: undefined
    })
  })
})

describe('costOf', () => {
  const price = (model: string, u: { input: number; output: number }) =>
    model === 'known' ? { input: u.input / 1000, output: u.output / 500, model } : undefined

  it('prices each model at the Batch price and names the models with no price', () => {
    const c = costOf(
      [
        { model: 'known', requests: 2, inputTokens: 1000, outputBound: 500, unbounded: 1 },
        { model: 'other', requests: 1, inputTokens: 10, outputBound: 0, unbounded: 0 }
      ],
      price
    )
    expect(c).toEqual({ input: 1 * BATCH_DISCOUNT, output: 1 * BATCH_DISCOUNT, unpriced: ['other'], unbounded: 1 })
  })

  it('has no cost when no model has a price', () => {
    expect(
      costOf([{ model: 'other', requests: 1, inputTokens: 10, outputBound: 0, unbounded: 0 }], price).input
    ).toBeUndefined()
  })

  it('keeps the mark of an approximate count when summing', () => {
    const claude = { model: 'claude-haiku-4-5', requests: 1, inputTokens: 5, outputBound: 2, unbounded: 0 }
    const approximate = { ...claude, approximate: 'o200k_base' }
    expect(mergeModels([[approximate], [approximate]])).toEqual([
      { ...approximate, requests: 2, inputTokens: 10, outputBound: 4 }
    ])
  })

  it('sums files model by model', () => {
    const a = [{ model: 'm', requests: 1, inputTokens: 5, outputBound: 2, unbounded: 0 }]
    const b = [
      { model: 'm', requests: 2, inputTokens: 7, outputBound: 0, unbounded: 2 },
      { model: 'a', requests: 1, inputTokens: 1, outputBound: 1, unbounded: 0 }
    ]
    expect(mergeModels([a, b])).toEqual([
      { model: 'a', requests: 1, inputTokens: 1, outputBound: 1, unbounded: 0 },
      { model: 'm', requests: 3, inputTokens: 12, outputBound: 2, unbounded: 2 }
    ])
  })
})

describe('budgetOf', () => {
  const cost = { input: 1, output: 0.5, unpriced: [], unbounded: 0 }
  it('checks input plus the output bound against max-cost', () => {
    expect(budgetOf(1.5, cost)).toEqual({ max: 1.5, estimate: 1.5, over: false })
    expect(budgetOf(1.49, cost)).toEqual({ max: 1.49, estimate: 1.5, over: true })
    expect(budgetOf(undefined, cost)).toBeUndefined()
  })

  it('counts a model with no price as over: the budget cannot be checked', () => {
    expect(budgetOf(100, { ...cost, unpriced: ['x'] })).toEqual({
      max: 100,
      estimate: undefined,
      unknown: 'no price is known for x',
      over: true
    })
  })
})
