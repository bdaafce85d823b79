import { describe, expect, it } from '@jest/globals'
import { CLOCK_SKEW_SECONDS } from '../../../src/core/limits'
import { listOn, planStatuses } from '../../../src/core/plans/statuses'
import type { TrackedBatch } from '../../../src/core/state/state'
import { batch } from '../../fixtures/records'

/** `n` unfinished batches, created a second apart from `at` on. */
const unfinished = (n: number, at = 1_000_000): TrackedBatch[] =>
  Array.from({ length: n }, (_, i) => batch(`f${i}.jsonl`, 's', { createdAt: at + i }))

describe('planStatuses', () => {
  it('retrieves each of a few batches: a page would save too little', () => {
    expect(planStatuses([], [])).toEqual({ list: false })
    const nine = unfinished(9)
    expect(planStatuses(nine, nine)).toEqual({ list: false })
  })

  it('lists from ten unfinished batches a page, down to the oldest less the clock-skew margin', () => {
    const ten = unfinished(10, 5000)
    expect(planStatuses(ten, ten)).toEqual({ list: true, since: 5000 - CLOCK_SKEW_SECONDS })
    const thousand = unfinished(1000)
    expect(planStatuses(thousand, thousand)).toEqual({ list: true, since: 1_000_000 - CLOCK_SKEW_SECONDS })
  })

  it('counts the pages the tracked batches created since fill, final ones too', () => {
    const open = unfinished(20, 5000)
    const done = Array.from({ length: 200 }, (_, i) =>
      batch(`d${i}.jsonl`, 's', { status: 'completed', createdAt: 6000 + i })
    )
    // 220 batches since the oldest: 3 pages, more than a tenth of 20 retrieves.
    expect(planStatuses(open, [...open, ...done])).toEqual({ list: false })
    // Final batches older than the oldest unfinished one (and its margin) are not in the pages read.
    const older = done.map(b => ({ ...b, createdAt: 5000 - CLOCK_SKEW_SECONDS - 1 }))
    expect(planStatuses(open, [...open, ...older])).toEqual({ list: true, since: 5000 - CLOCK_SKEW_SECONDS })
  })

  it('reads from the oldest unfinished batch, whatever the order of the state', () => {
    const open = [...unfinished(5, 9000), ...unfinished(5, 4000)]
    expect(planStatuses(open, open)).toMatchObject({ since: 4000 - CLOCK_SKEW_SECONDS })
  })
})

describe('listOn', () => {
  it('reads on while batches are unseen and the pages read are fewer than their retrieves', () => {
    expect(listOn(1, 999)).toBe(true)
    expect(listOn(9, 100)).toBe(true)
    // All found: the pages past them would find nothing.
    expect(listOn(10, 0)).toBe(false)
    // A list crowded with other tools' batches: as many pages read as retrieves left.
    expect(listOn(5, 5)).toBe(false)
    expect(listOn(4, 5)).toBe(true)
  })
})
