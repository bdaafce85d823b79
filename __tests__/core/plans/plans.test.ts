import { describe, expect, it } from '@jest/globals'
import { adopt } from '../../../src/core/plans/adopt'
import { planCollect, toCollect } from '../../../src/core/plans/collect'
import { planRetry } from '../../../src/core/plans/retry'
import { planPrune, planSubmit, planWaiting } from '../../../src/core/plans/submit'
import { fromRemote, RemoteBatch } from '../../../src/core/remote/records'
import { emptyState, TrackedBatch } from '../../../src/core/state/state'
import { batch, invalid, src, state } from '../../fixtures/records'

describe('planSubmit', () => {
  it('submits files with no usable batch for their content, and never invalid ones', () => {
    const plan = planSubmit(
      [
        src('new.jsonl', 'n'),
        src('same.jsonl', 's'),
        src('changed.jsonl', 'c2'),
        invalid('bad.jsonl', 'b'),
        src('cancelled.jsonl', 'k')
      ],
      state(
        batch('same.jsonl', 's'),
        batch('changed.jsonl', 'c1'),
        batch('cancelled.jsonl', 'k', { status: 'cancelled' })
      )
    )
    expect(plan.submit.map(s => s.path)).toEqual(['new.jsonl', 'changed.jsonl', 'cancelled.jsonl'])
    expect(plan.current.map(s => s.path)).toEqual(['same.jsonl'])
    expect(plan.invalid.map(s => s.path)).toEqual(['bad.jsonl'])
  })

  it('counts a failed or expired batch as done: the same content is not resubmitted', () => {
    const plan = planSubmit(
      [src('a.jsonl', 'a'), src('b.jsonl', 'b')],
      state(batch('a.jsonl', 'a', { status: 'failed' }), batch('b.jsonl', 'b', { status: 'expired' }))
    )
    expect(plan.submit).toEqual([])
  })
})

describe('planWaiting', () => {
  it('finds the new and changed files with no batch, and leaves the token-limited ones to the resubmit', () => {
    const limited = batch('limited.jsonl', 'l', { status: 'failed', errors: [{ code: 'token_limit_exceeded' }] })
    const plan = planWaiting(
      [src('new.jsonl', 'n'), src('same.jsonl', 's'), src('changed.jsonl', 'c2'), src('limited.jsonl', 'l')],
      state(batch('same.jsonl', 's'), batch('changed.jsonl', 'c1'), limited)
    )
    expect(plan.submit.map(s => s.path)).toEqual(['new.jsonl', 'changed.jsonl'])
    expect(plan.current.map(s => s.path)).toEqual(['same.jsonl'])
  })

  it('finds nothing once every file has its batch', () => {
    expect(planWaiting([src('a.jsonl', 'a')], state(batch('a.jsonl', 'a'))).submit).toEqual([])
  })
})

describe('planPrune', () => {
  it('drops batches of deleted files and those superseded by a usable batch', () => {
    const old = batch('a.jsonl', 'a1')
    const current = batch('a.jsonl', 'a2')
    const gone = batch('gone.jsonl', 'g')
    const waiting = batch('b.jsonl', 'b1')
    const dropped = planPrune([src('a.jsonl', 'a2'), src('b.jsonl', 'b2')], state(old, current, gone, waiting))
    expect(dropped).toEqual([old, gone])
  })
})

