/**
 * Crashes and overlaps: the action killed (SIGKILL) at many points, or two runs
 * at once, then run again, converges with one batch per content and whole files.
 */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { FakeOpenAI } from '../fakes/openai'
import { Bed, useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const push = () => bed.ws.run({ event: 'push', env: bed.env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: bed.env() })
const FILES = { 'a.jsonl': requestFile(3, 'a'), 'b.jsonl': requestFile(4, 'b') }

function writeFiles(): void {
  for (const [p, content] of Object.entries(FILES)) bed.ws.write(`batches/${p}`, content)
}

/** Runs push and schedule, finishing batches in between, until nothing is pending. */
async function converge(b: Bed): Promise<void> {
  const pushed = await push()
  expect(pushed.code).toBe(0)
  for (let i = 0; i < 3; i++) {
    for (const batch of b.openai.batches.values()) if (batch.status === 'validating') b.openai.complete(batch.id)
    const r = await schedule()
    expect(r.code).toBe(0)
    if (r.outputs.pending === '0') return
  }
  throw new Error('did not converge')
}

/** One usable batch and one uploaded file per content; every result whole, here and on the branch. */
function expectConverged(b: Bed): void {
  const usable = [...b.openai.batches.values()].filter(x => x.status !== 'cancelled' && x.status !== 'cancelling')
  const perContent = new Map<string, number>()
  for (const x of usable) {
    const key = `${x.metadata!.oba_path}@${x.metadata!.oba_sha256}`
    perContent.set(key, (perContent.get(key) ?? 0) + 1)
  }
  expect([...perContent.values()].every(n => n === 1)).toBe(true)
  const inputs = [...b.openai.files.values()].filter(f => f.purpose === 'batch').map(f => f.filename)
  expect(new Set(inputs).size).toBe(inputs.length)
  const sha = (p: string) =>
    createHash('sha256')
      .update(b.ws.read(`batches/${p}`))
      .digest('hex')
  const current = usable.filter(x => x.metadata!.oba_sha256 === sha(x.metadata!.oba_path!))
  expect(current.map(x => x.metadata!.oba_path).sort()).toEqual(['a.jsonl', 'b.jsonl'])
  for (const x of current) {
    const rel = `results/${x.metadata!.oba_path}`
    const expected = FakeOpenAI.results(x.endpoint, b.ws.read(`batches/${x.metadata!.oba_path}`), {
      inOrder: true
    }).output
    expect(b.ws.read(rel)).toBe(expected)
    expect(b.github.files().get(rel)).toBe(expected)
  }
  expect(b.ws.list('results')).toEqual(['results/a.jsonl', 'results/b.jsonl'])
}

describe('killed, then run again', () => {
  const points: [string, (b: Bed) => void, 'push' | 'schedule'][] = [
    ['during an upload', b => b.openai.tap('POST', /^\/v1\/files$/, 'request', () => b.ws.kill()), 'push'],
    [
      'between an upload and its batch',
      b => b.openai.tap('POST', /^\/v1\/files$/, 'answered', () => b.ws.kill()),
      'push'
    ],
    [
      'during a create that takes effect',
      b => b.openai.tap('POST', /^\/v1\/batches$/, 'request', () => b.ws.kill()),
      'push'
    ],
    [
      'after a create, before the state is saved',
      b => b.cache.tap('POST', /CreateCacheEntry$/, () => b.ws.kill()),
      'push'
    ],
    ['during a download', b => b.openai.tap('GET', /\/content$/, 'request', () => b.ws.kill()), 'schedule'],
    ['during the commit', b => b.github.tap('POST', /\/git\/trees$/, () => b.ws.kill()), 'schedule'],
    [
      'after the commit, before the state is saved',
      b => b.cache.tap('POST', /CreateCacheEntry$/, () => b.ws.kill()),
      'schedule'
    ]
  ]

  it.each(points)('%s', async (_name, arm, phase) => {
    writeFiles()
    if (phase === 'schedule') {
      await push()
      for (const x of bed.openai.batches.values()) bed.openai.complete(x.id)
    }
    arm(bed)
    const killed = phase === 'push' ? await push() : await schedule()
    expect(killed.signal).toBe('SIGKILL')
    for (const f of bed.ws.list('results')) expect(['results/a.jsonl', 'results/b.jsonl']).toContain(f)
    await converge(bed)
    expectConverged(bed)
  })
})

describe('two runs at once', () => {
  it('two pushes of the same change leave one batch per content', async () => {
    writeFiles()
    bed.openai.latencyMs = 30
    const [one, two] = await Promise.all([push(), push()])
    expect([one.code, two.code]).toEqual([0, 0])
    await converge(bed)
    expectConverged(bed)
  })

  it('a push and a schedule overlapping create no duplicates', async () => {
    writeFiles()
    await push()
    for (const x of bed.openai.batches.values()) bed.openai.complete(x.id)
    bed.ws.write('batches/a.jsonl', requestFile(5, 'a'))
    bed.openai.latencyMs = 30
    const [p, s] = await Promise.all([push(), schedule()])
    expect([p.code, s.code]).toEqual([0, 0])
    await converge(bed)
    expectConverged(bed)
  })
})
