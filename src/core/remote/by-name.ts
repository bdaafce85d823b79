import { batchesOf, isUsable, sameSlot } from '../state/batches'
import { uploadReadings, uploadStem } from '../paths'
import { contentHash, readTag } from './tags'
import { isUntagged, RemoteBatch, remoteFacts, untaggedBatch } from './records'
import type { SourceFile } from '../requests/source'
import { isFinal, type State, type TrackedBatch } from '../state/state'
import { byText } from '../format'

/**
 * Batches without the action's metadata (#12) tied back to present request files by their labels:
 * their uploads' names, or the tags their custom_ids carry (Anthropic; tags.ts).
 *
 * `<stem>[.retryK][.partXofN].<sha256>.jsonl` names the file's base name and its content. A label
 * of another tool does not parse, and a batch whose content is gone is tied to nothing.
 */

/** One thing a label may say: a slot, and the contents it may be of. */
interface Reading {
  readonly key: string
  readonly round: number
  readonly part: number
  readonly parts: number
  readonly holds: (s: Content) => boolean
}

/** Every reading of a batch's label (its upload's name or its tag), longest stem first. */
function readings(label: string, scope: string): Reading[] {
  const tag = readTag(label)
  if (tag) return [{ ...tag, key: label, holds: s => contentHash(scope, s.path, s.sha256) === tag.content }]
  return uploadReadings(label).map(name => ({
    key: `${name.stem}\n${name.sha256}\n${name.round}\n${name.part}/${name.parts}`,
    round: name.round,
    part: name.part,
    parts: name.parts,
    holds: s => s.sha256 === name.sha256 && uploadStem(s.path) === name.stem
  }))
}

/** A request file as far as names go: a scanned file, or the file a batch was just made for. */
export type Content = Pick<SourceFile, 'path' | 'sha256' | 'problems'>

export interface ByName {
  /** Our records of the batches tied to a present file; `adopt` takes the newest per slot. */
  readonly found: TrackedBatch[]
  /** Contents two or more present files hold under one base name, by their paths: their batches may have swapped. */
  readonly ambiguous: string[][]
}

/**
 * Ties each usable untagged batch the state does not track to the present file its upload's name
 * (from `filenames`, by file id) says, for a slot the state has no batch for.
 *
 * Files of the same base name and content share one upload, so its batches are shared out among
 * them newest first in path order: each stands for the very same requests, and none is submitted again.
 */
export function byUploadName(
  batches: readonly RemoteBatch[],
  filenames: ReadonlyMap<string, string>,
  sources: readonly Content[],
  state: State
): ByName {
  const known = new Set(state.batches.map(b => b.batchId))
  const groups = new Map<string, { name: Reading; files: Content[]; batches: RemoteBatch[] }>()
  for (const b of [...batches].sort((x, y) => y.createdAt - x.createdAt)) {
    const filename = filenames.get(b.inputFileId)
    if (!isUntagged(b) || known.has(b.id) || !filename || !usable(b)) continue
    for (const name of readings(filename, state.scope)) {
      const files = sources.filter(s => s.problems.length === 0 && name.holds(s) && !tracked(state, s, name))
      if (files.length === 0) continue
      const group = groups.get(name.key) ?? {
        name,
        files: [...files].sort((x, y) => byText(x.path, y.path)),
        batches: []
      }
      groups.set(name.key, group)
      group.batches.push(b)
      break
    }
  }
  const found: TrackedBatch[] = []
  for (const { name, files, batches: bs } of groups.values())
    bs.forEach((b, i) => {
      const src = files[i % files.length]!
      found.push(
        untaggedBatch(b, { path: src.path, sha256: src.sha256, round: name.round, part: name.part, parts: name.parts })
      )
    })
  const ambiguous = [...groups.values()].filter(g => g.files.length > 1).map(g => g.files.map(f => f.path))
  return { found, ambiguous }
}

/** A cancelled or token-limited batch stands for nothing. */
const usable = (b: RemoteBatch): boolean => isUsable(remoteFacts(b))

/** Whether the state already has a usable batch of `src` for the slot `name` says. */
const tracked = (state: State, src: Content, name: Reading): boolean =>
  batchesOf(state, src).some(o => sameSlot(o, { round: name.round, part: name.part, parts: name.parts }) && isUsable(o))

/** A request file as far as guesses go: its parts' request counts too. */
export type Counted = Content & Pick<SourceFile, 'parts' | 'checked'>

/**
 * Unfinished batches nothing ties to a file yet, not even a label (Anthropic shows whose a batch
 * is only once it ends), each taken for the first file in path order whose part of round 0 has as
 * many requests and no usable batch: that file waits for it, and is not submitted twice. Marked
 * `guessed`; `guessHolds` checks the guess once the batch ends.
 */
export function byRequestCount(
  batches: readonly RemoteBatch[],
  sources: readonly Counted[],
  state: State
): TrackedBatch[] {
  const known = new Set(state.batches.map(b => b.batchId))
  const guessed: TrackedBatch[] = []
  const taken = (src: Counted, part: number, parts: number) =>
    [...state.batches, ...guessed].some(
      b => b.path === src.path && b.sha256 === src.sha256 && sameSlot(b, { part, parts }) && isUsable(b)
    )
  const files = [...sources].sort((x, y) => byText(x.path, y.path))
  for (const b of [...batches].sort((x, y) => y.createdAt - x.createdAt)) {
    const total = b.requestCounts?.total
    if (known.has(b.id) || !isUntagged(b) || isFinal(b.status) || !total) continue
    for (const src of files) {
      if (src.problems.length > 0 || !src.checked) continue
      const n = src.parts.length
      const i = src.parts.findIndex((p, k) => p.requests === total && !taken(src, k + 1, n))
      if (i < 0) continue
      guessed.push({
        ...untaggedBatch(b, { path: src.path, sha256: src.sha256, part: i + 1, parts: n }),
        guessed: true
      })
      break
    }
  }
  return guessed
}

/** Whether a guessed batch's label, now that it has ended, says it is what it was taken for. */
export const guessHolds = (b: TrackedBatch, label: string | undefined, scope: string): boolean =>
  label !== undefined &&
  readings(label, scope).some(r => sameSlot(b, r) && r.holds({ path: b.path, sha256: b.sha256, problems: [] }))
