import type { SourceFile } from '../requests/source'
import { roundOf, State, TrackedBatch } from './state'

/** What a tracked batch stands for, and the small updates of the state's batch list. */

/**
 * A batch refused for the organisation's enqueued-token limit: nothing is
 * wrong with its requests, so its content is submitted again on a later run.
 */
export const tokenLimited = (b: Pick<TrackedBatch, 'status' | 'errors'>): boolean =>
  b.status === 'failed' && (b.errors ?? []).some(e => e.code === 'token_limit_exceeded')

/** A batch that can still yield results for its content (a cancelled or token-limited one cannot). */
export const isUsable = (b: Pick<TrackedBatch, 'status' | 'errors'>): boolean =>
  b.status !== 'cancelled' && b.status !== 'cancelling' && !tokenLimited(b)

/** A batch of this file's own requests for this content (not one named in batch-ids). */
export const matches = (
  b: Pick<TrackedBatch, 'path' | 'sha256' | 'outside'>,
  src: { path: string; sha256: string }
): boolean => !b.outside && b.path === src.path && b.sha256 === src.sha256

/** The same round and part of a content: two such batches stand for the same requests. */
export const sameSlot = (
  a: Pick<TrackedBatch, 'round' | 'part' | 'parts'>,
  b: Pick<TrackedBatch, 'round' | 'part' | 'parts'>
): boolean => roundOf(a) === roundOf(b) && a.part === b.part && a.parts === b.parts

/**
 * The index `make` builds of a list, made once and kept while the list lives (why index at all:
 * BENCHMARKS.md, "Planning over a year of state").
 *
 * Safe to keep: the state's lists are never changed once made (each update makes a new
 * one); the length is checked too, for a list still being filled.
 */
function indexed<T, I>(
  cache: WeakMap<readonly T[], { n: number; index: I }>,
  list: readonly T[],
  make: (list: readonly T[]) => I
): I {
  const hit = cache.get(list)
  if (hit && hit.n === list.length) return hit.index
  const index = make(list)
  cache.set(list, { n: list.length, index })
  return index
}

const BY_PATH = new WeakMap<readonly TrackedBatch[], { n: number; index: Map<string, TrackedBatch[]> }>()
const NONE: readonly TrackedBatch[] = []

/** The state's batches for one path, any content, outside ones left out. */
export function ofPath(state: Pick<State, 'batches'>, path: string): readonly TrackedBatch[] {
  const index = indexed(BY_PATH, state.batches, list => {
    const m = new Map<string, TrackedBatch[]>()
    for (const b of list) {
      if (b.outside) continue
      const at = m.get(b.path)
      if (at) at.push(b)
      else m.set(b.path, [b])
    }
    return m
  })
  return index.get(path) ?? NONE
}

/** The state's batches of a file's own requests for this content. */
export const batchesOf = (state: Pick<State, 'batches'>, src: { path: string; sha256: string }): TrackedBatch[] =>
  ofPath(state, src.path).filter(b => b.sha256 === src.sha256)

const PRESENT = new WeakMap<readonly SourceFile[], { n: number; index: Map<string, SourceFile> }>()

/** The source file whose present content `b` is a batch of, if any. */
export function sourceOf(
  b: Pick<TrackedBatch, 'path' | 'sha256' | 'outside'>,
  sources: readonly SourceFile[]
): SourceFile | undefined {
  if (b.outside) return undefined
  const src = indexed(PRESENT, sources, list => new Map(list.map(s => [s.path, s]))).get(b.path)
  return src && src.sha256 === b.sha256 ? src : undefined
}

/** Whether the present content of `src` has a batch of its own requests refused for the enqueued-token limit. */
export const refusedForTokens = (src: SourceFile, state: State): boolean =>
  batchesOf(state, src).some(b => roundOf(b) === 0 && tokenLimited(b))

/** A batch whose results are wanted now: one for a file's present content, or one named in batch-ids. */
export const wanted = (b: TrackedBatch, sources: readonly SourceFile[]): boolean =>
  b.outside === true || sourceOf(b, sources) !== undefined

/** The file ids that are there (a batch without errors has no error file). */
export const presentIds = (ids: readonly (string | null | undefined)[]): string[] =>
  ids.filter((id): id is string => Boolean(id))

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
