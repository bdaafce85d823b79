import * as path from 'node:path'
import { update } from '../core/state/batches'
import type { Change } from '../core/report/changes'
import { mapLimit } from '../core/concurrency'
import { errorMessage, stopsRun } from '../core/errors'
import { supersededPath } from '../core/paths'
import { toSettle } from '../core/plans/superseded'
import type { State, TrackedBatch } from '../core/state/state'
import { NO_USAGE } from '../core/cost/usage'
import { createResultWriter } from '../io/result-writer'
import type { LiveContext } from './step'

const counts = (b: TrackedBatch): string =>
  b.requestCounts?.total ? ` (${b.requestCounts.completed} of ${b.requestCounts.total} requests done)` : ''

/**
 * Settles the superseded batches that have ended. With keep-superseded their
 * partial output is downloaded beside the file's results, else they are only
 * reported; either way they are then announced, and the next run forgets them.
 */
export async function settleSuperseded(
  ctx: LiveContext,
  initial: State
): Promise<{ state: State; changes: Change[]; superseded: TrackedBatch[] }> {
  const { api, clock, log, settings } = ctx
  let state = initial
  const changes: Change[] = []
  const settled: TrackedBatch[] = []
  const writer = createResultWriter(api, { clock, log, tempDir: settings.tempDir })
  await mapLimit(toSettle(state), settings.maxConcurrency, async b => {
    const file = `${settings.sourceDir}/${b.path}`
    const why = b.superseded === 'deleted' ? 'was deleted' : 'changed'
    let done: TrackedBatch = { ...b, collected: true, usage: b.usage ?? (b.outputFileId ? undefined : NO_USAGE) }
    if (settings.keepSuperseded && b.outputFileId) {
      const rel = supersededPath(settings.targetDir, b.path, b.batchId)
      try {
        const w = await writer.write([b.outputFileId], path.join(settings.workspace, rel), {
          tally: b.usage ? undefined : new Set([b.outputFileId])
        })
        changes.push({ path: rel, batchId: b.batchId, removed: false, existed: w.existed, changed: w.changed })
        const lines = w.tallied?.get(b.outputFileId)
        done = { ...done, usage: done.usage ?? lines?.usage, model: b.model ?? lines?.model }
        log.info(
          `${file} ${why} while batch ${b.batchId} ran; ` +
            `it ended ${b.status}${counts(b)}, its partial output kept in ${rel}.`
        )
      } catch (e) {
        if (stopsRun(e)) throw e
        // Degraded, not failed: it is tried again by the next run.
        log.warning(
          `Could not keep the partial output of the superseded batch ${b.batchId} of ${file}: ${errorMessage(e)}`
        )
        return
      }
    } else {
      const kept = b.outputFileId ? ' (keep-superseded keeps its partial output)' : ''
      log.info(`${file} ${why} while batch ${b.batchId} ran; it ended ${b.status}${counts(b)}${kept}.`)
    }
    settled.push(done)
    state = update(state, done)
  })
  return { state, changes, superseded: settled }
}
