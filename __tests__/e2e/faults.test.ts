/**
 * Faults between the action and OpenAI or the cache: lost answers, cut-off
 * downloads, refusals and lost state never make a second batch or a partial file.
 */
import { describe, expect, it } from '@jest/globals'
import { FakeOpenAI } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()

const env = (version: 'v1' | 'v2' = 'v2') => bed.env(version)
const push = () => bed.ws.run({ event: 'push', env: env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: env() })
const batchesFor = bed.batchesFor
const inputFiles = () => [...bed.openai.files.values()].filter(f => f.purpose === 'batch')

describe('lost answers to creates', () => {
  it('finds the uploaded file by its content-derived name instead of uploading it again', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    bed.openai.inject('POST', /^\/v1\/files$/, { kind: 'lost' })
    const r = await push()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('it had taken effect; using it')
    expect(bed.openai.requests('POST', /^\/v1\/files$/)).toHaveLength(1)
    expect(inputFiles()).toHaveLength(1)
    expect(batchesFor('a.jsonl')).toHaveLength(1)
    expect(batchesFor('a.jsonl')[0]!.input_file_id).toBe(inputFiles()[0]!.id)
  })

  it('finds the created batch by its metadata instead of creating it again', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    bed.openai.inject('POST', /^\/v1\/batches$/, { kind: 'lost' })
    const r = await push()
    expect(r.code).toBe(0)
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)).toHaveLength(1)
    expect(batchesFor('a.jsonl')).toHaveLength(1)
    expect(JSON.parse(r.outputs.batches!)[0].batch_id).toBe(batchesFor('a.jsonl')[0]!.id)
  })

  it('tries again after a refusal that took no effect', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    bed.openai.inject('POST', /^\/v1\/batches$/, { kind: 'status', status: 500 })
    bed.openai.inject('POST', /^\/v1\/files$/, { kind: 'status', status: 429, headers: { 'retry-after': '0' } })
    const r = await push()
    expect(r.code).toBe(0)
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)).toHaveLength(2)
    expect(batchesFor('a.jsonl')).toHaveLength(1)
    expect(inputFiles()).toHaveLength(1)
  })

  it('gives up on a create the API keeps refusing, and fails the step naming each file', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    bed.ws.write('batches/b.jsonl', requestFile(3, 'b'))
    bed.openai.inject('POST', /^\/v1\/batches$/, { kind: 'status', status: 400 }, Infinity)
    const r = await push()
    expect(r.code).toBe(1)
    const refused = r.annotations
      .filter(a => a.level === 'error' && a.file)
      .sort((x, y) => x.file!.localeCompare(y.file!))
    expect(refused).toEqual(
      ['batches/a.jsonl', 'batches/b.jsonl'].map(file => ({
        level: 'error',
        file,
        message: expect.stringContaining('OpenAI answered 400')
      }))
    )
    // A 400 is final: one create per file, none tried again.
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)).toHaveLength(2)
    expect(bed.openai.batches.size).toBe(0)
    expect(r.outputs.submitted).toBe('0')
  })
})

describe('downloads', () => {
  it('retries a download cut off half way and writes the whole file', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(50))
    await push()
    const b = bed.openai.complete(batchesFor('a.jsonl')[0]!.id)
    bed.openai.inject('GET', /\/content$/, { kind: 'truncate' })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('broke off')
    expect(bed.ws.read('results/a.jsonl')).toBe(
      FakeOpenAI.results(b.endpoint, bed.ws.read('batches/a.jsonl'), { inOrder: true }).output
    )
    expect(bed.ws.list('results')).toEqual(['results/a.jsonl'])
  })

  it('leaves no file when a download fails, and collects on the next run', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(50))
    await push()
    bed.openai.complete(batchesFor('a.jsonl')[0]!.id)
    // Every attempt the SDK makes fails.
    bed.openai.inject('GET', /\/content$/, { kind: 'status', status: 500, headers: { 'retry-after-ms': '10' } }, 5)
    const r = await schedule()
    expect(r.code).toBe(1)
    expect(bed.ws.list('results')).toEqual([])
    expect(r.outputs.completed).toBe('0')
    const again = await schedule()
    expect(again.code).toBe(0)
    expect(again.outputs.completed).toBe('1')
    expect(bed.ws.list('results')).toEqual(['results/a.jsonl'])
  })

  it('says once, without failing every run, that a result file OpenAI no longer has cannot be collected', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(5))
    await push()
    bed.openai.complete(batchesFor('a.jsonl')[0]!.id)
    bed.openai.inject('GET', /\/content$/, { kind: 'status', status: 404 })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /::warning::batches\/a\.jsonl: the result files of batch \S+ are gone at OpenAI \(deleted once published, or expired\), and results does not have them: they cannot be collected\./
    )
    const downloads = bed.openai.requests('GET', /\/content$/).length
    const again = await schedule()
    expect(again.stdout).not.toContain('are gone at OpenAI')
    expect(bed.openai.requests('GET', /\/content$/)).toHaveLength(downloads)
  })

  // The SDK backs off for real between its attempts (about 7 s in all), hence the longer timeout.
  it("a steady 500 on a download costs at most the SDK's attempts", async () => {
    bed.ws.write('batches/a.jsonl', requestFile(50))
    await push()
    const b = bed.openai.complete(batchesFor('a.jsonl')[0]!.id)
    bed.openai.inject('GET', /\/content$/, { kind: 'status', status: 500 }, Infinity)
    const r = await schedule()
    expect(r.code).toBe(1)
    expect(r.annotations).toContainEqual({
      level: 'error',
      message: expect.stringMatching(new RegExp(`could not collect batch ${b.id}: .*OpenAI answered 500`))
    })
    expect(r.outputs.completed).toBe('0')
    expect(bed.ws.list('results')).toEqual([])
    // maxRetries 4 is 5 attempts; a retry loop of the action's own around the SDK multiplies them.
    const gets = bed.openai.requests('GET', new RegExp(`^/v1/files/${b.output_file_id}/content$`)).length
    expect(gets).toBeGreaterThan(0)
    expect(gets).toBeLessThanOrEqual(5)
  }, 120_000)

  it('rides out resets and 429s on status checks (the SDK retries reads)', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    await push()
    bed.openai.complete(batchesFor('a.jsonl')[0]!.id)
    bed.openai.inject('GET', /^\/v1\/batches\/[^/]+$/, { kind: 'reset' })
    bed.openai.inject('GET', /^\/v1\/batches\/[^/]+$/, { kind: 'status', status: 429, headers: { 'retry-after': '0' } })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
  })
})

