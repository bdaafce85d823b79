/** What the Gemini client's tests share: a FakeGemini, a clock that never waits, a log, request files. */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createGeminiBatchApi } from '../../src/adapters/gemini-client'
import { batchMetadata, type RemoteBatch } from '../../src/core/remote/records'
import type { BatchApi, FileRange } from '../../src/ports/batch-api'
import { FakeGemini } from '../fakes/gemini'
import { fakeClock, type FakeClock, memoryLog, type MemoryLog } from '../fixtures/ports'

export const MODEL = 'gemini-2.5-flash'
export const SHA = 'a'.repeat(64)

export interface Bed {
  readonly fake: FakeGemini
  readonly clock: FakeClock
  readonly log: MemoryLog
  readonly dir: string
  readonly api: BatchApi
  /** Another client on the same clock, log and folder. */
  client(opts?: { apiKey?: string; baseUrl?: string; model?: string }): BatchApi
  stop(): Promise<void>
}

export async function geminiBed(): Promise<Bed> {
  const fake = new FakeGemini()
  await fake.start()
  const clock = fakeClock(Math.floor(Date.now() / 1000))
  const log = memoryLog()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gem-client-'))
  const client = (o: { apiKey?: string; baseUrl?: string; model?: string } = {}) =>
    createGeminiBatchApi({
      apiKey: o.apiKey ?? fake.apiKey,
      baseUrl: o.baseUrl ?? fake.url,
      model: o.model ?? MODEL,
      clock,
      log,
      tmpDir: dir
    })
  return {
    fake,
    clock,
    log,
    dir,
    api: client(),
    client,
    async stop() {
      await fake.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** A Gemini batch request line. */
export const requestLine = (key: string): string =>
  JSON.stringify({ key, request: { contents: [{ role: 'user', parts: [{ text: `question ${key}` }] }] } })

/** A request file of these keys under `dir`, as a whole range. */
export function requestFile(dir: string, keys: string[], name = 'a.jsonl'): FileRange {
  const abs = path.join(dir, name)
  fs.writeFileSync(abs, keys.map(requestLine).join('\n') + '\n')
  return { abs, start: 0, end: fs.statSync(abs).size }
}

export const metadata = (p = 'gemini/a.jsonl', part = 1, parts = 1, round?: number): Record<string, string> =>
  batchMetadata({}, 'scope', { path: p, sha256: SHA, part, parts, ...(round ? { round } : {}) })

/** Uploads a request file of `keys` and creates its batch. */
export async function create(bed: Bed, keys: string[], meta = metadata(), name = 'a.jsonl'): Promise<RemoteBatch> {
  const file = await bed.api.uploadFile(requestFile(bed.dir, keys, name), name)
  return bed.api.createBatch({ inputFileId: file.id, endpoint: '', completionWindow: '24h', metadata: meta })
}

export async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

/** What a promise rejects with. */
export async function rejection<E = Error>(p: Promise<unknown>): Promise<E> {
  try {
    await p
  } catch (e) {
    return e as E
  }
  throw new Error('expected a rejection')
}

/** A stream's text. */
export const text = (body: ReadableStream<Uint8Array>): Promise<string> => new Response(body).text()
