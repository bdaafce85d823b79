/**
 * The Gemini client's resumable upload against FakeGemini over real HTTP on
 * 127.0.0.1, with a clock that never waits: chunks streamed from the file,
 * byte for byte, resumed from the server's offset, a lost finalize.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CHUNK_BYTES, JSONL_MIME } from '../../src/adapters/gemini-upload'
import type { ApiError } from '../../src/core/errors'
import type { BatchApi } from '../../src/ports/batch-api'
import type { FakeGemini } from '../fakes/gemini'
import type { FakeClock } from '../fixtures/ports'
import * as bedOf from '../helpers/gemini-bed'
import { all } from '../helpers/gemini-bed'

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
const rejection = (p: Promise<unknown>) => bedOf.rejection<ApiError>(p)

describe('upload', () => {
  it('uploads resumably, streamed in chunks, byte for byte, named as given', async () => {
    const abs = path.join(dir, 'big.jsonl')
    const size = 2 * CHUNK_BYTES + 12345
    const content = Buffer.alloc(size)
    for (let i = 0; i < size; i++) content[i] = 97 + (i % 26)
    fs.writeFileSync(abs, content)
    fake.holdBytes = size
    const f = await api.uploadFile({ abs, start: 0, end: size }, 'big.abc.jsonl')
    const held = fake.file(f.id)
    expect(held.content!.equals(content)).toBe(true)
    expect(held.chunks).toEqual([
      { offset: 0, bytes: CHUNK_BYTES, command: 'upload' },
      { offset: CHUNK_BYTES, bytes: CHUNK_BYTES, command: 'upload' },
      { offset: 2 * CHUNK_BYTES, bytes: 12345, command: 'upload, finalize' }
    ])
    expect(f).toEqual({
      id: held.json.name,
      filename: 'big.abc.jsonl',
      bytes: size,
      createdAt: Math.floor(Date.parse(held.json.createTime) / 1000),
      status: 'processed'
    })
    const [start] = fake.requests('POST', /^\/upload\//)
    expect(start!.headers).toMatchObject({
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': String(size),
      'x-goog-upload-header-content-type': JSONL_MIME
    })
    expect(start!.json).toEqual({ file: { displayName: 'big.abc.jsonl', mimeType: JSONL_MIME } })
    expect(held.json.mimeType).toBe(JSONL_MIME)
  })

  it('sends only the range given', async () => {
    const whole = requestFile(['a', 'b', 'c'])
    const text = fs.readFileSync(whole.abs, 'utf8')
    const from = text.indexOf('\n') + 1
    const f = await api.uploadFile({ ...whole, start: from }, 'r.jsonl')
    expect(fake.file(f.id).content!.toString('utf8')).toBe(text.slice(from))
  })

  it('resumes a chunk from the offset the server has, after a 503 or a dropped connection', async () => {
    const abs = path.join(dir, 'big.jsonl')
    const content = Buffer.alloc(3 * CHUNK_BYTES, 0x62)
    fs.writeFileSync(abs, content)
    fake.holdBytes = content.length
    fake.failNextChunk('drop')
    fake.failNextChunk(503)
    const f = await api.uploadFile({ abs, start: 0, end: content.length }, 'big.jsonl')
    const held = fake.file(f.id)
    expect(held.content!.equals(content)).toBe(true)
    // The dropped chunk had arrived: it is not sent again.
    expect(held.chunks.map(c => c.offset)).toEqual([0, CHUNK_BYTES, 2 * CHUNK_BYTES])
    const queries = fake.log.filter(r => r.headers['x-goog-upload-command'] === 'query')
    expect(queries).toHaveLength(2)
    expect(clock.slept).toHaveLength(2)
  })

  it('fails retryable when the finalize’s answer is lost, for the caller to find the file by name', async () => {
    fake.failNextChunk('drop')
    const e = await rejection(api.uploadFile(requestFile(['a']), 'lost.jsonl'))
    expect(e).toMatchObject({ retryable: true, unreachable: false })
    const found = (await all(api.recentFiles(0))).filter(f => f.filename === 'lost.jsonl')
    expect(found).toHaveLength(1)
    expect(fake.file(found[0]!.id).content!.toString('utf8')).toBe(fs.readFileSync(path.join(dir, 'a.jsonl'), 'utf8'))
  })

  it('is not retried as a whole: a refused start fails once', async () => {
    fake.failNext(400, 1, /^\/upload\//)
    const e = await rejection(api.uploadFile(requestFile(['a']), 'a.jsonl'))
    expect(e.status).toBe(400)
    expect(e.retryable).toBe(false)
    expect(fake.files.size).toBe(0)
  })
})
