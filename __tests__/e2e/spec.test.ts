/**
 * Every request the action sends in a full cycle is one OpenAI's description
 * accepts, and the fake answers in the shapes it documents.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeCache } from '../fakes/cache'
import { FakeOpenAI } from '../fakes/openai'
import { requestFile, Workspace } from '../helpers/runner'
import { requestProblems, responseProblems } from '../helpers/spec'

const openai = new FakeOpenAI()
const cache = new FakeCache()
const ws = new Workspace()

beforeAll(async () => {
  await openai.start()
  await cache.start()
  const env = { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url, INPUT_PROVIDER: 'openai', ...cache.env() }
  ws.write('batches/a.jsonl', requestFile(3, 'a'))
  ws.write('batches/b.jsonl', requestFile(2, 'b'))
  await ws.run({ event: 'push', env, inputs: { metadata: 'team=evals' } })
  ws.write('batches/a.jsonl', requestFile(4, 'a')) // supersedes a's batch: a cancel
  await ws.run({ event: 'push', env })
  await ws.run({ event: 'schedule', env, inputs: { results: 'none' } }) // checks the running batches
  for (const b of openai.batches.values()) if (b.status !== 'cancelling') openai.complete(b.id, { failIds: ['b-1'] })
  cache.entries.length = 0 // the next run rebuilds its state from OpenAI: list calls
  await ws.run({ event: 'schedule', env, inputs: { results: 'none' } })
})

afterAll(async () => {
  await openai.stop()
  await cache.stop()
  ws.cleanup()
})

describe('conformance with shared/openai-spec', () => {
  it('exercised every kind of call the action makes', () => {
    const kinds = new Set(openai.log.map(r => `${r.method} ${r.path.replace(/\/(file|batch)[-_][^/]+/, '/{id}')}`))
    expect([...kinds].sort()).toEqual([
      'DELETE /v1/files/{id}',
      'GET /v1/batches',
      'GET /v1/batches/{id}',
      'GET /v1/files',
      'GET /v1/files/{id}/content',
      'POST /v1/batches',
      'POST /v1/batches/{id}/cancel',
      'POST /v1/files'
    ])
  })

  it('sends only requests the real API accepts', () => {
    expect(openai.log.flatMap(requestProblems)).toEqual([])
  })

  it('is answered in the documented shapes', () => {
    expect(openai.log.flatMap(responseProblems)).toEqual([])
  })

  it('would notice a request the API refuses', () => {
    const bad = {
      method: 'POST',
      path: '/v1/batches',
      query: {},
      headers: {},
      json: { input_file_id: 'f', endpoint: '/v1/chat', completion_window: '24h' }
    }
    expect(requestProblems(bad)).toEqual([expect.stringContaining('must be equal to one of the allowed values')])
  })
})
