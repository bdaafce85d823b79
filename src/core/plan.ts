import type { RemoteBatch } from '../ports/batch-api'
import { MetadataKeys } from '../config/constants'
import type { SourceFile } from '../io/request-files'
import { BATCH_STATUSES, BatchStatus, isFinal, roundOf, State, TrackedBatch } from './state'

/**
 * The deciding core: given the request files on disk and the state, what to do.
 * Pure; the phases carry the plans out.
 *
 * A batch belongs to a path and a content hash. Results are written only for
 * batches whose content is what the path holds now, so a branch gets the
 * results of its own requests, whichever run created the batch.
 */

/**
 * A batch refused for the organisation's enqueued-token limit: nothing is
 * wrong with its requests, so its content is submitted again on a later run.
 */
export const tokenLimited = (b: TrackedBatch): boolean => b.status === 'failed' && (b.errors ?? []).some(e => e.code === 'token_limit_exceeded')

/** Whether the present content of `src` has a batch of its own requests refused for the enqueued-token limit. */
export const refusedForTokens = (src: SourceFile, state: State): boolean => state.batches.some(b => matches(b, src) && roundOf(b) === 0 && tokenLimited(b))

/** A batch that can still yield results for its content (a cancelled or token-limited one cannot). */
export const isUsable = (b: TrackedBatch): boolean => b.status !== 'cancelled' && b.status !== 'cancelling' && !tokenLimited(b)

const matches = (b: TrackedBatch, src: { path: string; sha256: string }): boolean => !b.outside && b.path === src.path && b.sha256 === src.sha256

/** Two batches for the same round and part of a content. */
const sameSlot = (a: TrackedBatch, b: TrackedBatch): boolean => roundOf(a) === roundOf(b) && a.part === b.part && a.parts === b.parts

/** A batch whose results are wanted now: one for a file's present content, or one named in batch-ids. */
const wanted = (b: TrackedBatch, sources: readonly SourceFile[]): boolean => b.outside === true || sources.some(s => matches(b, s))

export interface SubmitPlan {
  /** Valid files with no usable batch for their content. */
  readonly submit: readonly SourceFile[]
  /** Valid files whose content already has a batch. */
  readonly current: readonly SourceFile[]
  /** Files with problems: never uploaded. */
  readonly invalid: readonly SourceFile[]
}

/** The parts (0-based) of `n` for retry round `round` of a file's content that have no usable batch yet. */
export function missingParts(src: { path: string; sha256: string; round?: number }, n: number, state: State): number[] {
  const round = src.round ?? 0
  const have = new Set(state.batches.filter(b => matches(b, src) && roundOf(b) === round && isUsable(b) && b.parts === n).map(b => b.part - 1))
  return Array.from({ length: n }, (_, i) => i).filter(i => !have.has(i))
}

export function planSubmit(sources: readonly SourceFile[], state: State): SubmitPlan {
  const submit: SourceFile[] = []
  const current: SourceFile[] = []
  const invalid: SourceFile[] = []
  for (const src of sources) {
    if (src.problems.length > 0) invalid.push(src)
    // A file not checked this run has content that was submitted before.
    else if (!src.checked || missingParts(src, src.parts.length, state).length === 0) current.push(src)
    else submit.push(src)
  }
  return { submit, current, invalid }
}

/**
 * Batches to stop tracking after a submit: those of deleted files, those
 * superseded by a usable batch for the file's present content, and
 * token-limited ones submitted again.
 */
export function planPrune(sources: readonly SourceFile[], state: State): TrackedBatch[] {
  const byPath = new Map(sources.map(s => [s.path, s]))
  return state.batches.filter(b => {
    if (b.outside) return false
    const src = byPath.get(b.path)
    if (!src) return true
    if (tokenLimited(b)) return state.batches.some(o => o !== b && matches(o, src) && sameSlot(o, b) && isUsable(o))
    return b.sha256 !== src.sha256 && state.batches.some(o => matches(o, src) && isUsable(o))
  })
}

export interface CollectPlan {
  /** Tracked batches for present content, not yet final: their status is to be checked. */
  readonly refresh: readonly TrackedBatch[]
  /** Batches for content the files no longer hold: left alone. */
  readonly stale: readonly TrackedBatch[]
}

export function planCollect(sources: readonly SourceFile[], state: State): CollectPlan {
  const refresh: TrackedBatch[] = []
  const stale: TrackedBatch[] = []
  for (const b of state.batches) {
    if (!wanted(b, sources)) stale.push(b)
    else if (!isFinal(b.status)) refresh.push(b)
  }
  return { refresh, stale }
}

/**
 * The batches standing for one content, by round: round 0 has the newest
 * batch of each part (a cancelled one yields what it finished); a retry round
 * the newest usable one (a refused one is made again). Rounds stop at the
 * first with no batch; `complete` says whether the last has all its parts.
 */
