import type { RemoteBatch } from '../core/remote/records'
import type { Log } from '../ports/log'
import { CreateAttempts, type Pending } from './create-attempts'

/**
 * The Gemini API's batches as the action reads them, and what the run knows
 * of the batches it made: their metadata (a batch keeps only a displayName)
 * and the creates whose answer may have been lost.
 */

/** GenerateContentBatch (ai.google.dev/api/batch-mode), the fields read here: camelCase, int64 as strings. */
export interface BatchJson {
  readonly name: string
  readonly model?: string
  readonly displayName?: string
  readonly inputConfig?: { readonly fileName?: string }
  readonly output?: { readonly responsesFile?: string }
  /** RFC 3339. */
  readonly createTime?: string
  readonly endTime?: string
  readonly batchStats?: {
    readonly requestCount?: string
    readonly successfulRequestCount?: string
    readonly failedRequestCount?: string
    readonly pendingRequestCount?: string
  }
  readonly state?: string
}

/** What create, get and list answer: the batch as a long-running Operation, the batch its `metadata`. */
export interface OperationJson {
  readonly name: string
  readonly metadata?: BatchJson
  readonly done?: boolean
  readonly error?: { readonly code?: number; readonly message?: string }
}

/** The batch an answer holds, whether an Operation (what the API answers) or the batch itself, with the operation's error. */
export function batchOf(answer: OperationJson | BatchJson): { batch: BatchJson; error?: string } {
  const op = answer as OperationJson
  const batch =
    op.metadata && typeof op.metadata === 'object'
      ? { ...op.metadata, name: op.metadata.name ?? op.name }
      : (answer as BatchJson)
  return { batch, error: op.error?.message }
}

/**
 * Batch Mode's states, as the REST API (BATCH_STATE_*) and @google/genai
 * (JOB_STATE_*) spell them, in the action's words.
 */
const STATES: Record<string, string> = {
  BATCH_STATE_PENDING: 'validating',
  BATCH_STATE_RUNNING: 'in_progress',
  BATCH_STATE_SUCCEEDED: 'completed',
  BATCH_STATE_FAILED: 'failed',
  BATCH_STATE_CANCELLED: 'cancelled',
  BATCH_STATE_EXPIRED: 'expired',
  JOB_STATE_QUEUED: 'validating',
  JOB_STATE_PENDING: 'validating',
  JOB_STATE_RUNNING: 'in_progress',
  JOB_STATE_SUCCEEDED: 'completed',
  JOB_STATE_PARTIALLY_SUCCEEDED: 'completed',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_CANCELLED: 'cancelled',
  JOB_STATE_EXPIRED: 'expired'
}
const FINAL = new Set(['completed', 'failed', 'cancelled', 'expired'])

/** The Batch Mode guide: a batch still pending or running 48 hours after it was made expires. */
const EXPIRES_AFTER_S = 48 * 3600

/** A create sent this run: what it stands for, and the displayName a batch it made carries. */
export interface Attempt extends Pending {
  readonly metadata: Readonly<Record<string, string>>
  readonly displayName: string
  readonly inputFileId: string
}

/**
 * A batch made by a create whose answer was lost can show up before the API
 * has it listed, and clocks differ: one created this long before the create
 * was sent may still be its batch.
 */
const CLOCK_SLACK_S = 60

export const seconds = (iso: string | undefined): number => (iso ? Math.floor(Date.parse(iso) / 1000) : 0)
/** An int64 count as the API writes it (a string), left out when zero. */
const count = (s: string | undefined): number => (s === undefined ? 0 : Number(s) || 0)

export class Ledger extends CreateAttempts<Attempt> {
  private readonly known = new Map<string, Readonly<Record<string, string>>>()

  constructor(private readonly log: Log) {
    super()
  }

  /** A create answered: its batch is the attempt's. */
  made(name: string, a: Attempt): void {
    this.forget(a)
    this.known.set(name, a.metadata)
  }

  /** The batch as the action reads it, written in full to the debug log first. */
  toBatch(answer: OperationJson | BatchJson): RemoteBatch {
    this.log.debug(`Batch ${answer.name}: ${JSON.stringify(answer)}`)
    const { batch: b, error } = batchOf(answer)
    const metadata = this.known.get(b.name) ?? this.claim(b) ?? {}
    const status = STATES[b.state ?? ''] ?? 'in_progress'
    const stats = b.batchStats
    const total = count(stats?.requestCount)
    const ok = count(stats?.successfulRequestCount)
    const failed = count(stats?.failedRequestCount)
    const responses = FINAL.has(status) && Boolean(b.output?.responsesFile)
    // No counts at all (zero counters are left out, a missing total is no count): known only once the file is read.
    const unknown = !stats?.requestCount
    // A prompt blocked (promptFeedback, no candidates) is a successful request to Google, but goes with
    // the failures: any answer may be one. An empty `failed` writes no errors file (io/result-writer.ts).
    const createdAt = seconds(b.createTime)
    return {
      id: b.name,
      status,
      inputFileId: b.inputConfig?.fileName ?? '',
      outputFileId: responses && (ok > 0 || unknown) ? `${b.name}/succeeded` : null,
      errorFileId: responses && (failed > 0 || ok > 0 || unknown) ? `${b.name}/failed` : null,
      createdAt,
      ...(FINAL.has(status) ? {} : { expiresAt: createdAt + EXPIRES_AFTER_S }),
      requestCounts: { total, completed: ok, failed },
      metadata,
      errors: status === 'failed' && error ? [{ message: error }] : [],
      ...(b.model ? { model: b.model.replace(/^models\//, '') } : {})
    }
  }

  /**
   * A batch the run does not know, of the displayName of a create whose
   * answer was lost, made after it was sent: that create's batch. Without it
   * the caller, finding nothing, would create a second batch.
   */
  private claim(b: BatchJson): Readonly<Record<string, string>> | undefined {
    const created = seconds(b.createTime)
    // A batch just made has not finished: a finished one of the same name is the content's earlier
    // batch (cancelled when the file changed, then changed back), never this create's (chaos found that).
    const unfinished = !FINAL.has(STATES[b.state ?? ''] ?? 'in_progress')
    const a = this.takeLost(a => unfinished && a.displayName === b.displayName && created >= a.sentAt - CLOCK_SLACK_S)
    if (!a) return undefined
    this.known.set(b.name, a.metadata)
    this.log.debug(`Batch ${b.name} is the one a create sent at ${a.sentAt} made; its answer was lost.`)
    return a.metadata
  }
}
