/**
 * The Gemini BatchApi against FakeGemini over real HTTP on 127.0.0.1, with a
 * clock that never waits: calls and headers, the create's displayName,
 * mapping, lists, cancel and delete (the upload: gemini-upload.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GEMINI_API_VERSION } from '../../src/adapters/gemini-http'
import { ApiError } from '../../src/core/errors'
import { uploadName } from '../../src/core/paths'
import type { RemoteBatch } from '../../src/core/remote/records'
import type { BatchApi } from '../../src/ports/batch-api'
import type { FakeGemini } from '../fakes/gemini'
import type { FakeClock } from '../fixtures/ports'
import * as bedOf from '../helpers/gemini-bed'
import { all, metadata, MODEL, SHA } from '../helpers/gemini-bed'

let bed: bedOf.Bed
let fake: FakeGemini
let clock: FakeClock
let api: BatchApi
let dir: string

beforeEach(async () => {
  bed = await bedOf.geminiBed()
  ;({ fake, clock, api, dir } = bed)
})

afterEach(async () => {
  await bed.stop()
})

const requestFile = (keys: string[], name = 'a.jsonl') => bedOf.requestFile(dir, keys, name)
const create = (keys: string[], meta = metadata()): Promise<RemoteBatch> => bedOf.create(bed, keys, meta)
const rejection = (p: Promise<unknown>) => bedOf.rejection<ApiError>(p)

describe('calls', () => {
  it('sends the key as x-goog-api-key on every call to v1beta, never in a URL', async () => {
    const b = await create(['q-1'])
    await api.getBatch(b.id)
    await all(api.recentBatches(0))
    await all(api.recentFiles(0))
    await api.cancelBatch(b.id)
    await api.deleteFile(b.inputFileId)
    expect(GEMINI_API_VERSION).toBe('v1beta')
    expect(fake.log.length).toBeGreaterThanOrEqual(9)
    for (const r of fake.log) {
      expect(r.version).toBe('v1beta')
      expect(r.headers['x-goog-api-key']).toBe(fake.apiKey)
      expect(r.headers.authorization).toBeUndefined()
      expect(r.path + JSON.stringify(r.query)).not.toContain(fake.apiKey)
    }
  })
})

describe('create', () => {
  it('names the batch after the slot, for the model given, and maps it', async () => {
    const meta = metadata('gemini/sub/q.jsonl', 2, 3, 1)
    const b = await create(['q-1', 'q-2'], meta)
    const [post] = fake.requests('POST', /:batchGenerateContent$/)
    expect(post!.path).toBe(`/v1beta/models/${MODEL}:batchGenerateContent`)
    const name = uploadName({ path: 'gemini/sub/q.jsonl', sha256: SHA, round: 1 }, 1, 3)
    expect(name).toBe(`q.retry1.part2of3.${SHA}.jsonl`)
    expect(post!.json).toEqual({ batch: { displayName: name, inputConfig: { fileName: b.inputFileId } } })
    expect(b).toMatchObject({
      status: 'validating',
      inputFileId: expect.stringMatching(/^files\//),
      outputFileId: null,
      errorFileId: null,
      requestCounts: { total: 2, completed: 0, failed: 0 },
      metadata: meta,
      model: MODEL,
      errors: []
    })
    expect(b.id).toMatch(/^batches\//)
    expect(b.expiresAt).toBe(b.createdAt + 48 * 3600)
    expect((await api.getBatch(b.id)).metadata).toEqual(meta)
    // Another client (a later run) knows nothing of it.
    expect((await bed.client().getBatch(b.id)).metadata).toEqual({})
  })

  it('takes models/… as the model, and names the batch after its upload without slot metadata', async () => {
    const other = bed.client({ model: `models/${MODEL}` })
    const f = await other.uploadFile(requestFile(['a']), 'plain.jsonl')
    await other.createBatch({ inputFileId: f.id, endpoint: '', completionWindow: '24h', metadata: { user: 'x' } })
    const [post] = fake.requests('POST', /:batchGenerateContent$/)
    expect(post!.path).toBe(`/v1beta/models/${MODEL}:batchGenerateContent`)
    expect((post!.json as { batch: { displayName: string } }).batch.displayName).toBe('plain.jsonl')
  })

  it('is not retried: a 500 fails the create once, retryable', async () => {
    fake.failNext(500, 1, /:batchGenerateContent$/)
    const e = await rejection(create(['q']))
    expect(e.retryable).toBe(true)
    expect(e.status).toBe(500)
    expect(fake.requests('POST', /:batchGenerateContent$/)).toHaveLength(1)
    expect(clock.slept).toEqual([])
  })
})

describe('a lost create answer', () => {
  it('is found by its displayName when listed, with its metadata: no second batch', async () => {
    const meta = metadata()
    const f = await api.uploadFile(requestFile(['q-1', 'q-2']), 'a.jsonl')
    fake.dropNextCreateAnswer()
    const req = { inputFileId: f.id, endpoint: '', completionWindow: '24h', metadata: meta }
    const e = await rejection(api.createBatch(req))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.retryable).toBe(true)
    expect(e.unreachable).toBe(false)
    // Someone else's batch of another name, made meanwhile, is not taken for it.
    const other = await bed.client().createBatch({ ...req, metadata: metadata('gemini/b.jsonl') })
    const listed = (await all(api.recentBatches(0))).flat()
    const mine = listed.filter(b => b.metadata.oba_path === meta.oba_path)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ metadata: meta, inputFileId: f.id })
    expect(listed.find(b => b.id === other.id)!.metadata).toEqual({})
    expect(fake.batches.size).toBe(2)
  })
})

describe('status and counts', () => {
  it('maps every state, string counts and omitted zeros, and the results only once ended', async () => {
    const b = await create(['a', 'b', 'c', 'd'])
    fake.begin(b.id)
    expect(await api.getBatch(b.id)).toMatchObject({ status: 'in_progress', outputFileId: null })
    fake.end(b.id, { errors: { b: 'UNAVAILABLE' } })
    expect(fake.batch(b.id).op.metadata.batchStats).toEqual({
      requestCount: '4',
      successfulRequestCount: '3',
      failedRequestCount: '1'
    })
    const done = await api.getBatch(b.id)
    expect(done).toMatchObject({
      status: 'completed',
      requestCounts: { total: 4, completed: 3, failed: 1 },
      outputFileId: `${b.id}/succeeded`,
      errorFileId: `${b.id}/failed`
    })
    expect(done.expiresAt).toBeUndefined()

    const all3 = await create(['x', 'y', 'z'])
    fake.end(all3.id)
    // A blocked prompt counts as successful, yet is no answer: the failed file is given, for it may hold one.
    expect(await api.getBatch(all3.id)).toMatchObject({
      requestCounts: { total: 3, completed: 3, failed: 0 },
      outputFileId: `${all3.id}/succeeded`,
      errorFileId: `${all3.id}/failed`
    })
    expect(await bedOf.text((await api.download(`${all3.id}/failed`)).body)).toBe('')

    const blocked = await create(['p', 'q'])
    fake.end(blocked.id, { blocked: ['q'] })
    const b2 = await api.getBatch(blocked.id)
    expect(b2.requestCounts).toEqual({ total: 2, completed: 2, failed: 0 })
    const failedText = await bedOf.text((await api.download(b2.errorFileId!)).body)
    expect(failedText).toContain('"key":"q"')
    expect(failedText).toContain('blockReason')
  })

  it('maps failed, cancelled and expired batches', async () => {
    const failed = await create(['a'])
    fake.end(failed.id, { state: 'BATCH_STATE_FAILED', error: { code: 13, message: 'Input could not be read.' } })
    expect(await api.getBatch(failed.id)).toMatchObject({
      status: 'failed',
      outputFileId: null,
      errorFileId: null,
      errors: [{ message: 'Input could not be read.' }]
    })
    const expired = await create(['a', 'b', 'c'])
    fake.end(expired.id, { expire: true, done: 1 })
    expect(await api.getBatch(expired.id)).toMatchObject({
      status: 'expired',
      requestCounts: { total: 3, completed: 1, failed: 0 },
      outputFileId: `${expired.id}/succeeded`,
      errorFileId: `${expired.id}/failed`,
      errors: []
    })
    const cancelled = await create(['a'])
    const c = await api.cancelBatch(cancelled.id)
    expect(c).toMatchObject({ status: 'cancelled', metadata: metadata() })
    expect(fake.requests('POST', /:cancel$/)[0]!.path).toBe(`/v1beta/${cancelled.id}:cancel`)
  })
})

describe('lists', () => {
  it('lists batches across pages, since a time', async () => {
    for (let i = 0; i < 5; i++) await create(['a'], metadata(`gemini/${i}.jsonl`))
    fake.batchesPage = { default: 2, max: 2 }
    const pages = await all(api.recentBatches(0))
    expect(pages.map(p => p.length)).toEqual([2, 2, 1])
    expect(pages.flat().map(b => b.metadata.oba_path)).toEqual([0, 1, 2, 3, 4].map(i => `gemini/${i}.jsonl`))
    expect(fake.requests('GET', /\/batches$/)[1]!.query.pageToken).toEqual(expect.any(String))
    const later = Math.floor(Date.now() / 1000) + 3600
    expect((await all(api.recentBatches(later))).flat()).toEqual([])
  })

  it('stops past since on a list that goes newest first, and reads every page of one that does not', async () => {
    for (let i = 0; i < 6; i++) {
      fake.now = () => Date.parse('2026-01-01T00:00:00Z') + i * 3600_000
      await create(['a'], metadata(`gemini/${i}.jsonl`))
    }
    const since = Math.floor(Date.parse('2026-01-01T03:00:00Z') / 1000)
    fake.batchesPage = { default: 2, max: 2 }
    const listed = async () => {
      const before = fake.requests('GET', /\/batches$/).length
      const got = (await all(api.recentBatches(since))).flat().map(b => b.metadata.oba_path)
      return { got, calls: fake.requests('GET', /\/batches$/).length - before }
    }
    expect(await listed()).toEqual({ got: [3, 4, 5].map(i => `gemini/${i}.jsonl`), calls: 3 })
    // One a page, oldest first: the first page, older than since, does not end the list.
    fake.batchesPage = { default: 1, max: 1 }
    expect(await listed()).toEqual({ got: [3, 4, 5].map(i => `gemini/${i}.jsonl`), calls: 6 })
    fake.newestFirst = true
    expect(await listed()).toEqual({ got: [5, 4, 3].map(i => `gemini/${i}.jsonl`), calls: 4 })
    fake.batchesPage = { default: 2, max: 2 }
    expect(await listed()).toEqual({ got: [5, 4, 3].map(i => `gemini/${i}.jsonl`), calls: 2 })
  })

  it('lists uploads by name, and each batch’s input under its displayName though deleted', async () => {
    const kept = await api.uploadFile(requestFile(['a']), 'kept.jsonl')
    fake.addFile('x\n')
    const b = await create(['b'], metadata('gemini/gone.jsonl'))
    await api.deleteFile(b.inputFileId)
    expect(fake.files.has(b.inputFileId)).toBe(false)
    fake.filesPage = { default: 1, max: 1 }
    const files = await all(api.recentFiles(0))
    expect(files.map(f => [f.id, f.filename])).toEqual([
      [kept.id, 'kept.jsonl'],
      [b.inputFileId, `gone.${SHA}.jsonl`]
    ])
    expect(fake.requests('GET', /\/files$/).length).toBeGreaterThanOrEqual(2)
    expect(await all(api.recentFiles(Math.floor(Date.now() / 1000) + 3600))).toEqual([])
  })
})

describe('delete', () => {
  it('deletes an upload, takes one gone already, and never calls for a batch’s files', async () => {
    const f = await api.uploadFile(requestFile(['a']), 'a.jsonl')
    await api.deleteFile(f.id)
    expect(fake.files.size).toBe(0)
    await api.deleteFile(f.id)
    const calls = fake.log.length
    await api.deleteFile('batches/abc/succeeded')
    await api.deleteFile('batches/abc/failed')
    expect(fake.log).toHaveLength(calls)
    expect(fake.requests('DELETE', /^\/v1beta\/batches/)).toHaveLength(0)
  })
})
