/**
 * FakeAnthropic's random faults (chaos) and taps, as the SDK sees them: what
 * the chaos and crash suites (__tests__/e2e/anthropic-*.test.ts) rely on.
 */
import Anthropic, { APIConnectionError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { seeded } from '../helpers/chaos'
import { FakeAnthropic } from './anthropic'

let fake: FakeAnthropic
let client: Anthropic

beforeEach(async () => {
  fake = new FakeAnthropic()
  await fake.start()
  client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 })
})

afterEach(async () => {
  await fake.stop()
})

const create = () =>
  client.messages.batches.create({
    requests: [{ custom_id: 'a', params: { model: 'claude-haiku-4-5', max_tokens: 8, messages: [] } }]
  })

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

describe('chaos', () => {
  it('answers with the kind drawn, counts it, and stops at a rate of 0', async () => {
    fake.chaos(1, seeded(1), ['429'])
    const limited = await failure(client.messages.batches.list())
    expect(limited).toBeInstanceOf(RateLimitError)
    expect((limited as RateLimitError).headers?.get('retry-after')).toBe('0')
    fake.chaos(1, seeded(1), ['529'])
    expect(await failure(client.messages.batches.list())).toBeInstanceOf(OverloadedError)
    fake.chaos(1, seeded(1), ['reset'])
    expect(await failure(client.messages.batches.list())).toBeInstanceOf(APIConnectionError)
    expect(fake.injected).toEqual({ '429': 1, '529': 1, reset: 1 })
    fake.chaos(0, seeded(1))
    expect((await client.messages.batches.list()).data).toEqual([])
  })

  it('applies a create whose answer it loses', async () => {
    fake.chaos(1, seeded(2), ['lost'])
    expect(await failure(create())).toBeInstanceOf(APIConnectionError)
    expect(fake.batches.size).toBe(1)
  })

  it('cuts only results downloads off half way; other requests pass', async () => {
    const { id } = await create()
    fake.end(id)
    fake.chaos(1, seeded(3), ['cut'])
    expect((await client.messages.batches.retrieve(id)).processing_status).toBe('ended')
    const res = await fetch(`${fake.url}/v1/messages/batches/${id}/results`, {
      headers: { 'x-api-key': fake.apiKey, 'anthropic-version': '2023-06-01' }
    })
    expect(Number(res.headers.get('content-length'))).toBe(fake.batch(id).results!.length)
    await expect(res.text()).rejects.toThrow()
    expect(fake.injected).toEqual({ cut: 1 })
  })

  it('replays the same faults from the same seed', async () => {
    const draw = async () => {
      fake.chaos(0.5, seeded(42))
      const kinds: string[] = []
      for (let i = 0; i < 8; i++)
        kinds.push(
          await client.messages.batches.list().then(
            () => 'ok',
            (e: Error) => e.constructor.name
          )
        )
      return kinds
    }
    const first = await draw()
    expect(first).toContain('ok')
    expect(first.some(k => k !== 'ok')).toBe(true)
    expect(await draw()).toEqual(first)
  })
})

describe('taps', () => {
  it('drops a create whose body has begun: no batch is made', async () => {
    let fired = 0
    fake.tap('POST', /^\/v1\/messages\/batches$/, 'body', () => fired++)
    expect(await failure(create())).toBeInstanceOf(APIConnectionError)
    expect(fired).toBe(1)
    expect(fake.batches.size).toBe(0)
    await create()
    expect(fake.batches.size).toBe(1)
  })

  it('fires once a create is applied, before its answer', async () => {
    const seen: number[] = []
    fake.tap('POST', /^\/v1\/messages\/batches$/, 'applied', () => seen.push(fake.batches.size))
    await create()
    expect(seen).toEqual([1])
  })

  it('fires half way through a results file, then sends the rest', async () => {
    const { id } = await create()
    fake.end(id)
    let fired = 0
    fake.tap('GET', /\/results$/, 'halfway', () => fired++)
    const lines: unknown[] = []
    for await (const line of await client.messages.batches.results(id)) lines.push(line)
    expect(fired).toBe(1)
    expect(lines).toHaveLength(1)
  })
})
