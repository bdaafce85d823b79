import { describe, expect, it } from '@jest/globals'
import { ANSWER_CHARS, inert, PROMPT_CHARS, readableRow, shorten } from '../../../src/core/report/readable-row'

const ok = (customId: string, body: Record<string, unknown>) => ({
  id: `batch_req_${customId}`,
  custom_id: customId,
  response: { status_code: 200, request_id: 'r', body },
  error: null
})
const chatRequest = (customId: string, content: unknown) => ({
  custom_id: customId,
  method: 'POST',
  url: '/v1/chat/completions',
  body: {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content }
    ]
  }
})

describe('readableRow', () => {
  it('chat: the last user message, the message content, prompt and completion tokens', () => {
    const answer = 'Yes, "quoted", and\non two lines: ça va, 東京 🚀'
    const row = readableRow(
      chatRequest('q-1', 'Paris, "the capital"?\nSay so.'),
      ok('q-1', {
        object: 'chat.completion',
        model: 'gpt-4o-mini-2024-07-18',
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 }
      })
    )
    expect(row).toEqual(['q-1', 'ok', 'gpt-4o-mini-2024-07-18', 'Paris, "the capital"?\nSay so.', answer, '12', '7'])
  })

  it('chat: the text parts of a message given as an array', () => {
    const parts = [
      { type: 'text', text: 'Describe' },
      { type: 'image_url', image_url: { url: 'https://x/y.png' } },
      { type: 'text', text: 'this image.' }
    ]
    expect(readableRow(chatRequest('q-2', parts), undefined)[3]).toBe('Describe\nthis image.')
  })

  it('responses: the input messages, the output text, input and output tokens', () => {
    const request = {
      custom_id: 'r-1',
      url: '/v1/responses',
      body: { model: 'gpt-4.1', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello?' }] }] }
    }
    const body = {
      object: 'response',
      status: 'completed',
      model: 'gpt-4.1',
      output: [
        { type: 'reasoning', id: 'rs', summary: [] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi, there.', annotations: [] }] }
      ],
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 }
    }
    expect(readableRow(request, ok('r-1', body))).toEqual(['r-1', 'ok', 'gpt-4.1', 'Hello?', 'Hi, there.', '10', '5'])
    // A string input is the prompt itself.
    expect(readableRow({ ...request, body: { ...request.body, input: 'Plain?' } }, ok('r-1', body))[3]).toBe('Plain?')
  })

  it('responses: an incomplete response says why', () => {
    const body = { object: 'response', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }
    expect(readableRow(undefined, ok('r-2', body))[1]).toBe('incomplete: max_output_tokens')
  })

  it('completions: the prompt and the text', () => {
    const request = { custom_id: 'c-1', body: { model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon a time' } }
    const body = {
      object: 'text_completion',
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ index: 0, text: ', a cat.', finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 3 }
    }
    expect(readableRow(request, ok('c-1', body))).toEqual([
      'c-1',
      'ok',
      'gpt-3.5-turbo-instruct',
      'Once upon a time',
      ', a cat.',
      '4',
      '3'
    ])
  })

  it('embeddings: the vector’s dimension, never its numbers; no output tokens', () => {
    const request = { custom_id: 'e-1', body: { model: 'text-embedding-3-small', input: 'embed me' } }
    const body = {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.125, -0.5, 0.25] }],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 2, total_tokens: 2 }
    }
    const row = readableRow(request, ok('e-1', body))
    expect(row).toEqual(['e-1', 'ok', 'text-embedding-3-small', 'embed me', '(embedding, 3 dimensions)', '2', ''])
    expect(row.join()).not.toContain('0.125')
  })

  it('an error line: the provider’s code and message; the request’s model', () => {
    const errorLine = {
      id: 'batch_req_x',
      custom_id: 'q-3',
      response: {
        status_code: 400,
        body: { error: { message: 'Invalid model, "nope".', type: 'invalid_request_error', code: 'model_not_found' } }
      },
      error: null
    }
    expect(readableRow(chatRequest('q-3', 'hi'), errorLine)).toEqual([
      'q-3',
      'model_not_found: Invalid model, "nope".',
      'gpt-4o-mini',
      'hi',
      '',
      '',
      ''
    ])
    const expired = { custom_id: 'q-4', response: null, error: { code: 'batch_expired', message: 'not done in time' } }
    expect(readableRow(undefined, expired).slice(0, 2)).toEqual(['q-4', 'batch_expired: not done in time'])
  })

  it('a request with no result yet says so', () => {
    expect(readableRow(chatRequest('q-5', 'hi'), undefined).slice(0, 4)).toEqual([
      'q-5',
      'no result',
      'gpt-4o-mini',
      'hi'
    ])
  })

  it('shortens the prompt and the answer, with an ellipsis', () => {
    const long = 'x'.repeat(5000)
    const body = { object: 'chat.completion', choices: [{ message: { role: 'assistant', content: long } }] }
    const row = readableRow(chatRequest('q-6', long), ok('q-6', body))
    expect(row[3]).toBe(`${'x'.repeat(PROMPT_CHARS - 1)}…`)
    expect(row[4]).toHaveLength(ANSWER_CHARS)
    expect(row[4].endsWith('x…')).toBe(true)
  })
})

