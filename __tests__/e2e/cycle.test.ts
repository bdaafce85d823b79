/**
 * The full cycle, end to end: dist/index.js as a child process against the
 * fake OpenAI API and the fake Actions cache service, with the real `openai`
 * and `@actions/cache` code in between.
 */
import { describe, expect, it } from '@jest/globals'
import { FakeOpenAI } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { request, requestFile } from '../helpers/runner'

const bed = useBed()

const env = () => bed.env()
const push = () => bed.ws.run({ event: 'push', env: env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: env() })
const created = () => bed.openai.requests('POST', /^\/v1\/batches$/)
const uploads = () => bed.openai.requests('POST', /^\/v1\/files$/)
const batchFor = bed.batchesFor

describe('push', () => {
  it('uploads each request file and creates one batch for it, tagged so the state can be rebuilt', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    bed.ws.write('batches/nested/b.jsonl', requestFile(2, 'b'))
    const r = await push()
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('2')
    expect(r.outputs.pending).toBe('2')
    expect(uploads()).toHaveLength(2)
    expect([...bed.openai.files.values()].map(f => f.purpose)).toEqual(['batch', 'batch'])
    const [a] = batchFor('a.jsonl')
    expect(a?.endpoint).toBe('/v1/chat/completions')
    expect(a?.completion_window).toBe('24h')
    expect(a?.metadata).toEqual({
      oba_scope: 'octo/batches:batches',
      oba_path: 'a.jsonl',
      oba_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      oba_part: '1/1'
    })
    expect(bed.openai.files.get(a!.input_file_id)!.content.toString()).toBe(bed.ws.read('batches/a.jsonl'))
    const rows = JSON.parse(r.outputs.batches!) as { file: string; status: string }[]
    expect(rows.map(x => [x.file, x.status])).toEqual([
      ['batches/a.jsonl', 'validating'],
      ['batches/nested/b.jsonl', 'validating']
    ])
    expect(r.summary).toContain('batches/nested/b.jsonl')
    expect(bed.cache.keys()).toEqual(['openai-batch-state-1001-1'])
  })

  it('uploads nothing when nothing changed', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push()
    bed.openai.log.length = 0
    const again = await push()
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('State restored from cache key openai-batch-state-1001-1')
    expect(again.outputs.submitted).toBe('0')
    expect(again.stdout).toContain('1 request file under batches/, 0 new or changed.') // hashed, not parsed again
    expect(bed.openai.log).toEqual([]) // not one call to OpenAI
  })

  it('submits only the changed file and cancels the batch it supersedes', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(3, 'b'))
    await push()
    const [oldA] = batchFor('a.jsonl')
    bed.ws.write('batches/a.jsonl', requestFile(4, 'a'))
    const r = await push()
    expect(r.outputs.submitted).toBe('1')
    expect(created()).toHaveLength(3)
    expect(bed.openai.batch(oldA!.id).status).toBe('cancelling')
    expect(batchFor('b.jsonl')).toHaveLength(1)
    expect(bed.openai.requests('POST', /\/cancel$/)).toHaveLength(1)
  })

  it('handles at most max-concurrency files at once', async () => {
    for (let i = 0; i < 6; i++) bed.ws.write(`batches/f${i}.jsonl`, requestFile(2, `f${i}`))
    bed.openai.latencyMs = 100
    const r = await bed.ws.run({ event: 'push', env: env(), inputs: { 'max-concurrency': '2' } })
    expect(r.outputs.submitted).toBe('6')
    expect(bed.openai.maxInFlight).toBe(2)
  })

  it('leaves a superseded batch running when cancel-superseded is false', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push()
    bed.ws.write('batches/a.jsonl', requestFile(4))
    const r = await bed.ws.run({ event: 'push', env: env(), inputs: { 'cancel-superseded': 'false' } })
    expect(r.code).toBe(0)
    expect(bed.openai.requests('POST', /\/cancel$/)).toHaveLength(0)
  })
})

