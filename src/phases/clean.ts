import { update } from '../core/state/batches'
import { filesOf, toClean } from '../core/plans/clean'
import { mapLimit } from '../core/concurrency'
import { ApiError, errorMessage, stopsRun } from '../core/errors'
import type { State, TrackedBatch } from '../core/state/state'
import { plural } from '../core/format'
import type { Step } from './step'

/** A file OpenAI no longer has: deleted before, or expired. */
export const isGone = (e: unknown): boolean => e instanceof ApiError && e.status === 404

/**
 * Deletes at OpenAI the files of batches whose results are published for good
 * (delete-remote-files). The organisation's file storage does not fill up, and
 * the state keeps the batches' ids and facts. A file that cannot be deleted now
 * is tried again by the next run.
 */
export const cleanStep: Step = {
  name: 'Delete finished remote files',
  idle: (ctx, so) => toClean(ctx.sources, so.state, ctx.settings.retryFailed).length === 0,
  async run(ctx, so) {
    const { api, log, settings } = ctx
    const batches = toClean(ctx.sources, so.state, settings.retryFailed)
    if (batches.length === 0) return { state: so.state }
    const unused = new Set(filesOf(batches, so.state))
    let state: State = so.state
    let deleted = 0
    const cleaned: TrackedBatch[] = []
    await mapLimit(batches, settings.maxConcurrency, async b => {
      try {
        for (const id of [b.inputFileId, b.outputFileId, b.errorFileId]) {
          if (!id || !unused.has(id)) continue
          unused.delete(id)
          await api.deleteFile(id).then(
            made => void (deleted += made ? 1 : 0),
            e => {
              if (!isGone(e)) throw e
            }
          )
        }
      } catch (e) {
        if (stopsRun(e)) throw e
        // Degraded, not failed: the file only costs storage until it expires, and the next run tries again.
        log.warning(
          `Could not delete the files of batch ${b.batchId} at ${ctx.settings.provider.label}: ${errorMessage(e)}`
        )
        return
      }
      cleaned.push(b)
      state = update(state, { ...b, filesDeleted: true })
    })
    if (deleted === 0) return { state }
    const { label, keepsMetadata } = ctx.settings.provider
    // Without metadata, a batch is found again after a lost cache by its name or its upload's: it stays.
    const kept = keepsMetadata
      ? ''
      : ' The batches are kept: they are what finds this content again after a lost cache.'
    const note =
      `Deleted ${plural(deleted, 'file')} at ${label}, of ` +
      `${plural(cleaned.length, 'finished batch', 'finished batches')} (delete-remote-files).${kept}`
    log.info(note)
    return { state, notes: [note] }
  }
}

/**
 * In place of cleanStep for a provider without files (Anthropic): its batches are kept, as deleting
 * one erases its only record of what was submitted and a lost cache would then submit it again.
 * Said once a run that published results, so a user who set delete-remote-files knows why.
 */
export const keepStep: Step = {
  name: 'Keep finished batches',
  idle: (_ctx, so) => so.collected.length === 0,
  async run(ctx, so) {
    const { label } = ctx.settings.provider
    ctx.log.info(
      `${label} batches have no files to delete: the finished ones are kept (${label} archives their results ` +
        'after 29 days), so a lost cache still finds them; delete-remote-files deletes nothing here.'
    )
    return { state: so.state }
  }
}
