import { byText, count, plural } from '../../src/core/format'

describe('count', () => {
  it('writes whole numbers as en-US does, without loading ICU', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 1234567890, -1234, -999, Number.MAX_SAFE_INTEGER])
      expect(count(n)).toBe(n.toLocaleString('en-US'))
  })
  it('leaves fractions and huge numbers to en-US', () => {
    for (const n of [1234.5678, 0.25, 1e21, -0.5]) expect(count(n)).toBe(n.toLocaleString('en-US'))
  })
  it('is what plural counts with', () => expect(plural(12000, 'batch', 'batches')).toBe('12,000 batches'))
})

describe('byText', () => {
  it('orders by code units, upper case before lower, as git lists paths', () => {
    expect(['b.jsonl', 'B.jsonl', 'a/z.jsonl', 'a.jsonl', 'a-b.jsonl'].sort(byText)).toEqual([
      'B.jsonl',
      'a-b.jsonl',
      'a.jsonl',
      'a/z.jsonl',
      'b.jsonl'
    ])
    expect(byText('x', 'x')).toBe(0)
  })
})
