/**
 * The Gemini fake driven with the official client, @google/genai (pinned in
 * devDependencies): if the SDK parses every answer into the fields the fake
 * holds, the fake speaks the API's shapes. It also records what the SDK drops
 * (batchStats, the operation's error) for the adapter's authors.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ApiError, GoogleGenAI, JobState } from '@google/genai'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { FakeGemini } from './gemini'

const MODEL = 'gemini-2.5-flash'
const line = (key: string, text: string) =>
  JSON.stringify({ key, request: { contents: [{ role: 'user', parts: [{ text }] }] } }) + '\n'
/**
 * A client of the fake. `fetch` is given because, under Jest's vm sandbox, the
 * SDK's default (a dispatcher that turns undici's timeouts off, found through
 * globalThis[Symbol.for('undici.globalDispatcher.1')]) finds no dispatcher:
 * "Undici globalDispatcher is not available". Plain Node does not need it.
 */
const client = (baseUrl: string, apiKey: string, apiVersion?: string) =>
  new GoogleGenAI({
    apiKey,
    httpOptions: { baseUrl, ...(apiVersion ? { apiVersion } : {}), fetch: (u, init) => fetch(u, init) }
  })
/** A line of the responses file, as far as the test reads it. */
interface ResultLine {
  key: string
  error?: unknown
  response: {
    candidates?: unknown[]
    promptFeedback?: unknown
    usageMetadata: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number }
  }
}
const INPUT = ['a', 'b', 'c', 'd', 'e'].map(k => line(k, `question ${k}`)).join('')

