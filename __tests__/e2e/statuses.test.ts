/**
 * Many batches in flight: a scheduled run reads their statuses from the batch
 * list (GET /v1/batches, a page of 100 a call, newest first) instead of
 * retrieving each, stops once past the oldest, and downloads only the
 * finished ones (#14).
 */
import { describe, expect, it } from '@jest/globals'
import { CLOCK_SKEW_SECONDS } from '../../src/core/limits'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const push = () => bed.ws.run({ event: 'push', env: bed.env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: bed.env() })
const lists = () => bed.openai.requests('GET', /^\/v1\/batches$/)
const retrieves = () => bed.openai.requests('GET', /^\/v1\/batches\/[^/]+$/)
const downloads = () => bed.openai.requests('GET', /\/content$/)
/** Every call that reads (the rest are deletes of finished files, delete-remote-files). */
const reads = () => bed.openai.log.filter(r => r.method === 'GET')
const idOf = (file: string): string => bed.batchesFor(file)[0]!.id

/** `n` batches of another tool, made `ago` seconds before now. */
function others(n: number, ago = 0): void {
  const input = bed.openai.addFile(requestFile(1, 'other'), 'other-tool.jsonl')
  const real = bed.openai.now
  bed.openai.now = () => real() - ago
  for (let i = 0; i < n; i++)
    bed.openai.createBatch({
      input_file_id: input,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { tool: 'another' }
    })
  bed.openai.now = real
}

/**
 * 12 batches of ours in flight, in two pages of the list: newest first, b0-b5,
 * 120 of another tool, then a0-a5, then 150 of that tool from before the
 * clock-skew margin, which the list need not reach.
 */
async function inFlight(): Promise<void> {
  others(150, CLOCK_SKEW_SECONDS + 3600)
  for (let i = 0; i < 6; i++) bed.ws.write(`batches/a${i}.jsonl`, requestFile(1, `a${i}`))
  expect((await push()).outputs.submitted).toBe('6')
  others(120)
  for (let i = 0; i < 6; i++) bed.ws.write(`batches/b${i}.jsonl`, requestFile(1, `b${i}`))
  expect((await push()).outputs.submitted).toBe('6')
  for (const b of bed.openai.batches.values()) if (b.metadata?.oba_path) bed.openai.begin(b.id)
  bed.openai.log.length = 0
}

describe('statuses from the batch list', () => {
  it("reads two pages for 12 batches, passing over another tool's, and downloads only the finished", async () => {
    await inFlight()
    bed.openai.complete(idOf('a2.jsonl'))
    bed.openai.complete(idOf('b4.jsonl'))
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('2')
    expect(r.outputs.pending).toBe('10')
    // Two pages, the second after the first's last id; none of the 150 older batches' pages.
    const [first, second] = lists()
    expect(lists()).toHaveLength(2)
    expect([first!.query, second!.query]).toEqual([
      { limit: '100' },
      { limit: '100', after: (first!.response as { last_id: string }).last_id }
    ])
    expect((second!.response as { has_more: boolean }).has_more).toBe(true)
    expect(retrieves()).toHaveLength(0)
    expect(downloads()).toHaveLength(2)
    expect(reads()).toHaveLength(4)
    expect(bed.ws.list('results')).toEqual(['results/a2.jsonl', 'results/b4.jsonl'])
  })

  it('takes the status each page shows: a batch that finishes after its page was read is collected next run', async () => {
    await inFlight()
    // Once the first page is answered: b0 (on it) and a0 (on the second) finish.
    bed.openai.tap('GET', /^\/v1\/batches$/, 'answered', () => {
      bed.openai.complete(idOf('b0.jsonl'))
      bed.openai.complete(idOf('a0.jsonl'))
    })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(bed.ws.list('results')).toEqual(['results/a0.jsonl'])
    expect(lists()).toHaveLength(2)
    expect(retrieves()).toHaveLength(0)
    bed.openai.log.length = 0
    const next = await schedule()
    expect(next.outputs.completed).toBe('1')
    expect(bed.ws.list('results')).toEqual(['results/a0.jsonl', 'results/b0.jsonl'])
    expect(lists()).toHaveLength(2)
    expect(downloads()).toHaveLength(1)
  })

  it('retrieves by id the batches the list passed without showing, and reads no page past the oldest', async () => {
    await inFlight()
    const missing = [idOf('b2.jsonl'), idOf('a1.jsonl'), idOf('a3.jsonl')]
    for (const id of missing) bed.openai.unlisted.add(id)
    bed.openai.complete(missing[1]!)
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(bed.ws.list('results')).toEqual(['results/a1.jsonl'])
    // Three still unseen after two pages, but the second reached batches from before the oldest of ours.
    expect(lists()).toHaveLength(2)
    expect(
      retrieves()
        .map(q => q.path)
        .sort()
    ).toEqual(missing.map(id => `/v1/batches/${id}`).sort())
    expect(reads()).toHaveLength(6)
  })

  it('stops the run when the list is refused for the key', async () => {
    await inFlight()
    bed.openai.inject('GET', /^\/v1\/batches$/, { kind: 'status', status: 403 })
    const r = await schedule()
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('give it write access to Files and Batches')
    expect(retrieves()).toHaveLength(0)
  })
})
