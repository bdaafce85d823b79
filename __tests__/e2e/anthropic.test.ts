/**
 * Anthropic's Message Batches, end to end: dist/index.js as a child process
 * against the loopback fake of the API (__tests__/fakes/anthropic.ts, proven
 * with @anthropic-ai/sdk), the Actions cache and GitHub (#24).
 */
import { describe, expect, it } from '@jest/globals'
import { claudeFile, claudeRequest, useAnthropicBed } from '../helpers/anthropic-e2e'

const bed = useAnthropicBed()

const run = (event: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  bed.ws.run({ event, inputs, env: { ...bed.env(), ...env } })
const push = (inputs: Record<string, string> = {}) => run('push', inputs)
const unmasked = (out: string) =>
  out
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
const schedule = (inputs: Record<string, string> = {}) => run('schedule', inputs)
const creates = () => bed.anthropic.requests('POST', /^\/v1\/messages\/batches$/)
const lines = (file: string) =>
  bed.ws
    .read(file)
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as { custom_id: string; result: { type: string } })

describe('push', () => {
  it("creates one batch a file, in Anthropic's own format, its custom_ids tagged", async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(3, 'a'))
    bed.ws.write('batches/b.jsonl', claudeFile(2, 'b'))
    const r = await push()
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('2')
    expect(creates()).toHaveLength(2)
    // Created side by side: in either order.
    const of = (id: string) => bed.batches().find(x => x.requests.some(q => q.custom_id.endsWith(`_${id}`)))
    const [a, b] = [of('a-1'), of('b-1')]
    expect(a!.requests.map(q => q.custom_id)).toEqual(
      ['a-1', 'a-2', 'a-3'].map(id => expect.stringMatching(new RegExp(`^[0-9a-f]{8}011_${id}$`)))
    )
    expect(a!.requests[0]!.params).toEqual(JSON.parse(claudeRequest('a-1')).params)
    expect(b!.requests).toHaveLength(2)
    const headers = creates()[0]!.headers
    expect(headers['x-api-key']).toBe(bed.anthropic.apiKey)
    expect(headers['anthropic-version']).toBe('2023-06-01')
    expect(r.summary).toMatch(/^## Anthropic batches/)
    // Nothing is uploaded: the log and the batches output say so.
    expect(r.stdout).not.toContain('uploaded as')
    expect(r.stdout).toMatch(/batches\/a\.jsonl: batch msgbatch_\w+ created \(in_progress, 3 requests sent inline\)\./)
    expect((JSON.parse(r.outputs.batches!) as { input_file_id: unknown }[]).map(x => x.input_file_id)).toEqual([
      null,
      null
    ])
    // The runner hides what ::add-mask:: names; the command itself has to carry the key.
    expect(unmasked(r.stdout)).not.toContain(bed.anthropic.apiKey)
  })

  it('submits nothing for an invalid file and names its line; its neighbours go', async () => {
    bed.ws.write('batches/good.jsonl', claudeFile(1))
    bed.ws.write(
      'batches/bad.jsonl',
      `${claudeRequest('q-1')}\n${JSON.stringify({ custom_id: 'q-2', method: 'POST', url: '/v1/chat/completions', body: {} })}\n`
    )
    const r = await push()
    expect(r.code).toBe(1)
    expect(bed.batches()).toHaveLength(1)
    expect(r.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        file: 'batches/bad.jsonl',
        line: 2,
        message: expect.stringContaining('params')
      })
    )
  })

  it('makes one batch when the answer to its create is lost', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(2))
    bed.anthropic.dropNextCreateAnswer()
    const r = await push()
    expect(r.code).toBe(0)
    expect(creates()).toHaveLength(1)
    expect(bed.batches()).toHaveLength(1)
    expect(r.stdout).toContain('it had taken effect; using it.')
  })

  it('names the api-key input when the key is refused, after one call', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(1))
    const r = await run('push', {}, { ANTHROPIC_API_KEY: 'sk-ant-wrong' })
    expect(r.code).toBe(1)
    expect(r.annotations.map(a => a.message).join('\n')).toContain('api-key')
    // The listing before the create is refused, and the run stops there.
    expect(bed.anthropic.log.filter(q => q.status === 401)).toHaveLength(1)
    expect(creates()).toEqual([])
    expect(unmasked(r.stdout)).not.toContain('sk-ant-wrong')
  })
})

describe('schedule', () => {
  it("writes Anthropic's result lines with the user's ids, in input order, errors apart", async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(4))
    await push()
    const [b] = bed.batches()
    bed.anthropic.end(b!.id, { error: { [bed.sentId(b!, 'q-3')]: 'invalid_request_error' } })
    const r = await schedule({ 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret })
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(lines('results/a.jsonl').map(l => [l.custom_id, l.result.type])).toEqual([
      ['q-1', 'succeeded'],
      ['q-2', 'succeeded'],
      ['q-4', 'succeeded']
    ])
    expect(lines('results/a.errors.jsonl').map(l => [l.custom_id, l.result.type])).toEqual([['q-3', 'errored']])
    expect(r.outputs['failed-requests']).toBe('1')
    // The fake's usage a message: 12 input, 3 written to and 5 read from the cache, 7 output.
    expect(JSON.parse(r.outputs.usage!)).toMatchObject({ input_tokens: 60, output_tokens: 21 })
    expect(bed.webhook.events()[0]!.data).toMatchObject({ id: b!.id, provider: 'anthropic', status: 'completed' })
    expect(bed.github.head().message).toMatch(/^Add Anthropic batch results \(1 batch\)/)
  })

  it('retries the lines that may pass, and merges the round into the results', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(3))
    await push({ 'retry-failed': '1' })
    const [b] = bed.batches()
    bed.anthropic.end(b!.id, {
      error: { [bed.sentId(b!, 'q-1')]: 'overloaded_error', [bed.sentId(b!, 'q-2')]: 'invalid_request_error' }
    })
    const first = await schedule({ 'retry-failed': '1' })
    expect(first.code).toBe(0)
    const retry = bed.batches()[1]!
    expect(retry.requests.map(q => q.custom_id)).toEqual([expect.stringMatching(/^[0-9a-f]{8}111_q-1$/)])
    bed.anthropic.end(retry.id)
    const second = await schedule({ 'retry-failed': '1' })
    expect(second.code).toBe(0)
    expect(lines('results/a.jsonl').map(l => l.custom_id)).toEqual(['q-1', 'q-3'])
    expect(lines('results/a.errors.jsonl').map(l => l.custom_id)).toEqual(['q-2'])
  })

  it('finds an ended batch again by its tag after a lost cache, and submits nothing twice', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(2))
    await push()
    const [b] = bed.batches()
    bed.anthropic.end(b!.id)
    bed.cache.entries.length = 0
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(creates()).toHaveLength(1)
    expect(r.stdout).toContain(`found batch ${b!.id}`)
    expect(lines('results/a.jsonl').map(l => l.custom_id)).toEqual(['q-1', 'q-2'])
  })

  it('cancels the batch of a changed file', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(2))
    await push()
    bed.ws.write('batches/a.jsonl', claudeFile(3))
    const r = await push()
    expect(r.code).toBe(0)
    const [old, now] = bed.batches()
    expect(old!.cancel_initiated_at).not.toBeNull()
    expect(now!.requests).toHaveLength(3)
  })
})

describe('settings', () => {
  it('refuses inputs Anthropic has no use for, before any call', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(1))
    const r = await push({ metadata: '{"team":"x"}' })
    expect(r.code).toBe(1)
    expect(r.annotations[0]!.message).toContain('metadata')
    expect(bed.anthropic.log).toEqual([])
  })
})
