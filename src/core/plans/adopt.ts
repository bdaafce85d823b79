import { isUsable, matches, sameSlot } from '../state/batches'
import type { SourceFile } from '../requests/source'
import type { State, TrackedBatch } from '../state/state'

/**
 * Adds batches found at OpenAI that stand for the present content of a file
 * and that the state does not know, the newest one per round and part. A
 * batch of that content under a path that is gone stands for it too (the file
 * was renamed): `adoptRenames` moves it to the new path. Each is marked
 * `rebuilt`: the state cannot tell whether a lost run collected it.
 */
export function adopt(state: State, found: readonly TrackedBatch[], sources: readonly SourceFile[]): State {
  const batches = [...state.batches]
  const present = new Set(sources.map(s => s.path))
  const newestFirst = [...found].sort((a, b) => b.createdAt - a.createdAt)
  for (const src of sources) {
    if (src.problems.length > 0) continue
    for (const b of newestFirst) {
      const mine = matches(b, src) || (!b.outside && b.sha256 === src.sha256 && !present.has(b.path))
      const taken = batches.some(o => o.batchId === b.batchId || (matches(o, b) && sameSlot(o, b) && isUsable(o)))
      if (mine && isUsable(b) && !taken) batches.push({ ...b, rebuilt: true })
    }
  }
  return { ...state, batches }
}
