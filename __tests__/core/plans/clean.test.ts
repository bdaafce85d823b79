import { describe, expect, it } from '@jest/globals'
import { filesOf, toClean } from '../../../src/core/plans/clean'
import { batch, src, state } from '../../fixtures/records'

const done = { status: 'completed' as const, collected: true, outputFileId: 'out', errorFileId: null }
const ids = (bs: { batchId: string }[]) => bs.map(b => b.batchId)

describe('toClean', () => {
  it("is every batch of a file's present content once all are final and collected", () => {
    const a1 = batch('a.jsonl', 'x', { ...done, part: 1, parts: 2 })
    const a2 = batch('a.jsonl', 'x', { ...done, part: 2, parts: 2 })
    expect(ids(toClean([src('a.jsonl', 'x')], state(a1, a2), 0))).toEqual(ids([a1, a2]))
  })

  it('waits while a part runs, or is not collected (its publish failed)', () => {
    const a1 = batch('a.jsonl', 'x', { ...done, part: 1, parts: 2 })
    expect(toClean([src('a.jsonl', 'x')], state(a1, batch('a.jsonl', 'x', { part: 2, parts: 2 })), 0)).toEqual([])
    expect(toClean([src('a.jsonl', 'x')], state({ ...a1, parts: 1, collected: false }), 0)).toEqual([])
  })

  it('waits while a retry round can still follow: it downloads the error files again', () => {
    const failed = batch('a.jsonl', 'x', { ...done, errorFileId: 'err', retryable: 2 })
    expect(toClean([src('a.jsonl', 'x')], state(failed), 1)).toEqual([])
    // Retries off, or nothing left to retry, or the rounds used up: done.
    expect(ids(toClean([src('a.jsonl', 'x')], state(failed), 0))).toEqual(ids([failed]))
    expect(ids(toClean([src('a.jsonl', 'x')], state({ ...failed, retryable: 0 }), 1))).toEqual(ids([failed]))
    const retry = batch('a.jsonl', 'x', { ...done, round: 1, errorFileId: 'err2', retryable: 1 })
    expect(ids(toClean([src('a.jsonl', 'x')], state(failed, retry), 1))).toEqual(ids([failed, retry]))
  })

  it('takes a settled superseded batch, and leaves alone outside batches, deleted ones, renamed ones and stale content', () => {
    const sup = batch('a.jsonl', 'old', { ...done, status: 'cancelled', superseded: 'changed' })
    const outside = batch('batches/batch_x.jsonl', '', { ...done, outside: true })
    const again = batch('b.jsonl', 'y', { ...done, filesDeleted: true })
    const renamed = batch('c.jsonl', 'z', { ...done, collected: false, renamedFrom: 'old-c.jsonl' })
    const stale = batch('d.jsonl', 'before', done)
    const sources = [src('a.jsonl', 'new'), src('b.jsonl', 'y'), src('c.jsonl', 'z'), src('d.jsonl', 'after')]
    expect(ids(toClean(sources, state(sup, outside, again, renamed, stale), 0))).toEqual(ids([sup]))
  })
})

describe('filesOf', () => {
  it("is the batches' input, output and error files, less one another batch still uses", () => {
    const a = batch('a.jsonl', 'x', { ...done, inputFileId: 'in-shared', errorFileId: 'err' })
    const b = batch('a.jsonl', 'x', { inputFileId: 'in-shared' })
    expect(filesOf([a], state(a, b))).toEqual(['out', 'err'])
    expect(filesOf([a, b], state(a, b))).toEqual(['in-shared', 'out', 'err'])
  })

  it('keeps the upload of a batch without our metadata: after a lost cache its name is what ties the batch to its file', () => {
    const a = batch('a.jsonl', 'x', { ...done, inputFileId: 'in', errorFileId: 'err', untagged: true })
    expect(filesOf([a], state(a))).toEqual(['out', 'err'])
  })
})
