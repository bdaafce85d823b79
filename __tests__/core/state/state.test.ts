import { describe, expect, it } from '@jest/globals'
import { emptyState, STATE_VERSION } from '../../../src/core/state/state'
import { parseState, serializeState } from '../../../src/core/state/saved'

describe('state document', () => {
  const state = {
    ...emptyState('octo/repo:batches'),
    asOf: 1700000000,
    batches: [
      {
        path: 'a.jsonl',
        sha256: 'f'.repeat(64),
        part: 1,
        parts: 1,
        batchId: 'batch_1',
        inputFileId: 'file-1',
        status: 'completed' as const,
        createdAt: 1700000000,
        requestCounts: { total: 2, completed: 2, failed: 0 },
        outputFileId: 'file-2',
        errorFileId: null,
        collected: true
      }
    ]
  }

  it('round-trips', () => {
    expect(parseState(serializeState(state), 'octo/repo:batches')).toEqual({ state })
  })

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    [
      'an older schema',
      JSON.stringify({ ...state, version: 1 }),
      `schema version 1, this action reads ${STATE_VERSION}`
    ],
    ['a broken shape', JSON.stringify({ ...state, batches: [{ path: 1 }] }), 'does not match its schema'],
    ['another scope', serializeState({ ...state, scope: 'octo/other:batches' }), "belongs to 'octo/other:batches'"]
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseState(text, 'octo/repo:batches')
    expect('reason' in parsed && parsed.reason).toContain(reason)
  })
})
