/**
 * FakeGemini's random faults (chaos) and taps, as @google/genai sees them:
 * what the chaos and crash suites (__tests__/e2e/gemini-*.test.ts) rely on.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ApiError, GoogleGenAI } from '@google/genai'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { seeded } from '../helpers/chaos'
import { FakeGemini } from './gemini'

const MODEL = 'gemini-2.5-flash'
const INPUT = ['a', 'b', 'c']
  .map(k => JSON.stringify({ key: k, request: { contents: [{ role: 'user', parts: [{ text: `q ${k}` }] }] } }) + '\n')
  .join('')

let fake: FakeGemini
let ai: GoogleGenAI
let tmp: string

beforeEach(async () => {
  fake = new FakeGemini()
  await fake.start()
  // fetch given: under Jest's vm the SDK's default dispatcher is not found (see gemini.test.ts).
  ai = new GoogleGenAI({
    apiKey: fake.apiKey,
    httpOptions: { baseUrl: fake.url, apiVersion: 'v1beta', fetch: (u, init) => fetch(u, init) }
  })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gemini-faults-'))
})

afterEach(async () => {
  await fake.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const upload = () =>
  ai.files.upload({ file: new Blob([INPUT]), config: { mimeType: 'application/jsonl', displayName: 'in.jsonl' } })

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

/** The last answer's status and headers, as the fake sent them. */
const lastAnswer = async () => {
  const res = await fetch(`${fake.url}/v1beta/batches`, { headers: { 'x-goog-api-key': fake.apiKey } })
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as never }
}

describe('chaos', () => {
  it('answers with the status drawn, with retry-after, RetryInfo or neither, and counts it', async () => {
    fake.chaos(1, seeded(1), ['503'])
    const unavailable = (await failure(ai.batches.list())) as ApiError
    expect(unavailable).toBeInstanceOf(ApiError)
    expect(unavailable.status).toBe(503)
    fake.chaos(1, seeded(1), ['429'])
    expect(await lastAnswer()).toMatchObject({ status: 429, retryAfter: '0' })
    fake.chaos(1, seeded(1), ['429-info'])
    const info = await lastAnswer()
    expect(info).toMatchObject({ status: 429, retryAfter: null })
    expect(JSON.stringify(info.body)).toContain('"retryDelay":"0s"')
    fake.chaos(1, seeded(1), ['429-bare'])
    const bare = await lastAnswer()
    expect(bare).toMatchObject({ status: 429, retryAfter: null })
    expect(JSON.stringify(bare.body)).not.toContain('RetryInfo')
    fake.chaos(1, seeded(1), ['500'])
    expect(((await failure(ai.batches.list())) as ApiError).status).toBe(500)
    fake.chaos(1, seeded(1), ['reset'])
    expect(await failure(ai.batches.list())).toMatchObject({ message: expect.stringContaining('fetch failed') })
    expect(fake.injected).toEqual({ '503': 1, '429': 1, '429-info': 1, '429-bare': 1, '500': 1, reset: 1 })
    fake.chaos(0, seeded(1))
    expect(fake.batches.size).toBe(0)
    await ai.batches.list()
  })

  it('applies a create whose answer it loses', async () => {
    const input = await upload()
    fake.chaos(1, seeded(2), ['lost'])
    expect(
      await failure(ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'd' } }))
    ).toMatchObject({ message: expect.stringContaining('fetch failed') })
    expect(fake.batches.size).toBe(1)
  })

  it('takes the bytes of an upload chunk whose answer it loses: the file is made', async () => {
    fake.chaos(1, seeded(3), ['lost'])
    // The session's start is lost too (the session is opened); the SDK gives up there.
    expect(await failure(upload())).toBeInstanceOf(Error)
    fake.chaos(0, seeded(3))
    expect(fake.files.size).toBe(0)
    // Only the chunk (upload, finalize): its bytes taken, the file made, the answer lost.
    fake.tap('POST', /#chunk$/, 'request', () => fake.chaos(1, seeded(3), ['lost']))
    expect(await failure(upload())).toBeInstanceOf(Error)
    expect(fake.files.size).toBe(1)
    expect(fake.chunkChaos).toBe(1)
  })

  it('fails an upload chunk with the status drawn, keeping none of its bytes', async () => {
    fake.tap('POST', /#chunk$/, 'request', () => fake.chaos(1, seeded(4), ['503']))
    expect(((await failure(upload())) as ApiError).status).toBe(503)
    expect(fake.files.size).toBe(0)
    expect(fake.chunkChaos).toBe(1)
  })

  it('cuts only downloads off half way; other requests pass', async () => {
    const input = await upload()
    const batch = await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'd' } })
    fake.end(batch.name!)
    const responses = fake.batch(batch.name!).op.metadata.output!.responsesFile!
    const whole = fake.file(responses).content!
    fake.chaos(1, seeded(5), ['cut'])
    // Only 'cut' allowed and a list is no download: nothing drawn fits, so it passes.
    expect((await ai.batches.get({ name: batch.name! })).name).toBe(batch.name)
    // Plain fetch: the SDK's download to a path never settles on a cut body.
    const url = `${fake.url}/download/v1beta/${responses}:download?alt=media`
    const res = await fetch(url, { headers: { 'x-goog-api-key': fake.apiKey } })
    expect(res.headers.get('content-length')).toBe(String(whole.length))
    expect(
      await res.arrayBuffer().then(
        () => 'whole',
        (e: Error) => e.message
      )
    ).toBe('terminated')
    expect(fake.file(responses).content).toEqual(whole)
    expect(fake.injected).toEqual({ cut: 1 })
  })
})

describe('taps', () => {
  it('fires at a request, once a create is applied, and half way through a download', async () => {
    const seen: string[] = []
    const input = await upload()
    fake.tap('GET', /^\/v1beta\/batches$/, 'request', () => seen.push(`request ${fake.log.length}`))
    fake.tap('POST', /:batchGenerateContent$/, 'applied', () => seen.push(`applied ${fake.batches.size}`))
    await ai.batches.list()
    const batch = await ai.batches.create({ model: MODEL, src: input.name!, config: { displayName: 'd' } })
    fake.end(batch.name!)
    const responses = fake.batch(batch.name!).op.metadata.output!.responsesFile!
    fake.tap('GET', /:download$/, 'halfway', () => seen.push('halfway'))
    const to = path.join(tmp, 'out.jsonl')
    await ai.files.download({ file: responses, downloadPath: to })
    // The rest follows the tap: the download is whole.
    expect(fs.readFileSync(to)).toEqual(fake.file(responses).content)
    expect(seen).toEqual(['request 3', 'applied 1', 'halfway'])
  })
})
