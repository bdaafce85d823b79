import { hasErrors, roundOf, TrackedBatch } from './state'

/** The names the action gives things: result files, uploads, and a batch's place in its file. */

/** Where a source file's results go, workspace-relative. */
export function resultPaths(targetDir: string, sourcePath: string): { output: string; errors: string } {
  const stem = sourcePath.replace(/\.jsonl$/, '')
  return { output: `${targetDir}/${sourcePath}`, errors: `${targetDir}/${stem}.errors.jsonl` }
}

/** Where a superseded batch's partial output is kept (keep-superseded), workspace-relative. */
export const supersededPath = (targetDir: string, sourcePath: string, batchId: string): string => `${targetDir}/${sourcePath}.superseded/${batchId}.jsonl`

/** Where a collected batch's results are, workspace-relative; a superseded batch's partial output only when it was kept. */
export function resultOf(b: TrackedBatch, dirs: { targetDir: string; keepSuperseded?: boolean }): { output: string | null; errors: string | null } {
  if (b.superseded) return { output: dirs.keepSuperseded && b.outputFileId ? supersededPath(dirs.targetDir, b.path, b.batchId) : null, errors: null }
  const paths = resultPaths(dirs.targetDir, b.path)
  return { output: b.outputFileId ? paths.output : null, errors: hasErrors(b) ? paths.errors : null }
}

/**
 * The uploaded file's name: derived from the content (round and part), so a
 * lost upload can be found again. `part` is 0-based.
 */
export function uploadName(t: { path: string; sha256: string; round?: number }, part: number, parts: number): string {
  const stem = t.path.replace(/^.*\//, '').replace(/(?<=.)\.jsonl$/, '') // as path.posix.basename(p, '.jsonl')
  const round = roundOf(t) > 0 ? `.retry${roundOf(t)}` : ''
  return `${stem}${round}${parts > 1 ? `.part${part + 1}of${parts}` : ''}.${t.sha256}.jsonl`
}

/** Which batch of a file this is, for messages and the summary: ` (retry 1, part 2/3)`, or '' for a file's one batch. */
export function slotLabel(round: number, part: number, parts: number): string {
  const what = [round > 0 ? `retry ${round}` : '', parts > 1 ? `part ${part}/${parts}` : ''].filter(Boolean).join(', ')
  return what ? ` (${what})` : ''
}
