import { describe, expect, it } from '@jest/globals'
import { idHash, IdLog } from '../../../src/core/requests/id-log'

describe('IdLog', () => {
  it('finds every repeated id, across blocks and however far apart', () => {
    const log = new IdLog()
    const n = 200_000
    for (let i = 0; i < n; i++) log.add(`req-${i}`)
    for (const i of [0, 1, 255, 256, 65_535, 65_536, 131_072, n - 1]) log.add(`req-${i}`)
    log.add('req-65536')
    expect(log.size).toBe(n + 9)
    expect(log.repeated()).toEqual(
      new Set([0, 1, 255, 256, 65_535, 65_536, 131_072, n - 1].map(i => idHash(`req-${i}`)))
    )
  })

  it('finds none among ids that differ in one character, its position or their length', () => {
    const log = new IdLog()
    for (const id of ['a', 'b', 'ab', 'ba', 'aa', 'a ', ' a', 'é', 'e\u0301', '', 'x'.repeat(1000), 'x'.repeat(1001)])
      log.add(id)
    expect(log.repeated().size).toBe(0)
    expect(new IdLog().repeated().size).toBe(0)
  })

  it('gives a 53-bit key, exact as a double', () => {
    const k = idHash('req-1')
    expect(Number.isSafeInteger(k) && k >= 0).toBe(true)
    expect(idHash('req-1')).toBe(k)
    expect(idHash('req-2')).not.toBe(k)
  })
})
