import { z } from 'zod'
import { CLOCK_SKEW_SECONDS, REBUILD_LOOKBACK_SECONDS } from '../limits'

/** Bump when the document's shape changes; an older state is rebuilt from OpenAI. */
export const STATE_VERSION = 2

export const BATCH_STATUSES = [
  'validating',
  'failed',
  'in_progress',
  'finalizing',
  'completed',
  'expired',
  'cancelling',
  'cancelled'
] as const
export type BatchStatus = (typeof BATCH_STATUSES)[number]

const FINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'expired', 'cancelled'])
export const isFinal = (status: string): boolean => FINAL.has(status)

export const counts = z.object({ total: z.number(), completed: z.number(), failed: z.number() })
const batchError = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  line: z.number().nullable().optional()
})

const trackedBatch = z.object({
  /** Source path, relative to source-dir. */
  path: z.string(),
  /** sha256 of the source content this batch was created for. */
  sha256: z.string(),
  /** 1-based part of the source file, and how many parts it has. */
  part: z.number().int().min(1),
  parts: z.number().int().min(1),
  /**
   * 0 (or absent) for a batch of the file's requests; k for the k-th retry
   * round, a batch of the lines that failed for a retryable reason before.
   */
  round: z.number().int().min(1).optional(),
  /** Its error lines all passed on a retry, so its file has no errors file. */
  errorsRetried: z.boolean().optional(),
  /** On the last round collected: how many of the file's final error lines may succeed if retried. */
  retryable: z.number().int().min(0).optional(),
  batchId: z.string(),
  inputFileId: z.string(),
  status: z.enum(BATCH_STATUSES),
  /** Unix seconds, as OpenAI reports them. */
  createdAt: z.number(),
  requestCounts: counts.optional(),
  outputFileId: z.string().nullable().optional(),
  errorFileId: z.string().nullable().optional(),
  /** Validation errors of a failed batch. */
  errors: z.array(batchError).optional(),
  /** The model it ran, as OpenAI reports it (else the request file's). */
  model: z.string().optional(),
  /** Tokens used: OpenAI's figures, or summed from the result lines when the batch has none. */
  usage: z.object({ input: z.number(), cachedInput: z.number(), output: z.number(), reasoning: z.number() }).optional(),
  /** Unix seconds: when an unfinished batch expires. */
  expiresAt: z.number().optional(),
  /** Its results are in target-dir (and published, when the run publishes). */
  collected: z.boolean(),
  /** A batch created elsewhere (batch-ids): `path` is then its results path under target-dir. */
  outside: z.boolean().optional(),
  /** Its file was renamed after its results were written: collected again at the new path, removed from the old. */
  renamedFrom: z.string().optional(),
  /**
   * Its request file changed (or was deleted) while it ran: tracked until it ends, then its partial
   * output is kept (keep-superseded) or only reported, it is announced, and the next run forgets it.
   */
  superseded: z.enum(['changed', 'deleted']).optional(),
  /**
   * It carries none of the action's metadata (a compatible API dropped or refused it, #12): after a
   * lost cache only its upload's name ties it to its file, so delete-remote-files keeps the upload.
   */
  untagged: z.boolean().optional(),
  /** Its input, output and error files were deleted at OpenAI (delete-remote-files): none is downloaded again. */
  filesDeleted: z.boolean().optional(),
  /**
   * It was found at OpenAI, not tracked from its creation (a lost cache, a crashed run): whether an
   * earlier run collected and announced it is not known. Results already in target-dir byte for
   * byte say it did (#23 item 8). Cleared once it is collected.
   */
  rebuilt: z.boolean().optional(),
  /**
   * Found unfinished after a lost cache with nothing yet saying whose it is (Anthropic shows that only
   * once a batch ends): taken for the file whose part has as many requests, so that file waits for it
   * instead of being submitted twice. Checked when it ends; let go when it proves another's.
   */
  guessed: z.boolean().optional(),
  /** Where its final state was announced. */
  announced: z.array(z.enum(['webhook', 'dispatch'])).optional()
})

export const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  scope: z.string(),
  /**
   * Unix seconds: every batch of this scope created before then is in the state
   * (or was looked at). Batches created later, by a run that crashed or ran
   * alongside, may be missing: they are looked for before creating any.
   */
  asOf: z.number(),
  batches: z.array(trackedBatch),
  /**
   * Request files (source-dir relative) deleted after their results were written: the next commit
   * removes those results.
   */
  orphans: z.array(z.string()).optional()
})

export type TrackedBatch = z.infer<typeof trackedBatch>
export type State = z.infer<typeof stateSchema>
export type Channel = 'webhook' | 'dispatch'

export function emptyState(scope: string): State {
  return { version: STATE_VERSION, scope, asOf: 0, batches: [] }
}

/** Whether the batch's file has an errors file for it: it had error lines, and not all passed on a retry. */
export const hasErrors = (b: TrackedBatch): boolean => Boolean(b.errorFileId) && !b.errorsRetried

/** The batch's retry round: 0 for the file's own requests. */
export const roundOf = (b: Pick<TrackedBatch, 'round'>): number => b.round ?? 0

/** Unix seconds: batches and uploads newer than this may be missing from the state (a run crashed or ran alongside). */
export const listSince = (loaded: State | undefined, now: number): number =>
  loaded ? loaded.asOf - CLOCK_SKEW_SECONDS : now - REBUILD_LOOKBACK_SECONDS
