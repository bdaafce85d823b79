import { batchesOf } from '../state/batches'
import { rounds } from './collect'
import type { SourceFile } from '../requests/source'
import { isFinal, roundOf, State, TrackedBatch } from '../state/state'

export interface RetryWork {
  readonly src: SourceFile
  /** The round to make (or finish making). */
  readonly round: number
  /** The batches of the rounds before it, whose final errors it retries. */
  readonly before: readonly TrackedBatch[]
}

/**
 * Retry rounds to make: for present content whose last round is collected and
 * left retryable error lines, the next round while fewer than `maxRounds` were
 * made; and the missing parts of a round begun by a run that stopped.
 */
export function planRetry(sources: readonly SourceFile[], state: State, maxRounds: number): RetryWork[] {
  if (maxRounds <= 0) return []
  const work: RetryWork[] = []
  for (const src of sources) {
    if (src.problems.length > 0) continue
    const r = rounds(batchesOf(state, src))
    const last = r.rounds.length - 1
    // Its files were deleted at OpenAI once it was done: no round can be made from them.
    if (last < 0 || r.rounds.flat().some(b => b.filesDeleted)) continue
    if (!r.complete) {
      if (last > 0) work.push({ src, round: last, before: r.rounds.slice(0, last).flat() })
      continue
    }
    const done = r.rounds[last]!
    // Not counted: collected while retries were off. Its errors are looked at once.
    const count = done[0]!.retryable ?? (r.rounds.flat().some(b => b.errorFileId) ? Infinity : 0)
    const retryable = done.every(b => isFinal(b.status) && b.collected) && count > 0
    if (retryable && last < maxRounds) work.push({ src, round: last + 1, before: r.rounds.flat() })
  }
  return work
}

/** The state with the last round before `w` marked as leaving no line to retry, so it is not looked at again. */
export function countedNone(state: State, w: RetryWork): State {
  const last = w.round - 1
  const mine = new Set(w.before.filter(b => roundOf(b) === last).map(b => b.batchId))
  return { ...state, batches: state.batches.map(b => (mine.has(b.batchId) ? { ...b, retryable: 0 } : b)) }
}
