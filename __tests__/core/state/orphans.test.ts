import { describe, expect, it } from '@jest/globals'
import { clearOrphans, orphan } from '../../../src/core/state/orphans'
import { batch, state } from '../../fixtures/records'

describe('orphan', () => {
  it('marks deleted files whose results were written, and no others', () => {
    const written = batch('a.jsonl', 'x', { status: 'completed', collected: true })
    const pending = batch('b.jsonl', 'y')
    const changed = batch('c.jsonl', 'old', { status: 'completed', collected: true })
    const outside = batch('batches/batch_9.jsonl', '', { outside: true, collected: true, status: 'completed' })
    const s = orphan(state(), [written, pending, changed, outside], new Set(['c.jsonl']))
    expect(s.orphans).toEqual(['a.jsonl'])
    expect(orphan(s, [written], new Set()).orphans).toEqual(['a.jsonl'])
  })

  it('clears the orphans done with, and the field once none are left', () => {
    const s = { ...state(), orphans: ['a.jsonl', 'b.jsonl'] }
    expect(clearOrphans(s, ['a.jsonl']).orphans).toEqual(['b.jsonl'])
    expect('orphans' in clearOrphans(s, ['a.jsonl', 'b.jsonl'])).toBe(false)
  })
})
