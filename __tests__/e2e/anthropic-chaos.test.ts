/**
 * Chaos for Anthropic: the fake Message Batches API answers a share of all
 * requests with 500s, 429s (with `retry-after: 0` and without), 529
 * overloaded_errors, connection resets, lost answers (the request took effect,
 * the answer never came) and results downloads cut off half way, over
 * repeated push → schedule cycles. One line fails with an overloaded_error the
 * first time, so a retry round (retry-failed) runs under the faults too. In
 * the end: one batch per content, part and round (counted by the tag in the
 * batches' custom_ids), results byte-identical to what the fake's own results
 * make of each file, no partial file ever visible under target-dir, and the
 * key never in the logs.
 *
 * CI runs a short version; `npm run test:chaos` the long one, with the same
 * CHAOS_* variables as chaos.test.ts. The figures go to CHAOS_REPORT with
 * `.json` replaced by `.anthropic.json` (chaos-report.anthropic.json);
 * CHAOS_LOGS names a folder for every run's output. Each cycle is checked as
 * it ends, so a failure names the first cycle that went wrong.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { readTagged } from '../../src/core/remote/tags'
import type { ErrorType, FakeMessageBatch } from '../fakes/anthropic'
import { seeded, watchWhole } from '../helpers/chaos'
import { claudeFile, expectedResults, tagOfBatch, unmasked, useAnthropicBed } from '../helpers/anthropic-e2e'

const CYCLES = Number(process.env.CHAOS_CYCLES ?? 3)
const FILES = Number(process.env.CHAOS_FILES ?? 3)
const RATE = Number(process.env.CHAOS_RATE ?? 0.2)
const SEED = Number(process.env.CHAOS_SEED ?? 20261122)
const REPORT = process.env.CHAOS_REPORT?.replace(/(\.json)?$/, '.anthropic.json')
/** A folder for every run's stdout, to read after a failure. */
const LOGS = process.env.CHAOS_LOGS

/** Fails in every round, and is not retried (invalid). */
const ALWAYS = 'f0-2'
/** Fails with an overloaded_error in round 0 only, so a retry round makes it. */
const ONCE = 'f1-1'

const bed = useAnthropicBed()

