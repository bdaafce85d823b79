import type { RemoteBatch } from '../core/remote/records'
import type { Log } from '../ports/log'
import { CreateAttempts, type Pending } from './create-attempts'

/**
 * Anthropic's MessageBatch as the action reads it, and what the run knows
 * of the batches it made: their metadata (Anthropic keeps none) and the
 * creates whose answer may have been lost.
 */

/** MessageBatch (@anthropic-ai/sdk src/resources/messages/batches.ts), the fields read here. */
export interface MessageBatch {
  readonly id: string
  readonly processing_status: 'in_progress' | 'canceling' | 'ended'
  readonly request_counts: {
    readonly processing: number
    readonly succeeded: number
    readonly errored: number
    readonly canceled: number
    readonly expired: number
  }
  /** RFC 3339. */
  readonly created_at: string
  readonly expires_at: string
  readonly cancel_initiated_at: string | null
  /** Absolute; set once the batch has ended. */
  readonly results_url: string | null
}

/** A page of GET /v1/messages/batches (the SDK's Page). */
export interface BatchPage {
  readonly data: readonly MessageBatch[]
  readonly has_more: boolean
  readonly last_id: string | null
}

/** A create sent this run: what it stands for, and what a batch it made looks like. */
export interface Attempt extends Pending {
  readonly metadata: Readonly<Record<string, string>>
  readonly inputFileId: string
  /** Lines sent; complete once the body has gone. */
  requests: number
  /**
   * The newest batch of the workspace just before the create was sent, by the API's own clock
   * (`instant`); undefined when there was none. A batch the create made is newer.
   */
  readonly after?: { readonly id: string; readonly created: number }
}

/** What the run knows of a batch it made. */
interface Known {
  readonly metadata: Readonly<Record<string, string>>
  readonly inputFileId: string
}

/**
 * A batch made by a create whose answer was lost can show up before the API
 * has it listed, and clocks differ: one created this long before the create
 * was sent may still be its batch (when no batch was listed before it).
 */
const CLOCK_SLACK_S = 60

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000)

/**
 * An RFC 3339 time in microseconds since the epoch, as Anthropic writes them (`.100435Z`): finer than
 * Date.parse's milliseconds, so a batch made in the millisecond after another is still newer.
 */
export function instant(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? ''
  const whole = Date.parse(iso.replace(/\.\d+/, ''))
  return whole * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6))
}

/** The total of a batch's requests, whatever their state. */
export function total(b: MessageBatch): number {
  const c = b.request_counts
  return c.processing + c.succeeded + c.errored + c.canceled + c.expired
}

export class Ledger extends CreateAttempts<Attempt> {
  private readonly known = new Map<string, Known>()

  constructor(private readonly log: Log) {
    super()
  }

  /** A create answered: its batch is the attempt's. */
  made(id: string, a: Attempt): void {
    this.forget(a)
    this.known.set(id, { metadata: a.metadata, inputFileId: a.inputFileId })
  }

  /** The batch as the action reads it, written in full to the debug log first. */
  toBatch(b: MessageBatch): RemoteBatch {
    this.log.debug(`Batch ${b.id}: ${JSON.stringify(b)}`)
    const known = this.known.get(b.id) ?? this.claim(b)
    const c = b.request_counts
    const failed = c.errored + c.canceled + c.expired
    const ended = b.processing_status === 'ended'
    return {
      id: b.id,
      status: status(b),
      inputFileId: known?.inputFileId ?? b.id,
      outputFileId: ended && c.succeeded > 0 ? `${b.id}/succeeded` : null,
      errorFileId: ended && failed > 0 ? `${b.id}/failed` : null,
      createdAt: seconds(b.created_at),
      expiresAt: seconds(b.expires_at),
      requestCounts: { total: total(b), completed: c.succeeded, failed },
      metadata: known?.metadata ?? {},
      errors: []
    }
  }

  /**
   * A batch the run does not know, made around when a create whose answer
   * was lost was sent, with as many requests: that create's batch. Without
   * it the caller, finding nothing, would create a second batch.
   */
  private claim(b: MessageBatch): Known | undefined {
    const created = seconds(b.created_at)
    const n = total(b)
    const at = instant(b.created_at)
    // Newer than the newest batch listed before the create, by the API's clock: never one made
    // before it (another file's, of the same size, by the run before: chaos found that).
    // Strictly: batches made in one millisecond (two files' creates side by side) cannot be told apart,
    // and a create is sent a round trip after the look, so its batch is made later.
    const newer = (a: Attempt) => (a.after ? at > a.after.created : true)
    const a = this.takeLost(a => created >= a.sentAt - CLOCK_SLACK_S && newer(a) && a.requests === n)
    if (!a) return undefined
    const known = { metadata: a.metadata, inputFileId: a.inputFileId }
    this.known.set(b.id, known)
    this.log.debug(`Batch ${b.id} is the one a create sent at ${a.sentAt} made; its answer was lost.`)
    return known
  }
}

function status(b: MessageBatch): string {
  if (b.processing_status === 'in_progress') return 'in_progress'
  if (b.processing_status === 'canceling') return 'cancelling'
  if (b.cancel_initiated_at) return 'cancelled'
  return b.request_counts.expired > 0 ? 'expired' : 'completed'
}
