import { batchesOf, isUsable } from '../state/batches'
import type { SourceFile } from '../requests/source'
import type { State, TrackedBatch } from '../state/state'

/** A request file moved (same bytes, new path): its batches follow it. */
export interface Rename {
  readonly from: string
  readonly to: string
  readonly batchIds: readonly string[]
}

/**
 * Moves the batches of content whose path is gone to the new path that holds it: no upload, no new
 * batch, no cancel. Results already written are collected again, to the new result path, and the
 * old ones removed (`renamedFrom`). A copy (both paths present) is its own work, submitted as usual.
 */
export function adoptRenames(sources: readonly SourceFile[], state: State): { state: State; renames: Rename[] } {
  const present = new Set(sources.map(s => s.path))
  const renames: Rename[] = []
  let batches = state.batches
  for (const src of sources) {
    if (src.problems.length > 0 || batchesOf({ batches }, src).length > 0) continue
    // The newest usable batch of this content under a path that is gone names the path it moved from.
    const from = batches
      .filter(b => !b.outside && b.sha256 === src.sha256 && !present.has(b.path) && isUsable(b))
      .sort((a, b) => b.createdAt - a.createdAt)[0]?.path
    if (from === undefined) continue
    const moved = (b: TrackedBatch) => !b.outside && b.path === from && b.sha256 === src.sha256
    renames.push({ from, to: src.path, batchIds: batches.filter(moved).map(b => b.batchId) })
    batches = batches.map(b =>
      moved(b)
        ? {
            ...b,
            path: src.path,
            superseded: undefined,
            ...(b.collected ? { collected: false, renamedFrom: b.renamedFrom ?? from } : {})
          }
        : b
    )
  }
  return { state: renames.length > 0 ? { ...state, batches } : state, renames }
}
