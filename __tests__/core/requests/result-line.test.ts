import { bodyUsage } from '../../../src/core/cost/usage'
import { anthropicFailure, isRetryableLine, requestBody, responseBody } from '../../../src/core/requests/result-line'

const errored = (type: string) => ({
  custom_id: 'q',
  result: { type: 'errored', error: { type: 'error', error: { type, message: `${type} happened` }, request_id: null } }
})
const message = { model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'hi' }], usage: { input_tokens: 1 } }
const succeeded = { custom_id: 'q', result: { type: 'succeeded', message } }

describe("Anthropic's result lines", () => {
  it('retries expired lines and the errors that may pass, nothing the request got wrong', () => {
    for (const type of ['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error'])
      expect(isRetryableLine(errored(type))).toBe(true)
    expect(isRetryableLine({ custom_id: 'q', result: { type: 'expired' } })).toBe(true)
    for (const type of ['invalid_request_error', 'authentication_error', 'not_found_error'])
      expect(isRetryableLine(errored(type))).toBe(false)
    expect(isRetryableLine({ custom_id: 'q', result: { type: 'canceled' } })).toBe(false)
    expect(isRetryableLine(succeeded)).toBe(false)
  })

  it('reads the message as the response body and params as the request body', () => {
    expect(responseBody(succeeded)).toBe(message)
    expect(responseBody(errored('api_error'))).toBeUndefined()
    const params = { model: 'm', max_tokens: 1, messages: [] }
    expect(requestBody({ custom_id: 'q', params })).toBe(params)
  })

  it("says why a line failed in Anthropic's words", () => {
    expect(anthropicFailure(errored('overloaded_error'))).toBe('overloaded_error: overloaded_error happened')
    expect(anthropicFailure({ custom_id: 'q', result: { type: 'expired' } })).toBe('expired')
    expect(anthropicFailure(succeeded)).toBeUndefined()
    expect(anthropicFailure({ custom_id: 'q', response: { status_code: 500 } })).toBeUndefined()
  })

  it('counts the cache into the input tokens, as OpenAI does', () => {
    const usage = {
      input_tokens: 12,
      output_tokens: 7,
      cache_creation_input_tokens: 3,
      cache_read_input_tokens: 5,
      output_tokens_details: { thinking_tokens: 2 }
    }
    expect(bodyUsage(usage)).toEqual({ input: 20, cachedInput: 5, output: 7, reasoning: 2 })
    expect(bodyUsage({ ...usage, cache_creation_input_tokens: null, cache_read_input_tokens: null })).toEqual({
      input: 12,
      cachedInput: 0,
      output: 7,
      reasoning: 2
    })
  })
})
