/**
 * The Anthropic BatchApi against FakeAnthropic over real HTTP on 127.0.0.1,
 * with a clock that never waits: calls, headers, mapping, the create's
 * streamed body, the results split, and the one retry layer.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ANTHROPIC_VERSION } from '../../src/adapters/anthropic-http'
import { ApiError } from '../../src/core/errors'
import type { RemoteBatch } from '../../src/core/remote/records'
import { tagOf } from '../../src/core/remote/tags'
import type { BatchApi } from '../../src/ports/batch-api'
import type { FakeAnthropic } from '../fakes/anthropic'
import type { FakeClock } from '../fixtures/ports'
import * as bedOf from '../helpers/anthropic-bed'
import { all, metadata, requestLine as line } from '../helpers/anthropic-bed'

let bed: bedOf.Bed
let fake: FakeAnthropic
let clock: FakeClock
let api: BatchApi
let dir: string

beforeEach(async () => {
  bed = await bedOf.anthropicBed()
  ;({ fake, clock, api, dir } = bed)
})

afterEach(async () => {
  await bed.stop()
})

const requestFile = (ids: string[], name = 'a.jsonl') => bedOf.requestFile(dir, ids, name)
const create = (ids: string[], meta = metadata()): Promise<RemoteBatch> => bedOf.create(bed, ids, meta)
const rejection = (p: Promise<unknown>) => bedOf.rejection<ApiError>(p)

describe('calls', () => {
  it('sends the key and version 2023-06-01 on every call, never in a URL', async () => {
    const b = await create(['q-1'])
    await api.getBatch(b.id)
    await all(api.recentBatches(0))
    await api.cancelBatch(b.id)
    expect(ANTHROPIC_VERSION).toBe('2023-06-01')
    expect(fake.log).toHaveLength(5) // the create is preceded by a look at the newest batch
    for (const r of fake.log) {
      expect(r.headers['x-api-key']).toBe(fake.apiKey)
      expect(r.headers['anthropic-version']).toBe('2023-06-01')
      expect(r.headers.authorization).toBeUndefined()
      expect(r.path + JSON.stringify(r.query)).not.toContain(fake.apiKey)
    }
    expect(fake.log[0]!.headers['content-type']).toBe('application/json')
  })

  it('uploads nothing: a file is a local id for the create', async () => {
    const file = await api.uploadFile({ abs: '/nowhere', start: 10, end: 110 }, 'x.jsonl')
    expect(file).toEqual({
      id: 'local:x.jsonl',
      filename: 'x.jsonl',
      bytes: 100,
      createdAt: clock.t,
      status: 'processed'
    })
    expect(fake.log).toHaveLength(0)
  })

  it('gives a name met again for another range an id of its own', async () => {
    const a = { abs: path.join(dir, 'a.jsonl'), start: 0, end: 10 }
    expect((await api.uploadFile(a, 'x.jsonl')).id).toBe('local:x.jsonl')
    expect((await api.uploadFile(a, 'x.jsonl')).id).toBe('local:x.jsonl')
    expect((await api.uploadFile({ ...a, start: 10, end: 20 }, 'x.jsonl')).id).toBe('local:x.jsonl#2')
  })

  it('deletes nothing, without a call', async () => {
    await api.deleteFile('x')
    expect(fake.log).toHaveLength(0)
  })
})

describe('create', () => {
  it('streams the lines with tagged ids, chunked, and maps the batch', async () => {
    const meta = metadata()
    const b = await create(['q-1', 'q-2', 'q-3'], meta)
    const tag = tagOf(meta)!
    const [post] = fake.requests('POST', /^\/v1\/messages\/batches$/)
    expect(post!.headers['transfer-encoding']).toBe('chunked')
    const sent = fake.batch(b.id).requests
    expect(sent.map(r => r.custom_id)).toEqual([`${tag}_q-1`, `${tag}_q-2`, `${tag}_q-3`])
    // The params go as written, temperature included.
    expect(sent[1]!.params).toEqual(JSON.parse(line('q-2')).params)
    expect(b).toMatchObject({
      status: 'in_progress',
      inputFileId: 'local:a.jsonl',
      metadata: meta,
      outputFileId: null,
      errorFileId: null,
      requestCounts: { total: 3, completed: 0, failed: 0 },
      errors: []
    })
    // Known for the run: a later look carries the metadata too.
    expect((await api.getBatch(b.id)).metadata).toEqual(meta)
  })

  it('sends only the range given, skipping blank lines', async () => {
    const abs = path.join(dir, 'r.jsonl')
    const head = line('a') + '\n'
    const middle = line('b') + '\n\n' + line('c') + '\n'
    fs.writeFileSync(abs, head + middle + line('d') + '\n')
    const file = await api.uploadFile({ abs, start: head.length, end: head.length + middle.length }, 'r.jsonl')
    const b = await api.createBatch({
      inputFileId: file.id,
      endpoint: '',
      completionWindow: '24h',
      metadata: metadata()
    })
    expect(fake.batch(b.id).requests.map(r => r.custom_id.slice(12))).toEqual(['b', 'c'])
  })

  it('tags ids written with spaces or escapes, and names a line that is not an object', async () => {
    const abs = path.join(dir, 'odd.jsonl')
    const params = JSON.stringify({ model: 'm', max_tokens: 1, messages: [] })
    fs.writeFileSync(
      abs,
      `{ "custom_id" : "a", "params": ${params} }\n{"params": ${params}, "custom_id": "b\\u002dc"}\n`
    )
    const file = await api.uploadFile({ abs, start: 0, end: fs.statSync(abs).size }, 'odd.jsonl')
    const b = await api.createBatch({
      inputFileId: file.id,
      endpoint: '',
      completionWindow: '24h',
      metadata: metadata()
    })
    const tag = tagOf(metadata())!
    expect(fake.batch(b.id).requests).toEqual([
      { custom_id: `${tag}_a`, params: JSON.parse(params) },
      { custom_id: `${tag}_b-c`, params: JSON.parse(params) }
    ])
    fs.appendFileSync(abs, '[1, 2]\n')
    const bad = await api.uploadFile({ abs, start: 0, end: fs.statSync(abs).size }, 'odd.jsonl')
    await expect(
      api.createBatch({
        inputFileId: bad.id,
        endpoint: '',
        completionWindow: '24h',
        metadata: metadata('claude/o.jsonl')
      })
    ).rejects.toThrow('odd.jsonl: request 3 of the batch: not a JSON object')
    expect(fake.batches.size).toBe(1)
  })

  it('refuses metadata without a tag, sending nothing', async () => {
    const file = await api.uploadFile(requestFile(['q']), 'a.jsonl')
    await expect(
      api.createBatch({ inputFileId: file.id, endpoint: '', completionWindow: '24h', metadata: { user: 'x' } })
    ).rejects.toThrow(/could not find the batch again/)
    expect(fake.log).toHaveLength(0)
  })

  it('is not retried: a 500 fails the create once, retryable', async () => {
    fake.failNext(500, 'api_error', 1, { method: 'POST' })
    const e = await rejection(create(['q']))
    expect(e.retryable).toBe(true)
    expect(e.status).toBe(500)
    expect(fake.requests('POST', /batches$/)).toHaveLength(1)
    expect(clock.slept).toEqual([])
  })
})

describe('a lost create answer', () => {
  it('is found by listing, with its metadata, and no second batch is made', async () => {
    const meta = metadata()
    fake.dropNextCreateAnswer()
    const e = await rejection(create(['q-1', 'q-2'], meta))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.retryable).toBe(true)
    expect(e.unreachable).toBe(false)
    // Someone else's batch, of another size, made meanwhile, is not taken for it.
    fake.createBatch({ requests: [{ custom_id: 'x', params: {} }] })
    const listed = (await all(api.recentBatches(0))).flat()
    const mine = listed.filter(b => b.metadata.oba_path === meta.oba_path)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ metadata: meta, inputFileId: 'local:a.jsonl' })
    expect(listed.find(b => b.id !== mine[0]!.id)!.metadata).toEqual({})
    expect(fake.batches.size).toBe(2)
  })

  it('never takes a batch made before the create was sent, of the same size', async () => {
    // Another file's, by the run before, a moment ago.
    const before = fake.createBatch({ requests: [{ custom_id: 'theirs', params: {} }] })
    fake.failNext(500, 'api_error', 1, { method: 'POST', path: /^\/v1\/messages\/batches$/ })
    expect((await rejection(create(['q-1']))).retryable).toBe(true)
    const listed = (await all(api.recentBatches(0))).flat()
    expect(listed.map(b => [b.id, b.metadata])).toEqual([[before.id, {}]])
  })

  it('is claimed once: a second batch of the same size is not', async () => {
    fake.dropNextCreateAnswer()
    await rejection(create(['q-1']))
    fake.createBatch({ requests: [{ custom_id: 'other', params: {} }] })
    const listed = (await all(api.recentBatches(0))).flat()
    expect(listed.filter(b => b.metadata.oba_path)).toHaveLength(1)
  })
})

describe('status and counts', () => {
  it('maps in_progress, canceling and a cancelled end', async () => {
    const b = await create(['a', 'b'])
    const cancelling = await api.cancelBatch(b.id)
    expect(cancelling.status).toBe('cancelling')
    fake.end(b.id, { succeed: [fake.batch(b.id).requests[0]!.custom_id] })
    const ended = await api.getBatch(b.id)
    expect(ended).toMatchObject({
      status: 'cancelled',
      requestCounts: { total: 2, completed: 1, failed: 1 },
      outputFileId: `${b.id}/succeeded`,
      errorFileId: `${b.id}/failed`
    })
  })

  it('maps a completed end and an expired one', async () => {
    const done = await create(['a', 'b'])
    fake.end(done.id)
    expect(await api.getBatch(done.id)).toMatchObject({
      status: 'completed',
      requestCounts: { total: 2, completed: 2, failed: 0 },
      outputFileId: `${done.id}/succeeded`,
      errorFileId: null
    })
    const late = await create(['c', 'd'], metadata('claude/b.jsonl'))
    const [c] = fake.batch(late.id).requests
    fake.end(late.id, { expire: [c!.custom_id] })
    const b = await api.getBatch(late.id)
    expect(b).toMatchObject({ status: 'expired', requestCounts: { total: 2, completed: 1, failed: 1 } })
    expect(b.expiresAt! - b.createdAt).toBe(24 * 3600)
  })

  it('says which batch was not found', async () => {
    const e = await rejection(api.getBatch('msgbatch_nope'))
    expect(e.status).toBe(404)
    expect(e.message).toMatch(/msgbatch_nope/)
    expect(e.retryable).toBe(false)
  })
})

describe('listing', () => {
  it('pages with after_id, newest first, and stops at since', async () => {
    const t = Date.now()
    fake.now = () => t - 3600_000
    for (let i = 0; i < 120; i++) fake.createBatch({ requests: [{ custom_id: `o${i}`, params: {} }] })
    fake.now = () => t
    for (let i = 0; i < 130; i++) fake.createBatch({ requests: [{ custom_id: `n${i}`, params: {} }] })
    const since = Math.floor(t / 1000) - 60
    const pages = await all(api.recentBatches(since))
    expect(pages.map(p => p.length)).toEqual([100, 30])
    const lists = fake.requests('GET', /^\/v1\/messages\/batches$/)
    expect(lists.map(r => r.query)).toEqual([
      { limit: '100' },
      { limit: '100', after_id: lists[0]!.response && (lists[0]!.response as { last_id: string }).last_id }
    ])
    const ids = pages.flat().map(b => b.id)
    expect(ids).toEqual([...ids].sort().reverse())
    expect((await all(api.recentBatches(0))).flat()).toHaveLength(250)
  })
})