describe('lost or stale state', () => {
  it('adopts the batch a run created but could not save, when the cache has nothing', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    bed.cache.fault = 'refuse-save'
    const first = await push()
    expect(first.annotations.some(a => a.level === 'warning' && /was not saved to the cache/.test(a.message))).toBe(
      true
    )
    bed.cache.fault = undefined
    const again = await push()
    expect(again.outputs.submitted).toBe('0')
    expect(bed.openai.batches.size).toBe(1)
  })

  it('adopts the batch a run created after the state it restored was saved', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push() // state saved with a's first content
    bed.ws.write('batches/a.jsonl', requestFile(4))
    bed.cache.fault = 'refuse-save'
    await push() // creates the batch for the new content, cannot save
    bed.cache.fault = undefined
    const third = await push() // restores the first state
    expect(third.stdout).toContain('State restored from cache key openai-batch-state-1001-1')
    expect(third.outputs.submitted).toBe('0')
    expect(bed.openai.batches.size).toBe(2)
    expect(inputFiles()).toHaveLength(2)
  })

  it('rebuilds from OpenAI when the cached archive is corrupt', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await push()
    bed.cache.fault = 'corrupt'
    const r = await push()
    expect(r.code).toBe(0)
    // @actions/cache warns itself when the archive will not unpack, and restores nothing.
    expect(r.annotations).toEqual([{ level: 'warning', message: expect.stringMatching(/^Failed to restore: /) }])
    expect(r.outputs.submitted).toBe('0')
    expect(bed.openai.batches.size).toBe(1)
  })

  it('keeps its state in the GHES (v1) cache service too', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await bed.ws.run({ event: 'push', env: env('v1') })
    expect(bed.cache.keys()).toEqual(['openai-batch-state-1001-1'])
    bed.openai.log.length = 0
    const again = await bed.ws.run({ event: 'push', env: env('v1') })
    expect(again.stdout).toContain('State restored from cache key openai-batch-state-1001-1')
    expect(again.outputs.submitted).toBe('0')
    expect(bed.openai.requests('GET', /^\/v1\/batches$/)).toHaveLength(0)
  })

  it('ignores, with a warning, a state saved for another source folder', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    bed.ws.write('other/b.jsonl', requestFile(2, 'b'))
    await push()
    const r = await bed.ws.run({ event: 'push', env: env(), inputs: { 'source-dir': 'other' } })
    expect(r.code).toBe(0)
    expect(r.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining("the saved state belongs to 'octo/batches:batches'")
    })
    expect(r.outputs.submitted).toBe('1')
  })

  it('warns, and goes on, when the state cannot be saved because its key is taken', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await bed.ws.run({ event: 'push', env: { ...env(), GITHUB_RUN_ID: '7' } })
    bed.ws.write('batches/a.jsonl', requestFile(4))
    const r = await bed.ws.run({ event: 'push', env: { ...env(), GITHUB_RUN_ID: '7' } })
    expect(r.code).toBe(0)
    expect(r.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('The state was not saved to the cache under openai-batch-state-7-1')
    })
  })
})
