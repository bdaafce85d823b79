import { batchesOf, isUsable, sameSlot } from '../state/batches'
import { uploadReadings, uploadStem, UploadName } from '../paths'
import { isUntagged, RemoteBatch, remoteFacts, untaggedBatch } from './records'
import type { SourceFile } from '../requests/source'
import type { State, TrackedBatch } from '../state/state'
import { byText } from '../format'

/**
 * Batches without the action's metadata (#12) tied back to present request files by their uploads' names.
 *
 * `<stem>[.retryK][.partXofN].<sha256>.jsonl` names the file's base name and its content. A name
 * of another tool does not parse, and a batch whose content is gone is tied to nothing.
 */

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
  const groups = new Map<string, { name: UploadName; files: Content[]; batches: RemoteBatch[] }>()
  for (const b of [...batches].sort((x, y) => y.createdAt - x.createdAt)) {
    const filename = filenames.get(b.inputFileId)
    if (!isUntagged(b) || known.has(b.id) || !filename || !usable(b)) continue
    for (const name of uploadReadings(filename)) {
      const files = sources.filter(
        s =>
          s.problems.length === 0 &&
          s.sha256 === name.sha256 &&
          uploadStem(s.path) === name.stem &&
          !tracked(state, s, name)
      )
      if (files.length === 0) continue
      const key = `${name.stem}\n${name.sha256}\n${name.round}\n${name.part}/${name.parts}`
      const group = groups.get(key) ?? { name, files: [...files].sort((x, y) => byText(x.path, y.path)), batches: [] }
      groups.set(key, group)
      group.batches.push(b)
      break
    }
  }
  const found: TrackedBatch[] = []
  for (const { name, files, batches: bs } of groups.values())
    bs.forEach((b, i) => {
      const src = files[i % files.length]!
      found.push(
        untaggedBatch(b, { path: src.path, sha256: name.sha256, round: name.round, part: name.part, parts: name.parts })
      )
    })
  const ambiguous = [...groups.values()].filter(g => g.files.length > 1).map(g => g.files.map(f => f.path))
  return { found, ambiguous }
}

/** A cancelled or token-limited batch stands for nothing. */
const usable = (b: RemoteBatch): boolean => isUsable(remoteFacts(b))

/** Whether the state already has a usable batch of `src` for the slot `name` says. */
const tracked = (state: State, src: Content, name: UploadName): boolean =>
  batchesOf(state, src).some(o => sameSlot(o, { round: name.round, part: name.part, parts: name.parts }) && isUsable(o))
