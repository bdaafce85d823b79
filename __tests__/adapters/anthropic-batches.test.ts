/** The Anthropic batch mapping and the run's ledger of creates, without a server. */
import { describe, expect, it } from '@jest/globals'
import { instant, Ledger, type MessageBatch } from '../../src/adapters/anthropic-batches'
import { memoryLog } from '../fixtures/ports'

const T = 1_800_000_000
const iso = (s: number) => new Date(s * 1000).toISOString()

function batch(id: string, created: number, processing = 2, more: Partial<MessageBatch> = {}): MessageBatch {
  return {
    id,
    processing_status: 'in_progress',
    request_counts: { processing, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
    created_at: iso(created),
    expires_at: iso(created + 86400),
    cancel_initiated_at: null,
    results_url: null,
    ...more
  }
}

const meta = { oba_path: 'a.jsonl' }
const attempt = (ledger: Ledger, requests = 2) =>
  ledger.attempt({ metadata: meta, inputFileId: 'local:a.jsonl', requests, sentAt: T })

describe('Ledger', () => {
  it('claims a batch for a lost create only once it is lost', () => {
    const ledger = new Ledger(memoryLog())
    const a = attempt(ledger)
    // Still waiting for its answer: a batch like it may be another create's.
    expect(ledger.toBatch(batch('b1', T)).metadata).toEqual({})
    ledger.lost(a)
    expect(ledger.toBatch(batch('b1', T)).metadata).toEqual(meta)
    expect(ledger.toBatch(batch('b1', T)).inputFileId).toBe('local:a.jsonl')
    // Claimed once.
    expect(ledger.toBatch(batch('b2', T)).metadata).toEqual({})
  })

  it('does not claim a batch of another size, or made well before the create', () => {
    const ledger = new Ledger(memoryLog())
    ledger.lost(attempt(ledger))
    expect(ledger.toBatch(batch('b1', T, 3)).metadata).toEqual({})
    expect(ledger.toBatch(batch('b2', T - 61)).metadata).toEqual({})
    expect(ledger.toBatch(batch('b3', T - 60)).metadata).toEqual(meta)
  })

  it('forgets a refused create', () => {
    const ledger = new Ledger(memoryLog())
    const a = attempt(ledger)
    ledger.lost(a)
    ledger.forget(a)
    expect(ledger.toBatch(batch('b1', T)).metadata).toEqual({})
  })

  it('maps statuses and counts', () => {
    const ledger = new Ledger(memoryLog())
    const counts = { processing: 0, succeeded: 2, errored: 1, canceled: 1, expired: 0 }
    const ended = (more: Partial<MessageBatch>) =>
      ledger.toBatch(batch('x', T, 0, { processing_status: 'ended', request_counts: counts, ...more }))
    expect(ended({})).toMatchObject({
      status: 'completed',
      requestCounts: { total: 4, completed: 2, failed: 2 },
      outputFileId: 'x/succeeded',
      errorFileId: 'x/failed',
      inputFileId: 'x',
      createdAt: T,
      expiresAt: T + 86400
    })
    expect(ended({ cancel_initiated_at: iso(T) }).status).toBe('cancelled')
    expect(ended({ request_counts: { ...counts, expired: 1 } }).status).toBe('expired')
    expect(ended({ request_counts: { ...counts, succeeded: 0 } }).outputFileId).toBeNull()
    expect(ledger.toBatch(batch('y', T, 2, { processing_status: 'canceling' })).status).toBe('cancelling')
  })
})

describe('instant', () => {
  it('reads the microseconds Anthropic writes, which Date.parse drops', () => {
    expect(instant('2024-09-24T18:37:24.100435Z') - instant('2024-09-24T18:37:24.100434Z')).toBe(1)
    expect(instant('2024-09-24T18:37:24.100Z')).toBe(Date.parse('2024-09-24T18:37:24.100Z') * 1000)
    expect(instant('2024-09-24T18:37:24Z')).toBe(Date.parse('2024-09-24T18:37:24Z') * 1000)
  })
})
