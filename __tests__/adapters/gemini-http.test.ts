/**
 * The Gemini client's errors and its one retry layer, against FakeGemini over
 * real HTTP with a clock that never waits: a bad key stops at once, 429/503
 * are retried with backoff, and the key never leaves the base URL's origin.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type * as http from 'node:http'
import { ApiError, stopsRun } from '../../src/core/errors'
import type { BatchApi } from '../../src/ports/batch-api'
import type { FakeGemini } from '../fakes/gemini'
import { loopback, type Loopback } from '../fakes/loopback'
import type { FakeClock } from '../fixtures/ports'
import * as bedOf from '../helpers/gemini-bed'
import { all, text } from '../helpers/gemini-bed'

let bed: bedOf.Bed
let fake: FakeGemini
let clock: FakeClock
let api: BatchApi

beforeEach(async () => {
  bed = await bedOf.geminiBed()
  ;({ fake, clock, api } = bed)
})

afterEach(async () => {
  await bed.stop()
})

const rejection = (p: Promise<unknown>) => bedOf.rejection<ApiError>(p)

describe('refusals', () => {
  it('takes 400 API_KEY_INVALID for a refused key: status 401, naming api-key, not retried', async () => {
    const bad = bed.client({ apiKey: 'AIza-wrong' })
    const e = await rejection(all(bad.recentBatches(0)))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(401)
    expect(e.retryable).toBe(false)
    expect(stopsRun(e)).toBe(true)
    expect(e.message).toContain('api-key')
    expect(e.message).toContain('GEMINI_API_KEY')
    expect(e.message).toContain('API key not valid')
    expect(e.message).not.toContain('AIza-wrong')
    expect(fake.log).toHaveLength(1)
    expect(clock.slept).toEqual([])
  })

  it('takes a plain 400 as what it is', async () => {
    fake.failNext(400, 1, /batches/, 'Bad page token.')
    const e = await rejection(api.getBatch('batches/x'))
    expect(e).toMatchObject({ status: 400, retryable: false })
    expect(e.message).toContain('INVALID_ARGUMENT: Bad page token.')
  })

  it('answers 403 PERMISSION_DENIED as a refusal that stops the run, with what to check', async () => {
    fake.failNext(403)
    const e = await rejection(api.getBatch('batches/x'))
    expect(e).toMatchObject({ status: 403, retryable: false })
    expect(stopsRun(e)).toBe(true)
    expect(e.message).toContain('PERMISSION_DENIED')
    expect(e.message).toContain('Generative Language API')
  })

  it('answers 404 NOT_FOUND naming what was missing; a missing file (403 "may not exist") too', async () => {
    const e = await rejection(api.getBatch('batches/nope'))
    expect(e).toMatchObject({ status: 404, retryable: false })
    expect(e.message).toContain('no batch batches/nope')
    expect(stopsRun(e)).toBe(false)
    const f = await rejection(
      api.createBatch({ inputFileId: 'files/gone', endpoint: '', completionWindow: '24h', metadata: bedOf.metadata() })
    )
    expect(f).toMatchObject({ status: 404, retryable: false })
    expect(stopsRun(f)).toBe(false)
  })
})

describe('retries', () => {
  it('retries 503 and 429 with backoff, and RetryInfo’s delay', async () => {
    fake.failNext(503, 2, /batches/)
    fake.failNext(429, 1, /batches/)
    expect((await all(api.recentBatches(0))).flat()).toEqual([])
    // Backoff for the 503s, then RetryInfo's 1s for the 429.
    expect(clock.slept).toEqual([1000, 2000, 1000])
    expect(fake.requests('GET', /batches$/)).toHaveLength(4)
  })

  it('gives up after 4 retries, retryable, naming the status', async () => {
    fake.failNext(503, 10, /batches/)
    const e = await rejection(api.getBatch('batches/x'))
    expect(e).toMatchObject({ status: 503, retryable: true })
    expect(e.message).toContain('UNAVAILABLE')
    expect(fake.log).toHaveLength(5)
    expect(clock.slept).toEqual([1000, 2000, 4000, 8000])
  })

  it('caps a retry-after at 60 s', async () => {
    const { waitMs } = await import('../../src/adapters/gemini-http')
    expect(waitMs('3600', '')).toBe(60_000)
    expect(
      waitMs(null, JSON.stringify({ error: { details: [{ '@type': 'x/google.rpc.RetryInfo', retryDelay: '2.5s' }] } }))
    ).toBe(2500)
    expect(waitMs(null, 'no')).toBeUndefined()
  })

  it('says unreachable when nothing answers, after the retries', async () => {
    await fake.stop()
    const e = await rejection(api.getBatch('batches/x'))
    expect(e).toMatchObject({ retryable: true, unreachable: true })
    expect(e.message).toContain('could not reach the Gemini API')
    expect(clock.slept).toHaveLength(4)
  })
})

describe('download', () => {
  it('splits the responses once: answers, and errors or blocked prompts, byte for byte', async () => {
    const b = await bedOf.create(bed, ['a', 'b', 'c', 'd'])
    fake.end(b.id, { errors: { b: 'UNAVAILABLE' }, blocked: ['c'] })
    const done = await api.getBatch(b.id)
    const ok = await api.download(done.outputFileId!)
    const bad = await api.download(done.errorFileId!)
    const [okText, badText] = [await text(ok.body), await text(bad.body)]
    expect(ok.length).toBe(Buffer.byteLength(okText))
    const raw = fake.batch(b.id).lines!.map(l => JSON.stringify(l))
    const keyOf = (l: string) => (JSON.parse(l) as { key: string }).key
    expect(okText.trimEnd().split('\n').map(keyOf).sort()).toEqual(['a', 'd'])
    expect(badText.trimEnd().split('\n').map(keyOf).sort()).toEqual(['b', 'c'])
    for (const l of [...okText.trimEnd().split('\n'), ...badText.trimEnd().split('\n')]) expect(raw).toContain(l)
    expect(fake.requests('GET', /:download$/)).toHaveLength(1)
    const [dl] = fake.requests('GET', /:download$/)
    expect(dl!.path).toBe(`/download/v1beta/${fake.batch(b.id).op.metadata.output!.responsesFile}:download`)
    expect(dl!.query).toEqual({ alt: 'media' })
  })

  it('sends no key to another origin a download is redirected to', async () => {
    const seen: http.IncomingHttpHeaders[] = []
    const other: Loopback = await loopback(async (req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end('{"key":"a","response":{"candidates":[{"index":0}]}}\n')
    })
    try {
      const b = await bedOf.create(bed, ['a'])
      fake.end(b.id)
      fake.redirectDownloads = other.origin
      const got = await api.download(`${b.id}/succeeded`)
      expect(await text(got.body)).toContain('"key":"a"')
      expect(fake.requests('GET', /:download$/)[0]!.status).toBe(302)
      expect(seen).toHaveLength(1)
      expect(seen[0]!['x-goog-api-key']).toBeUndefined()
    } finally {
      await other.stop()
    }
  })

  it('refuses an id that is not a batch’s results', async () => {
    await expect(api.download('files/abc')).rejects.toThrow('not a results file of a batch')
  })
})
