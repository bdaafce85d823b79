/**
 * The Azure fake itself, driven with plain fetch (no action code): what it
 * checks and how it answers, in both API styles, so that e2e tests through
 * dist/index.js can trust it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeAzure } from '../fakes/azure'
import { FakeOpenAI } from '../fakes/openai'

const KEY = 'azure-resource-key'
const TOKEN = 'entra-token'
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/

/** Azure's own sample lines ([python]): url without /v1, one deployment on every line. */
const lines = (n: number, model = (_i: number) => 'gpt-4o-batch') =>
  Array.from(
    { length: n },
    (_, i) =>
      JSON.stringify({
        custom_id: `task-${i}`,
        method: 'POST',
        url: '/chat/completions',
        body: { model: model(i), messages: [{ role: 'user', content: `q${i}` }] }
      }) + '\n'
  ).join('')

describe.each(['v1', 'classic'] as const)('FakeAzure (%s)', style => {
  let openai: FakeOpenAI
  let azure: FakeAzure
  // A classic version that has the expiry fields (2024-10-21 does not).
  const version = style === 'classic' ? '2025-04-01-preview' : undefined

  beforeEach(async () => {
    openai = new FakeOpenAI()
    await openai.start()
    azure = new FakeAzure(openai, { style, apiKey: KEY, adToken: TOKEN, maxRequests: 5 })
    await azure.start()
  })
  afterEach(async () => {
    await azure.stop()
    await openai.stop()
  })

  /** An Azure URL; `v` is the api-version (undefined: none). */
  function url(path: string, v: string | undefined): string {
    const q = new URLSearchParams(v ? { 'api-version': v } : {})
    const base = style === 'v1' ? `${azure.endpoint}/openai/v1` : `${azure.endpoint}/openai`
    return `${base}${path}${q.size ? `?${q}` : ''}`
  }
  const call = (
    method: string,
    path: string,
    init: { json?: unknown; form?: FormData; headers?: Record<string, string>; v?: string } = {}
  ) =>
    fetch(url(path, 'v' in init ? init.v : version), {
      method,
      headers: { 'api-key': KEY, ...(init.json ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.json ? JSON.stringify(init.json) : init.form
    })
  const form = (
    content: string,
    expiry: Record<string, string> = { 'expires_after.seconds': '1209600', 'expires_after.anchor': 'created_at' }
  ) => {
    const f = new FormData()
    f.set('purpose', 'batch')
    for (const [k, v] of Object.entries(expiry)) f.set(k, v)
    f.set('file', new Blob([content]), 'test.jsonl')
    return f
  }
  async function upload(content: string): Promise<string> {
    const res = await call('POST', '/files', { form: form(content) })
    expect(res.status).toBe(style === 'classic' ? 201 : 200)
    return ((await res.json()) as { id: string }).id
  }
  async function processed(content: string): Promise<string> {
    const id = await upload(content)
    for (let i = 0; i < 3; i++) await call('GET', `/files/${id}`)
    return id
  }
  const create = (id: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/batches', {
      json: {
        input_file_id: id,
        endpoint: '/chat/completions',
        completion_window: '24h',
        metadata: { oba_path: 'a.jsonl' },
        ...extra
      }
    })

  it('reports an upload pending on its answer and the next two polls, then processed; the bytes reach the FakeOpenAI unchanged', async () => {
    const content = lines(2)
    const res = await call('POST', '/files', {
      form: form(content, { 'expires_after[seconds]': '2592000', 'expires_after[anchor]': 'created_at' })
    })
    const file = (await res.json()) as { id: string; status: string; created_at: unknown }
    expect(file.status).toBe('pending')
    expect(typeof file.created_at).toBe('number')
    if (style === 'classic') expect(res.headers.get('location')).toBe(`${azure.endpoint}/openai/files/${file.id}`)
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push(((await (await call('GET', `/files/${file.id}`)).json()) as { status: string }).status)
    expect(statuses).toEqual(['pending', 'pending', 'processed'])
    expect(openai.files.get(file.id)!.content.toString()).toBe(content)
    expect(openai.files.get(file.id)!.expires_at! - openai.files.get(file.id)!.created_at).toBe(2_592_000)
    expect(azure.problems()).toEqual([])
  })

  it('refuses a batch from a file that is still pending', async () => {
    const id = await upload(lines(1))
    const res = await create(id)
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain(
      "is in 'pending' state. Only files with status 'Processed' are accepted"
    )
    expect(azure.problems()).toEqual([expect.stringContaining('while the file is still pending')])
    expect(openai.batches.size).toBe(0)
  })

  it('refuses the key as a Bearer token and a wrong key with 401, and takes an Entra token', async () => {
    const bearer = await fetch(url('/batches', version), { headers: { authorization: `Bearer ${KEY}` } })
    expect(bearer.status).toBe(401)
    expect((await fetch(url('/batches', version), { headers: { 'api-key': 'wrong' } })).status).toBe(401)
    expect(azure.problems()).toHaveLength(2)
    expect(azure.problems()[0]).toContain('API key as a Bearer token')
    const entra = await fetch(url('/batches', version), { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(entra.status).toBe(200)
    expect(azure.log.at(-1)!.problems).toEqual([])
  })

  it('refuses an expiry outside 14 to 30 days', async () => {
    const res = await call('POST', '/files', {
      form: form(lines(1), { 'expires_after.seconds': '3600', 'expires_after.anchor': 'created_at' })
    })
    expect(res.status).toBe(400)
    expect(azure.problems()).toEqual([expect.stringContaining('expires_after')])
  })

  if (style === 'classic') {
    it('answers 404 Resource not found without an api-version, and notes expiry fields 2024-10-21 does not have', async () => {
      const res = await call('GET', '/batches', { v: undefined })
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ error: { code: '404', message: 'Resource not found' } })
      expect(azure.problems()).toEqual([expect.stringContaining('no api-version')])
      expect((await call('POST', '/files', { form: form(lines(1)), v: '2024-10-21' })).status).toBe(201)
      expect(azure.problems()[1]).toContain('expires_after is not in api-version 2024-10-21')
    })
  } else {
    it('needs no api-version, and refuses a classic path', async () => {
      expect((await call('GET', '/batches', { v: undefined })).status).toBe(200)
      expect(
        (await fetch(`${azure.endpoint}/openai/batches?api-version=2024-10-21`, { headers: { 'api-key': KEY } })).status
      ).toBe(404)
      expect(azure.problems()).toEqual([expect.stringContaining('not a v1 path')])
    })
  }

  it('runs a batch of Azure sample lines to Completed: capitalised status, ISO times, null counts while validating, an empty error file', async () => {
    const id = await processed(lines(3))
    const res = await create(id)
    expect(res.status).toBe(200)
    const created = (await res.json()) as Record<string, unknown>
    expect(created).toMatchObject({
      status: 'Validating',
      endpoint: '/chat/completions',
      request_counts: { total: null, completed: null, failed: null }
    })
    expect(created.created_at).toMatch(ISO)
    expect(created).not.toHaveProperty('usage')
    expect(openai.batch(created.id as string).endpoint).toBe('/v1/chat/completions')
    openai.complete(created.id as string)
    const done = (await (await call('GET', `/batches/${created.id}`)).json()) as Record<string, unknown> & {
      request_counts: unknown
      error_file_id: string
      output_file_id: string
    }
    expect(done).toMatchObject({
      status: 'Completed',
      request_counts: { total: 3, completed: 3, failed: 0 },
      metadata: { oba_path: 'a.jsonl' }
    })
    for (const k of ['created_at', 'in_progress_at', 'expires_at', 'finalizing_at', 'completed_at'])
      expect(done[k]).toMatch(ISO)
    expect(done.failed_at).toBeNull()
    expect(done.error_file_id).toEqual(expect.any(String))
    const errors = await call('GET', `/files/${done.error_file_id}/content`)
    expect(errors.status).toBe(200)
    expect(await errors.text()).toBe('')
    const output = await (await call('GET', `/files/${done.output_file_id}/content`)).text()
    expect(output.trim().split('\n')).toHaveLength(3)
    const list = (await (await call('GET', '/batches')).json()) as {
      data: { status: string; error_file_id: string }[]
      has_more: boolean
    }
    expect(list).toMatchObject({ data: [{ status: 'Completed', error_file_id: done.error_file_id }], has_more: false })
    expect(azure.problems()).toEqual([])
  })

  it('fails a batch at validation when the deployment differs between lines, or there are too many lines', async () => {
    const mixed = (await (await create(await processed(lines(2, i => (i === 0 ? 'a' : 'b'))))).json()) as { id: string }
    const many = (await (await create(await processed(lines(6)))).json()) as { id: string }
    const get = async (id: string) =>
      (await (await call('GET', `/batches/${id}`)).json()) as {
        status: string
        errors: { data: { code: string; line: number | null }[] }
      }
    expect(await get(mixed.id)).toMatchObject({
      status: 'Failed',
      errors: { data: [{ code: 'model_mismatch', line: 2 }] }
    })
    expect(await get(many.id)).toMatchObject({ status: 'Failed', errors: { data: [{ code: 'too_many_tasks' }] } })
    expect(azure.problems()).toEqual([
      expect.stringContaining('model_mismatch'),
      expect.stringContaining('too_many_tasks')
    ])
  })

  it('refuses an endpoint Azure does not batch, and another completion window fails the job', async () => {
    const id = await processed(lines(1))
    expect((await create(id, { endpoint: '/v1/completions' })).status).toBe(400)
    const b = (await (await create(id, { completion_window: '48h' })).json()) as {
      id: string
      completion_window: string
    }
    expect(b.completion_window).toBe('48h')
    expect(openai.batch(b.id).status).toBe('failed')
    expect(azure.problems()).toEqual([
      expect.stringContaining('endpoint'),
      expect.stringContaining('completion_window 48h'),
      expect.stringContaining('fails validation')
    ])
  })

  it("passes the FakeOpenAI's faults through: a 500 in Azure's error shape, a reset as a reset, a lost answer as one", async () => {
    openai.inject('GET', /^\/v1\/batches$/, { kind: 'status', status: 500, headers: { 'retry-after': '0' } })
    const res = await call('GET', '/batches')
    expect(res.status).toBe(500)
    expect(res.headers.get('retry-after')).toBe('0')
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Injected 500')
    openai.inject('GET', /^\/v1\/batches$/, { kind: 'reset' })
    await expect(call('GET', '/batches')).rejects.toThrow()
    // A lost answer to a create: the batch exists, as Azure shows it, validated all the same.
    openai.inject('POST', /^\/v1\/batches$/, { kind: 'lost' })
    await expect(create(await processed(lines(2, i => `d${i}`)))).rejects.toThrow()
    const list = (await (await call('GET', '/batches')).json()) as { data: { endpoint: string; status: string }[] }
    expect(list.data).toEqual([expect.objectContaining({ endpoint: '/chat/completions', status: 'Failed' })])
    expect(azure.problems()).toEqual([expect.stringContaining('model_mismatch')])
  })
})
