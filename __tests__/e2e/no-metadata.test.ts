/**
 * A compatible provider that refuses batch metadata, or accepts it and keeps
 * none (#12), through dist/index.js: its batches are created without metadata,
 * and a lost or stale cache finds them again by their uploads' names, so the
 * same content never gets a second batch.
 */
import { describe, expect, it } from '@jest/globals'
import type { FakeBatch, FakeOpenAI } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const env = () => ({ ...bed.env(), INPUT_PROVIDER: 'compatible' })
const push = () => bed.ws.run({ event: 'push', env: env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: env() })
const loseCache = () => void (bed.cache.entries.length = 0)

/** A batch another tool made without metadata, from an upload whose name is not one of ours. */
function otherTool(openai: FakeOpenAI): FakeBatch {
  const input = openai.addFile(requestFile(2, 'o'), 'input.jsonl')
  return openai.createBatch({ input_file_id: input, endpoint: '/v1/chat/completions', completion_window: '24h' })
}

/** The batches the action made (all but `other`). */
const ours = (other: FakeBatch) => [...bed.openai.batches.values()].filter(b => b.id !== other.id)

describe.each<[FakeOpenAI['metadata'], string]>([
  ['refuse', 'refused the batch metadata'],
  ['null', 'kept none of the batch metadata'],
  ['empty', 'kept none of the batch metadata']
])('a compatible provider that answers metadata with %s', (mode, warning) => {
  it('creates one batch, and after each lost cache finds it by its upload: a push creates nothing, a schedule collects it', async () => {
    bed.openai.metadata = mode
    const other = otherTool(bed.openai)
    bed.ws.write('batches/v1.2/a.jsonl', requestFile(3, 'a'))

    const pushed = await push()
    expect(pushed.code).toBe(0)
    expect(pushed.outputs.submitted).toBe('1')
    const [batch, ...more] = ours(other)
    expect(more).toEqual([])
    expect(batch!.metadata ?? {}).toEqual({})
    expect(pushed.annotations.filter(a => a.level === 'warning').map(a => a.message)).toEqual([
      expect.stringContaining(`the Batch API at 127.0.0.1 ${warning}`)
    ])
    // A refused create made nothing; the one without metadata made the batch.
    expect(bed.openai.requests('POST', /^\/v1\/batches$/).map(r => r.status)).toEqual(
      mode === 'refuse' ? [400, 200] : [200]
    )

    loseCache()
    const again = await push()
    expect(again.code).toBe(0)
    expect(again.outputs.submitted).toBe('0')
    expect(again.stdout).toContain(
      `v1.2/a.jsonl: found batch ${batch!.id} (validating) at the Batch API at 127.0.0.1 by its upload's name.`
    )
    expect(ours(other)).toHaveLength(1)

    loseCache()
    bed.openai.complete(batch!.id)
    const collected = await schedule()
    expect(collected.code).toBe(0)
    expect(collected.outputs.completed).toBe('1')
    expect(bed.ws.lines('results/v1.2/a.jsonl')).toHaveLength(3)
    expect(bed.github.files().get('results/v1.2/a.jsonl')).toBe(bed.ws.read('results/v1.2/a.jsonl'))
    // delete-remote-files took its output but kept its upload: the name is what ties it after a lost cache.
    expect(bed.openai.files.has(batch!.input_file_id)).toBe(true)
    expect(bed.openai.files.has(batch!.output_file_id!)).toBe(false)

    loseCache()
    const later = await push()
    expect(later.code).toBe(0)
    expect(later.outputs.submitted).toBe('0')
    expect(ours(other)).toHaveLength(1)
    // The batch found again is done: its committed results stay as they are.
    const settled = await schedule()
    expect(settled.code).toBe(0)
    expect(settled.outputs.pending).toBe('0')
    expect(bed.ws.lines('results/v1.2/a.jsonl')).toHaveLength(3)
    expect(ours(other)).toHaveLength(1)
    // The other tool's batch and upload are left as they were.
    expect(bed.openai.batch(other.id).status).toBe('validating')
    expect(bed.openai.files.has(other.input_file_id)).toBe(true)
  })
})

