/**
 * Gemini's Batch Mode, end to end: dist/index.js as a child process against the
 * loopback fake of the Files and Batch endpoints (__tests__/fakes/gemini.ts,
 * proven with @google/genai), the Actions cache and GitHub (#25).
 */
import { describe, expect, it } from '@jest/globals'
import { geminiFile, geminiRequest, useGeminiBed } from '../helpers/gemini-e2e'

const bed = useGeminiBed()

const run = (event: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  bed.ws.run({ event, inputs, env: { ...bed.env(), ...env } })
const creates = () => bed.gemini.requests('POST', /:batchGenerateContent$/)
const unmasked = (out: string) =>
  out
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
const lines = (file: string) =>
  bed.ws
    .read(file)
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as { key: string; response?: unknown; error?: { status: string } })

describe('push', () => {
  it("uploads each file and creates a batch for it with the model, in Gemini's own format", async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(3, 'a'))
    const r = await run('push')
    expect([r.code, r.code === 0 ? '' : r.stdout]).toEqual([0, ''])
    expect(r.outputs.submitted).toBe('1')
    expect(creates()).toHaveLength(1)
    expect(creates()[0]!.path).toMatch(/\/models\/gemini-2\.5-flash:batchGenerateContent$/)
    expect(bed.gemini.file(bed.batchAt(0).fileName).content!.toString()).toBe(bed.ws.read('batches/a.jsonl'))
    expect(r.summary).toMatch(/^## Gemini batches/)
    expect(unmasked(r.stdout)).not.toContain(bed.gemini.apiKey)
    for (const q of bed.gemini.log) expect(q.path + JSON.stringify(q.query)).not.toContain(bed.gemini.apiKey)
  })

  it('fails before any call without the model input, naming it', async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(1))
    const r = await run('push', {}, { INPUT_MODEL: '' })
    expect(r.code).toBe(1)
    expect(r.annotations[0]!.message).toContain("'model'")
    expect(bed.gemini.log).toEqual([])
  })

  it('names the api-key input when Google refuses the key (a 400), and stops', async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(1))
    const r = await run('push', {}, { GEMINI_API_KEY: 'AIza-wrong' })
    expect(r.code).toBe(1)
    expect(r.annotations.map(a => a.message).join('\n')).toContain('api-key')
    expect(bed.gemini.log.length).toBeLessThanOrEqual(2)
    expect(creates()).toEqual([])
  })

  it('makes one batch when the answer to its create is lost', async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(2))
    bed.gemini.dropNextCreateAnswer()
    const r = await run('push')
    expect(r.code).toBe(0)
    expect(bed.batches()).toHaveLength(1)
    expect(r.stdout).toContain('it had taken effect; using it.')
  })
})

describe('schedule', () => {
  it("writes Gemini's lines with the user's keys in input order, failures apart, and retries what may pass", async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(4))
    await run('push', { 'retry-failed': '1' })
    const { name } = bed.batchAt(0)
    bed.gemini.end(name, { errors: { 'q-2': 'UNAVAILABLE', 'q-3': 'INVALID_ARGUMENT' }, blocked: ['q-4'] })
    const first = await run('schedule', {
      'retry-failed': '1',
      'webhook-url': bed.webhook.url,
      'webhook-secret': bed.webhook.secret
    })
    expect([first.code, first.code === 0 ? '' : first.stdout]).toEqual([0, ''])
    expect(lines('results/a.jsonl').map(l => l.key)).toEqual(['q-1'])
    expect(lines('results/a.errors.jsonl').map(l => l.key)).toEqual(['q-2', 'q-3', 'q-4'])
    expect(JSON.parse(first.outputs.usage!).input_tokens).toBeGreaterThan(0)
    // Only the UNAVAILABLE line goes again.
    const retry = bed.batchAt(1)
    expect(bed.gemini.file(retry.fileName).content!.toString()).toBe(`${geminiRequest('q-2')}\n`)
    bed.gemini.end(retry.name)
    const second = await run('schedule', { 'retry-failed': '1' })
    expect(second.code).toBe(0)
    expect(lines('results/a.jsonl').map(l => l.key)).toEqual(['q-1', 'q-2'])
    expect(lines('results/a.errors.jsonl').map(l => l.key)).toEqual(['q-3', 'q-4'])
    expect(bed.github.head().message).toMatch(/^Add Gemini batch results/)
  })

  it('finds a batch again after a lost cache, by its name, and submits nothing twice', async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(2))
    await run('push')
    const { name } = bed.batchAt(0)
    bed.gemini.end(name)
    bed.cache.entries.length = 0
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(creates()).toHaveLength(1)
    expect(r.stdout).toContain(`found batch ${name}`)
    expect(lines('results/a.jsonl').map(l => l.key)).toEqual(['q-1', 'q-2'])
  })

  it('deletes the uploaded input once published, and keeps the batch', async () => {
    bed.ws.write('batches/a.jsonl', geminiFile(1))
    await run('push')
    const { name, fileName } = bed.batchAt(0)
    bed.gemini.end(name)
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(bed.gemini.requests('DELETE', /\/files\//).map(q => q.path)).toEqual([expect.stringContaining(fileName)])
    expect(bed.gemini.requests('DELETE', /\/batches\//)).toEqual([])
    expect(r.stdout).toContain(
      'Deleted 1 file at Gemini, of 1 finished batch (delete-remote-files). ' +
        'The batches are kept: they are what finds this content again after a lost cache.'
    )
  })
})