describe.each(['v1beta', 'v1'] as const)('FakeGemini through @google/genai (%s)', apiVersion => {
  let fake: FakeGemini
  let ai: GoogleGenAI
  let tmp: string

  beforeEach(async () => {
    fake = new FakeGemini()
    await fake.start()
    ai = client(fake.url, fake.apiKey, apiVersion)
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gemini-fake-'))
  })
  afterEach(async () => {
    await fake.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  })

  async function upload(content = INPUT) {
    return ai.files.upload({
      file: new Blob([content]),
      config: { mimeType: 'application/jsonl', displayName: 'requests.jsonl' }
    })
  }

  it('uploads a Blob resumably and answers the File the SDK returns as is', async () => {
    const file = await upload()
    const held = fake.file(file.name!)
    expect(file).toEqual(held.json)
    expect(held.content?.toString('utf8')).toBe(INPUT)
    expect(file).toMatchObject({
      displayName: 'requests.jsonl',
      mimeType: 'application/jsonl',
      sizeBytes: String(Buffer.byteLength(INPUT)),
      state: 'ACTIVE',
      source: 'UPLOADED'
    })
    expect(file.name).toMatch(/^files\/[a-z0-9]{12}$/)
    expect(file.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/)
    expect(Date.parse(file.expirationTime!) - Date.parse(file.createTime!)).toBe(48 * 3600 * 1000)

    const [start, chunk] = fake.log
    expect(start).toMatchObject({ method: 'POST', path: `/upload/${apiVersion}/files`, keyIn: 'header' })
    expect(start!.headers).toMatchObject({
      'x-goog-api-key': fake.apiKey,
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': String(Buffer.byteLength(INPUT)),
      'x-goog-upload-header-content-type': 'application/jsonl'
    })
    // The SDK sends sizeBytes in the start body too.
    expect(start!.json).toEqual({
      file: {
        mimeType: 'application/jsonl',
        displayName: 'requests.jsonl',
        sizeBytes: String(Buffer.byteLength(INPUT))
      }
    })
    expect(chunk!.query).toHaveProperty('upload_id')
    expect(chunk!.headers).toMatchObject({ 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' })
    expect(held.chunks).toEqual([{ offset: 0, bytes: Buffer.byteLength(INPUT), command: 'upload, finalize' }])

    expect(await ai.files.get({ name: file.name! })).toEqual(held.json)
  })

  it('uploads a path in 8 MiB chunks, counting the bytes it does not hold', async () => {
    const big = path.join(tmp, 'big.jsonl')
    const size = 8 * 1024 * 1024 + 1000
    fs.writeFileSync(big, Buffer.alloc(size, 0x61))
    // The SDK knows no MIME type for .jsonl: the adapter must give one.
    await expect(ai.files.upload({ file: big })).rejects.toThrow('Can not determine mimeType')
    fake.holdBytes = 1024
    const file = await ai.files.upload({ file: big, config: { mimeType: 'application/jsonl' } })
    const held = fake.file(file.name!)
    expect(held.size).toBe(size)
    expect(held.content).toBeNull()
    expect(file.sizeBytes).toBe(String(size))
    expect(held.chunks).toEqual([
      { offset: 0, bytes: 8 * 1024 * 1024, command: 'upload' },
      { offset: 8 * 1024 * 1024, bytes: 1000, command: 'upload, finalize' }
    ])
    // A path upload names the file in X-Goog-Upload-File-Name; no displayName unless given.
    expect(fake.requests('POST', /^\/upload\//)[1]!.headers['x-goog-upload-file-name']).toBe('big.jsonl')
    expect(file.displayName).toBeUndefined()
  })

  it('creates a batch from a file, runs it to success and downloads the responses', async () => {
    const input = await upload()
    const created = await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'nightly' } })
    const createReq = fake.requests('POST', /:batchGenerateContent$/)[0]!
    expect(createReq.path).toBe(`/${apiVersion}/models/${MODEL}:batchGenerateContent`)
    expect(createReq.json).toEqual({ batch: { displayName: 'nightly', inputConfig: { fileName: input.name } } })
    const held = fake.batch(created.name!)
    expect(held.op.metadata).toMatchObject({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
      state: 'BATCH_STATE_PENDING',
      batchStats: { requestCount: '5', pendingRequestCount: '5' }
    })
    expect(held.op).not.toHaveProperty('done')
    // The SDK reads the Operation's metadata and renames the states JOB_STATE_*.
    expect(created).toEqual({
      name: held.op.name,
      displayName: 'nightly',
      state: JobState.JOB_STATE_PENDING,
      createTime: held.op.metadata.createTime,
      updateTime: held.op.metadata.updateTime,
      model: `models/${MODEL}`
    })
    expect(created.name).toMatch(/^batches\/[a-z0-9]{36}$/)

    fake.begin(created.name!)
    expect((await ai.batches.get({ name: created.name! })).state).toBe(JobState.JOB_STATE_RUNNING)

    fake.end(created.name!, { errors: { b: 'UNAVAILABLE' }, blocked: ['c'], thoughts: 7 })
    const done = await ai.batches.get({ name: created.name! })
    const op = fake.batch(created.name!).op
    expect(op.metadata.batchStats).toEqual({ requestCount: '5', successfulRequestCount: '4', failedRequestCount: '1' })
    expect(op).toMatchObject({
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput',
        responsesFile: op.metadata.output!.responsesFile
      }
    })
    const responsesFile = op.metadata.output!.responsesFile!
    expect(responsesFile.length).toBeGreaterThan(40)
    expect(done).toEqual({
      name: op.name,
      displayName: 'nightly',
      state: JobState.JOB_STATE_SUCCEEDED,
      createTime: op.metadata.createTime,
      updateTime: op.metadata.updateTime,
      endTime: op.metadata.endTime,
      model: `models/${MODEL}`,
      dest: { fileName: responsesFile }
    })
    // What the SDK drops: batchStats (the counts), done, response, inputConfig.
    expect(done).not.toHaveProperty('batchStats')
    expect(done).not.toHaveProperty('completionStats')

    const out = await ai.files.get({ name: responsesFile })
    expect(out).toMatchObject({ name: responsesFile, source: 'GENERATED', mimeType: 'application/jsonl' })

    const to = path.join(tmp, 'out.jsonl')
    await ai.files.download({ file: responsesFile, downloadPath: to })
    const dl = fake.requests('GET', /:download$/)[0]!
    // The SDK downloads from /{version}/files/{id}:download, not /download/{version}/...
    expect(dl.path).toBe(`/${apiVersion}/${responsesFile}:download`)
    expect(dl.query).toEqual({ alt: 'media' })
    const lines = fs
      .readFileSync(to, 'utf8')
      .trimEnd()
      .split('\n')
      .map(l => JSON.parse(l) as ResultLine)
    expect(lines.map(l => l.key).sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(lines.map(l => l.key)).not.toEqual(['a', 'b', 'c', 'd', 'e'])
    const by = Object.fromEntries(lines.map(l => [l.key, l]))
    expect(by.b).toEqual({ key: 'b', error: { code: 14, message: expect.any(String), status: 'UNAVAILABLE' } })
    expect(by.c!.response.candidates).toBeUndefined()
    expect(by.c!.response.promptFeedback).toEqual({ blockReason: 'SAFETY' })
    expect(by.a!.response).toMatchObject({
      candidates: [
        { content: { parts: [{ text: expect.stringContaining('question a') }], role: 'model' }, finishReason: 'STOP' }
      ],
      usageMetadata: {
        promptTokenCount: expect.any(Number),
        candidatesTokenCount: expect.any(Number),
        thoughtsTokenCount: 7
      },
      modelVersion: MODEL
    })
    const u = by.a!.response.usageMetadata
    expect(u.totalTokenCount).toBe(u.promptTokenCount + u.candidatesTokenCount + 7)
    expect(u).not.toHaveProperty('cachedContentTokenCount')

    // The documented path serves the same bytes.
    const direct = await fetch(`${fake.url}/download/${apiVersion}/${responsesFile}:download?alt=media`, {
      headers: { 'x-goog-api-key': fake.apiKey }
    })
    expect(await direct.text()).toBe(fs.readFileSync(to, 'utf8'))

    // Every call carried the key in x-goog-api-key, none in ?key=.
    expect(fake.log.every(r => r.keyIn === 'header')).toBe(true)
    expect(fake.log.some(r => 'key' in r.query)).toBe(false)
  })

  it('creates a batch from inline requests and answers inlined responses in order', async () => {
    const created = await ai.batches.create({
      model: MODEL,
      src: [
        { contents: [{ role: 'user', parts: [{ text: 'one' }] }], metadata: { key: 'k1' } },
        { contents: [{ role: 'user', parts: [{ text: 'two' }] }], metadata: { key: 'k2' } }
      ],
      config: { displayName: 'inline' }
    })
    expect(fake.requests('POST', /:batchGenerateContent$/)[0]!.json).toEqual({
      batch: {
        displayName: 'inline',
        inputConfig: {
          requests: {
            requests: [
              { request: { contents: [{ role: 'user', parts: [{ text: 'one' }] }] }, metadata: { key: 'k1' } },
              { request: { contents: [{ role: 'user', parts: [{ text: 'two' }] }] }, metadata: { key: 'k2' } }
            ]
          }
        }
      }
    })
    fake.end(created.name!, { errors: { k2: 'RESOURCE_EXHAUSTED' } })
    const done = await ai.batches.get({ name: created.name! })
    expect(done.dest?.inlinedResponses).toHaveLength(2)
    expect(done.dest!.inlinedResponses![0]!.metadata).toEqual({ key: 'k1' })
    // A plain object, not a GenerateContentResponse: no `.text` getter there.
    expect(done.dest!.inlinedResponses![0]!.response?.text).toBeUndefined()
    expect(done.dest!.inlinedResponses![0]!.response?.candidates?.[0]?.content?.parts?.[0]?.text).toContain('one')
    expect(done.dest!.inlinedResponses![1]).toEqual({
      metadata: { key: 'k2' },
      error: { code: 8, message: expect.any(String), status: 'RESOURCE_EXHAUSTED' }
    })
  })

  it('lists batches and files across pages with the Pager', async () => {
    const input = await upload()
    for (let i = 0; i < 5; i++)
      await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: `b${i}` } })
    const names: string[] = []
    for await (const b of await ai.batches.list({ config: { pageSize: 2 } })) names.push(b.displayName!)
    expect(names).toEqual(['b0', 'b1', 'b2', 'b3', 'b4'])
    const pages = fake.requests('GET', /\/batches$/)
    expect(pages.map(p => p.query.pageSize)).toEqual(['2', '2', '2'])
    expect(pages[0]!.query).not.toHaveProperty('pageToken')
    expect(pages[2]!.query.pageToken).toEqual(expect.any(String))

    for (let i = 0; i < 2; i++) await upload()
    const files: string[] = []
    for await (const f of await ai.files.list({ config: { pageSize: 2 } })) files.push(f.name!)
    expect(files).toEqual([...fake.files.keys()])
    expect(files).toHaveLength(3)

    const pager = await ai.batches.list({ config: { pageSize: 10 } })
    expect(pager.page).toHaveLength(5)
    expect(pager.hasNextPage()).toBe(false)
  })

  it('cancels and deletes batches, deletes files', async () => {
    const input = await upload()
    const b = await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'x' } })
    await ai.batches.cancel({ name: b.name! })
    expect(fake.requests('POST', /:cancel$/)[0]!.path).toBe(`/${apiVersion}/${b.name}:cancel`)
    const cancelled = await ai.batches.get({ name: b.name! })
    expect(cancelled.state).toBe(JobState.JOB_STATE_CANCELLED)
    // The operation's error ({code: 1}) is dropped by the SDK too.
    expect(fake.batch(b.name!).op.error).toEqual({ code: 1, message: expect.any(String) })
    expect(cancelled).not.toHaveProperty('error')
    await expect(ai.batches.cancel({ name: b.name! })).rejects.toMatchObject({ status: 400 })

    await ai.batches.delete({ name: b.name! })
    expect(fake.batches.has(b.name!)).toBe(false)
    const gone = await ai.batches.get({ name: b.name! }).catch((e: unknown) => e)
    expect(gone).toBeInstanceOf(ApiError)
    expect(JSON.parse((gone as ApiError).message)).toEqual({
      error: { code: 404, message: expect.any(String), status: 'NOT_FOUND' }
    })

    await ai.files.delete({ name: input.name! })
    const missing = await ai.files.get({ name: input.name! }).catch((e: unknown) => e)
    expect((missing as ApiError).status).toBe(403)
    expect(JSON.parse((missing as ApiError).message).error.status).toBe('PERMISSION_DENIED')
  })

  it('ends batches failed or expired, with partial answers', async () => {
    const input = await upload()
    const b = await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'x' } })
    fake.end(b.name!, { expire: true, done: 2 })
    const op = fake.batch(b.name!).op
    expect(op.metadata.batchStats).toEqual({ requestCount: '5', successfulRequestCount: '2', pendingRequestCount: '3' })
    expect(op).not.toHaveProperty('response')
    const got = await ai.batches.get({ name: b.name! })
    expect(got.state).toBe(JobState.JOB_STATE_EXPIRED)
    expect(got.dest?.fileName).toBe(op.metadata.output!.responsesFile)

    const c = await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'y' } })
    fake.end(c.name!, { state: 'BATCH_STATE_FAILED' })
    const failed = await ai.batches.get({ name: c.name! })
    expect(failed.state).toBe(JobState.JOB_STATE_FAILED)
    expect(failed.dest).toBeUndefined()
    expect(fake.batch(c.name!).op.metadata.batchStats).toEqual({ requestCount: '5', pendingRequestCount: '5' })
  })

  it('answers errors in Google shape: a bad key, injected statuses, a lost create answer', async () => {
    const bad = client(fake.url, 'wrong', apiVersion)
    const e = (await bad.batches.get({ name: 'batches/x' }).catch((err: unknown) => err)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(400)
    expect(JSON.parse(e.message)).toEqual({
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          expect.objectContaining({
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com'
          })
        ]
      }
    })

    const noKey = await fetch(`${fake.url}/${apiVersion}/batches`)
    expect(noKey.status).toBe(403)
    const viaQuery = await fetch(`${fake.url}/${apiVersion}/batches?key=${fake.apiKey}`)
    expect(viaQuery.status).toBe(200)
    expect(fake.log.at(-1)!.keyIn).toBe('query')

    for (const [status, name] of [
      [429, 'RESOURCE_EXHAUSTED'],
      [503, 'UNAVAILABLE'],
      [403, 'PERMISSION_DENIED'],
      [404, 'NOT_FOUND']
    ] as const) {
      fake.failNext(status)
      const err = (await ai.batches.list().catch((x: unknown) => x)) as ApiError
      expect(err.status).toBe(status)
      expect(JSON.parse(err.message).error).toMatchObject({ code: status, status: name })
    }
    fake.failNext(429)
    const r = await fetch(`${fake.url}/${apiVersion}/batches`, { headers: { 'x-goog-api-key': fake.apiKey } })
    const body = (await r.json()) as { error: { details: { '@type': string; retryDelay?: string }[] } }
    expect(body.error.details.find(d => d['@type'].endsWith('RetryInfo'))?.retryDelay).toBe('1s')

    const input = await upload()
    fake.dropNextCreateAnswer()
    await expect(
      ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'lost' } })
    ).rejects.toThrow()
    expect([...fake.batches.values()].map(b => b.op.metadata.displayName)).toEqual(['lost'])
  })
})

describe('FakeGemini versions', () => {
  it('answers 404 for a version it is told not to serve', async () => {
    const fake = new FakeGemini()
    await fake.start()
    try {
      fake.versions = new Set(['v1beta'])
      const ai = client(fake.url, fake.apiKey, 'v1')
      await expect(ai.batches.list()).rejects.toMatchObject({ status: 404 })
      // No apiVersion: @google/genai 3.1.0 calls /v1.
      const dflt = client(fake.url, fake.apiKey)
      await dflt.batches.list().catch(() => undefined)
      expect(fake.log.at(-1)!.path).toBe('/v1/batches')
    } finally {
      await fake.stop()
    }
  })
})