describe('a compatible provider that refuses metadata, and a lost answer', () => {
  it('makes one batch when the answer to the create without metadata is lost: it is found by its upload', async () => {
    bed.openai.metadata = 'refuse'
    // The first create is refused all the same (a 400 is answered); the second takes effect and its answer is lost.
    bed.openai.inject('POST', /^\/v1\/batches$/, { kind: 'lost' }, 2)
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const r = await push()
    expect(r.code).toBe(0)
    expect(bed.openai.batches.size).toBe(1)
    expect(r.stdout).toContain('it had taken effect; using it.')
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)).toHaveLength(2)
  })
})

describe('a compatible provider that refuses metadata, and a run killed after a create', () => {
  it('finds the batch the stale cache does not know by its upload, and submits only what has none', async () => {
    bed.openai.metadata = 'refuse'
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    expect((await push()).code).toBe(0)
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    bed.cache.tap('POST', /CreateCacheEntry$/, () => bed.ws.kill())
    expect((await push()).signal).toBe('SIGKILL')
    expect(bed.openai.batches.size).toBe(2)

    bed.ws.write('batches/c.jsonl', requestFile(2, 'c'))
    const r = await push()
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('1')
    expect(r.stdout).toMatch(
      /b\.jsonl: found batch batch_\w+ \(validating\) at the Batch API at 127\.0\.0\.1 by its upload's name\./
    )
    const names = [...bed.openai.batches.values()]
      .map(b => bed.openai.files.get(b.input_file_id)!.filename.replace(/\..*$/, ''))
      .sort()
    expect(names).toEqual(['a', 'b', 'c'])
  })
})

describe('a compatible provider that refuses metadata, and two pushes at once', () => {
  it('leaves one usable batch per content: the younger is cancelled, told apart by its upload', async () => {
    bed.openai.metadata = 'refuse'
    bed.openai.latencyMs = 30
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const [one, two] = await Promise.all([push(), push()])
    expect([one.code, two.code]).toEqual([0, 0])
    const usable = [...bed.openai.batches.values()].filter(b => b.status !== 'cancelled' && b.status !== 'cancelling')
    expect(usable).toHaveLength(1)
    bed.openai.latencyMs = 0
    loseCache()
    bed.openai.complete(usable[0]!.id)
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(bed.ws.lines('results/a.jsonl')).toHaveLength(2)
    expect(
      [...bed.openai.batches.values()].filter(b => b.status !== 'cancelled' && b.status !== 'cancelling')
    ).toHaveLength(1)
  })
})

describe('a compatible provider that refuses metadata, and retry-failed', () => {
  it("makes one retry batch, named for its round, and finds both again by their uploads' names without the state", async () => {
    bed.openai.metadata = 'refuse'
    const run = (event: string) => bed.ws.run({ event, env: env(), inputs: { 'retry-failed': '1' } })
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    expect((await run('push')).code).toBe(0)
    const [first] = [...bed.openai.batches.values()]
    bed.openai.complete(first!.id, { failWith: { 'a-2': 500 } })
    const retried = await run('schedule')
    expect(retried.code).toBe(0)
    expect(retried.outputs.submitted).toBe('1')
    const second = [...bed.openai.batches.values()].find(b => b.id !== first!.id)!
    expect(bed.openai.files.get(second.input_file_id)!.filename).toMatch(/^a\.retry1\.[0-9a-f]{64}\.jsonl$/)

    loseCache()
    bed.openai.complete(second.id)
    const rebuilt = await run('schedule')
    expect(rebuilt.code).toBe(0)
    expect(rebuilt.outputs.submitted).toBe('0')
    for (const b of [first!, second])
      expect(rebuilt.stdout).toContain(
        `a.jsonl: found batch ${b.id} (completed) at the Batch API at 127.0.0.1 by its upload's name.`
      )
    const ids = bed.ws.lines('results/a.jsonl').map(l => (JSON.parse(l) as { custom_id: string }).custom_id)
    expect(ids).toEqual(['a-1', 'a-2', 'a-3'])
    expect(bed.ws.exists('results/a.errors.jsonl')).toBe(false)
    expect(bed.openai.batches.size).toBe(2)
  })
})
