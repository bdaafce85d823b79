/**
 * A year of state, end to end: a settled batch is saved compacted, and what is
 * read back from it creates no second batch and leaves its results alone.
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const run = (event: string) => bed.ws.run({ event, env: bed.env(), inputs: { results: 'none' } })
const created = () => bed.openai.requests('POST', /^\/v1\/batches$/)

describe('a compacted state', () => {
  it('makes no duplicate batch, on a push, a collect or a run without the cache, and the results stay', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    expect((await run('push')).code).toBe(0)
    const [a] = bed.batchesFor('a.jsonl')
    bed.openai.complete(a!.id)
    const collected = await run('schedule')
    expect(collected.code).toBe(0)
    expect(collected.outputs.completed).toBe('1')
    const results = bed.ws.read('results/a.jsonl')
    // Collected and its files deleted at OpenAI: settled, so saved as a row.
    expect(collected.stdout).toContain('State saved')
    const saved = fs.readFileSync(path.join(bed.ws.temp, 'openai-batch-action', 'state', 'state.json'), 'utf8')
    expect(saved).toContain('"settled":[')
    expect(saved).toContain(a!.id)
    for (const event of ['push', 'schedule', 'workflow_dispatch']) {
      const r = await run(event)
      expect(r.code).toBe(0)
      expect(r.outputs.submitted).toBe('0')
      expect(r.stdout).toContain('State: 1 tracked batch')
    }
    bed.cache.entries.length = 0
    const rebuilt = await run('push')
    expect(rebuilt.code).toBe(0)
    expect(rebuilt.outputs.submitted).toBe('0')
    expect(created()).toHaveLength(1)
    expect(bed.ws.read('results/a.jsonl')).toBe(results)
  })
})
