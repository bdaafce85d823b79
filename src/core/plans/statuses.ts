import { BATCH_LIST_PAGE, CLOCK_SKEW_SECONDS } from '../limits'
import type { TrackedBatch } from '../state/state'

/**
 * How a run reads the status of its unfinished batches: one retrieve each (GET /batches/{id}), or
 * the batch list (GET /batches, newest first, a page of 100 a call) down to the oldest of them.
 * Why the list: BENCHMARKS.md, "A thousand batches in flight" (#14).
 */
export type StatusPlan =
  | { readonly list: false }
  | {
      readonly list: true
      /** Unix seconds: the list is read down to here, the oldest unfinished batch less the clock-skew margin. */
      readonly since: number
    }

/** The list is read when it takes at most one call in this many of retrieving each. */
export const LIST_SAVES = 10

/**
 * Lists when the pages it expects are at most a tenth of the retrieves (so
 * from 10 unfinished batches up): a few retrieves at once are as quick as a
 * page and read only what they need. Other tools' batches in the list are not
 * counted, as they are not known; `listOn` bounds what they cost.
 */
export function planStatuses(unfinished: readonly TrackedBatch[], tracked: readonly TrackedBatch[]): StatusPlan {
  if (unfinished.length === 0) return { list: false }
  // OpenAI sets both created_at; the margin covers a list not strictly in created_at order.
  const since = unfinished.reduce((t, b) => Math.min(t, b.createdAt), Infinity) - CLOCK_SKEW_SECONDS
  // The pages it takes at least: every tracked batch created since is in them.
  const pages = Math.max(1, Math.ceil(tracked.filter(b => b.createdAt >= since).length / BATCH_LIST_PAGE))
  return pages * LIST_SAVES <= unfinished.length ? { list: true, since } : { list: false }
}

/**
 * Whether to read another page, after `pages`, with `unseen` unfinished batches not found yet.
 * Not once the pages read are as many as the retrieves left: a list crowded with other tools'
 * batches then costs at most twice the retrieves it was to save.
 */
export const listOn = (pages: number, unseen: number): boolean => unseen > 0 && pages < unseen
