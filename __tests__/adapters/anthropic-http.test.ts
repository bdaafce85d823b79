/**
 * The Anthropic client's one retry layer and its errors, against FakeAnthropic:
 * reads retried with backoff (or retry-after) on 5xx and 529, a refused key at
 * once, worded for the user; a lost create found again through createOnce.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import { createOnce } from '../../src/phases/once'
import { all, anthropicBed, Bed, create, metadata, rejection } from '../helpers/anthropic-bed'

let bed: Bed
let id: string

beforeEach(async () => {
  bed = await anthropicBed()
  id = (await create(bed, ['q'])).id
  bed.fake.log.length = 0
})

afterEach(async () => {
  await bed.stop()
})

const gets = () => bed.fake.requests('GET', /.*/)

describe('reads', () => {
  it('retries 529 overloaded with backoff', async () => {
    bed.fake.failNext(529, 'overloaded_error', 2)
    expect((await bed.api.getBatch(id)).id).toBe(id)
    expect(gets().map(r => r.status)).toEqual([529, 529, 200])
    expect(bed.clock.slept).toEqual([1000, 2000])
  })

  it('retries a 500 of a listing, honouring retry-after, capped at 60 s', async () => {
    bed.fake.failNext(500, 'api_error', 1, { headers: { 'retry-after': '3' } })
    bed.fake.failNext(503, 'api_error', 1, { headers: { 'retry-after': '600' } })
    expect((await all(bed.api.recentBatches(0))).flat().map(b => b.id)).toEqual([id])
    expect(bed.clock.slept).toEqual([3000, 60_000])
  })

  it('retries a cancel', async () => {
    bed.fake.failNext(502, 'api_error', 1, { method: 'POST' })
    expect((await bed.api.cancelBatch(id)).status).toBe('cancelling')
    expect(bed.fake.requests('POST', /cancel$/)).toHaveLength(2)
  })

  it('gives up after 4 retries, retryable', async () => {
    bed.fake.failNext(529, 'overloaded_error', 10)
    const e = await rejection<ApiError>(bed.api.getBatch(id))
    expect(e).toBeInstanceOf(ApiError)
    expect([e.status, e.retryable, e.unreachable]).toEqual([529, true, false])
    expect(e.message).toMatch(/overloaded/)
    expect(gets()).toHaveLength(5)
    expect(bed.clock.slept).toEqual([1000, 2000, 4000, 8000])
  })

  it('does not retry a refused key, and names api-key', async () => {
    const e = await rejection<ApiError>(bed.client('sk-ant-wrong').getBatch(id))
    expect([e.status, e.retryable]).toEqual([401, false])
    expect(e.message).toMatch(/api-key/)
    expect(e.message).toMatch(/ANTHROPIC_API_KEY/)
    expect(e.message).not.toContain('sk-ant-wrong')
    expect(gets()).toHaveLength(1)
    expect(bed.clock.slept).toEqual([])
  })

  it('does not retry a 403, and says what to check', async () => {
    bed.fake.failNext(403, 'permission_error')
    const e = await rejection<ApiError>(bed.api.getBatch(id))
    expect([e.status, e.retryable]).toEqual([403, false])
    expect(e.message).toMatch(/workspace/)
    expect(gets()).toHaveLength(1)
  })

  it('is unreachable after its retries when nothing answers', async () => {
    const url = bed.fake.url
    await bed.fake.stop()
    const e = await rejection<ApiError>(bed.client(undefined, url).getBatch(id))
    expect([e.retryable, e.unreachable]).toEqual([true, true])
    expect(e.message).toMatch(/could not reach the Anthropic API/)
    expect(e.message).toMatch(/ECONNREFUSED/)
    expect(bed.clock.slept).toHaveLength(4)
  })
})

describe('create', () => {
  it('a lost answer is found by createOnce, and no second batch is made', async () => {
    const meta = metadata('claude/lost.jsonl')
    bed.fake.dropNextCreateAnswer()
    const before = bed.fake.batches.size
    const found = await createOnce(
      'Creating a batch of lost.jsonl',
      { clock: bed.clock, log: bed.log },
      () => create(bed, ['x', 'y', 'z'], meta, 'lost.jsonl'),
      async () => {
        for await (const page of bed.api.recentBatches(bed.clock.now() - 3600)) {
          const b = page.find(p => p.metadata.oba_path === meta.oba_path)
          if (b) return b
        }
        return undefined
      }
    )
    expect(bed.fake.batches.size).toBe(before + 1)
    expect(found).toMatchObject({ metadata: meta, inputFileId: 'local:lost.jsonl', status: 'in_progress' })
    expect(bed.fake.batch(found.id).requests).toHaveLength(3)
    expect(bed.fake.requests('POST', /batches$/)).toHaveLength(1)
  })

  it('a 413 says the batch is too large, not retryable', async () => {
    bed.fake.limits.maxBodyBytes = 100
    const e = await rejection<ApiError>(create(bed, ['a', 'b', 'c']))
    expect([e.status, e.retryable]).toEqual([413, false])
    expect(e.message).toMatch(/too large/)
  })
})
