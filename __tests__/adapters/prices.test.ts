import { describe, expect, it } from '@jest/globals'
import { calcPrice } from '@pydantic/genai-prices'
import { createPriceList } from '../../src/adapters/prices'

const usage = { input: 1_000_000, cachedInput: 0, output: 1_000_000, reasoning: 0 }

describe('createPriceList', () => {
  it("prices OpenAI's models at the default URL, and at an address the library does not know (a gateway)", () => {
    const expected = calcPrice({ input_tokens: 1e6, output_tokens: 1e6 }, 'gpt-4o-mini', { providerId: 'openai' })!
    for (const url of [undefined, 'http://127.0.0.1:8080/v1']) {
      const list = createPriceList(url)
      expect(list.price('gpt-4o-mini', usage)).toEqual({
        input: expected.input_price,
        output: expected.output_price,
        model: 'gpt-4o-mini'
      })
      expect(list.source).toMatch(/^@pydantic\/genai-prices \d+\.\d+\.\d+ \(OpenAI\)$/)
    }
  })

  it("prices the provider the base URL names: Groq's models at Groq's prices", () => {
    const list = createPriceList('https://api.groq.com/openai/v1')
    expect(list.source).toContain('(Groq)')
    expect(list.price('llama-3.1-8b-instant', usage)?.input).toBeGreaterThan(0)
    expect(createPriceList(undefined).price('llama-3.1-8b-instant', usage)).toBeUndefined()
  })

  it("prices some OpenAI fine-tunes at their base's fine-tuning price, and not the others", () => {
    // docs/how-it-works.md, "Prices for any model", says which: model-prices covers the rest.
    const list = createPriceList(undefined)
    const tuned = list.price('ft:gpt-4o-mini-2024-07-18:my-org::abc123', usage)
    expect(tuned?.model).toBe('ft:gpt-4o-mini')
    expect(tuned!.input).toBeGreaterThan(list.price('gpt-4o-mini', usage)!.input)
    expect(list.price('ft:gpt-4.1-mini-2025-04-14:my-org::abc123', usage)).toBeUndefined()
  })

  it("prices Gemini's models from Google's list, at its URL and behind a gateway", () => {
    for (const url of ['https://generativelanguage.googleapis.com/v1beta', 'http://127.0.0.1:8080', undefined]) {
      const list = createPriceList(url, 'google')
      expect(list.source).toContain('(Google)')
      expect(list.price('gemini-2.5-flash', usage)?.input).toBeGreaterThan(0)
    }
    expect(createPriceList(undefined).price('gemini-2.5-flash', usage)).toBeUndefined()
  })

  it('knows no price for a model it has never heard of', () => {
    expect(createPriceList(undefined).price('my-own-model', usage)).toBeUndefined()
  })
})
