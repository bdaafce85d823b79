import { describe, expect, it } from '@jest/globals'
import { idHash } from '../../../src/core/requests/id-log'
import { IdSet } from '../../../src/core/requests/id-set'

describe('IdSet', () => {
  it('holds what was added, once, and nothing else, across growth', () => {
    const s = new IdSet()
    const keys = Array.from({ length: 5000 }, (_, i) => idHash(`q-${i}`))
    for (const k of keys) s.add(k)
    for (const k of keys.slice(0, 100)) s.add(k)
    expect(s.size).toBe(5000)
    expect(keys.every(k => s.has(k))).toBe(true)
    expect(Array.from({ length: 5000 }, (_, i) => idHash(`other-${i}`)).some(k => s.has(k))).toBe(false)
  })

  it('takes 0 and the largest hashes', () => {
    const s = new IdSet()
    s.add(0)
    s.add(2 ** 53 - 1)
    expect([s.has(0), s.has(2 ** 53 - 1), s.has(1)]).toEqual([true, true, false])
  })
})