describe('schedule', () => {
  it('writes finished results atomically, out-of-order lines intact, failed lines beside them', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(5, 'a'))
    await push()
    const [a] = batchFor('a.jsonl')
    bed.openai.complete(a!.id, { failIds: ['a-2'] })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(r.outputs['results-changed']).toBe('true')
    expect(bed.ws.read('results/a.jsonl')).toBe(
      FakeOpenAI.results(a!.endpoint, bed.ws.read('batches/a.jsonl'), { failIds: ['a-2'], inOrder: true }).output
    )
    const ids = bed.ws
      .read('results/a.jsonl')
      .trim()
      .split('\n')
      .map(l => (JSON.parse(l) as { custom_id: string }).custom_id)
    expect(ids).toEqual(['a-1', 'a-3', 'a-4', 'a-5']) // OpenAI returned them in reverse
    expect(bed.ws.read('results/a.errors.jsonl')).toContain('"custom_id":"a-2"')
    const rows = JSON.parse(r.outputs.batches!) as {
      output_path: string
      error_path: string
      request_counts: unknown
    }[]
    expect(rows[0]).toMatchObject({
      output_path: 'results/a.jsonl',
      error_path: 'results/a.errors.jsonl',
      request_counts: { total: 5, completed: 4, failed: 1 }
    })
    expect(r.summary).toContain('results/a.errors.jsonl')
    expect(bed.ws.list('results')).toEqual(['results/a.errors.jsonl', 'results/a.jsonl'])
  })

  it("keeps OpenAI's order, byte for byte, with results-order: as-returned", async () => {
    bed.ws.write('batches/a.jsonl', requestFile(5, 'a'))
    await push()
    const a = bed.openai.complete(batchFor('a.jsonl')[0]!.id)
    // Read now: once published, the file is deleted at OpenAI (delete-remote-files).
    const returned = bed.openai.files.get(a.output_file_id!)!.content.toString()
    const r = await bed.ws.run({ event: 'schedule', env: env(), inputs: { 'results-order': 'as-returned' } })
    expect(r.code).toBe(0)
    expect(bed.ws.read('results/a.jsonl')).toBe(returned)
  })

  it('does not download again what it already collected', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    await push()
    bed.openai.complete(batchFor('a.jsonl')[0]!.id)
    await schedule()
    const downloads = bed.openai.requests('GET', /\/content$/).length
    const r = await schedule()
    expect(r.outputs.completed).toBe('0')
    expect(r.outputs['results-changed']).toBe('false')
    expect(bed.openai.requests('GET', /\/content$/)).toHaveLength(downloads)
  })

  it('reports pending batches and writes nothing while they run', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    await push()
    const r = await schedule()
    expect(r.outputs.pending).toBe('1')
    expect(r.outputs.completed).toBe('0')
    expect(bed.ws.list('results')).toEqual([])
  })

  it('writes only the errors file when every line failed', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await push()
    bed.openai.complete(batchFor('a.jsonl')[0]!.id, { failIds: ['a-1', 'a-2'] })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(bed.ws.list('results')).toEqual(['results/a.errors.jsonl'])
  })

  it('collects the partial output of an expired batch and counts it as failed', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(4, 'a'))
    await push()
    bed.openai.finish(batchFor('a.jsonl')[0]!.id, 'expired', { done: 3 })
    const r = await schedule()
    expect(r.outputs.failed).toBe('1')
    expect(bed.ws.read('results/a.jsonl').trim().split('\n')).toHaveLength(3)
    expect(bed.ws.read('results/a.errors.jsonl')).toContain('batch_expired')
  })

  it('turns a batch that failed validation into annotations on the request file', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push()
    bed.openai.failValidation(batchFor('a.jsonl')[0]!.id, [
      { code: 'invalid_model', message: 'The model does not exist.', line: 2 }
    ])
    const r = await schedule()
    expect(r.outputs.failed).toBe('1')
    expect(r.annotations).toContainEqual({
      level: 'error',
      file: 'batches/a.jsonl',
      line: 2,
      message: expect.stringContaining('invalid_model: The model does not exist.')
    })
  })
})

