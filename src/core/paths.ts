import { hasErrors, roundOf, TrackedBatch } from './state/state'

/** The names the action gives things: result files, uploads, and a batch's place in its file. */

/** Where a source file's results go, workspace-relative; `csv` only with readable-results: csv. */
export function resultPaths(targetDir: string, sourcePath: string): { output: string; errors: string; csv: string } {
  const stem = sourcePath.replace(/\.jsonl$/, '')
  return {
    output: `${targetDir}/${sourcePath}`,
    errors: `${targetDir}/${stem}.errors.jsonl`,
    csv: `${targetDir}/${stem}.csv`
  }
}

/**
 * A message with the runner's folders taken out: paths in the workspace made
 * workspace-relative, the action's temp folder named as such. Errors of the
 * file system and of the libraries name absolute paths a user cannot open.
 */
export function shortPaths(message: string, dirs: { workspace: string; tempDir: string }): string {
  let out = message
  // Either separator: a Windows runner's paths use `\`.
  for (const sep of ['/', '\\'])
    out = out.replaceAll(`${dirs.tempDir}${sep}`, '<runner temp>/').replaceAll(`${dirs.workspace}${sep}`, '')
  return out
}

/** Where a superseded batch's partial output is kept (keep-superseded), workspace-relative. */
export const supersededPath = (targetDir: string, sourcePath: string, batchId: string): string =>
  `${targetDir}/${sourcePath}.superseded/${batchId}.jsonl`

/** Where a collected batch's results are, workspace-relative; a superseded one's partial output only when kept. */
export function resultOf(
  b: TrackedBatch,
  dirs: { targetDir: string; keepSuperseded?: boolean }
): { output: string | null; errors: string | null } {
  if (b.superseded)
    return {
      output: dirs.keepSuperseded && b.outputFileId ? supersededPath(dirs.targetDir, b.path, b.batchId) : null,
      errors: null
    }
  const paths = resultPaths(dirs.targetDir, b.path)
  return { output: b.outputFileId ? paths.output : null, errors: hasErrors(b) ? paths.errors : null }
}

/** The stem of an upload's name: the source's file name, as path.posix.basename(p, '.jsonl'). */
export const uploadStem = (path: string): string => path.replace(/^.*\//, '').replace(/(?<=.)\.jsonl$/, '')

/**
 * The uploaded file's name: derived from the content (round and part), so a
 * lost upload can be found again. `part` is 0-based.
 */
export function uploadName(t: { path: string; sha256: string; round?: number }, part: number, parts: number): string {
  const stem = uploadStem(t.path)
  const round = roundOf(t) > 0 ? `.retry${roundOf(t)}` : ''
  return `${stem}${round}${parts > 1 ? `.part${part + 1}of${parts}` : ''}.${t.sha256}.jsonl`
}

/** Which batch of a file this is, for messages and the summary: ` (retry 1, part 2/3)`, or '' for its one batch. */
export function slotLabel(round: number, part: number, parts: number): string {
  const what = [round > 0 ? `retry ${round}` : '', parts > 1 ? `part ${part}/${parts}` : ''].filter(Boolean).join(', ')
  return what ? ` (${what})` : ''
}

/** What an upload's name says of its content: the stem of its file's name, its sha256, round and 1-based part. */
export interface UploadName {
  readonly stem: string
  readonly sha256: string
  readonly round: number
  readonly part: number
  readonly parts: number
}

/**
 * The inverse of `uploadName`: every reading of `name` it could have made,
 * longest stem first, or none for a name of another tool. A stem may itself end
 * in `.retry1` or `.part1of2` (a file `x.retry1.jsonl`), so a name can have
 * more than one reading; the file it is matched to says which.
 */
export function uploadReadings(name: string): UploadName[] {
  const m = /^(.+)\.([0-9a-f]{64})\.jsonl$/.exec(name)
  if (!m) return []
  const head = m[1]!
  const sha256 = m[2]!
  const readings: UploadName[] = [{ stem: head, sha256, round: 0, part: 1, parts: 1 }]
  const withRetry = (rest: string, part: number, parts: number) => {
    const r = /^(.+)\.retry([1-9]\d*)$/.exec(rest)
    if (r) readings.push({ stem: r[1]!, sha256, round: Number(r[2]), part, parts })
  }
  withRetry(head, 1, 1)
  const p = /^(.+)\.part([1-9]\d*)of([1-9]\d*)$/.exec(head)
  const [part, parts] = [Number(p?.[2]), Number(p?.[3])]
  // uploadName writes a part only for a content of two parts or more.
  if (p && parts > 1 && part <= parts) {
    readings.push({ stem: p[1]!, sha256, round: 0, part, parts })
    withRetry(p[1]!, part, parts)
  }
  return readings.sort((a, b) => b.stem.length - a.stem.length)
}
