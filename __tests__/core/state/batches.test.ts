import { batchesOf, ofPath, sourceOf, wanted } from '../../../src/core/state/batches'
import type { SourceFile } from '../../../src/core/requests/source'
import type { TrackedBatch } from '../../../src/core/state/state'

const batch = (path: string, sha256: string, id: string, extra: Partial<TrackedBatch> = {}): TrackedBatch => ({
  path,
  sha256,
  part: 1,
  parts: 1,
  batchId: id,
  inputFileId: `file-${id}`,
  status: 'completed',
  createdAt: 1,
  collected: true,
  ...extra
})
const source = (path: string, sha256: string): SourceFile => ({
  checked: true,
  path,
  file: `batches/${path}`,
  abs: '',
  sha256,
  bytes: 1,
  requests: 1,
  parts: [],
  endpoint: undefined,
  model: undefined,
  problems: []
})

describe('the indexes by path', () => {
  it("finds a content's batches among others of the same path and of other paths, never outside ones", () => {
    const state = {
      batches: [
        batch('a.jsonl', 'x', 'b1'),
        batch('a.jsonl', 'y', 'b2'),
        batch('b.jsonl', 'x', 'b3'),
        batch('a.jsonl', 'x', 'b4', { outside: true })
      ]
    }
    expect(batchesOf(state, { path: 'a.jsonl', sha256: 'x' }).map(b => b.batchId)).toEqual(['b1'])
    expect(ofPath(state, 'a.jsonl').map(b => b.batchId)).toEqual(['b1', 'b2'])
    expect(ofPath(state, 'c.jsonl')).toEqual([])
  })

  it('sees a batch pushed onto a list already indexed', () => {
    const batches = [batch('a.jsonl', 'x', 'b1')]
    const state = { batches }
    expect(ofPath(state, 'a.jsonl')).toHaveLength(1)
    batches.push(batch('a.jsonl', 'y', 'b2'))
    expect(ofPath(state, 'a.jsonl').map(b => b.batchId)).toEqual(['b1', 'b2'])
  })

  it('a new list of the state is indexed anew', () => {
    const first = { batches: [batch('a.jsonl', 'x', 'b1')] }
    expect(batchesOf(first, { path: 'a.jsonl', sha256: 'x' })).toHaveLength(1)
    const next = { batches: first.batches.map(b => ({ ...b, path: 'moved.jsonl' })) }
    expect(batchesOf(next, { path: 'a.jsonl', sha256: 'x' })).toHaveLength(0)
    expect(batchesOf(next, { path: 'moved.jsonl', sha256: 'x' })).toHaveLength(1)
  })

  it('ties a batch to the file holding its content now, and only then', () => {
    const sources = [source('a.jsonl', 'x'), source('b.jsonl', 'z')]
    expect(sourceOf(batch('a.jsonl', 'x', 'b1'), sources)?.path).toBe('a.jsonl')
    expect(sourceOf(batch('a.jsonl', 'y', 'b2'), sources)).toBeUndefined()
    expect(sourceOf(batch('c.jsonl', 'x', 'b3'), sources)).toBeUndefined()
    expect(wanted(batch('x/1.jsonl', '', 'b4', { outside: true }), sources)).toBe(true)
    expect(wanted(batch('a.jsonl', 'y', 'b2'), sources)).toBe(false)
  })
})
