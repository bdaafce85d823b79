/** Renaming a request file costs nothing: the new path keeps the batch, and the results move with it. */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const run = (event: string) => bed.ws.run({ event, env: bed.env() })
const spent = () => bed.openai.requests('POST', /^\/v1\/(files|batches)$/)
const cancels = () => bed.openai.requests('POST', /\/cancel$/)
const rename = (from: string, to: string) => {
  fs.mkdirSync(path.dirname(path.join(bed.ws.dir, to)), { recursive: true })
  fs.renameSync(path.join(bed.ws.dir, from), path.join(bed.ws.dir, to))
}

describe('a renamed request file', () => {
  it('keeps its pending batch: no upload, no new batch, no cancel; its results land at the new path', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await run('push')
    const [b] = bed.batchesFor('a.jsonl')
    const before = spent().length
    rename('batches/a.jsonl', 'batches/sub/b.jsonl')
    const r = await run('push')
    expect(r.code).toBe(0)
    expect(spent()).toHaveLength(before)
    expect(cancels()).toEqual([])
    expect(r.stdout).toContain(
      `batches/sub/b.jsonl was batches/a.jsonl: it keeps its 1 batch (${b!.id}); nothing is submitted again.`
    )
    expect(JSON.parse(r.outputs.batches!).map((x: { file: string; batch_id: string }) => [x.file, x.batch_id])).toEqual(
      [['batches/sub/b.jsonl', b!.id]]
    )

    bed.openai.complete(b!.id)
    const collected = await run('schedule')
    expect(collected.code).toBe(0)
    expect(bed.github.files().has('results/sub/b.jsonl')).toBe(true)
    expect(bed.github.files().has('results/a.jsonl')).toBe(false)
  })

  it('moves results already committed to the new result path, in one commit', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await run('push')
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    await run('schedule')
    const results = bed.ws.read('results/a.jsonl')
    const before = spent().length
    const commits = bed.github.commits.size
    rename('batches/a.jsonl', 'batches/b.jsonl')
    await run('push')
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(spent()).toHaveLength(before)
    expect(bed.github.commits.size).toBe(commits + 1)
    const files = bed.github.files()
    expect(files.get('results/b.jsonl')).toBe(results)
    expect(files.has('results/a.jsonl')).toBe(false)
    expect(bed.ws.exists('results/a.jsonl')).toBe(false)
    // The batch was counted when it was first collected, not again now.
    expect(r.outputs.completed).toBe('0')
  })

  it('keeps its batch when the state was lost too: the batch metadata names the content', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await run('push')
    const before = spent().length
    bed.cache.entries.length = 0
    rename('batches/a.jsonl', 'batches/b.jsonl')
    const r = await run('push')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('No saved state')
    expect(spent()).toHaveLength(before)
    expect(r.outputs.submitted).toBe('0')
  })

  it('is submitted as its own work when copied (both paths present)', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await run('push')
    bed.ws.write('batches/copy.jsonl', bed.ws.read('batches/a.jsonl'))
    const r = await run('push')
    expect(r.outputs.submitted).toBe('1')
    expect(bed.batchesFor('copy.jsonl')).toHaveLength(1)
  })
})