export function rounds(batches: readonly TrackedBatch[]): { rounds: TrackedBatch[][]; complete: boolean } {
  const out: TrackedBatch[][] = []
  for (let k = 0; ; k++) {
    const mine = batches.filter(b => roundOf(b) === k && (k === 0 || isUsable(b))).sort((a, b) => b.createdAt - a.createdAt)
    if (mine.length === 0) return { rounds: out, complete: true }
    const n = mine[0]!.parts
    const parts = new Map<number, TrackedBatch>()
    for (const b of mine) if (b.parts === n && !parts.has(b.part)) parts.set(b.part, b)
    out.push([...parts.values()].sort((a, b) => a.part - b.part))
    if (parts.size < n) return { rounds: out, complete: false }
  }
}

/** The batches of present content (or outside batches), grouped by what they stand for. */
function contents(sources: readonly SourceFile[], state: State): TrackedBatch[][] {
  const units = new Map<string, TrackedBatch[]>()
  for (const b of state.batches) {
    if (!wanted(b, sources)) continue
    const key = b.outside ? b.batchId : `${b.path}\n${b.sha256}`
    units.set(key, [...(units.get(key) ?? []), b])
  }
  return [...units.values()]
}

/**
 * What to collect: for each file's present content (or outside batch), its
 * batches in round and part order, once every part of every round is final
 * and some are not collected.
 */
export function toCollect(sources: readonly SourceFile[], state: State): TrackedBatch[][] {
  return contents(sources, state)
    .map(rounds)
    .filter(r => r.complete)
    .map(r => r.rounds.flat())
    .filter(unit => unit.every(b => isFinal(b.status)) && unit.some(b => !b.collected))
}

export interface RetryWork {
  readonly src: SourceFile
  /** The round to make (or finish making). */
  readonly round: number
  /** The batches of the rounds before it, whose final errors it retries. */
  readonly before: readonly TrackedBatch[]
}

/**
 * Retry rounds to make: for present content whose last round is collected and
 * left retryable error lines, the next round while fewer than `maxRounds` were
 * made; and the missing parts of a round begun by a run that stopped.
 */
export function planRetry(sources: readonly SourceFile[], state: State, maxRounds: number): RetryWork[] {
  if (maxRounds <= 0) return []
  const work: RetryWork[] = []
  for (const src of sources) {
    if (src.problems.length > 0) continue
    const r = rounds(state.batches.filter(b => matches(b, src)))
    const last = r.rounds.length - 1
    if (last < 0) continue
    if (!r.complete) {
      if (last > 0) work.push({ src, round: last, before: r.rounds.slice(0, last).flat() })
      continue
    }
    const done = r.rounds[last]!
    // Not counted: collected while retries were off. Its errors are looked at once.
    const count = done[0]!.retryable ?? (r.rounds.flat().some(b => b.errorFileId) ? Infinity : 0)
    const retryable = done.every(b => isFinal(b.status) && b.collected) && count > 0
    if (retryable && last < maxRounds) work.push({ src, round: last + 1, before: r.rounds.flat() })
  }
  return work
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
  return { path, sha256, part: Number(part[1]), parts: Number(part[2]), ...(round ? { round } : {}), collected: false, ...remoteFacts(b) }
}

/** The facts of a batch that change as OpenAI works on it. */
export function remoteFacts(b: RemoteBatch): Pick<
  TrackedBatch,
  'batchId' | 'inputFileId' | 'status' | 'createdAt' | 'requestCounts' | 'outputFileId' | 'errorFileId' | 'errors'
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
    errors: b.errors.length > 0 ? b.errors.map(e => ({ code: e.code, message: e.message, line: e.line })) : undefined
  }
}

/**
 * Adds batches found at OpenAI that stand for the present content of a file
 * and that the state does not know, the newest one per round and part.
 */
export function adopt(state: State, found: readonly TrackedBatch[], sources: readonly SourceFile[]): State {
  const batches = [...state.batches]
  const newestFirst = [...found].sort((a, b) => b.createdAt - a.createdAt)
  for (const src of sources) {
    if (src.problems.length > 0) continue
    for (const b of newestFirst) {
      const taken = batches.some(o => o.batchId === b.batchId || (matches(o, src) && sameSlot(o, b) && isUsable(o)))
      if (matches(b, src) && isUsable(b) && !taken) batches.push(b)
    }
  }
  return { ...state, batches }
}

/** The state with one batch's record replaced by `next`. */
export function update(state: State, next: TrackedBatch): State {
  return { ...state, batches: state.batches.map(b => (b.batchId === next.batchId ? next : b)) }
}

/** Our record of a batch created elsewhere (batch-ids): its results go to `batches/<id>.jsonl` under target-dir. */
export function outsideBatch(b: RemoteBatch): TrackedBatch {
  return { path: `batches/${b.id}.jsonl`, sha256: '', part: 1, parts: 1, collected: false, outside: true, ...remoteFacts(b) }
}

/** The state with the given batches marked as not collected: their results are to be fetched again. */
export function uncollect(state: State, batchIds: ReadonlySet<string>): State {
  return { ...state, batches: state.batches.map(b => (batchIds.has(b.batchId) ? { ...b, collected: false } : b)) }
}