describe('planCollect', () => {
  it('refreshes unfinished batches of present content and leaves stale ones', () => {
    const running = batch('a.jsonl', 'a')
    const done = batch('b.jsonl', 'b', { status: 'completed' })
    const stale = batch('c.jsonl', 'c-old')
    const plan = planCollect(
      [src('a.jsonl', 'a'), src('b.jsonl', 'b'), src('c.jsonl', 'c-new')],
      state(running, done, stale)
    )
    expect(plan.refresh).toEqual([running])
    expect(plan.stale).toEqual([stale])
  })

  it('downloads final batches not yet collected, for present content only', () => {
    const fresh = batch('a.jsonl', 'a', { status: 'completed' })
    const had = batch('b.jsonl', 'b', { status: 'completed', collected: true })
    const stale = batch('c.jsonl', 'c-old', { status: 'completed' })
    expect(
      toCollect([src('a.jsonl', 'a'), src('b.jsonl', 'b'), src('c.jsonl', 'c')], state(fresh, had, stale))
    ).toEqual([[fresh]])
  })

  it('collects a file in parts once every part is final, in part order', () => {
    const two = batch('a.jsonl', 'a', { part: 2, parts: 2, status: 'completed' })
    const one = batch('a.jsonl', 'a', { part: 1, parts: 2, status: 'in_progress' })
    expect(toCollect([src('a.jsonl', 'a')], state(two, one))).toEqual([])
    const done = { ...one, status: 'completed' as const }
    expect(toCollect([src('a.jsonl', 'a')], state(two, done))).toEqual([[done, two]])
  })

  it('takes the newest batch of a part that was submitted again', () => {
    const cancelled = batch('a.jsonl', 'a', { status: 'cancelled', collected: true, createdAt: 1 })
    const again = batch('a.jsonl', 'a', { status: 'completed', createdAt: 2 })
    expect(toCollect([src('a.jsonl', 'a')], state(cancelled, again))).toEqual([[again]])
  })
})

const remote = (o: Partial<RemoteBatch> & { metadata: Record<string, string> }): RemoteBatch => ({
  id: 'batch_r',
  status: 'completed',
  inputFileId: 'file-r',
  outputFileId: 'file-o',
  errorFileId: null,
  createdAt: 500,
  requestCounts: { total: 2, completed: 2, failed: 0 },
  errors: [],
  ...o
})

describe('fromRemote', () => {
  const meta = { oba_scope: 's', oba_path: 'a.jsonl', oba_sha256: 'a', oba_part: '2/3' }

  it('reads the action metadata of its own scope', () => {
    expect(fromRemote(remote({ metadata: meta }), 's')).toMatchObject({
      path: 'a.jsonl',
      sha256: 'a',
      part: 2,
      parts: 3,
      batchId: 'batch_r',
      collected: false
    })
  })

  it('reads the retry round of a follow-up batch, and no round otherwise', () => {
    expect(fromRemote(remote({ metadata: { ...meta, oba_round: '2' } }), 's')).toMatchObject({ round: 2, part: 2 })
    expect(fromRemote(remote({ metadata: meta }), 's')).not.toHaveProperty('round')
    expect(fromRemote(remote({ metadata: { ...meta, oba_round: '0' } }), 's')).not.toHaveProperty('round')
  })

  it('ignores other scopes and batches without the metadata', () => {
    expect(fromRemote(remote({ metadata: meta }), 'other')).toBeUndefined()
    expect(fromRemote(remote({ metadata: {} }), 's')).toBeUndefined()
    expect(fromRemote(remote({ metadata: { ...meta, oba_part: 'x' } }), 's')).toBeUndefined()
  })
})

describe('adopt', () => {
  it('takes the newest usable batch for the present content of each file, marked rebuilt', () => {
    const older = batch('a.jsonl', 'a', { createdAt: 1 })
    const newer = batch('a.jsonl', 'a', { createdAt: 2 })
    const cancelled = batch('a.jsonl', 'a', { createdAt: 3, status: 'cancelled' })
    const otherContent = batch('b.jsonl', 'b-old', { createdAt: 4 })
    const next = adopt(
      emptyState('s'),
      [older, newer, cancelled, otherContent],
      [src('a.jsonl', 'a'), src('b.jsonl', 'b')]
    )
    // Rebuilt: whether a run the state lost collected it is known only from target-dir (#23 item 8).
    expect(next.batches).toEqual([{ ...newer, rebuilt: true }])
  })

  it('keeps what the state already has for a file', () => {
    const known = batch('a.jsonl', 'a')
    const found = batch('a.jsonl', 'a', { createdAt: 999 })
    expect(adopt(state(known), [found], [src('a.jsonl', 'a')]).batches).toEqual([known])
  })

  it('adopts the retry rounds of present content beside its own batches, one a round and part', () => {
    const known = batch('a.jsonl', 'a', { status: 'completed', collected: true })
    const retryOld = batch('a.jsonl', 'a', { round: 1, createdAt: 1 })
    const retry = batch('a.jsonl', 'a', { round: 1, createdAt: 2 })
    const retry2 = batch('a.jsonl', 'a', { round: 2, createdAt: 3 })
    const next = adopt(state(known), [retryOld, retry, retry2, known], [src('a.jsonl', 'a')])
    expect(next.batches).toEqual([known, { ...retry2, rebuilt: true }, { ...retry, rebuilt: true }])
  })

  it('adopts nothing for an invalid file', () => {
    expect(adopt(emptyState('s'), [batch('a.jsonl', 'a')], [invalid('a.jsonl', 'a')]).batches).toEqual([])
  })
})