describe('anthropic chaos', () => {
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
    maxBatchesPerTag: 0,
    identicalResults: 0,
    partialFilesSeen: 0,
    keyInLogs: 0
  }
  let watcher: fs.FSWatcher | undefined
  const partial: string[] = []

  afterAll(() => {
    watcher?.close()
    if (REPORT) fs.writeFileSync(REPORT, JSON.stringify(figures, null, 2))
  })

  /** Anthropic ends what is under way: ALWAYS errs every time, ONCE in round 0. */
  function finishPending(): void {
    for (const b of bed.batches()) {
      if (b.processing_status === 'ended') continue
      const error: Record<string, ErrorType> = {}
      for (const r of b.requests) {
        const { tag, id } = readTagged(r.custom_id)!
        if (id === ALWAYS) error[r.custom_id] = 'invalid_request_error'
        if (id === ONCE && tag.round === 0) error[r.custom_id] = 'overloaded_error'
      }
      bed.anthropic.end(b.id, { error })
    }
  }

  /** Runs until it succeeds, as a user re-running a red run (or the next scheduled run) would. */
  async function until(event: 'push' | 'schedule', done: (outputs: Record<string, string>) => boolean): Promise<void> {
    let last = ''
    for (let i = 0; i < 12; i++) {
      const r = await bed.ws.run({ event, env: bed.env(), inputs: { 'retry-failed': '1' } })
      figures.runs++
      if (LOGS) fs.writeFileSync(path.join(LOGS, `run-${figures.runs}-${event}.log`), r.stdout + r.stderr)
      if (r.code !== 0) figures.failedRuns++
      if (unmasked(r.stdout + r.stderr).includes(bed.anthropic.apiKey)) figures.keyInLogs++
      if (r.code === 0 && done(r.outputs)) return
      last = `exit ${r.code}, outputs ${JSON.stringify(r.outputs)}\n${r.annotations.map(a => `${a.level}: ${a.message}`).join('\n')}`
      finishPending()
    }
    throw new Error(`${event} did not converge under chaos; the last run: ${last}`)
  }

  /** The batches of each tag made more than once, described. */
  function duplicates(): string[] {
    const byTag = new Map<string, FakeMessageBatch[]>()
    for (const b of bed.batches()) byTag.set(tagOfBatch(b)!, [...(byTag.get(tagOfBatch(b)!) ?? []), b])
    return [...byTag]
      .filter(([, bs]) => bs.length > 1)
      .map(([tag, bs]) => `${tag}: ${bs.map(b => `${b.id} (${b.processing_status}, ${b.created_at})`).join(', ')}`)
  }

  /** After a cycle: no tag twice, and every present file's results as the fake's make them. */
  function checkCycle(cycle: number): void {
    expect({ cycle, duplicates: duplicates() }).toEqual({ cycle, duplicates: [] })
    for (const src of bed.ws.list('batches')) {
      const rel = src.slice('batches/'.length)
      const clean = expectedResults(bed.batches(), bed.ws.read(src))
      expect({ cycle, src, made: clean !== undefined }).toEqual({ cycle, src, made: true })
      expect({ cycle, src, output: bed.ws.read(`results/${rel}`) }).toEqual({ cycle, src, output: clean!.output })
    }
  }

  it(
    `converges over ${CYCLES} cycles at a ${RATE * 100}% fault rate`,
    async () => {
      watcher = watchWhole(path.join(bed.ws.dir, 'results'), partial)
      bed.anthropic.chaos(RATE, seeded(SEED))
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // Each cycle changes one file and adds another, as work on a repository does.
        for (let f = 0; f < FILES; f++)
          if (cycle === 0 || f === cycle % FILES)
            bed.ws.write(`batches/f${f}.jsonl`, claudeFile(3 + cycle + f, `f${f}`))
        bed.ws.write(`batches/added-${cycle}.jsonl`, claudeFile(2, `added-${cycle}`))
        await until('push', () => true)
        finishPending()
        await until('schedule', o => o.pending === '0')
        checkCycle(cycle)
      }
      bed.anthropic.chaos(0, Math.random)
      figures.requests = bed.anthropic.log.length
      figures.faults = { ...bed.anthropic.injected }

      // One batch per content, part and round, canceled or not.
      const perTag = new Map<string, number>()
      for (const b of bed.batches()) {
        const tag = tagOfBatch(b)!
        perTag.set(tag, (perTag.get(tag) ?? 0) + 1)
      }
      const rounds = [...perTag.keys()].map(t => readTagged(`${t}_x`)!.tag.round)
      figures.retryBatches = rounds.filter(r => r > 0).length
      figures.contents = rounds.length - figures.retryBatches
      expect(figures.retryBatches).toBeGreaterThan(0)
      figures.maxBatchesPerTag = Math.max(...perTag.values())
      expect(figures.maxBatchesPerTag).toBe(1)

      // Results byte-identical to what the API's results make of each file, here and on the branch.
      const sources = bed.ws.list('batches')
      for (const src of sources) {
        const rel = src.slice('batches/'.length)
        const clean = expectedResults(bed.batches(), bed.ws.read(src))!
        const errors = `results/${rel.replace(/\.jsonl$/, '.errors.jsonl')}`
        expect(bed.ws.read(`results/${rel}`)).toBe(clean.output)
        expect(bed.github.files().get(`results/${rel}`)).toBe(clean.output)
        // The overloaded_error was retried away; the invalid request stands.
        if (clean.errors) expect(bed.ws.read(errors)).toBe(clean.errors)
        else expect(bed.ws.exists(errors)).toBe(false)
        figures.identicalResults++
      }
      expect(figures.identicalResults).toBe(sources.length)
      expect(bed.ws.read('results/f0.jsonl')).not.toContain(`"${ALWAYS}"`)
      expect(bed.ws.read('results/f1.jsonl')).toContain(`"${ONCE}"`)
      figures.partialFilesSeen = partial.length
      expect(partial).toEqual([])
      expect(figures.keyInLogs).toBe(0)
      expect(Object.values(figures.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    },
    60_000 + CYCLES * 20_000
  )
})

describe('found by the long chaos run', () => {
  /*
   * Ledger.claim (src/adapters/anthropic-batches.ts) once took, after a create that failed in a way
   * that may have taken effect (a 5xx, a reset), any unknown batch of as many requests made up to
   * 60 s before: here a.jsonl's, made by the run before, whose results were then committed as
   * b.jsonl's. A claimed batch must now be newer, by the API's clock, than the newest batch listed
   * just before the create was sent.
   */
  it("takes no other file's batch for a refused create of the same size", async () => {
    const run = (event: string) => bed.ws.run({ event, env: bed.env() })
    bed.ws.write('batches/a.jsonl', claudeFile(3, 'a'))
    bed.ws.write('batches/b.jsonl', claudeFile(2, 'b'))
    expect((await run('push')).code).toBe(0)
    bed.ws.write('batches/b.jsonl', claudeFile(3, 'b'))
    // Refused: the create made nothing.
    bed.anthropic.failNext(500, 'api_error', 1, { method: 'POST', path: /^\/v1\/messages\/batches$/ })
    expect((await run('push')).code).toBe(0)
    bed.anthropic.settleAll()
    expect((await run('schedule')).code).toBe(0)
    const clean = expectedResults(bed.batches(), claudeFile(3, 'b'))
    expect(clean).toBeDefined()
    expect(bed.ws.read('results/b.jsonl')).toBe(clean!.output)
  })
})
