/**
 * Chaos: the fake OpenAI API answers a share of all requests with 500s, 429s,
 * connection resets, lost answers (the request took effect, the answer never
 * came) and downloads cut off half way, over repeated push → schedule cycles.
 * One request fails with a 500 the first time, so a retry round (retry-failed)
 * runs under the faults too. In the end: one batch per content and round,
 * results byte-identical to a fault-free run, and no partial file ever visible
 * under target-dir.
 *
 * CI runs a short version; `npm run test:chaos` the long one. CHAOS_CYCLES,
 * CHAOS_FILES, CHAOS_RATE and CHAOS_SEED set it; CHAOS_REPORT names a JSON file
 * for the figures (docs/RELIABILITY.md).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { FakeOpenAI } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const CYCLES = Number(process.env.CHAOS_CYCLES ?? 3)
const FILES = Number(process.env.CHAOS_FILES ?? 3)
const RATE = Number(process.env.CHAOS_RATE ?? 0.2)
const SEED = Number(process.env.CHAOS_SEED ?? 20261122)

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const bed = useBed()

describe('chaos', () => {
  const figures = {
    cycles: CYCLES,
    files: FILES,
    rate: RATE,
    seed: SEED,
    runs: 0,
    failedRuns: 0,
    requests: 0,
    faults: {} as Record<string, number>,
    contents: 0,
    retryBatches: 0,
    maxBatchesPerContent: 0,
    identicalResults: 0,
    partialFilesSeen: 0
  }
  let watcher: fs.FSWatcher | undefined
  const partial: string[] = []

  afterAll(() => {
    watcher?.close()
    if (process.env.CHAOS_REPORT) fs.writeFileSync(process.env.CHAOS_REPORT, JSON.stringify(figures, null, 2))
  })

  /** Every result file that appears must be whole: complete JSON lines, and no temporary names. */
  function watchResults(dir: string): void {
    fs.mkdirSync(dir, { recursive: true })
    watcher = fs.watch(dir, { recursive: true }, (_event, name) => {
      if (!name) return
      const abs = path.join(dir, name)
      let text: string
      try {
        if (!fs.statSync(abs).isFile()) return
        text = fs.readFileSync(abs, 'utf8')
      } catch {
        return // gone again, or a folder
      }
      const whole =
        name.endsWith('.jsonl') &&
        text.endsWith('\n') &&
        text
          .trimEnd()
          .split('\n')
          .every(l => {
            try {
              JSON.parse(l)
              return true
            } catch {
              return false
            }
          })
      if (!whole) partial.push(name)
    })
  }

  /** OpenAI finishes what is under way: f0-2 always fails (a 400), f1-1 fails with a 500 until retried. */
  function finishPending(): void {
    for (const b of bed.openai.batches.values()) {
      if (b.status !== 'validating' && b.status !== 'in_progress') continue
      bed.openai.complete(b.id, { failIds: ['f0-2'], failWith: b.metadata!.oba_round ? {} : { 'f1-1': 500 } })
    }
  }

  /** Runs until it succeeds, as a user re-running a red run (or the next scheduled run) would. */
  async function until(event: 'push' | 'schedule', done: (outputs: Record<string, string>) => boolean): Promise<void> {
    let last = ''
    for (let i = 0; i < 12; i++) {
      const r = await bed.ws.run({ event, env: bed.env(), inputs: { 'retry-failed': '1' } })
      figures.runs++
      if (r.code !== 0) figures.failedRuns++
      if (r.code === 0 && done(r.outputs)) return
      last = `exit ${r.code}, outputs ${JSON.stringify(r.outputs)}\n${r.annotations.map(a => `${a.level}: ${a.message}`).join('\n')}`
      finishPending()
    }
    throw new Error(`${event} did not converge under chaos; the last run: ${last}`)
  }

  it(
    `converges over ${CYCLES} cycles at a ${RATE * 100}% fault rate`,
    async () => {
      const random = seeded(SEED)
      watchResults(path.join(bed.ws.dir, 'results'))
      bed.openai.chaos = { rate: RATE, random }
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // Each cycle changes one file and adds another, as work on a repository does.
        for (let f = 0; f < FILES; f++)
          if (cycle === 0 || f === cycle % FILES)
            bed.ws.write(`batches/f${f}.jsonl`, requestFile(3 + cycle + f, `f${f}`))
        bed.ws.write(`batches/added-${cycle}.jsonl`, requestFile(2, `added-${cycle}`))
        await until('push', () => true)
        finishPending()
        await until('schedule', o => o.pending === '0')
      }
      bed.openai.chaos = undefined
      figures.requests = bed.openai.log.length
      figures.faults = { ...bed.openai.injected }

      // One batch per content and round, cancelled or not.
      const perContent = new Map<string, number>()
      for (const b of bed.openai.batches.values()) {
        const key = `${b.metadata!.oba_path}@${b.metadata!.oba_sha256}#${b.metadata!.oba_round ?? 0}`
        perContent.set(key, (perContent.get(key) ?? 0) + 1)
      }
      figures.retryBatches = [...perContent.keys()].filter(k => !k.endsWith('#0')).length
      figures.contents = perContent.size - figures.retryBatches
      expect(figures.retryBatches).toBeGreaterThan(0)
      figures.maxBatchesPerContent = Math.max(...perContent.values())
      expect(figures.maxBatchesPerContent).toBe(1)

      // Results byte-identical to what a fault-free API gives for the same requests.
      const sources = bed.ws.list('batches')
      for (const src of sources) {
        const rel = src.slice('batches/'.length)
        const content = bed.ws.read(src)
        const sha = createHash('sha256').update(content).digest('hex')
        const batch = [...bed.openai.batches.values()].find(
          b => b.metadata!.oba_path === rel && b.metadata!.oba_sha256 === sha
        )!
        const clean = FakeOpenAI.results(batch.endpoint, content, { failIds: ['f0-2'], inOrder: true })
        const errors = `results/${rel.replace(/\.jsonl$/, '.errors.jsonl')}`
        expect(bed.ws.read(`results/${rel}`)).toBe(clean.output)
        expect(bed.github.files().get(`results/${rel}`)).toBe(clean.output)
        // The 500 was retried away; the 400 stands.
        if (clean.errors) expect(bed.ws.read(errors)).toBe(clean.errors)
        else expect(bed.ws.exists(errors)).toBe(false)
        figures.identicalResults++
      }
      expect(figures.identicalResults).toBe(sources.length)
      figures.partialFilesSeen = partial.length
      expect(partial).toEqual([])
      expect(Object.values(figures.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    },
    60_000 + CYCLES * 20_000
  )
})