describe('retry rounds', () => {
  const a = src('a.jsonl', 'a')
  const done = (o: Partial<TrackedBatch> = {}) => batch('a.jsonl', 'a', { status: 'completed', collected: true, ...o })

  it('plans the next round once the last is collected and left retryable lines, up to the limit', () => {
    const r0 = done({ retryable: 3 })
    expect(planRetry([a], state(r0), 2)).toEqual([{ src: a, round: 1, before: [r0] }])
    expect(planRetry([a], state(r0), 0)).toEqual([])
    const r1 = done({ round: 1, retryable: 1 })
    expect(planRetry([a], state(r0, r1), 2)).toEqual([{ src: a, round: 2, before: [r0, r1] }])
    expect(planRetry([a], state(r0, r1, done({ round: 2, retryable: 1 })), 2)).toEqual([])
  })

  it('looks once at the errors of a file collected while retries were off', () => {
    const r0 = done({ errorFileId: 'file-e' })
    expect(planRetry([a], state(r0), 1)).toEqual([{ src: a, round: 1, before: [r0] }])
    expect(planRetry([a], state(done()), 1)).toEqual([])
    expect(planRetry([a], state(done({ errorFileId: 'file-e', retryable: 0 })), 1)).toEqual([])
  })

  it('plans nothing while the last round is running, uncollected, or left nothing to retry', () => {
    expect(planRetry([a], state(done({ retryable: 0 })), 3)).toEqual([])
    expect(planRetry([a], state(done({ retryable: 2, collected: false })), 3)).toEqual([])
    expect(planRetry([a], state(done(), batch('a.jsonl', 'a', { round: 1 })), 3)).toEqual([])
    expect(planRetry([a], state(done({ retryable: 2 })), 3).length).toBe(1)
    expect(planRetry([invalid('a.jsonl', 'a')], state(done({ retryable: 2 })), 3)).toEqual([])
    expect(planRetry([src('a.jsonl', 'other')], state(done({ retryable: 2 })), 3)).toEqual([])
  })

  it('finishes a round begun by a run that stopped, and makes a refused round again', () => {
    const r0 = done({ retryable: 9 })
    const half = batch('a.jsonl', 'a', { round: 1, part: 1, parts: 2 })
    expect(planRetry([a], state(r0, half), 3)).toEqual([{ src: a, round: 1, before: [r0] }])
    const refused = done({ round: 1, status: 'failed', errors: [{ code: 'token_limit_exceeded' }] })
    expect(planRetry([a], state(r0, refused), 3)).toEqual([{ src: a, round: 1, before: [r0] }])
  })

  it('collects every round together once all are final, and waits for a round under way', () => {
    const r0 = done()
    const r1 = batch('a.jsonl', 'a', { round: 1, status: 'in_progress' })
    expect(toCollect([a], state(r0, r1))).toEqual([])
    const r1done = { ...r1, status: 'completed' as const }
    expect(toCollect([a], state(r1done, r0))).toEqual([[r0, r1done]])
    const half = batch('a.jsonl', 'a', { round: 2, part: 2, parts: 2, status: 'completed' })
    expect(toCollect([a], state(r0, r1done, half))).toEqual([])
  })

  it('leaves a refused retry out of what is collected', () => {
    const r0 = done()
    const refused = batch('a.jsonl', 'a', { round: 1, status: 'failed', errors: [{ code: 'token_limit_exceeded' }] })
    expect(toCollect([a], state(r0, refused))).toEqual([])
  })

  it('does not count a retry round as a missing part of the file, nor submit the file again for it', () => {
    const plan = planSubmit([a], state(batch('a.jsonl', 'a', { round: 1 })))
    expect(plan.submit).toEqual([a])
    expect(planSubmit([a], state(done(), batch('a.jsonl', 'a', { round: 1, status: 'cancelled' }))).submit).toEqual([])
  })
})
