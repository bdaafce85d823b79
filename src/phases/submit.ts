import * as core from '@actions/core'
import { ApiError, BatchApi, RemoteFile } from '../ports/batch-api'
import { Clock } from '../ports/clock'
import { mapLimit } from '../core/concurrency'
import { CLOCK_SKEW_SECONDS } from '../config/constants'
import { createPart, indexFiles, replaceSettled, settle } from './create'
import { missingParts, planPrune, SubmitPlan } from '../core/plan'
import type { SourceFile } from '../io/request-files'
import type { Settings } from '../config/settings'
import { isFinal, State, TrackedBatch } from '../core/state'

export interface SubmitOutcome {
  readonly state: State
  readonly created: readonly TrackedBatch[]
  /** Files whose submission failed, with why. */
  readonly failures: readonly { file: string; message: string }[]
}

/**
 * Uploads each file of the plan (unless an upload of the same content exists)
 * and creates its batch, then stops tracking the batches it superseded.
 */
export async function submitPhase(
  plan: SubmitPlan,
  sources: readonly SourceFile[],
  initial: State,
  deps: { api: BatchApi; clock: Clock; settings: Settings; since: number; uploads?: Promise<Map<string, RemoteFile>> }
): Promise<SubmitOutcome> {
  const { api, clock, settings } = deps
  const runStart = clock.now() - CLOCK_SKEW_SECONDS
  let state = initial
  const created: TrackedBatch[] = []
  const failures: { file: string; message: string }[] = []
  const uploaded = plan.submit.length > 0 ? await (deps.uploads ?? indexFiles(api, deps.since)) : new Map<string, RemoteFile>()

  const work = plan.submit.flatMap(src => missingParts(src, src.parts.length, state).map(part => ({ src, part })))
  await mapLimit(work, settings.maxConcurrency, async ({ src, part }) => {
    try {
      const batch = await createPart(src, part, uploaded, { api, clock, settings, runStart })
      created.push(batch)
      state = { ...state, batches: [...state.batches, batch] }
    } catch (e) {
      // A key the API refuses fails every file alike: stop at the first.
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) throw e
      const message = e instanceof Error ? e.message : String(e)
      core.error(message, { file: src.file })
      failures.push({ file: src.file, message })
    }
  })

  const settled = await settle(api, settings.scope, created, runStart)
  state = { ...state, batches: replaceSettled(state.batches, settled) }
  state = await prune(state, sources, api, settings.cancelSuperseded)
  return { state, created: created.filter(b => !settled.has(b.batchId)), failures }
}

/** Drops superseded batches and those of deleted files, cancelling the unfinished ones when asked. */
async function prune(state: State, sources: readonly SourceFile[], api: BatchApi, cancel: boolean): Promise<State> {
  const dropped = planPrune(sources, state)
  for (const b of dropped) {
    if (!cancel || isFinal(b.status) || b.status === 'cancelling') continue
    try {
      // The state's status may be old: a batch that has finished since is left alone.
      if (isFinal((await api.getBatch(b.batchId)).status)) continue
      await api.cancelBatch(b.batchId)
      core.info(`Cancelled batch ${b.batchId}: ${b.path} has changed since it was created.`)
    } catch (e) {
      // The new batch stands either way; an old one left running only costs money.
      core.warning(`Could not cancel the superseded batch ${b.batchId} of ${b.path}: ${(e as Error).message}`)
    }
  }
  const gone = new Set(dropped.map(b => b.batchId))
  return { ...state, batches: state.batches.filter(b => !gone.has(b.batchId)) }
}
