import { batchesOf, presentIds, sourceOf } from '../state/batches'
import { planRetry } from './retry'
import type { SourceFile } from '../requests/source'
import { isFinal, State, TrackedBatch } from '../state/state'

/**
 * Which batches' files to delete at OpenAI (delete-remote-files): those whose
 * results are published and can no longer change. That is every batch of a
 * file's present content once all of them are final and collected and no
 * retry round can follow (a round downloads the earlier error files, and a
 * collect after it downloads every round's output again), and a superseded
 * batch once settled. Batches named by batch-ids belong to someone else.
 */
export function toClean(sources: readonly SourceFile[], state: State, retryFailed: number): TrackedBatch[] {
  const done = (b: TrackedBatch) => isFinal(b.status) && b.collected && !b.renamedFrom
  const clean: TrackedBatch[] = []
  for (const b of state.batches) {
    if (b.outside || b.filesDeleted || !done(b)) continue
    if (b.superseded) {
      clean.push(b)
      continue
    }
    const src = sourceOf(b, sources)
    if (!src || src.problems.length > 0) continue
    const unit = batchesOf(state, src).filter(o => !o.superseded)
    if (unit.every(done) && planRetry([src], state, retryFailed).length === 0) clean.push(b)
  }
  return clean
}

/**
 * The files of `batches` to delete: theirs, less any another tracked batch
 * still uses (an upload reused), and less the upload of a batch without our
 * metadata: after a lost cache its name is all that ties the batch to its file (#12).
 */
export function filesOf(batches: readonly TrackedBatch[], state: State): string[] {
  const going = new Set(batches.map(b => b.batchId))
  const used = new Set(
    presentIds(
      state.batches
        .filter(b => !going.has(b.batchId) && !b.filesDeleted)
        .flatMap(b => [b.inputFileId, b.outputFileId, b.errorFileId])
    )
  )
  const files = (b: TrackedBatch) => [b.untagged ? undefined : b.inputFileId, b.outputFileId, b.errorFileId]
  return [...new Set(presentIds(batches.flatMap(files)))].filter(id => !used.has(id))
}
