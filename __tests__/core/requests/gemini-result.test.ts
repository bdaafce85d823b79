import { describe, expect, it } from '@jest/globals'
import { bodyUsage } from '../../../src/core/cost/usage'
import {
  geminiFailure,
  isRetryableLine,
  isSucceededLine,
  lineId,
  requestBody,
  responseBody,
  responseModel,
  responseUsage
} from '../../../src/core/requests/result-line'

const usageMetadata = {
  promptTokenCount: 5,
  candidatesTokenCount: 7,
  thoughtsTokenCount: 2,
  cachedContentTokenCount: 1,
  totalTokenCount: 14
}
const response = {
  candidates: [{ content: { role: 'model', parts: [{ text: 'Hi there' }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata,
  modelVersion: 'gemini-2.5-flash'
}
const succeeded = { key: 'q-1', response }
const errored = (status: string, code = 14) => ({ key: 'q-2', error: { code, message: `${status} happened`, status } })
const blocked = {
  key: 'q-3',
  response: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } }
}

describe("Gemini's result lines", () => {
  it('are joined on their key, as their requests are', () => {
    expect(lineId(succeeded)).toBe('q-1')
    expect(lineId({ key: 'q-1', request: { contents: [] } })).toBe('q-1')
    // Other providers' lines are joined on custom_id, even with a field named key.
    expect(lineId({ custom_id: 'c', key: 'k', method: 'POST' })).toBe('c')
    expect(lineId({ key: 7 })).toBeUndefined()
  })

  it('read the response as the body, the request as the request body', () => {
    expect(responseBody(succeeded)).toBe(response)
    expect(responseBody(errored('UNAVAILABLE'))).toBeUndefined()
    const request = { contents: [{ parts: [{ text: 'Hello' }] }] }
    expect(requestBody({ key: 'q', request })).toBe(request)
    expect(responseModel(response)).toBe('gemini-2.5-flash')
    expect(responseUsage(response)).toBe(usageMetadata)
  })

  it('count input with the cache in it, and thoughts as output and reasoning', () => {
    expect(bodyUsage(usageMetadata)).toEqual({ input: 5, cachedInput: 1, output: 9, reasoning: 2 })
    // Zero counters are omitted by Google.
    expect(bodyUsage({ promptTokenCount: 3, totalTokenCount: 3 })).toEqual({
      input: 3,
      cachedInput: 0,
      output: 0,
      reasoning: 0
    })
  })

  it('retry the statuses that may pass, judged by status, not by the gRPC code', () => {
    for (const status of ['UNAVAILABLE', 'RESOURCE_EXHAUSTED', 'INTERNAL', 'DEADLINE_EXCEEDED'])
      expect(isRetryableLine(errored(status))).toBe(true)
    for (const status of ['INVALID_ARGUMENT', 'PERMISSION_DENIED', 'NOT_FOUND'])
      expect(isRetryableLine(errored(status, 503))).toBe(false)
    expect(isRetryableLine(blocked)).toBe(false)
    expect(isRetryableLine(succeeded)).toBe(false)
  })

  it('fail with no candidates, saying the block reason', () => {
    expect(geminiFailure(blocked)).toBe('blocked: SAFETY')
    expect(geminiFailure({ key: 'q', response: { candidates: [] } })).toBe('no candidates')
    expect(geminiFailure(errored('UNAVAILABLE'))).toBe('UNAVAILABLE: UNAVAILABLE happened')
    expect(geminiFailure(succeeded)).toBeUndefined()
    expect(geminiFailure({ custom_id: 'q', error: { code: 'x' } })).toBeUndefined()
  })

  it('split into succeeded lines and the rest, for every provider', () => {
    expect([succeeded, errored('INTERNAL'), blocked].map(isSucceededLine)).toEqual([true, false, false])
    expect(isSucceededLine({ custom_id: 'a', response: { status_code: 200, body: {} }, error: null })).toBe(true)
    expect(isSucceededLine({ custom_id: 'a', response: { status_code: 400, body: {} }, error: null })).toBe(false)
    expect(isSucceededLine({ custom_id: 'a', response: null, error: { code: 'batch_expired' } })).toBe(false)
    expect(isSucceededLine({ custom_id: 'a', result: { type: 'succeeded', message: {} } })).toBe(true)
    expect(isSucceededLine({ custom_id: 'a', result: { type: 'expired' } })).toBe(false)
    expect(isSucceededLine(undefined)).toBe(false)
  })
})
