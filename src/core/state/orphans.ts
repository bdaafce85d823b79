import type { State, TrackedBatch } from './state'

/**
 * The state with the request files among `dropped` that were deleted after
 * their results were written marked as orphans: their results are removed by
 * the next commit (unless keep-orphan-results). Only results the action wrote
 * are ever removed, never other files under target-dir.
 */
export function orphan(state: State, dropped: readonly TrackedBatch[], present: ReadonlySet<string>): State {
  const deleted = dropped.filter(b => !b.outside && b.collected && !present.has(b.path)).map(b => b.path)
  if (deleted.length === 0) return state
  return { ...state, orphans: [...new Set([...(state.orphans ?? []), ...deleted])].sort() }
}

/** The state once the orphans' results are gone; `done` are the paths removed. */
export function clearOrphans(state: State, done: readonly string[]): State {
  const left = (state.orphans ?? []).filter(p => !done.includes(p))
  const { orphans: _orphans, ...rest } = state
  return left.length > 0 ? { ...rest, orphans: left } : rest
}
