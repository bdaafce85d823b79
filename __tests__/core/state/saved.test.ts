import { describe, expect, it } from '@jest/globals'
import { toClean } from '../../../src/core/plans/clean'
import { planRetry } from '../../../src/core/plans/retry'
import { missingParts, planSubmit } from '../../../src/core/plans/submit'
import { adoptRenames } from '../../../src/core/plans/renames'
import { State, stateSchema, TrackedBatch } from '../../../src/core/state/state'
import { isSettled, parseState, ROW_FIELDS, serializeState } from '../../../src/core/state/saved'
import { batch, src, state } from '../../fixtures/records'
import { listed } from '../../../src/core/report/outcome'
import { batchRows, MAX_BATCHES_OUTPUT, rowsJson } from '../../../src/core/report/batch-rows'

/** A batch as a busy year leaves it: completed, collected, announced, its files deleted at OpenAI. */
const settled = (path: string, sha: string, o: Partial<TrackedBatch> = {}): TrackedBatch =>
  batch(path, sha, {
    status: 'completed',
    requestCounts: { total: 4, completed: 3, failed: 1 },
    outputFileId: 'file-out',
    errorFileId: 'file-err',
    retryable: 0,
    model: 'gpt-4o-mini-2024-07-18',
    usage: { input: 100, cachedInput: 10, output: 50, reasoning: 5 },
    collected: true,
    filesDeleted: true,
    announced: ['webhook', 'dispatch'],
    ...o
  })

const roundTrip = (s: State): State => {
  const parsed = parseState(serializeState(s), s.scope)
  if ('reason' in parsed) throw new Error(parsed.reason)
  return parsed.state
}

describe('compacting settled batches', () => {
  it('saves a settled batch as a row and reads every fact the plans use back', () => {
    const b = settled('a.jsonl', 'sha-a', { part: 2, parts: 3, round: 1, errorsRetried: true, expiresAt: 200 })
    const text = serializeState(state(b))
    expect(text).toContain('"settled":[')
    const { expiresAt: _gone, ...rest } = b
    expect(roundTrip(state(b)).batches).toEqual([rest])
  })

  it("keeps a batch found by its upload's name (no metadata) untagged in its row", () => {
    const b = settled('a.jsonl', 'sha-a', { untagged: true })
    expect(isSettled(b)).toBe(true)
    expect(roundTrip(state(b)).batches[0]).toMatchObject({ untagged: true, filesDeleted: true })
  })

  it('has a place in the row for every field of the schema, or keeps the batch a record', () => {
    // `rebuilt` is cleared when a batch is collected, so a settled one never has it.
    const unsettling = ['superseded', 'renamedFrom', 'outside', 'rebuilt', 'guessed']
    for (const k of Object.keys(stateSchema.shape.batches.element.shape))
      expect(ROW_FIELDS.has(k) || unsettling.includes(k)).toBe(true)
    const b = { ...settled('a.jsonl', 'sha-a'), aFieldAddedLater: 1 } as TrackedBatch
    expect(isSettled(b)).toBe(false)
  })

  it.each<[string, Partial<TrackedBatch>]>([
    ['unfinished', { status: 'in_progress', collected: false }],
    ['final, results not collected', { collected: false }],
    ['superseded', { superseded: 'changed' }],
    ['renamed, to be collected again', { renamedFrom: 'old.jsonl', collected: false }],
    ['named in batch-ids', { outside: true }],
    ['failed with validation errors', { status: 'failed', errors: [{ code: 'invalid_json', message: 'bad', line: 3 }] }]
  ])('keeps a %s batch as its full record', (_name, o) => {
    const b = settled('a.jsonl', 'sha-a', { expiresAt: 300, ...o })
    expect(isSettled(b)).toBe(false)
    expect(serializeState(state(b))).not.toContain('"settled"')
    expect(roundTrip(state(b)).batches).toEqual([b])
  })

  it('plans the same from a compacted state: no resubmit, no retry, no second clean, renames still move the results', () => {
    const before = state(
      settled('a.jsonl', 'sha-a'),
      settled('b.jsonl', 'sha-b', { filesDeleted: undefined }),
      batch('c.jsonl', 'sha-c')
    )
    const after = roundTrip(before)
    const sources = [src('a.jsonl', 'sha-a'), src('b.jsonl', 'sha-b'), src('c.jsonl', 'sha-c')]
    for (const s of [before, after]) {
      expect(planSubmit(sources, s).submit).toEqual([])
      expect(missingParts(sources[0]!, 1, s)).toEqual([])
      expect(planRetry(sources, s, 2)).toEqual([])
      expect(toClean(sources, s, 0).map(b => b.path)).toEqual(['b.jsonl'])
    }
    const moved = adoptRenames([src('moved/a.jsonl', 'sha-a')], after).state.batches.find(b => b.sha256 === 'sha-a')
    expect(moved).toMatchObject({ path: 'moved/a.jsonl', collected: false, renamedFrom: 'a.jsonl', filesDeleted: true })
  })

  it('reads a state saved before compaction (every batch a record)', () => {
    const s = state(settled('a.jsonl', 'sha-a'))
    const parsed = parseState(`${JSON.stringify(s, null, 1)}\n`, s.scope)
    expect('state' in parsed && parsed.state).toEqual(s)
  })

  it('refuses a broken row with a reason', () => {
    const text = serializeState(state(settled('a.jsonl', 'sha-a'))).replace('"completed"', '"done"')
    const parsed = parseState(text, 's')
    expect('reason' in parsed && parsed.reason).toContain('settled batch 1')
  })

  it('keeps 10,000 settled batches under 400 bytes each', () => {
    const year = state(
      ...Array.from({ length: 10_000 }, (_, i) =>
        settled(`d${i % 100}/f${i}.jsonl`, 'f'.repeat(64), { batchId: `batch_${'0'.repeat(32)}${i}` })
      )
    )
    const text = serializeState(year)
    expect(text.length / 10_000).toBeLessThan(400)
    expect(roundTrip(year).batches).toHaveLength(10_000)
  })
})

describe('listing a large state', () => {
  it('lists the batches a run touched and the unfinished ones over 1,000, and counts the rest', () => {
    const year = state(
      ...Array.from({ length: 1_200 }, (_, i) => settled(`f${i}.jsonl`, 'sha')),
      batch('live.jsonl', 'sha')
    )
    const touched = year.batches[3]!
    const { shown, unlisted } = listed(year, [touched])
    expect(shown.map(b => b.path)).toEqual(['f3.jsonl', 'live.jsonl'])
    expect(unlisted).toBe(1_199)
    expect(listed(state(settled('a.jsonl', 'sha')), []).shown).toHaveLength(1)
  })

  it('keeps the batches output under its limit', () => {
    const rows = batchRows(
      Array.from({ length: 10_000 }, (_, i) => settled(`f${i}.jsonl`, 'sha')),
      { sourceDir: 'batches', targetDir: 'results' }
    )
    const text = rowsJson(rows)
    expect(text.length).toBeLessThanOrEqual(MAX_BATCHES_OUTPUT)
    expect(JSON.parse(text).length).toBeGreaterThan(100)
  })
})
