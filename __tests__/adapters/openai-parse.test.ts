import { describe, expect, it } from '@jest/globals'
import type { Batch } from 'openai/resources'
import { azureResource } from '../../src/adapters/openai-connection'
import { seconds, status, toBatch } from '../../src/adapters/openai-parse'

describe('reading answers leniently', () => {
  it("reads Azure's statuses and timestamps as OpenAI's", () => {
    expect(['Validating', 'InProgress', 'in_progress', 'Completed', 'cancelling'].map(status)).toEqual([
      'validating',
      'in_progress',
      'in_progress',
      'completed',
      'cancelling'
    ])
    expect([1_721_408_291, 1_721_408_291_000, '2024-07-19T17:13:57.2491382+00:00', null, 'soon'].map(seconds)).toEqual([
      1_721_408_291,
      1_721_408_291,
      1_721_409_237,
      undefined,
      undefined
    ])
  })

  it('reads a batch Azure answers while validating (nulls in request_counts, ISO dates, no metadata)', () => {
    const azure = {
      id: 'batch_1',
      object: 'batch',
      status: 'Validating',
      input_file_id: 'file-1',
      output_file_id: null,
      error_file_id: null,
      created_at: '2024-07-19T17:13:57+00:00',
      expires_at: '2024-07-20T17:13:57+00:00',
      metadata: null,
      errors: null,
      request_counts: { total: null, completed: null, failed: null },
      completion_window: '24h',
      endpoint: '/chat/completions'
    }
    expect(toBatch(azure as unknown as Batch)).toMatchObject({
      status: 'validating',
      createdAt: 1_721_409_237,
      expiresAt: 1_721_495_637,
      requestCounts: { total: 0, completed: 0, failed: 0 },
      metadata: {}
    })
  })
})

describe('azureResource', () => {
  it('is the resource whichever form the user gives', () => {
    for (const u of [
      'https://r.openai.azure.com',
      'https://r.openai.azure.com/',
      'https://r.openai.azure.com/openai',
      'https://r.openai.azure.com/openai/v1/'
    ])
      expect(azureResource(u)).toBe('https://r.openai.azure.com')
  })
})