describe('a deleted request file', () => {
  it('has its committed results removed by the next results commit, and says so', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    await run('push')
    for (const b of bed.openai.batches.values()) bed.openai.complete(b.id, { failIds: ['a-2'] })
    await run('schedule')
    expect(bed.github.files().has('results/a.errors.jsonl')).toBe(true)
    fs.rmSync(path.join(bed.ws.dir, 'batches/a.jsonl'))
    const pushed = await run('push')
    expect(pushed.code).toBe(0)
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('batches/a.jsonl was deleted: its results are removed')
    const files = bed.github.files()
    expect(['results/a.jsonl', 'results/a.errors.jsonl', 'results/b.jsonl'].map(f => files.has(f))).toEqual([
      false,
      false,
      true
    ])
    expect(bed.github.head().message).toContain('- results/a.jsonl (removed: its request file was deleted)')
    // Done with: the next run removes nothing more.
    const commits = bed.github.commits.size
    await run('schedule')
    expect(bed.github.commits.size).toBe(commits)
  })

  it('keeps its results with keep-orphan-results', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await run('push')
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    await run('schedule')
    fs.rmSync(path.join(bed.ws.dir, 'batches/a.jsonl'))
    await bed.ws.run({ event: 'push', env: bed.env(), inputs: { 'keep-orphan-results': 'true' } })
    await bed.ws.run({ event: 'schedule', env: bed.env(), inputs: { 'keep-orphan-results': 'true' } })
    expect(bed.github.files().has('results/a.jsonl')).toBe(true)
  })

  it('cancels its unfinished batch, saying it was deleted', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    await run('push')
    const [a] = bed.batchesFor('a.jsonl')
    fs.rmSync(path.join(bed.ws.dir, 'batches/a.jsonl'))
    const r = await run('push')
    expect(cancels().map(c => c.path)).toEqual([`/v1/batches/${a!.id}/cancel`])
    expect(r.stdout).toContain(`Cancelled batch ${a!.id}: a.jsonl was deleted.`)
    expect(r.summary).toContain(`(cancelling): its file was deleted; tracked until it ends.`)
    expect(JSON.parse(r.outputs.batches!)).toContainEqual(
      expect.objectContaining({ batch_id: a!.id, status: 'cancelling', superseded: 'deleted' })
    )
  })

  it('has its cancelled batch tracked until it ends: its partial output kept, announced once, then forgotten', async () => {
    const inputs = { 'keep-superseded': 'true', 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret }
    const go = (event: string) => bed.ws.run({ event, env: bed.env(), inputs })
    bed.ws.write('batches/a.jsonl', requestFile(4, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    await go('push')
    const [a] = bed.batchesFor('a.jsonl')
    fs.rmSync(path.join(bed.ws.dir, 'batches/a.jsonl'))
    await go('push')
    // The cancel takes effect with 3 of its 4 requests answered.
    bed.openai.finish(a!.id, 'cancelled', { done: 3 })
    bed.openai.complete(bed.batchesFor('b.jsonl')[0]!.id)
    const r = await go('schedule')
    expect(r.code).toBe(0)
    const kept = `results/a.jsonl.superseded/${a!.id}.jsonl`
    expect(bed.github.files().get(kept)?.split('\n').filter(Boolean)).toHaveLength(3)
    expect(r.summary).toContain(`(cancelled, 3 of 4 requests done): its file was deleted; partial output in`)
    const events = () => bed.webhook.events().filter(e => e!.data.id === a!.id)
    expect(events().map(e => [e!.type, e!.data.superseded, e!.data.output_path])).toEqual([
      ['batch.cancelled', 'deleted', kept]
    ])
    // Announced: the next run forgets it, and says nothing of it again.
    const next = await go('schedule')
    expect(events()).toHaveLength(1)
    expect(JSON.parse(next.outputs.batches!).map((b: { batch_id: string }) => b.batch_id)).not.toContain(a!.id)
    expect(next.summary).not.toContain(a!.id)
  })

  it('does not download a superseded batch by default, and reports its counts', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(4, 'a'))
    await run('push')
    const [a] = bed.batchesFor('a.jsonl')
    bed.ws.write('batches/a.jsonl', requestFile(5, 'a'))
    await run('push')
    bed.openai.finish(a!.id, 'cancelled', { done: 2 })
    const downloads = () =>
      bed.openai.requests('GET', new RegExp(`/v1/files/${bed.openai.batch(a!.id).output_file_id}/content`)).length
    const r = await run('schedule')
    expect(downloads()).toBe(0)
    expect(r.summary).toContain(
      '(cancelled, 2 of 4 requests done): its file changed; its partial output is not downloaded (`keep-superseded: true` keeps it).'
    )
    expect([...bed.github.files().keys()].filter(f => f.includes('.superseded/'))).toEqual([])
  })
})
