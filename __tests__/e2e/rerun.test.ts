/**
 * rerun-key (#26): a new key submits every file once more, the same key never
 * twice, with or without the Actions cache; the dist bundle against the fakes.
 */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()

const run = (event: string, key: string) => bed.ws.run({ event, env: bed.env(), inputs: { 'rerun-key': key } })
const creates = () => bed.openai.requests('POST', /^\/v1\/batches$/)
const loseCache = () => void (bed.cache.entries.length = 0)
const finishAll = () => {
  for (const b of bed.openai.batches.values()) if (b.status !== 'completed') bed.openai.complete(b.id)
}

describe('rerun-key', () => {
  it('submits every file again under a new key, once, with or without the cache', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(1, 'b'))
    expect((await run('push', '2026-12-07')).outputs.submitted).toBe('2')
    finishAll()
    const first = await run('schedule', '2026-12-07')
    expect([first.outputs.submitted, first.outputs.completed]).toEqual(['0', '2'])
    // The next day: both files go again, on the scheduled run.
    const next = await run('schedule', '2026-12-08')
    expect(next.code).toBe(0)
    expect(next.outputs.submitted).toBe('2')
    expect(creates()).toHaveLength(4)
    // The same day again: nothing twice, from the cache, then from the batches' metadata.
    expect((await run('schedule', '2026-12-08')).outputs.submitted).toBe('0')
    loseCache()
    expect((await run('schedule', '2026-12-08')).outputs.submitted).toBe('0')
    loseCache()
    expect((await run('push', '2026-12-07')).outputs.submitted).toBe('0')
    expect(creates()).toHaveLength(4)
    // The new day's results replace the last ones.
    finishAll()
    const done = await run('schedule', '2026-12-08')
    expect(done.code).toBe(0)
    expect(bed.ws.read('results/a.jsonl').trim().split('\n')).toHaveLength(2)
  })

  it('keeps the content alone as the identity when empty, as before', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(1))
    await run('push', '')
    expect((await run('push', '')).outputs.submitted).toBe('0')
    expect(creates()).toHaveLength(1)
  })
})
