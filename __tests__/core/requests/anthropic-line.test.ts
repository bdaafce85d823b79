import { describe, expect, it } from '@jest/globals'
import { checkAnthropicLine, MAX_ANTHROPIC_ID } from '../../../src/core/requests/anthropic-line'
import type { CheckOptions } from '../../../src/core/requests/validate'
import { TAG_PREFIX_LENGTH } from '../../../src/core/remote/tags'
import { checkText } from '../../helpers/check-text'

const ANTHROPIC: CheckOptions = { lines: 'anthropic', endpoints: ['/v1/messages'] }
const check = (text: string, opts: CheckOptions = {}) => checkText(text, { ...ANTHROPIC, ...opts })

const params = { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] }
const line = (o: Record<string, unknown> = {}, p: Record<string, unknown> = {}) =>
  JSON.stringify({ custom_id: 'q-1', params: { ...params, ...p }, ...o })

describe('Anthropic request lines', () => {
  it('accepts a good file and reports the messages endpoint, the model and the parts', () => {
    const text = [line({ custom_id: 'q-1' }), line({ custom_id: 'q-2' }, { model: 'claude-sonnet-4-5' })].join('\n')
    const facts = check(text + '\n')
    expect(facts).toMatchObject({
      requests: 2,
      parts: [{ start: 0, end: Buffer.byteLength(text) + 1, requests: 2, line: 1 }],
      endpoint: '/v1/messages',
      // A batch may mix models at Anthropic: the file's is its first.
      model: 'claude-haiku-4-5',
      problems: []
    })
    // Bounded by max_tokens, so the results' size is estimated.
    expect(facts.resultsBytes).toBeGreaterThan(2 * 256)
  })

  it.each([
    ['no custom_id', { custom_id: undefined }, {}, 'No custom_id'],
    ['a number custom_id', { custom_id: 7 }, {}, "custom_id must be a string; got '7'."],
    ['an empty custom_id', { custom_id: '' }, {}, 'custom_id is empty'],
    ['a custom_id with a space', { custom_id: 'q 1' }, {}, "custom_id 'q 1' may hold only letters, digits, _ and -"],
    ['params as a string', { params: 'hi' }, {}, 'params must be a JSON object'],
    ['no model', {}, { model: undefined }, 'params.model must name the model, e.g. "claude-haiku-4-5".'],
    ['a model that is a number', {}, { model: 4 }, 'params.model must name the model'],
    [
      'no max_tokens',
      {},
      { max_tokens: undefined },
      "params.max_tokens must be a whole number of at least 1, the most tokens the reply may take; got 'nothing'."
    ],
    [
      'max_tokens 0',
      {},
      { max_tokens: 0 },
      "params.max_tokens must be a whole number of at least 1, the most tokens the reply may take; got '0'."
    ],
    ['max_tokens 2.5', {}, { max_tokens: 2.5 }, "got '2.5'."],
    ['max_tokens as a string', {}, { max_tokens: '256' }, "got '256'."],
    ['messages as a string', {}, { messages: 'Hello' }, 'params.messages must be an array of messages'],
    ['stream: true', {}, { stream: true }, 'params.stream is true, and a batch cannot stream: remove it'],
    ['a field beside params', { method: 'POST' }, {}, 'method is not a field of a Message Batches request']
  ])('refuses %s at its line', (_name, override, p, message) => {
    const facts = check(`${line({ custom_id: 'ok' })}\n${line(override, p)}\n`)
    expect(facts.problems).toEqual([{ line: 2, message: expect.stringContaining(message) }])
  })

  it('takes stream: false', () => {
    expect(check(line({}, { stream: false })).problems).toEqual([])
  })

  it(`takes custom_ids of up to ${MAX_ANTHROPIC_ID} characters, leaving room for the action's tag`, () => {
    expect(MAX_ANTHROPIC_ID + TAG_PREFIX_LENGTH).toBe(64)
    expect(MAX_ANTHROPIC_ID).toBe(52)
    expect(check(line({ custom_id: 'a'.repeat(52) })).problems).toEqual([])
    const [p] = check(`${line({ custom_id: 'ok' })}\n${line({ custom_id: 'a'.repeat(53) })}\n`).problems
    expect(p).toEqual({ line: 2, message: expect.stringContaining('is 53 characters, over 52') })
    expect(p!.message).toContain('the action prefixes 12 characters of its own to find its batches again')
    expect(p!.message).toContain('docs/providers.md#anthropic')
    // Past Anthropic's own 64 too: still the length that is named, the characters being fine.
    expect(check(line({ custom_id: 'b'.repeat(70) })).problems[0]!.message).toContain('is 70 characters, over 52')
  })

  it('refuses a duplicate custom_id, pointing at the first', () => {
    const facts = check([line({ custom_id: 'x' }), line({ custom_id: 'y' }), line({ custom_id: 'x' })].join('\n'))
    expect(facts.problems).toEqual([
      { line: 3, message: "custom_id 'x' is used again (first on line 1); ids must be unique in a file." }
    ])
  })

  it("names the shape expected for a line in OpenAI's shape, once for the line", () => {
    const openai = JSON.stringify({
      custom_id: 'q-2',
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [] }
    })
    const facts = check(`${line()}\n${openai}\n`)
    expect(facts.problems).toEqual([
      { line: 2, message: expect.stringContaining("This line has OpenAI's Batch shape") }
    ])
    const message = facts.problems[0]!.message
    expect(message).toContain('take custom_id and params, e.g. {"custom_id": "q-1", "params": {"model": ')
    expect(message).toContain('put the body under "params"')
  })

  it('says what a line holds when it is neither shape, or the params alone', () => {
    expect(check(JSON.stringify(params)).problems[0]!.message).toMatch(
      /^Not a Message Batches request: a line holds custom_id and params.*It looks like the request itself: put it under "params"/
    )
    expect(check(JSON.stringify({ custom_id: 'a' })).problems[0]!.message).toBe(
      'No params; add "params", the Messages API request: model, max_tokens and messages.'
    )
    expect(check('[1]').problems[0]!.message).toBe('Each line must be a JSON object with custom_id and params.')
  })

  it('counts the 12 bytes of each line tag when cutting a file into parts', () => {
    const lines = [1, 2, 3, 4].map(i => line({ custom_id: `q-${i}` }))
    const size = Buffer.byteLength(lines[0]!) + 1
    const text = lines.join('\n') + '\n'
    // Room for two lines as written, but not with their tags: one line a part.
    expect(check(text, { maxBytes: 2 * size }).parts.map(p => p.requests)).toEqual([1, 1, 1, 1])
    expect(check(text, { maxBytes: 2 * (size + TAG_PREFIX_LENGTH) }).parts.map(p => p.requests)).toEqual([2, 2])
    expect(check(text, { maxRequests: 3 }).parts.map(p => [p.requests, p.line])).toEqual([
      [3, 1],
      [1, 4]
    ])
    // A line that fits only without its tag is over the limit.
    expect(check(lines[0]!, { maxBytes: size }).problems).toEqual([
      {
        line: 1,
        message: expect.stringContaining(`is ${size + TAG_PREFIX_LENGTH} bytes with the 12 of its custom_id's tag`)
      }
    ])
  })

  it('leaves OpenAI lines to the OpenAI checks by default', () => {
    expect(checkText(line()).problems[0]!.message).toContain("It has params, the shape of Anthropic's Message Batches")
  })
})

describe('checkAnthropicLine', () => {
  it('gives the id to the uniqueness check even when invalid, and the model and results size', () => {
    expect(checkAnthropicLine({ custom_id: 'a b', params })).toEqual({
      problems: [expect.stringContaining('may hold only letters')],
      id: 'a b',
      model: 'claude-haiku-4-5',
      resultsBytes: expect.any(Number)
    })
  })
})
