import { isUsable, wanted } from '../state/batches'
import type { SourceFile } from '../requests/source'
import { isFinal, roundOf, State, TrackedBatch } from '../state/state'

export interface CollectPlan {
  /** Tracked batches for present content (or superseded ones), not yet final: their status is to be checked. */
  readonly refresh: readonly TrackedBatch[]
  /** Batches for content the files no longer hold, not superseded by a submit: left alone. */
  readonly stale: readonly TrackedBatch[]
}

export function planCollect(sources: readonly SourceFile[], state: State): CollectPlan {
  const refresh: TrackedBatch[] = []
  const stale: TrackedBatch[] = []
  for (const b of state.batches) {
    if (!wanted(b, sources) && !b.superseded) stale.push(b)
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
    const mine = batches
      .filter(b => roundOf(b) === k && (k === 0 || isUsable(b)))
      .sort((a, b) => b.createdAt - a.createdAt)
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
    if (b.superseded || !wanted(b, sources)) continue
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
