/**
 * Crashes with Anthropic: the action killed (SIGKILL) around a create and
 * during collect, then run again, with the Actions cache as the killed run
 * left it and on a new runner (a fresh checkout, no cache): never a second batch for a content, and results
 * complete and correct. The fakes' taps say when to kill: the Anthropic fake's
 * at a request, at the first bytes of a create's body, once a create is
 * applied and at half a results file; the cache's and GitHub's at a request.
 */
import { describe, expect, it } from '@jest/globals'
import {
  AnthropicBed,
  claudeFile,
  expectedResults,
  tagOfBatch,
  unmasked,
  useAnthropicBed
} from '../helpers/anthropic-e2e'

const bed = useAnthropicBed()
const push = () => bed.ws.run({ event: 'push', env: bed.env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: bed.env() })
const FILES = { 'a.jsonl': claudeFile(3, 'a'), 'b.jsonl': claudeFile(4, 'b') }
const CREATE = /^\/v1\/messages\/batches$/
const RESULTS = /^\/v1\/messages\/batches\/[^/]+\/results$/

/** Runs push, then ends the batches and runs the schedule until nothing is pending. */
async function converge(b: AnthropicBed): Promise<void> {
  const pushed = await push()
  expect(pushed.code).toBe(0)
  expect(unmasked(pushed.stdout)).not.toContain(b.anthropic.apiKey)
  for (let i = 0; i < 3; i++) {
    b.anthropic.settleAll()
    const r = await schedule()
    expect(r.code).toBe(0)
    if (r.outputs.pending === '0') return
  }
  throw new Error('did not converge')
}

/** One batch per content ever made (canceled ones counted too); every result whole and right, here and on the branch. */
function expectConverged(b: AnthropicBed): void {
  const tags = b.batches().map(tagOfBatch)
  expect(tags.every(t => t !== undefined)).toBe(true)
  expect(new Set(tags).size).toBe(tags.length)
  expect(tags).toHaveLength(2)
  for (const [p, content] of Object.entries(FILES)) {
    const clean = expectedResults(b.batches(), content)!
    expect(clean.errors).toBe('')
    expect(b.ws.read(`results/${p}`)).toBe(clean.output)
    expect(b.github.files().get(`results/${p}`)).toBe(clean.output)
  }
  expect(b.ws.list('results')).toEqual(['results/a.jsonl', 'results/b.jsonl'])
}

/**
 * A new runner: the branch checked out afresh (what the killed run wrote under
 * results/ but did not publish is gone) and, for `lost`, no cache either.
 */
function rerunAfresh(b: AnthropicBed): void {
  const branch = b.github.files()
  for (const f of b.ws.list('results')) if (!branch.has(f)) b.ws.remove(f)
  for (const [f, text] of branch) if (f.startsWith('results/')) b.ws.write(f, text)
  b.cache.entries.length = 0
}

type Arm = (b: AnthropicBed) => void
const kill = (b: AnthropicBed) => () => b.ws.kill()

/** Where it is killed, when, and how many batches the killed run may have left (the least and the most). */
const points: [string, Arm, 'push' | 'schedule', [number, number]][] = [
  ['before the create (at its listing)', b => b.anthropic.tap('GET', CREATE, 'request', kill(b)), 'push', [0, 0]],
  ['during the streamed create body', b => b.anthropic.tap('POST', CREATE, 'body', kill(b)), 'push', [0, 1]],
  [
    'after Anthropic applied a create, before its answer',
    b => b.anthropic.tap('POST', CREATE, 'applied', kill(b)),
    'push',
    [1, 2]
  ],
  ['after the creates, during the state save', b => b.cache.tap('POST', /CreateCacheEntry$/, kill(b)), 'push', [2, 2]],
  ['half way through a results download', b => b.anthropic.tap('GET', RESULTS, 'halfway', kill(b)), 'schedule', [2, 2]],
  ['after writing results, during the commit', b => b.github.tap('POST', /\/git\/trees$/, kill(b)), 'schedule', [2, 2]],
  [
    'after the commit, during the state save',
    b => b.cache.tap('POST', /CreateCacheEntry$/, kill(b)),
    'schedule',
    [2, 2]
  ]
]

describe('killed, then run again', () => {
  const cases = points.flatMap(([name, arm, phase, left]) =>
    (['kept', 'lost'] as const).map(cache => [name, cache, arm, phase, left] as const)
  )

  it.each(cases)('%s (cache %s)', async (_name, cache, arm, phase, [least, most]) => {
    for (const [p, content] of Object.entries(FILES)) bed.ws.write(`batches/${p}`, content)
    if (phase === 'schedule') {
      expect((await push()).code).toBe(0)
      bed.anthropic.settleAll()
    }
    arm(bed)
    const killed = phase === 'push' ? await push() : await schedule()
    expect(killed.signal).toBe('SIGKILL')
    expect(bed.batches().length).toBeGreaterThanOrEqual(least)
    expect(bed.batches().length).toBeLessThanOrEqual(most)
    for (const f of bed.ws.list('results')) expect(['results/a.jsonl', 'results/b.jsonl']).toContain(f)
    if (cache === 'lost') rerunAfresh(bed)
    await converge(bed)
    expectConverged(bed)
  })
})
