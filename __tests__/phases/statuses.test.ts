import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import type { RemoteBatch } from '../../src/core/remote/records'
import type { TrackedBatch } from '../../src/core/state/state'
import { checkStatuses } from '../../src/phases/statuses'
import { count, Fakes, fakes, liveContext, settingsFor, tracked, useWorkspace } from '../fixtures/context'

const ws = useWorkspace()
const T = 1_700_000_000

/** `n` batches at the fake, in progress, created a second apart from `at` on, and our records of them (validating). */
function inFlight(f: Fakes, n: number, at = T): TrackedBatch[] {
  return Array.from({ length: n }, (_, i) => {
    const b = f.api.addBatch({ oba_scope: 'ours' }, { status: 'in_progress', createdAt: at + i })
    return tracked({ batchId: b.id, path: `f${i}.jsonl`, createdAt: b.createdAt })
  })
}

/** `n` batches of another tool, created at `at`. */
const others = (f: Fakes, n: number, at: number): RemoteBatch[] =>
  Array.from({ length: n }, () => f.api.addBatch({ owner: 'another tool' }, { status: 'in_progress', createdAt: at }))

async function check(
  f: Fakes,
  unfinished: readonly TrackedBatch[],
  all: readonly TrackedBatch[] = unfinished
): Promise<TrackedBatch[]> {
  const ctx = await liveContext(settingsFor(ws), f, { sources: [] })
  return checkStatuses(ctx, unfinished, all)
}

describe('checkStatuses', () => {
  it('retrieves each of a few batches', async () => {
    const f = fakes()
    const mine = inFlight(f, 3)
    const out = await check(f, mine)
    expect(out.map(b => b.status)).toEqual(['in_progress', 'in_progress', 'in_progress'])
    expect(f.api.calls).toEqual(['getBatch', 'getBatch', 'getBatch'])
  })

  it("reads 250 batches from 3 pages of the list, passing over other tools' batches, and stops past the oldest", async () => {
    const f = fakes()
    others(f, 500, T - 7200)
    const mine = inFlight(f, 250)
    others(f, 40, T + 300)
    f.api.finish(mine[7]!.batchId, 'completed')
    const out = await check(f, mine)
    expect(out).toHaveLength(250)
    expect(out.filter(b => b.status === 'completed').map(b => b.batchId)).toEqual([mine[7]!.batchId])
    expect(f.api.calls).toEqual(['recentBatches', 'recentBatches', 'recentBatches'])
    expect(f.log.text('info')).toContain('Read 250 batches from 3 pages of the batch list.')
  })

  it('retrieves a batch the list passed without showing it', async () => {
    const f = fakes()
    others(f, 300, T - 7200)
    const mine = inFlight(f, 20)
    f.api.unlisted.add(mine[3]!.batchId)
    f.api.finish(mine[3]!.batchId, 'completed')
    const out = await check(f, mine)
    expect(out.find(b => b.batchId === mine[3]!.batchId)).toMatchObject({ status: 'completed' })
    // The first page reaches the other tool's older batches: the list stops there.
    expect(f.api.calls).toEqual(['recentBatches', 'getBatch'])
    expect(f.log.text('info')).toContain('Read 19 batches from 1 page of the batch list; retrieving 1 batch by id.')
  })

  it('stops reading a list crowded with other batches once it has cost as many calls as the retrieves left', async () => {
    const f = fakes()
    const mine = inFlight(f, 10)
    others(f, 5000, T + 60)
    await check(f, mine)
    expect(count(f.api.calls, 'recentBatches')).toBe(10)
    expect(count(f.api.calls, 'getBatch')).toBe(10)
  })

  it('retrieves each batch when the list fails, with a warning', async () => {
    const f = fakes()
    const mine = inFlight(f, 10)
    f.api.fail('recentBatches', new ApiError('Listing batches: OpenAI answered 502.', { status: 502, retryable: true }))
    const out = await check(f, mine)
    expect(out).toHaveLength(10)
    expect(f.log.text('warning')).toBe('Could not list the batches: Listing batches: OpenAI answered 502.')
    expect(f.api.calls).toEqual(['recentBatches', ...Array<string>(10).fill('getBatch')])
  })

  it('leaves out, with a warning, a batch that cannot be retrieved: it is checked next run', async () => {
    const f = fakes()
    const mine = inFlight(f, 10)
    f.api.unlisted.add(mine[0]!.batchId)
    f.api.fail('getBatch', new ApiError('OpenAI answered 502.', { status: 502, retryable: true }))
    const out = await check(f, mine)
    expect(out.map(b => b.batchId)).toEqual(mine.slice(1).map(b => b.batchId))
    expect(f.log.text('warning')).toBe(`Could not check batch ${mine[0]!.batchId} of f0.jsonl: OpenAI answered 502.`)
  })

  it('stops the run when the list is refused for the key', async () => {
    const f = fakes()
    const mine = inFlight(f, 10)
    f.api.fail('recentBatches', new ApiError('OpenAI refused the API key (401).', { status: 401, retryable: false }))
    await expect(check(f, mine)).rejects.toThrow('OpenAI refused the API key (401).')
    expect(f.api.calls).toEqual(['recentBatches'])
  })
})
