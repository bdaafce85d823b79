/**
 * Crashes with Gemini: the action killed (SIGKILL) around the upload, the
 * create and the collect, then run again, with the Actions cache as the
 * killed run left it and on a new runner (a fresh checkout, no cache): never
 * a second batch for a content, and results complete and correct. The fakes'
 * taps say when to kill: the Gemini fake's at a request (an upload chunk's
 * path ends in `#chunk`), once a create is applied and at half a responses
 * file; the cache's and GitHub's at a request.
 */
import { describe, expect, it } from '@jest/globals'
import { expectedResults, tagOf, unmasked } from '../helpers/gemini-chaos'
import { GeminiBed, geminiFile, useGeminiBed } from '../helpers/gemini-e2e'

const bed = useGeminiBed()
const push = () => bed.ws.run({ event: 'push', env: bed.env() })
const schedule = () => bed.ws.run({ event: 'schedule', env: bed.env() })
const FILES = { 'a.jsonl': geminiFile(3, 'a'), 'b.jsonl': geminiFile(4, 'b') }
const START = /^\/upload\/[^/]+\/files$/
const CHUNK = /^\/upload\/[^/]+\/files#chunk$/
const LIST = /^\/[^/]+\/batches$/
const CREATE = /:batchGenerateContent$/
const DOWNLOAD = /:download$/
const all = (b: GeminiBed) => b.batches().map(([, x]) => x)

/** Runs push, then ends the batches and runs the schedule until nothing is pending. */
async function converge(b: GeminiBed): Promise<void> {
  const pushed = await push()
  expect(pushed.code).toBe(0)
  expect(unmasked(pushed.stdout)).not.toContain(b.gemini.apiKey)
  for (let i = 0; i < 3; i++) {
    for (const [name, x] of b.batches()) if (!x.op.done) b.gemini.end(name)
    const r = await schedule()
    expect(r.code).toBe(0)
    if (r.outputs.pending === '0') return
  }
  throw new Error('did not converge')
}

/** One batch per content ever made (cancelled ones counted too); every result whole and right, here and on the branch. */
function expectConverged(b: GeminiBed): void {
  const tags = all(b).map(tagOf)
  expect(new Set(tags).size).toBe(tags.length)
  expect(tags).toHaveLength(2)
  for (const [p, content] of Object.entries(FILES)) {
    const clean = expectedResults(all(b), content)!
    expect(clean.errors).toBe('')
    expect(b.ws.read(`results/${p}`)).toBe(clean.output)
    expect(b.github.files().get(`results/${p}`)).toBe(clean.output)
  }
  expect(b.ws.list('results')).toEqual(['results/a.jsonl', 'results/b.jsonl'])
}

/**
 * A new runner: the branch checked out afresh (what the killed run wrote under
 * results/ but did not publish is gone) and no cache either.
 */
function rerunAfresh(b: GeminiBed): void {
  const branch = b.github.files()
  for (const f of b.ws.list('results')) if (!branch.has(f)) b.ws.remove(f)
  for (const [f, text] of branch) if (f.startsWith('results/')) b.ws.write(f, text)
  b.cache.entries.length = 0
}

type Arm = (b: GeminiBed) => void
const kill = (b: GeminiBed) => () => b.ws.kill()

/** Where it is killed, when, and how many batches the killed run may have left (the least and the most). */
const points: [string, Arm, 'push' | 'schedule', [number, number]][] = [
  ['at the start of an upload session', b => b.gemini.tap('POST', START, 'request', kill(b)), 'push', [0, 0]],
  ['as an upload chunk arrives', b => b.gemini.tap('POST', CHUNK, 'request', kill(b)), 'push', [0, 0]],
  [
    'once an upload is finalized (the file made)',
    b => b.gemini.tap('POST', CHUNK, 'answered', kill(b)),
    'push',
    [0, 0]
  ],
  [
    'at the first batch listing (before the uploads)',
    b => b.gemini.tap('GET', LIST, 'request', kill(b)),
    'push',
    [0, 0]
  ],
  // Node reads a small body whole: the create may still be applied after the kill.
  ['as a create arrives', b => b.gemini.tap('POST', CREATE, 'request', kill(b)), 'push', [0, 2]],
  [
    'after Gemini applied a create, before its answer',
    b => b.gemini.tap('POST', CREATE, 'applied', kill(b)),
    'push',
    [1, 2]
  ],
  ['after the creates, during the state save', b => b.cache.tap('POST', /CreateCacheEntry$/, kill(b)), 'push', [2, 2]],
  ['half way through a responses download', b => b.gemini.tap('GET', DOWNLOAD, 'halfway', kill(b)), 'schedule', [2, 2]],
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
      for (const [name] of bed.batches()) bed.gemini.end(name)
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
