/**
 * FakeAnthropic speaks the Message Batches API as the official SDK
 * (@anthropic-ai/sdk, pinned in package.json) expects it: every answer parses
 * into the SDK's types with the values the fake holds, its errors become the
 * SDK's typed errors, and the fake sees the headers the SDK sends.
 */
import Anthropic, {
  AnthropicError,
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ContentTooLargeError,
  InternalServerError,
  NotFoundError,
  OverloadedError
} from '@anthropic-ai/sdk'
import type { MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeAnthropic, publicBatch } from './anthropic'
import { USAGE } from './anthropic-shapes'

let fake: FakeAnthropic
let client: Anthropic

beforeEach(async () => {
  fake = new FakeAnthropic()
  await fake.start()
  client = sdk()
})

afterEach(async () => {
  await fake.stop()
})

function sdk(opts: ConstructorParameters<typeof Anthropic>[0] = {}): Anthropic {
  return new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0, ...opts })
}

const params = (text = 'Hello') => ({
  model: 'claude-opus-5-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: text }]
})
const requests = (...ids: string[]) => ids.map(custom_id => ({ custom_id, params: params(custom_id) }))

async function results(id: string): Promise<MessageBatchIndividualResponse[]> {
  const out: MessageBatchIndividualResponse[] = []
  for await (const line of await client.messages.batches.results(id)) out.push(line)
  return out
}

