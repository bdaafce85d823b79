import { describe, expect, it } from '@jest/globals'
import { supersede, tidySuperseded, toSettle } from '../../../src/core/plans/superseded'
import { batch, src, state } from '../../fixtures/records'

describe('supersede', () => {
  it('keeps, marked, a batch that still runs or ended uncollected: there is something to report', () => {
    for (const b of [
      batch('a.jsonl', 'old'),
      batch('a.jsonl', 'old', { status: 'cancelled', outputFileId: 'file-o' }),
      batch('a.jsonl', 'old', { status: 'completed' })
    ])
      expect(supersede(b, 'changed')).toEqual({ keep: { ...b, superseded: 'changed' } })
  })

  it('drops a batch whose results were collected, one refused before it ran, and an outside batch', () => {
    for (const b of [
      batch('a.jsonl', 'old', { status: 'completed', collected: true }),
      batch('a.jsonl', 'old', { status: 'failed', errors: [{ code: 'token_limit_exceeded' }] }),
      batch('a.jsonl', 'old', { outside: true })
    ])
      expect(supersede(b, 'deleted')).toEqual({ drop: b })
  })
})

describe('toSettle', () => {
  it('is the superseded batches that ended and are not settled', () => {
    const ended = batch('a.jsonl', 'old', { status: 'cancelled', superseded: 'changed' })
    const s = state(
      ended,
      batch('a.jsonl', 'old', { superseded: 'changed' }),
      batch('b.jsonl', 'x', { status: 'cancelled', superseded: 'deleted', collected: true }),
      batch('c.jsonl', 'y', { status: 'completed' })
    )
    expect(toSettle(s)).toEqual([ended])
  })
})

describe('tidySuperseded', () => {
  const settled = batch('a.jsonl', 'old', {
    status: 'cancelled',
    superseded: 'changed',
    collected: true,
    announced: ['webhook']
  })

  it('forgets a settled batch announced on every channel the run uses, and keeps one not yet announced on all', () => {
    expect(tidySuperseded([], state(settled), ['webhook']).batches).toEqual([])
    expect(tidySuperseded([], state(settled), []).batches).toEqual([])
    expect(tidySuperseded([], state(settled), ['webhook', 'dispatch']).batches).toEqual([settled])
  })

  it("keeps one that still runs, and makes one whose content is back its file's batch again", () => {
    const running = batch('b.jsonl', 'old', { superseded: 'deleted' })
    const reverted = batch('c.jsonl', 'back', { superseded: 'changed' })
    const out = tidySuperseded([src('c.jsonl', 'back')], state(running, reverted), [])
    expect(out.batches).toEqual([running, { ...reverted, superseded: undefined }])
  })

  it('leaves a state with no superseded batch as it is', () => {
    const s = state(batch('a.jsonl', 'x'))
    expect(tidySuperseded([], s, [])).toBe(s)
  })
})
