import { BATCH_STATUSES, BatchStatus, roundOf, TrackedBatch } from '../state/state'
import type { TokenUsage } from '../cost/usage'

/** OpenAI's records as the action reads them, and their translation into ours. */

export interface RemoteFile {
  readonly id: string
  readonly filename: string
  readonly bytes: number
  /** Unix seconds. */
  readonly createdAt: number
  /** `processed` once the provider can run a batch from it; Azure reports `pending` first. */
  readonly status?: string
}

export interface RemoteBatch {
  readonly id: string
  readonly status: string
  readonly inputFileId: string
  readonly outputFileId: string | null
  readonly errorFileId: string | null
  /** Unix seconds. */
  readonly createdAt: number
  readonly requestCounts: { total: number; completed: number; failed: number } | undefined
  readonly metadata: Readonly<Record<string, string>>
  readonly errors: readonly { code?: string; message?: string; line?: number | null }[]
  /** The model the batch ran, when the API says. */
  readonly model?: string
  /** Tokens used, when the API reports them (OpenAI: batches created after September 7, 2025). */
  readonly usage?: TokenUsage
  /** Unix seconds: when an unfinished batch expires. */
  readonly expiresAt?: number
}

/**
 * The action's own keys in each batch's metadata: with them the state can be
 * rebuilt from OpenAI alone. OpenAI allows 16 keys, so users get the rest.
 */
export const MetadataKeys = {
  Scope: 'oba_scope',
  Path: 'oba_path',
  Sha256: 'oba_sha256',
  Part: 'oba_part',
  /** The retry round, on follow-up batches of failed lines only. */
  Round: 'oba_round'
} as const

/** Which batch of a content a new one is: its file, content, round, and part of `parts`. */
export interface Slot {
  readonly path: string
  readonly sha256: string
  readonly round?: number
  /** 1-based. */
  readonly part: number
  readonly parts: number
}

/** The metadata a new batch carries: the user's keys and ours. */
export function batchMetadata(
  user: Readonly<Record<string, string>>,
  scope: string,
  slot: Slot
): Record<string, string> {
  const round = roundOf(slot)
  return {
    ...user,
    [MetadataKeys.Scope]: scope,
    [MetadataKeys.Path]: slot.path,
    [MetadataKeys.Sha256]: slot.sha256,
    [MetadataKeys.Part]: `${slot.part}/${slot.parts}`,
    ...(round > 0 ? { [MetadataKeys.Round]: String(round) } : {})
  }
}

/** Our batch record for a remote batch carrying this scope's metadata, else undefined. */
export function fromRemote(b: RemoteBatch, scope: string): TrackedBatch | undefined {
  const m = b.metadata
  if (m[MetadataKeys.Scope] !== scope) return undefined
  const path = m[MetadataKeys.Path]
  const sha256 = m[MetadataKeys.Sha256]
  const part = /^(\d+)\/(\d+)$/.exec(m[MetadataKeys.Part] ?? '1/1')
  const round = /^[1-9]\d*$/.exec(m[MetadataKeys.Round] ?? '') ? Number(m[MetadataKeys.Round]) : undefined
  if (!path || !sha256 || !part) return undefined
  return {
    path,
    sha256,
    part: Number(part[1]),
    parts: Number(part[2]),
    ...(round ? { round } : {}),
    collected: false,
    ...remoteFacts(b)
  }
}

/**
 * Our record of a batch made for `slot` without our metadata (a compatible API dropped or refused
 * it). What it stands for is known from the create, or from its upload's name.
 */
export const untaggedBatch = (b: RemoteBatch, slot: Slot): TrackedBatch => ({
  path: slot.path,
  sha256: slot.sha256,
  part: slot.part,
  parts: slot.parts,
  ...(roundOf(slot) > 0 ? { round: slot.round } : {}),
  collected: false,
  untagged: true,
  ...remoteFacts(b)
})

/** Whether a batch lacks the action's metadata of every scope: another folder's batches are never taken for ours. */
export const isUntagged = (b: RemoteBatch): boolean => !b.metadata[MetadataKeys.Scope]

/** The facts of a batch that change as OpenAI works on it. */
export function remoteFacts(
  b: RemoteBatch
): Pick<
  TrackedBatch,
  | 'batchId'
  | 'inputFileId'
  | 'status'
  | 'createdAt'
  | 'requestCounts'
  | 'outputFileId'
  | 'errorFileId'
  | 'errors'
  | 'model'
  | 'usage'
  | 'expiresAt'
> {
  const status = (BATCH_STATUSES as readonly string[]).includes(b.status) ? (b.status as BatchStatus) : 'in_progress'
  return {
    batchId: b.id,
    inputFileId: b.inputFileId,
    status,
    createdAt: b.createdAt,
    requestCounts: b.requestCounts,
    outputFileId: b.outputFileId,
    errorFileId: b.errorFileId,
    errors: b.errors.length > 0 ? b.errors.map(e => ({ code: e.code, message: e.message, line: e.line })) : undefined,
    model: b.model,
    usage: b.usage,
    expiresAt: b.expiresAt
  }
}

/** Our record of a batch created elsewhere (batch-ids): its results go to `batches/<id>.jsonl` under target-dir. */
export function outsideBatch(b: RemoteBatch): TrackedBatch {
  return {
    // A name of Gemini's (`batches/<id>`) is a path already: its last segment names the file.
    path: `batches/${b.id.split('/').pop()}.jsonl`,
    sha256: '',
    part: 1,
    parts: 1,
    collected: false,
    outside: true,
    ...remoteFacts(b)
  }
}
