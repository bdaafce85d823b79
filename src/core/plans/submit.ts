import { batchesOf, isUsable, refusedForTokens, sameSlot, tokenLimited } from '../state/batches'
import type { SourceFile } from '../requests/source'
import { roundOf, State, TrackedBatch } from '../state/state'

/**
 * The deciding core: given the request files on disk and the state, what to
 * do. Pure; the phases carry the plans out.
 *
 * A batch belongs to a path and a content hash. Results are written only for
 * batches whose content is what the path holds now, so a branch gets the
 * results of its own requests, whichever run created the batch.
 */

export interface SubmitPlan {
  /** Valid files with no usable batch for their content. */
  readonly submit: readonly SourceFile[]
  /** Valid files whose content already has a batch. */
  readonly current: readonly SourceFile[]
  /** Files with problems: never uploaded. */
  readonly invalid: readonly SourceFile[]
}

/** The parts (0-based) of `n` for retry round `round` of a file's content that have no usable batch yet. */
export function missingParts(src: { path: string; sha256: string; round?: number }, n: number, state: State): number[] {
  const round = roundOf(src)
  const have = new Set(
    batchesOf(state, src)
      .filter(b => roundOf(b) === round && isUsable(b) && b.parts === n)
      .map(b => b.part - 1)
  )
  return Array.from({ length: n }, (_, i) => i).filter(i => !have.has(i))
}

export function planSubmit(sources: readonly SourceFile[], state: State): SubmitPlan {
  const submit: SourceFile[] = []
  const current: SourceFile[] = []
  const invalid: SourceFile[] = []
  for (const src of sources) {
    if (src.problems.length > 0) invalid.push(src)
    // A file not checked this run has content that was submitted before.
    else if (!src.checked || missingParts(src, src.parts.length, state).length === 0) current.push(src)
    else submit.push(src)
  }
  return { submit, current, invalid }
}

/**
 * What a collect run finds waiting: files new or changed with no batch yet, because their push run
 * failed, was refused for max-cost, was cancelled by the concurrency group or never ran (a `paths:`
 * filter). A file the token limit refused is not among them: every collect submits it again.
 */
export function planWaiting(sources: readonly SourceFile[], state: State): SubmitPlan {
  const p = planSubmit(sources, state)
  return { ...p, submit: p.submit.filter(src => !refusedForTokens(src, state)) }
}

/**
 * Batches to stop tracking after a submit: those of deleted files, those
 * superseded by a usable batch for the file's present content, and
 * token-limited ones submitted again.
 */
export function planPrune(sources: readonly SourceFile[], state: State): TrackedBatch[] {
  const byPath = new Map(sources.map(s => [s.path, s]))
  return state.batches.filter(b => {
    // Outside batches are named by batch-ids; superseded ones are already dealt with.
    if (b.outside || b.superseded) return false
    const src = byPath.get(b.path)
    if (!src) return true
    if (tokenLimited(b)) return batchesOf(state, src).some(o => o !== b && sameSlot(o, b) && isUsable(o))
    return b.sha256 !== src.sha256 && batchesOf(state, src).some(isUsable)
  })
}
