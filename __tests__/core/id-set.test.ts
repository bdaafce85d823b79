import { describe, expect, it } from '@jest/globals'
import { idHash, IdSet } from '../../src/core/id-set'

describe('IdSet', () => {
  it('finds every repeated id with the line of its first occurrence, across growth', () => {
    const set = new IdSet()
    const n = 100_000
    for (let i = 0; i < n; i++) expect(set.firstOrAdd(`req-${i}`, i + 1)).toBeUndefined()
    expect(set.size).toBe(n)
    for (const i of [0, 1, 511, 512, 4095, 65_536, n - 1]) expect(set.firstOrAdd(`req-${i}`, n + 1)).toBe(i + 1)
    expect(set.size).toBe(n)
  })

  it('tells apart ids that differ in one character, its position or their length', () => {
    const set = new IdSet()
    const ids = ['a', 'b', 'ab', 'ba', 'aa', 'a ', ' a', 'é', 'e\u0301', '', 'x'.repeat(1000), 'x'.repeat(1001)]
    ids.forEach((id, i) => expect(set.firstOrAdd(id, i + 1)).toBeUndefined())
  })

  it('gives a 53-bit key, exact as a double', () => {
    const k = idHash('req-1')
    expect(Number.isSafeInteger(k) && k >= 0).toBe(true)
    expect(idHash('req-1')).toBe(k)
    expect(idHash('req-2')).not.toBe(k)
  })
})