describe("readableRow of Anthropic's lines", () => {
  const request = {
    custom_id: 'q-1',
    params: { model: 'claude-haiku-4-5', max_tokens: 9, messages: [{ role: 'user', content: 'Hello' }] }
  }
  it('reads the params, the message and its usage', () => {
    const message = {
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text: 'Hi there' }],
      usage: { input_tokens: 4, output_tokens: 2, cache_read_input_tokens: 0 }
    }
    const row = readableRow(request, { custom_id: 'q-1', result: { type: 'succeeded', message } })
    expect(row).toEqual(['q-1', 'ok', 'claude-haiku-4-5-20251001', 'Hello', 'Hi there', '4', '2'])
  })
  it("names an errored or expired line's reason", () => {
    const error = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
    expect(readableRow(request, { custom_id: 'q-1', result: { type: 'errored', error } })[1]).toBe(
      'overloaded_error: Overloaded'
    )
    const expired = readableRow(request, { custom_id: 'q-1', result: { type: 'expired' } })
    expect(expired.slice(0, 3)).toEqual(['q-1', 'expired', 'claude-haiku-4-5'])
  })
})

describe('inert', () => {
  it('keeps a spreadsheet from taking a prompt or an answer for a formula', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx']) expect(inert(s)).toBe(`'${s}`)
    for (const s of ['plain', 'a=b', '', '1-2']) expect(inert(s)).toBe(s)
  })
  it('is applied to the prompt and the answer cells', () => {
    const request = {
      custom_id: 'q',
      params: { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: '=HYPERLINK("x")' }] }
    }
    const message = { model: 'm', content: [{ type: 'text', text: '@SUM(1)' }], usage: {} }
    const row = readableRow(request, { custom_id: 'q', result: { type: 'succeeded', message } })
    expect([row[3], row[4]]).toEqual(['\'=HYPERLINK("x")', "'@SUM(1)"])
  })
})

describe('readableRow, Gemini', () => {
  const request = {
    key: 'q-1',
    request: {
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'first' }] },
        { role: 'model', parts: [{ text: 'an answer' }] },
        {
          parts: [
            { text: 'Capital of France?' },
            { inlineData: { mimeType: 'image/png', data: 'AA' } },
            { text: 'Say so.' }
          ]
        }
      ]
    }
  }
  it('reads the last user turn, the candidates without their thoughts, and the usage metadata', () => {
    const response = {
      candidates: [
        { content: { role: 'model', parts: [{ text: 'thinking...', thought: true }, { text: 'Paris.' }] }, index: 0 }
      ],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 2, thoughtsTokenCount: 5, totalTokenCount: 19 },
      modelVersion: 'gemini-2.5-flash'
    }
    expect(readableRow(request, { key: 'q-1', response })).toEqual([
      'q-1',
      'ok',
      'gemini-2.5-flash',
      'Capital of France?\nSay so.',
      'Paris.',
      '12',
      '7'
    ])
  })
  it('names an error by its status and message, and a blocked prompt by its reason', () => {
    const error = { code: 8, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' }
    expect(readableRow(request, { key: 'q-1', error }).slice(0, 3)).toEqual([
      'q-1',
      'RESOURCE_EXHAUSTED: Quota exceeded.',
      ''
    ])
    const blocked = { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 3 } }
    expect(readableRow(request, { key: 'q-1', response: blocked })).toEqual([
      'q-1',
      'blocked: PROHIBITED_CONTENT',
      '',
      'Capital of France?\nSay so.',
      '',
      '3',
      '0'
    ])
    expect(readableRow(request, undefined).slice(0, 2)).toEqual(['q-1', 'no result'])
  })
})

describe('shorten', () => {
  it('never cuts a surrogate pair in half', () => {
    expect(shorten('ab🚀cd', 4)).toBe('ab…')
    expect(shorten('abc🚀', 5)).toBe('abc🚀')
    expect(shorten('abcdef', 4)).toBe('abc…')
  })
})
