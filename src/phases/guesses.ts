import { guessHolds } from '../core/remote/by-name'
import { REBUILD_LOOKBACK_SECONDS } from '../core/limits'
import { isFinal, State } from '../core/state/state'
import { uploadNames } from './create'
import type { LiveContext } from './step'

/**
 * Checks the guessed batches (core/remote/by-name.ts `byRequestCount`) that have ended, before
 * anything of them is collected: one whose label says it is what it was taken for is the file's
 * batch; any other is let go, untouched, and the file is submitted by the next run.
 */
export async function confirmGuesses(ctx: LiveContext, state: State): Promise<State> {
  const ended = state.batches.filter(b => b.guessed && isFinal(b.status))
  if (ended.length === 0) return state
  const { api, log, settings } = ctx
  // uploadNames looks a lookback further back than it is given.
  const since = Math.min(...ended.map(b => b.createdAt)) + REBUILD_LOOKBACK_SECONDS
  const labels = await uploadNames(api, ended, since)
  const wrong = new Set<string>()
  const batches = state.batches.map(b => {
    if (!ended.includes(b)) return b
    if (guessHolds(b, labels.get(b.inputFileId), settings.scope)) {
      log.info(`${b.path}: batch ${b.batchId} has ended, and its custom_ids say it is this file's.`)
      return { ...b, guessed: undefined }
    }
    log.info(
      `${b.path}: batch ${b.batchId} has ended, and is not this file's after all; ` +
        'it is left alone, and the file is submitted by the next run.'
    )
    wrong.add(b.batchId)
    return b
  })
  return { ...state, batches: batches.filter(b => !wrong.has(b.batchId)) }
}
