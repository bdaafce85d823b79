import { describe, expect, it } from '@jest/globals'
import { checkGeminiLine } from '../../../src/core/requests/gemini-line'
import type { CheckOptions } from '../../../src/core/requests/validate'
import { checkText } from '../../helpers/check-text'

const GEMINI: CheckOptions = { lines: 'gemini', endpoints: [], model: 'gemini-2.5-flash' }
const check = (text: string, opts: CheckOptions = {}) => checkText(text, { ...GEMINI, ...opts })

const request = { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }], generationConfig: { maxOutputTokens: 256 } }
const line = (o: Record<string, unknown> = {}, r: Record<string, unknown> = {}) =>
  JSON.stringify({ key: 'q-1', request: { ...request, ...r }, ...o })

describe('Gemini request lines', () => {
  it("accepts a good file; its model is the model input's, and it has no endpoint", () => {
    const text = [line({ key: 'q-1' }), line({ key: 'q-2' })].join('\n')
    const facts = check(text + '\n')
    expect(facts).toMatchObject({
      requests: 2,
      parts: [{ start: 0, end: Buffer.byteLength(text) + 1, requests: 2, line: 1 }],
      endpoint: undefined,
      model: 'gemini-2.5-flash',
      problems: []
    })
    // Bounded by maxOutputTokens, so the results' size is estimated.
    expect(facts.resultsBytes).toBeGreaterThan(2 * 256)
    expect(check(text, { model: undefined }).model).toBeUndefined()
  })

  it.each([
    ['no key', { key: undefined }, {}, 'No key; add a "key" string unique in this file: the results are joined on it.'],
    ['a number key', { key: 7 }, {}, "key must be a string; got '7'."],
    ['an empty key', { key: '' }, {}, 'key is empty; give every request a unique non-empty key.'],
    [
      'request as a string',
      { request: 'hi' },
      {},
      "request must be a JSON object: the GenerateContentRequest (contents, generationConfig, ...); got 'hi'."
    ],
    ['no contents', {}, { contents: undefined }, 'request.contents must be an array of turns'],
    [
      'contents as a string',
      {},
      { contents: 'Hello' },
      'request.contents must be an array of turns, e.g. [{"role": "user", "parts": [{"text": "Hello"}]}]; got \'Hello\'.'
    ],
    ['empty contents', {}, { contents: [] }, 'request.contents is empty; give at least one turn.'],
    [
      'a generationConfig that is a list',
      {},
      { generationConfig: [] },
      'request.generationConfig must be a JSON object'
    ],
    [
      'a field beside key and request',
      { metadata: { a: 1 } },
      {},
      'metadata is not a field of a Gemini batch line, which holds key and request only: move it into request, or remove it.'
    ]
  ])('names %s at its line', (_, o, r, message) => {
    const facts = check(`${line({ key: 'ok' })}\n${line(o, r)}\n`)
    expect(facts.problems).toEqual([{ line: 2, message: expect.stringContaining(message) }])
  })

  it('names a key used twice, at its second line, as results are joined on it', () => {
    const facts = check([line({ key: 'a' }), line({ key: 'b' }), line({ key: 'a' })].join('\n'))
    expect(facts.problems).toEqual([
      {
        line: 3,
        message:
          "key 'a' is used again (first on line 1); keys must be unique in a file, as results are joined on them."
      }
    ])
  })

  it("gives a line in OpenAI's shape one message naming the shape expected and the provider", () => {
    const openai = JSON.stringify({ custom_id: 'q-1', method: 'POST', url: '/v1/chat/completions', body: {} })
    const [p] = check(openai).problems
    expect(p?.message).toContain(
      "This line has OpenAI's Batch shape (custom_id, method, url, body); Gemini's Batch Mode takes key and request"
    )
    expect(p?.message).toContain("set 'provider' to openai")
  })

  it("gives a line in Anthropic's shape one message naming the shape expected and the provider", () => {
    const [p] = check(JSON.stringify({ custom_id: 'q-1', params: { model: 'claude' } })).problems
    expect(p?.message).toContain(
      "Anthropic's Message Batches shape (custom_id, params); Gemini's Batch Mode takes key and request"
    )
    expect(p?.message).toContain("set 'provider' to anthropic")
  })

  it('says where the parts of a bare request go', () => {
    expect(check(JSON.stringify(request)).problems[0]?.message).toContain(
      'It looks like the request itself: put it under "request", with a "key" beside it.'
    )
    expect(check(JSON.stringify({ custom_id: 'q' })).problems[0]?.message).toContain('Its custom_id goes in "key".')
    expect(check(JSON.stringify({ key: 'q' })).problems[0]?.message).toContain('No request; add "request"')
    expect(check('[1]').problems[0]?.message).toBe('Each line must be a JSON object with key and request.')
  })

  it('cuts a file into parts by bytes, with no tag added to a line', () => {
    const one = line({ key: 'k-1' })
    const size = Buffer.byteLength(one) + 1
    const facts = check([one, line({ key: 'k-2' }), line({ key: 'k-3' })].join('\n') + '\n', { maxBytes: 2 * size + 1 })
    expect(facts.parts.map(p => p.requests)).toEqual([2, 1])
  })

  it('estimates no results size without maxOutputTokens', () => {
    expect(checkGeminiLine({ key: 'k', request: { contents: [{ parts: [{ text: 'x' }] }] } })).toEqual({
      problems: [],
      id: 'k',
      resultsBytes: 0
    })
  })
})

describe("A Gemini line sent to another provider's check", () => {
  const gemini = line()

  it('says, for OpenAI, to set provider: gemini', () => {
    expect(checkText(gemini).problems[0]?.message).toContain(
      "It has key and request, the shape of Gemini's Batch Mode: set 'provider: gemini' to submit it there."
    )
  })

  it('says, for Anthropic, to set provider: gemini', () => {
    const facts = checkText(gemini, { lines: 'anthropic', endpoints: ['/v1/messages'] })
    expect(facts.problems[0]?.message).toContain("set 'provider: gemini'")
  })
})

describe('The model input, for the other providers', () => {
  const openai = (model: string) =>
    JSON.stringify({ custom_id: model, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [] } })

  it('holds every OpenAI line to it, at the line that differs', () => {
    const facts = checkText([openai('gpt-4o-mini'), openai('gpt-4o')].join('\n'), { model: 'gpt-4o-mini' })
    expect(facts.problems).toEqual([
      {
        line: 2,
        message:
          "body.model 'gpt-4o' differs from the model input 'gpt-4o-mini'; name 'gpt-4o-mini' on every line, or leave the model input empty."
      }
    ])
    expect(checkText(openai('gpt-4o'), { model: 'gpt-4o' }).problems).toEqual([])
  })

  it('holds every Anthropic line to it', () => {
    const anthropic = JSON.stringify({
      custom_id: 'a',
      params: { model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] }
    })
    const facts = checkText(anthropic, { lines: 'anthropic', endpoints: ['/v1/messages'], model: 'claude-haiku-4-5' })
    expect(facts.problems[0]?.message).toContain("params.model 'claude-sonnet-4-5' differs from the model input")
  })
})
