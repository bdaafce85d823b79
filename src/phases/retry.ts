import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { ApiError, BatchApi, RemoteFile } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import { mapLimit } from '../core/concurrency'
import { CLOCK_SKEW_SECONDS } from '../config/constants'
import { createPart, indexFiles, replaceSettled, settle, Target } from './create'
import { retryableIndex, selectRequests } from '../io/failed-lines'
import { missingParts, RetryWork } from '../core/plan'
import { createResultWriter, presentIds } from '../io/result-writer'
import { checkOptions, readRequestFile } from '../io/request-files'
import type { Settings } from '../config/settings'
import { roundOf, State, TrackedBatch } from '../core/state'

/**
 * Follow-up batches of the lines that failed for a retryable reason: round k
 * holds the requests whose newest error, after rounds 0..k-1, may pass on a
 * retry. Its results are merged into the file's results when it is final.
 */

export interface RetryOutcome {
  readonly state: State
  readonly created: readonly TrackedBatch[]
  readonly failures: readonly { file: string; message: string }[]
}

type Deps = { api: BatchApi; clock: Clock; settings: Settings; since: number }

/** Writes the requests of round `w.round` to `out` (the same bytes on every run); returns how many. */
async function retryRequests(w: RetryWork, out: string, deps: Deps): Promise<number> {
  const { api, clock, settings } = deps
  const errors = `${out}.errors`
  try {
    const retried = w.before.filter(b => roundOf(b) > 0)
    await createResultWriter(api, clock, settings.tempDir).write(presentIds(w.before.map(b => b.errorFileId)), errors, {
      succeeded: presentIds(retried.map(b => b.outputFileId))
    })
    const ids = await fs.access(errors).then(() => retryableIndex(errors), () => undefined)
    return ids && ids.size > 0 ? await selectRequests(w.src.abs, ids, out) : 0
  } finally {
    await fs.rm(errors, { force: true })
  }
}

/** Makes the missing batches of one retry round, recording each as it is made; says when no line may pass on a retry. */
async function retryOne(
  w: RetryWork,
  state: () => State,
  record: (b: TrackedBatch) => void,
  uploaded: ReadonlyMap<string, RemoteFile>,
  deps: Deps & { runStart: number }
): Promise<'made' | 'nothing to retry'> {
  const { settings } = deps
  await fs.mkdir(settings.tempDir, { recursive: true })
  const abs = path.join(settings.tempDir, `${randomUUID()}.retry.jsonl`)
  try {
    const n = await retryRequests(w, abs, deps)
    if (n === 0) return 'nothing to retry'
    const { facts } = await readRequestFile(abs, checkOptions(settings))
    if (facts.problems.length > 0) throw new Error(`the lines to retry do not make a valid request file: ${facts.problems[0]!.message}`)
    const target: Target = { path: w.src.path, sha256: w.src.sha256, round: w.round, file: w.src.file, abs, parts: facts.parts, endpoint: facts.endpoint }
    const missing = missingParts(target, facts.parts.length, state())
    core.info(`${w.src.file}: ${n} requests failed for a reason that may pass; retry ${w.round} of at most ${settings.retryFailed}.`)
    for (const part of missing) record(await createPart(target, part, uploaded, deps))
    return 'made'
  } finally {
    await fs.rm(abs, { force: true })
  }
}

/** The state with the last round before `w` marked as leaving no line to retry. */
function countedNone(state: State, w: RetryWork): State {
  const last = w.round - 1
  const mine = new Set(w.before.filter(b => roundOf(b) === last).map(b => b.batchId))
  return { ...state, batches: state.batches.map(b => (mine.has(b.batchId) ? { ...b, retryable: 0 } : b)) }
}

/** Creates the retry rounds of `work`, at most `max-concurrency` files at a time. */
export async function retryPhase(work: readonly RetryWork[], initial: State, deps: Deps): Promise<RetryOutcome> {
  const { api, clock, settings } = deps
  const runStart = clock.now() - CLOCK_SKEW_SECONDS
  let state = initial
  const created: TrackedBatch[] = []
  const failures: { file: string; message: string }[] = []
  const uploaded = await indexFiles(api, deps.since)
  await mapLimit(work, settings.maxConcurrency, async w => {
    try {
      const record = (b: TrackedBatch) => {
        created.push(b)
        state = { ...state, batches: [...state.batches, b] }
      }
      // Nothing to retry (a file collected while retries were off): counted, so it is not looked at again.
      if ((await retryOne(w, () => state, record, uploaded, { ...deps, runStart })) === 'nothing to retry') state = countedNone(state, w)
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) throw e
      const message = `${w.src.file}: could not submit retry ${w.round}: ${(e as Error).message}`
      core.warning(message, { file: w.src.file })
      failures.push({ file: w.src.file, message })
    }
  })
  const settled = await settle(api, settings.scope, created, runStart)
  state = { ...state, batches: replaceSettled(state.batches, settled) }
  return { state, created: created.filter(b => !settled.has(b.batchId)), failures }
}
