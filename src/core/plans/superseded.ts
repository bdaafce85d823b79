import { isUsable, sourceOf } from '../state/batches'
import type { SourceFile } from '../requests/source'
import { Channel, isFinal, State, TrackedBatch } from '../state/state'

/**
 * Batches whose request file changed or was deleted while they ran. They stay
 * in the state until they end, so their status is reported and their paid-for
 * partial output can be kept; then they are announced and forgotten.
 */

export type Why = NonNullable<TrackedBatch['superseded']>

/** What a submit makes of a batch it supersedes: dropped when nothing of it is left to report, else kept and marked. */
export function supersede(b: TrackedBatch, why: Why): { keep: TrackedBatch } | { drop: TrackedBatch } {
  // Its results were written for the old content (or it was refused before it ran): nothing more to report.
  // A guessed batch may be another's (core/remote/by-name.ts): let go, never cancelled or collected.
  if (b.outside || b.guessed || (isFinal(b.status) && b.collected) || (b.status === 'failed' && !b.outputFileId))
    return { drop: b }
  return { keep: { ...b, superseded: why } }
}

/** Superseded batches that have ended and are not settled yet: their output is to be kept or reported. */
export const toSettle = (state: State): TrackedBatch[] =>
  state.batches.filter(b => b.superseded && isFinal(b.status) && !b.collected)

/**
 * The state at the start of a run: a superseded batch whose content is back
 * (the change was reverted) is its file's batch again, unless it was cancelled; one that ended, was
 * settled and announced on every channel the run announces on is forgotten.
 */
export function tidySuperseded(sources: readonly SourceFile[], state: State, channels: readonly Channel[]): State {
  if (!state.batches.some(b => b.superseded)) return state
  const batches: TrackedBatch[] = []
  for (const b of state.batches) {
    if (!b.superseded) batches.push(b)
    // Its content is back: its file's batch again, unless it was cancelled (a new one is made then).
    else if (sourceOf(b, sources) && isUsable(b)) batches.push({ ...b, superseded: undefined })
    else if (!(isFinal(b.status) && b.collected && channels.every(c => b.announced?.includes(c)))) batches.push(b)
  }
  return { ...state, batches }
}
