import { mapLimit } from '../core/concurrency'
import { errorMessage, stopsRun } from '../core/errors'
import { listOn, planStatuses } from '../core/plans/statuses'
import { remoteFacts } from '../core/remote/records'
import { isFinal, type TrackedBatch } from '../core/state/state'
import { plural } from '../core/format'
import type { LiveContext } from './step'

/**
 * The unfinished batches' records brought up to date from OpenAI. They are read
 * from the batch list when that takes fewer calls (core/plans/statuses.ts), else
 * retrieved one by one, as are those the list did not show. A batch that cannot
 * be checked is left out with a warning (it is checked next run); a refused key
 * stops the run.
 */
export async function checkStatuses(
  ctx: LiveContext,
  unfinished: readonly TrackedBatch[],
  tracked: readonly TrackedBatch[]
): Promise<TrackedBatch[]> {
  const { api, log, settings } = ctx
  const plan = planStatuses(unfinished, tracked)
  const checked = plan.list ? await fromList(ctx, unfinished, plan.since) : new Map<string, TrackedBatch>()
  await mapLimit(
    unfinished.filter(b => !checked.has(b.batchId)),
    settings.maxConcurrency,
    async b => {
      try {
        checked.set(b.batchId, { ...b, ...remoteFacts(await api.getBatch(b.batchId)) })
      } catch (e) {
        if (stopsRun(e)) throw e
        // Degraded, not failed: checked again on the next run, and the rest goes on.
        log.warning(`Could not check batch ${b.batchId} of ${b.path}: ${errorMessage(e)}`)
      }
    }
  )
  const out: TrackedBatch[] = []
  for (const b of unfinished) {
    const next = checked.get(b.batchId)
    if (!next) continue
    // A batch that ended is logged once, with its counts, when its results are collected.
    if (next.status !== b.status)
      (isFinal(next.status) ? log.debug : log.info)(`${b.path}: batch ${b.batchId} is ${next.status}.`)
    out.push(next)
  }
  return out
}

/**
 * The unfinished batches found in the batch list, newest first, read down to
 * `since` (or until the rest are cheaper to retrieve). Other tools' batches,
 * and ours that are final, are passed over.
 */
async function fromList(
  ctx: LiveContext,
  unfinished: readonly TrackedBatch[],
  since: number
): Promise<Map<string, TrackedBatch>> {
  const { api, log } = ctx
  const wanted = new Map(unfinished.map(b => [b.batchId, b]))
  const found = new Map<string, TrackedBatch>()
  let pages = 0
  try {
    for await (const page of api.recentBatches(since)) {
      pages++
      for (const remote of page) {
        const b = wanted.get(remote.id)
        if (b) found.set(b.batchId, { ...b, ...remoteFacts(remote) })
      }
      if (!listOn(pages, wanted.size - found.size)) break
    }
  } catch (e) {
    if (stopsRun(e)) throw e
    // Degraded: the batches not found yet are retrieved one by one, as without the list.
    log.warning(`Could not list the batches: ${errorMessage(e)}`)
  }
  const rest = wanted.size - found.size
  const retrieving = rest > 0 ? `; retrieving ${plural(rest, 'batch', 'batches')} by id` : ''
  log.info(
    `Read ${plural(found.size, 'batch', 'batches')} from ${plural(pages, 'page')} of the batch list${retrieving}.`
  )
  return found
}