describe('remembering', () => {
  it('creates no second batch when the cache is lost, and still collects', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push()
    bed.cache.entries.length = 0
    const again = await push()
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('found batch')
    expect(again.outputs.submitted).toBe('0')
    expect(created()).toHaveLength(1)
    expect(uploads()).toHaveLength(1)
    bed.openai.complete(batchFor('a.jsonl')[0]!.id)
    bed.cache.entries.length = 0
    const r = await schedule()
    expect(r.outputs.completed).toBe('1')
    expect(bed.ws.exists('results/a.jsonl')).toBe(true)
  })

  it('pages through other batches to find its own when rebuilding', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push()
    const input = [...bed.openai.files.values()][0]!.id
    for (let i = 0; i < 250; i++)
      bed.openai.createBatch({
        input_file_id: input,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
        metadata: { oba_scope: 'octo/other:batches', oba_path: 'a.jsonl', oba_sha256: 'x' }
      })
    bed.cache.entries.length = 0
    const again = await push()
    expect(again.outputs.submitted).toBe('0')
    expect(
      bed.openai
        .requests('GET', /^\/v1\/batches$/)
        .slice(-3)
        .map(r => r.query.after !== undefined)
    ).toEqual([false, true, true])
    expect(created()).toHaveLength(1)
  })

  it('works without any cache service, with a warning', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    const noCache = { OPENAI_API_KEY: bed.openai.apiKey, OPENAI_BASE_URL: bed.openai.url, INPUT_PROVIDER: 'openai' }
    const r = await bed.ws.run({ event: 'push', env: noCache })
    expect(r.code).toBe(0)
    expect(r.annotations.some(a => a.level === 'warning' && /cache service is not available/.test(a.message))).toBe(
      true
    )
    await bed.ws.run({ event: 'push', env: noCache })
    expect(created()).toHaveLength(1)
  })

  it('does both in a workflow_dispatch run', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'workflow_dispatch', env: env() })
    expect(r.outputs.submitted).toBe('1')
    bed.openai.complete(batchFor('a.jsonl')[0]!.id)
    const r2 = await bed.ws.run({ event: 'workflow_dispatch', env: env() })
    expect(r2.outputs.completed).toBe('1')
    expect(bed.ws.exists('results/a.jsonl')).toBe(true)
  })
})

describe('dry run and bad input', () => {
  it('plans without uploading, creating, writing or saving', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'workflow_dispatch', env: env(), inputs: { 'dry-run': 'true' } })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('would submit batches/a.jsonl')
    expect(uploads()).toHaveLength(0)
    expect(created()).toHaveLength(0)
    expect(bed.cache.keys()).toEqual([])
    expect(bed.ws.list()).toEqual(['batches/a.jsonl'])
  })

  it('needs no API key for a dry run', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ inputs: { 'dry-run': 'true' } })
    expect(r.code).toBe(0)
    expect(bed.openai.log).toHaveLength(0)
  })

  it('annotates an invalid file at its line, submits the others, and fails the step naming it', async () => {
    bed.ws.write('batches/good.jsonl', requestFile(2))
    bed.ws.write(
      'batches/bad.jsonl',
      [request('x'), '{"custom_id": "y", "method": "POST"', request('x')].join('\n') + '\n'
    )
    const r = await push()
    expect(r.code).toBe(1)
    expect(r.annotations).toContainEqual({
      level: 'error',
      file: 'batches/bad.jsonl',
      line: 2,
      message: expect.stringContaining('Not valid JSON')
    })
    expect(r.annotations).toContainEqual({
      level: 'error',
      file: 'batches/bad.jsonl',
      line: 3,
      message: expect.stringContaining("custom_id 'x' is used again (first on line 1)")
    })
    expect(
      r.annotations.some(a => a.level === 'error' && !a.file && a.message.includes('batches/bad.jsonl is invalid'))
    ).toBe(true)
    expect(batchFor('good.jsonl')).toHaveLength(1)
    expect(batchFor('bad.jsonl')).toHaveLength(0)
    expect(uploads()).toHaveLength(1)
  })

  it('says what to change when the key is missing', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'push', env: bed.cache.env() })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("No OpenAI API key. Set the 'api-key' input")
    expect(r.summary).toContain('No OpenAI API key')
  })

  it('says what to change when the key is refused, and never prints it', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'push', env: { ...env(), OPENAI_API_KEY: 'sk-wrong-secret-123' } })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('OpenAI rejected the API key')
    expect(r.stdout.replace('::add-mask::sk-wrong-secret-123', '')).not.toContain('sk-wrong-secret-123')
    expect(r.summary).not.toContain('sk-wrong-secret-123')
  })

  it('says what to change when the key may not use Files or Batches', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    bed.openai.inject('GET', /^\/v1\/batches$/, { kind: 'status', status: 403 })
    const r = await push()
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('OpenAI answered 403')
    expect(r.stdout).toContain('give it write access to Files and Batches')
    expect(uploads()).toHaveLength(0)
  })

  it('says what to change when the base URL does not answer', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    await bed.openai.stop()
    const r = await push()
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`could not reach the OpenAI API at ${bed.openai.url}`)
    expect(r.stdout).toContain('Check base-url')
  })
})
