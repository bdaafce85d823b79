import { createHash } from 'node:crypto'
import { ofPath } from '../state/batches'
import { resultOf } from '../paths'
import { batchCost, openaiUsage, PriceOf } from '../cost/spend'
import { Channel, isFinal, roundOf, State, TrackedBatch } from '../state/state'

/** A batch's final state, in the shape of OpenAI's own webhook events, with our extras in `data`. */
export interface BatchEvent {
  readonly id: string
  readonly object: 'event'
  readonly type: `batch.${'completed' | 'failed' | 'expired' | 'cancelled'}`
  readonly created_at: number
  readonly data: {
    readonly id: string
    /** Who ran the batch: the `provider` (`openai`, `azure`, `compatible`, `anthropic`). */
    readonly provider: string
    readonly status: string
    /** The request file, workspace-relative; null for a batch created elsewhere. */
    readonly source_file: string | null
    /** Which part of the file the batch is, as `i/n`. */
    readonly part: string
    /** 0 for the file's own requests; k for its k-th retry of failed lines. */
    readonly round: number
    /** A retry round of the file's failed lines is under way: its results will change again. */
    readonly retry_pending: boolean
    readonly request_counts: { total: number; completed: number; failed: number } | null
    /** Tokens used, in the shape of OpenAI's Batch.usage; null when not known. */
    readonly usage: ReturnType<typeof openaiUsage> | null
    /** US dollars at the Batch price; null when the usage or the model's price is not known. */
    readonly cost: number | null
    readonly output_path: string | null
    readonly error_path: string | null
    /** Its request file changed or was deleted while it ran: `output_path` is its partial output (keep-superseded). */
    readonly superseded: 'changed' | 'deleted' | null
    readonly commit_sha: string | null
    readonly run_url: string
  }
}

export interface EventContext {
  /** The provider's kind. */
  readonly provider: string
  readonly sourceDir: string
  readonly targetDir: string
  /** Superseded batches' partial output was kept. */
  readonly keepSuperseded?: boolean
  readonly commitSha: string | undefined
  readonly runUrl: string
  /** The price list; undefined when none is loaded. */
  readonly price?: PriceOf
}

/** Whether a later retry round of the batch's content is still under way. */
const retryPending = (state: State, b: TrackedBatch): boolean =>
  !b.outside && ofPath(state, b.path).some(o => o.sha256 === b.sha256 && roundOf(o) > roundOf(b) && !isFinal(o.status))

export function batchEvent(b: TrackedBatch, state: State, ctx: EventContext, now: number): BatchEvent {
  const type = `batch.${b.status}` as BatchEvent['type']
  const paths = resultOf(b, ctx)
  return {
    // The same id on every delivery of this event, after a lost cache too, so receivers can drop repeats (#23 item 8).
    id: `evt_${createHash('sha256').update(`${b.batchId}:${type}`).digest('hex').slice(0, 32)}`,
    object: 'event',
    type,
    created_at: now,
    data: {
      id: b.batchId,
      provider: ctx.provider,
      status: b.status,
      source_file: b.outside ? null : `${ctx.sourceDir}/${b.path}`,
      part: `${b.part}/${b.parts}`,
      round: roundOf(b),
      retry_pending: retryPending(state, b),
      request_counts: b.requestCounts ?? null,
      usage: b.usage ? openaiUsage(b.usage) : null,
      cost: batchCost(b, ctx.price) ?? null,
      output_path: paths.output,
      error_path: paths.errors,
      superseded: b.superseded ?? null,
      commit_sha: ctx.commitSha ?? null,
      run_url: ctx.runUrl
    }
  }
}

/** Batches whose final state is to be announced on `channel`. */
export function toAnnounce(state: State, channel: Channel): TrackedBatch[] {
  return state.batches.filter(b => isFinal(b.status) && b.collected && !b.announced?.includes(channel))
}

/** The state with the batch's announcement on `channel` recorded, so no later run repeats it. */
export function markAnnounced(state: State, batchId: string, channel: Channel): State {
  return {
    ...state,
    batches: state.batches.map(b =>
      b.batchId === batchId ? { ...b, announced: [...(b.announced ?? []), channel] } : b
    )
  }
}
