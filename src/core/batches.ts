import type { SourceFile } from './source'
import { roundOf, State, TrackedBatch } from './state'

/** What a tracked batch stands for, and the small updates of the state's batch list. */

/**
 * A batch refused for the organisation's enqueued-token limit: nothing is
 * wrong with its requests, so its content is submitted again on a later run.
 */
export const tokenLimited = (b: TrackedBatch): boolean => b.status === 'failed' && (b.errors ?? []).some(e => e.code === 'token_limit_exceeded')

/** A batch that can still yield results for its content (a cancelled or token-limited one cannot). */
export const isUsable = (b: TrackedBatch): boolean => b.status !== 'cancelled' && b.status !== 'cancelling' && !tokenLimited(b)

/** A batch of this file's own requests for this content (not one named in batch-ids). */
export const matches = (b: Pick<TrackedBatch, 'path' | 'sha256' | 'outside'>, src: { path: string; sha256: string }): boolean =>
  !b.outside && b.path === src.path && b.sha256 === src.sha256

/** The same round and part of a content: two such batches stand for the same requests. */
export const sameSlot = (a: Pick<TrackedBatch, 'round' | 'part' | 'parts'>, b: Pick<TrackedBatch, 'round' | 'part' | 'parts'>): boolean =>
  roundOf(a) === roundOf(b) && a.part === b.part && a.parts === b.parts

/** Whether the present content of `src` has a batch of its own requests refused for the enqueued-token limit. */
export const refusedForTokens = (src: SourceFile, state: State): boolean => state.batches.some(b => matches(b, src) && roundOf(b) === 0 && tokenLimited(b))

/** A batch whose results are wanted now: one for a file's present content, or one named in batch-ids. */
export const wanted = (b: TrackedBatch, sources: readonly SourceFile[]): boolean => b.outside === true || sources.some(s => matches(b, s))

/** The file ids that are there (a batch without errors has no error file). */
export const presentIds = (ids: readonly (string | null | undefined)[]): string[] => ids.filter((id): id is string => Boolean(id))

/** The state with one batch's record replaced by `next`. */
export function update(state: State, next: TrackedBatch): State {
  return { ...state, batches: state.batches.map(b => (b.batchId === next.batchId ? next : b)) }
}

/** The state with each of `next` in place of its record: one pass, for a thousand batches checked at once. */
export function updateAll(state: State, next: readonly TrackedBatch[]): State {
  if (next.length === 0) return state
  const byId = new Map(next.map(b => [b.batchId, b]))
  return { ...state, batches: state.batches.map(b => byId.get(b.batchId) ?? b) }
}

/** The state with `added` tracked too. */
export function track(state: State, added: readonly TrackedBatch[]): State {
  return added.length === 0 ? state : { ...state, batches: [...state.batches, ...added] }
}

/** The state with the given batches marked as not collected: their results are to be fetched again. */
export function uncollect(state: State, batchIds: ReadonlySet<string>): State {
  return { ...state, batches: state.batches.map(b => (batchIds.has(b.batchId) ? { ...b, collected: false } : b)) }
}

/** The state's batches with each settled one replaced by the batch that stands. */
export function replaceSettled(state: State, settled: ReadonlyMap<string, TrackedBatch>): State {
  return settled.size === 0 ? state : { ...state, batches: state.batches.map(b => settled.get(b.batchId) ?? b) }
}
