/** What the Anthropic client's tests share: a FakeAnthropic, a clock that never waits, a log, request files. */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createAnthropicBatchApi } from '../../src/adapters/anthropic-client'
import { batchMetadata, RemoteBatch } from '../../src/core/remote/records'
import type { BatchApi, FileRange } from '../../src/ports/batch-api'
import { FakeAnthropic } from '../fakes/anthropic'
import { fakeClock, FakeClock, memoryLog, MemoryLog } from '../fixtures/ports'

export interface Bed {
  readonly fake: FakeAnthropic
  readonly clock: FakeClock
  readonly log: MemoryLog
  readonly dir: string
  readonly api: BatchApi
  /** Another client on the same clock, log and folder. */
  client(apiKey?: string, baseUrl?: string): BatchApi
  stop(): Promise<void>
}

export async function anthropicBed(): Promise<Bed> {
  const fake = new FakeAnthropic()
  await fake.start()
  const clock = fakeClock(Math.floor(Date.now() / 1000))
  const log = memoryLog()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anth-client-'))
  const client = (apiKey = fake.apiKey, baseUrl = fake.url) =>
    createAnthropicBatchApi({ apiKey, baseUrl, clock, log, tmpDir: dir })
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

/** A Message Batches request line, with a temperature (which API version 2026-10-21 would refuse). */
export const requestLine = (id: string): string =>
  JSON.stringify({
    custom_id: id,
    params: { model: 'claude-haiku-4-5', max_tokens: 64, temperature: 0.2, messages: [{ role: 'user', content: id }] }
  })

/** A request file of these ids under `dir`, as a whole range. */
export function requestFile(dir: string, ids: string[], name = 'a.jsonl'): FileRange {
  const abs = path.join(dir, name)
  fs.writeFileSync(abs, ids.map(requestLine).join('\n') + '\n')
  return { abs, start: 0, end: fs.statSync(abs).size }
}

export const metadata = (p = 'claude/a.jsonl', part = 1, parts = 1): Record<string, string> =>
  batchMetadata({}, 'scope', { path: p, sha256: 'f'.repeat(64), part, parts })

/** Registers a request file of `ids` and creates its batch. */
export async function create(bed: Bed, ids: string[], meta = metadata(), name = 'a.jsonl'): Promise<RemoteBatch> {
  const file = await bed.api.uploadFile(requestFile(bed.dir, ids, name), name)
  return bed.api.createBatch({
    inputFileId: file.id,
    endpoint: '/v1/messages',
    completionWindow: '24h',
    metadata: meta
  })
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
