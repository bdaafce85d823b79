import { byText, count, dollars, plural } from '../../src/core/format'

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

describe('dollars', () => {
  it('writes plain decimals max-cost reads, four significant digits and at least cents', () => {
    expect([25, 2.5, 1234.5678, 0.98765, 0.0000762512, 1.3e-7, 0].map(dollars)).toEqual([
      '25.00',
      '2.50',
      '1234.57',
      '0.9877',
      '0.00007625',
      '0.00000013',
      '0.00'
    ])
    for (const n of [1.3e-7, 0.0000762512, 2.5]) expect(dollars(n)).toMatch(/^\d+(\.\d+)?$/)
  })
})