/** The error a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

describe('create and retrieve', () => {
  it('creates a batch the SDK reads back as the fake holds it', async () => {
    const batch = await client.messages.batches.create({ requests: requests('a', 'b', 'c') })
    expect(batch.id).toMatch(/^msgbatch_/)
    expect(batch).toEqual(publicBatch(fake.batch(batch.id)))
    expect(batch.type).toBe('message_batch')
    expect(batch.processing_status).toBe('in_progress')
    expect(batch.request_counts).toEqual({ processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 })
    expect([batch.ended_at, batch.cancel_initiated_at, batch.archived_at, batch.results_url]).toEqual([
      null,
      null,
      null,
      null
    ])
    expect(Date.parse(batch.expires_at) - Date.parse(batch.created_at)).toBe(24 * 3600 * 1000)
    expect(fake.batch(batch.id).requests).toEqual(requests('a', 'b', 'c'))
    const [post] = fake.requests('POST', /^\/v1\/messages\/batches$/)
    expect(post!.json).toEqual({ requests: requests('a', 'b', 'c') })
    expect((batch as { _request_id?: string })._request_id).toMatch(/^req_/)
  })

  it('sends the key as a bearer token and the API version it was built for', async () => {
    await client.messages.batches.create({ requests: requests('a') })
    const [post] = fake.log
    expect(post!.headers.authorization).toBe(`Bearer ${fake.apiKey}`)
    expect(post!.headers['x-api-key']).toBeUndefined()
    expect(post!.headers['anthropic-version']).toBe('2026-10-21')
    expect(post!.headers['content-type']).toBe('application/json')
    expect(post!.headers['x-stainless-retry-count']).toBe('0')
    const token = sdk({ apiKey: null, authToken: fake.apiKey })
    await token.messages.batches.list()
    expect(fake.log.at(-1)!.headers.authorization).toBe(`Bearer ${fake.apiKey}`)
  })

  it('retrieves a batch as it moves on', async () => {
    const { id } = await client.messages.batches.create({ requests: requests('a', 'b') })
    expect(await client.messages.batches.retrieve(id)).toEqual(publicBatch(fake.batch(id)))
    fake.end(id)
    const ended = await client.messages.batches.retrieve(id)
    expect(ended).toEqual(publicBatch(fake.batch(id)))
    expect(ended.processing_status).toBe('ended')
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 })
    expect(ended.ended_at).not.toBeNull()
    expect(ended.results_url).toBe(`${fake.url}/v1/messages/batches/${id}/results`)
  })
})

describe('list', () => {
  async function five(): Promise<string[]> {
    const ids: string[] = []
    for (const n of [1, 2, 3, 4, 5])
      ids.push((await client.messages.batches.create({ requests: requests(`r${n}`) })).id)
    return ids
  }

  it('pages newest first with after_id, and the SDK follows every page', async () => {
    const ids = await five()
    const seen: string[] = []
    for await (const b of client.messages.batches.list({ limit: 2 })) {
      expect(b).toEqual(publicBatch(fake.batch(b.id)))
      seen.push(b.id)
    }
    expect(seen).toEqual([...ids].reverse())
    const pages = fake.requests('GET', /^\/v1\/messages\/batches$/)
    expect(pages.map(p => p.query)).toEqual([
      { limit: '2' },
      { limit: '2', after_id: ids[3] },
      { limit: '2', after_id: ids[1] }
    ])
  })

  it('answers a page with its cursors and has_more', async () => {
    const ids = await five()
    const page = await client.messages.batches.list({ limit: 3 })
    expect(page.data.map(b => b.id)).toEqual([ids[4], ids[3], ids[2]])
    expect([page.first_id, page.last_id, page.has_more]).toEqual([ids[4], ids[2], true])
    const last = await page.getNextPage()
    expect(last.data.map(b => b.id)).toEqual([ids[1], ids[0]])
    expect(last.has_more).toBe(false)
    expect(last.hasNextPage()).toBe(false)
    const empty = await client.messages.batches.list({ after_id: ids[0] })
    expect([empty.data, empty.first_id, empty.last_id, empty.has_more]).toEqual([[], null, null, false])
  })

  it('pages back to newer batches with before_id', async () => {
    const ids = await five()
    const seen: string[] = []
    for await (const b of client.messages.batches.list({ limit: 2, before_id: ids[0] })) seen.push(b.id)
    expect(seen).toEqual([ids[2], ids[1], ids[4], ids[3]])
  })

  it('refuses a limit out of range', async () => {
    const e = await failure(client.messages.batches.list({ limit: 1001 }))
    expect(e).toBeInstanceOf(BadRequestError)
  })
})

describe('cancel', () => {
  it('moves a batch to canceling, and end() cancels what it has not done', async () => {
    const { id } = await client.messages.batches.create({ requests: requests('a', 'b', 'c') })
    const canceling = await client.messages.batches.cancel(id)
    expect(canceling).toEqual(publicBatch(fake.batch(id)))
    expect(canceling.processing_status).toBe('canceling')
    expect(canceling.cancel_initiated_at).not.toBeNull()
    expect(canceling.request_counts.processing).toBe(3)
    expect((await client.messages.batches.cancel(id)).processing_status).toBe('canceling')
    fake.end(id, { succeed: ['b'] })
    const ended = await client.messages.batches.retrieve(id)
    expect(ended.processing_status).toBe('ended')
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 0, canceled: 2, expired: 0 })
    const lines = await results(id)
    expect(Object.fromEntries(lines.map(l => [l.custom_id, l.result.type]))).toEqual({
      a: 'canceled',
      b: 'succeeded',
      c: 'canceled'
    })
    expect(await failure(client.messages.batches.cancel(id))).toBeInstanceOf(BadRequestError)
  })
})

describe('delete', () => {
  it('deletes only an ended batch', async () => {
    const { id } = await client.messages.batches.create({ requests: requests('a') })
    const refused = await failure(client.messages.batches.delete(id))
    expect(refused).toBeInstanceOf(BadRequestError)
    expect((refused as BadRequestError).type).toBe('invalid_request_error')
    fake.end(id)
    expect(await client.messages.batches.delete(id)).toEqual({ id, type: 'message_batch_deleted' })
    expect(fake.batches.has(id)).toBe(false)
    const gone = await failure(client.messages.batches.retrieve(id))
    expect(gone).toBeInstanceOf(NotFoundError)
    expect((gone as NotFoundError).type).toBe('not_found_error')
  })
})

describe('results', () => {
  it('serves the results file at the absolute results_url, out of input order', async () => {
    const bad = { custom_id: 'bad', params: { model: 'claude-opus-5-5', messages: [] } }
    const { id } = await client.messages.batches.create({
      requests: [...requests('a', 'b', 'c', 'd'), bad as never]
    })
    fake.end(id, { error: { b: 'overloaded_error' }, expire: ['c'], cancel: ['d'] })
    const batch = await client.messages.batches.retrieve(id)
    expect(batch.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 2, canceled: 1, expired: 1 })
    const lines = await results(id)
    expect(lines.map(l => l.custom_id)).toEqual(['bad', 'd', 'c', 'b', 'a'])
    expect(lines).toEqual(
      fake
        .batch(id)
        .results!.trim()
        .split('\n')
        .map(l => JSON.parse(l))
    )
    const byId = Object.fromEntries(lines.map(l => [l.custom_id, l.result]))
    const a = byId.a!
    if (a.type !== 'succeeded') throw new Error('a should have succeeded')
    expect(a.message).toMatchObject({
      id: 'msg_a',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-5-5',
      content: [{ type: 'text', text: 'answer to a' }],
      stop_reason: 'end_turn',
      stop_sequence: null
    })
    expect(a.message.usage).toEqual(USAGE)
    const b = byId.b!
    if (b.type !== 'errored') throw new Error('b should have errored')
    expect(b.error.type).toBe('error')
    expect(b.error.error.type).toBe('overloaded_error')
    const badResult = byId.bad!
    if (badResult.type !== 'errored') throw new Error('bad should have errored')
    expect(badResult.error.error).toEqual({
      type: 'invalid_request_error',
      message: expect.stringContaining('max_tokens')
    })
    expect(byId.c).toEqual({ type: 'expired' })
    expect(byId.d).toEqual({ type: 'canceled' })

    const [get] = fake.requests('GET', /\/results$/)
    expect(get!.headers.accept).toBe('application/binary')
    expect(get!.headers.authorization).toBe(`Bearer ${fake.apiKey}`)
    expect(get!.headers['anthropic-version']).toBe('2026-10-21')
  })

  it('has no results_url before the batch ends, so the SDK refuses without asking', async () => {
    const { id } = await client.messages.batches.create({ requests: requests('a') })
    const e = await failure(client.messages.batches.results(id))
    expect(e).toBeInstanceOf(AnthropicError)
    expect((e as Error).message).toContain('No batch `results_url`')
    expect(fake.requests('GET', /\/results$/)).toHaveLength(0)
    const direct = await fetch(`${fake.url}/v1/messages/batches/${id}/results`, {
      headers: { 'x-api-key': fake.apiKey, 'anthropic-version': '2023-06-01' }
    })
    expect(direct.status).toBe(404)
  })

  it('ends a batch past its expires_at with its requests expired', async () => {
    const { id } = await client.messages.batches.create({ requests: requests('a', 'b') })
    const later = Date.now() + 25 * 3600 * 1000
    fake.now = () => later
    const batch = await client.messages.batches.retrieve(id)
    expect(batch.processing_status).toBe('ended')
    expect(batch.request_counts).toEqual({ processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 2 })
    expect((await results(id)).map(l => l.result)).toEqual([{ type: 'expired' }, { type: 'expired' }])
  })
})

describe('validation of a create', () => {
  const refusal = async (body: unknown) => {
    const e = await failure(client.messages.batches.create(body as never))
    expect(e).toBeInstanceOf(BadRequestError)
    expect((e as BadRequestError).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } })
    return (e as BadRequestError).apiMessage
  }

  it('refuses a bad custom_id, a duplicate one, params that are not an object, and no requests', async () => {
    expect(await refusal({ requests: requests('has space') })).toContain('custom_id')
    expect(await refusal({ requests: requests('x'.repeat(65)) })).toContain('custom_id')
    expect(await refusal({ requests: requests('a', 'b', 'a') })).toContain('Duplicate')
    expect(await refusal({ requests: [{ custom_id: 'a', params: 'hi' }] })).toContain('params')
    expect(await refusal({ requests: [] })).toContain('requests')
    expect(await refusal({})).toContain('requests')
    expect(fake.batches.size).toBe(0)
    expect(fake.batch((await client.messages.batches.create({ requests: requests('x'.repeat(64)) })).id)).toBeDefined()
  })

  it('refuses more requests than a batch holds with a 400', async () => {
    fake.limits.maxRequests = 3
    expect(await refusal({ requests: requests('a', 'b', 'c', 'd') })).toContain('at most 3')
    await client.messages.batches.create({ requests: requests('a', 'b', 'c') })
  })

  it('refuses a body over the size limit with a 413 request_too_large, reading it all', async () => {
    fake.limits.maxBodyBytes = 1024 * 1024
    const big = [{ custom_id: 'big', params: params('x'.repeat(1024 * 1024)) }]
    const e = await failure(client.messages.batches.create({ requests: big }))
    expect(e).toBeInstanceOf(ContentTooLargeError)
    expect((e as ContentTooLargeError).type).toBe('request_too_large' as never)
    expect(fake.log[0]!.bodyBytes).toBeGreaterThan(1024 * 1024)
    expect(fake.batches.size).toBe(0)
  })

  it('takes a large body that arrives in many chunks', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ custom_id: `r-${i}`, params: params('y'.repeat(4000)) }))
    const batch = await client.messages.batches.create({ requests: many })
    expect(batch.request_counts.processing).toBe(2000)
    expect(fake.log[0]!.bodyBytes).toBeGreaterThan(8_000_000)
    fake.end(batch.id)
    const lines = await results(batch.id)
    expect(lines).toHaveLength(2000)
    expect(lines[0]!.custom_id).toBe('r-1999')
  })
})

describe('errors and retries', () => {
  it('answers a wrong key with a 401 the SDK types as AuthenticationError', async () => {
    const e = await failure(sdk({ apiKey: 'sk-ant-wrong' }).messages.batches.list())
    expect(e).toBeInstanceOf(AuthenticationError)
    const err = e as AuthenticationError
    expect(err.status).toBe(401)
    expect(err.type).toBe('authentication_error')
    expect(err.requestID).toMatch(/^req_/)
    expect(err.error).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: expect.any(String) },
      request_id: err.requestID
    })
  })

  it('accepts the key as x-api-key, and wants an anthropic-version', async () => {
    const headers = { 'x-api-key': fake.apiKey, 'anthropic-version': '2023-06-01' }
    const ok = await fetch(`${fake.url}/v1/messages/batches`, { headers })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ data: [], has_more: false, first_id: null, last_id: null })
    const missing = await fetch(`${fake.url}/v1/messages/batches`, { headers: { 'x-api-key': fake.apiKey } })
    expect(missing.status).toBe(400)
    expect(missing.headers.get('request-id')).toMatch(/^req_/)
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } })
    const e = await failure(sdk({ defaultHeaders: { 'anthropic-version': null } }).messages.batches.list())
    expect(e).toBeInstanceOf(BadRequestError)
    expect((e as BadRequestError).apiMessage).toContain('anthropic-version')
  })

  it('types injected faults: 529 OverloadedError, 500 InternalServerError, 401 AuthenticationError', async () => {
    fake.failNext(529)
    const overloaded = await failure(client.messages.batches.list())
    expect(overloaded).toBeInstanceOf(OverloadedError)
    expect(overloaded).toBeInstanceOf(InternalServerError)
    expect((overloaded as OverloadedError).type).toBe('overloaded_error')
    fake.failNext(500)
    const internal = await failure(client.messages.batches.list())
    expect(internal).toBeInstanceOf(InternalServerError)
    expect((internal as InternalServerError).type).toBe('api_error')
    fake.failNext(401)
    expect(await failure(client.messages.batches.list())).toBeInstanceOf(AuthenticationError)
    expect((await client.messages.batches.list()).data).toEqual([])
  })

  it('is retried by the SDK after a 529 when maxRetries allows', async () => {
    fake.failNext(529, 'overloaded_error', 1, { method: 'POST' })
    const batch = await sdk({ maxRetries: 1 }).messages.batches.create({ requests: requests('a') })
    const posts = fake.requests('POST', /^\/v1\/messages\/batches$/)
    expect(posts.map(p => [p.status, p.headers['x-stainless-retry-count']])).toEqual([
      [529, '0'],
      [200, '1']
    ])
    expect([...fake.batches.keys()]).toEqual([batch.id])
  })

  it('loses the answer to a create that took effect', async () => {
    fake.dropNextCreateAnswer()
    expect(await failure(client.messages.batches.create({ requests: requests('a') }))).toBeInstanceOf(
      APIConnectionError
    )
    expect(fake.batches.size).toBe(1)
    const listed = await client.messages.batches.list()
    expect(listed.data.map(b => b.id)).toEqual([...fake.batches.keys()])
  })

  it('makes a second batch when the SDK retries a create whose answer was lost', async () => {
    fake.dropNextCreateAnswer()
    await sdk({ maxRetries: 1 }).messages.batches.create({ requests: requests('a') })
    expect(fake.batches.size).toBe(2)
    const posts = fake.requests('POST', /^\/v1\/messages\/batches$/)
    expect(posts.map(p => p.headers['idempotency-key'])).toEqual([undefined, undefined])
  })
})
