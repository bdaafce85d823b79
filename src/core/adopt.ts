import { isUsable, matches, sameSlot } from './batches'
import type { SourceFile } from './source'
import type { State, TrackedBatch } from './state'

/**
 * Adds batches found at OpenAI that stand for the present content of a file
 * and that the state does not know, the newest one per round and part.
 */
export function adopt(state: State, found: readonly TrackedBatch[], sources: readonly SourceFile[]): State {
  const batches = [...state.batches]
  const newestFirst = [...found].sort((a, b) => b.createdAt - a.createdAt)
  for (const src of sources) {
    if (src.problems.length > 0) continue
    for (const b of newestFirst) {
      const taken = batches.some(o => o.batchId === b.batchId || (matches(o, src) && sameSlot(o, b) && isUsable(o)))
      if (matches(b, src) && isUsable(b) && !taken) batches.push(b)
    }
  }
  return { ...state, batches }
}
