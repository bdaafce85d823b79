import { describe, expect, it } from '@jest/globals'
import { adopt } from '../../../src/core/plans/adopt'
import { emptyState } from '../../../src/core/state/state'
import { adoptRenames } from '../../../src/core/plans/renames'
import { batch, invalid, src, state } from '../../fixtures/records'

describe('adoptRenames', () => {
  it('moves the batches of content whose path is gone to the path that now holds it', () => {
    const pending = batch('a.jsonl', 'x')
    const out = adoptRenames([src('sub/b.jsonl', 'x')], state(pending))
    expect(out.renames).toEqual([{ from: 'a.jsonl', to: 'sub/b.jsonl', batchIds: [pending.batchId] }])
    expect(out.state.batches).toEqual([{ ...pending, path: 'sub/b.jsonl' }])
  })

  it('collects written results again at the new path, saying where they were', () => {
    const done = batch('a.jsonl', 'x', { status: 'completed', collected: true })
    const [moved] = adoptRenames([src('b.jsonl', 'x')], state(done)).state.batches
    expect(moved).toMatchObject({ path: 'b.jsonl', collected: false, renamedFrom: 'a.jsonl' })
  })

  it('leaves a copy (both paths present), other content, invalid files and cancelled batches alone', () => {
    const s = state(batch('a.jsonl', 'x'), batch('gone.jsonl', 'y', { status: 'cancelled' }))
    for (const sources of [
      [src('a.jsonl', 'x'), src('copy.jsonl', 'x')],
      [src('b.jsonl', 'other')],
      [invalid('b.jsonl', 'x')],
      [src('b.jsonl', 'y')]
    ])
      expect(adoptRenames(sources, s).renames.filter(r => r.to !== 'a.jsonl')).toEqual([])
  })

  it("takes every part and round of the moved content, and nothing of the old path's other content", () => {
    const parts = [
      batch('a.jsonl', 'x', { part: 1, parts: 2 }),
      batch('a.jsonl', 'x', { part: 2, parts: 2 }),
      batch('a.jsonl', 'x', { round: 1 })
    ]
    const older = batch('a.jsonl', 'old')
    const out = adoptRenames([src('b.jsonl', 'x')], state(...parts, older))
    expect(out.state.batches.map(b => b.path)).toEqual(['b.jsonl', 'b.jsonl', 'b.jsonl', 'a.jsonl'])
  })
})

describe('adopt, for a rename after the state was lost', () => {
  it('adopts a batch found at OpenAI of present content under a path that is gone', () => {
    const found = batch('a.jsonl', 'x')
    const adopted = { ...found, rebuilt: true }
    expect(adopt(emptyState('s'), [found], [src('b.jsonl', 'x')]).batches).toEqual([adopted])
    expect(adopt(emptyState('s'), [found], [src('a.jsonl', 'x'), src('b.jsonl', 'x')]).batches).toEqual([adopted])
    expect(adopt(emptyState('s'), [found], [src('b.jsonl', 'other')]).batches).toEqual([])
  })
})
