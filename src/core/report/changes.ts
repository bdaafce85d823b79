/** A result file of a batch collected in this run. */
export interface Change {
  /** Workspace-relative. */
  readonly path: string
  /** Every batch of the file (parts, retries), comma-separated; '' for results removed with their request file. */
  readonly batchId: string
  /** Removed because its batch has no such output (else written). */
  readonly removed: boolean
  /** Whether the file was in the workspace before this run touched it. */
  readonly existed: boolean
  /** Whether this run changed its bytes (or removed it). */
  readonly changed: boolean
}

/** The results commit's message when the user gives none: every file and its batches. */
export function defaultMessage(changes: readonly Change[], provider: string): string {
  const why = (c: Change) =>
    c.batchId ? `${c.batchId}${c.removed ? ', removed' : ''}` : 'removed: its request file was deleted'
  const lines = changes.map(c => `- ${c.path} (${why(c)})`)
  const batches = new Set(changes.flatMap(c => c.batchId.split(', ')).filter(Boolean)).size
  return `Add ${provider} batch results (${batches} batch${batches === 1 ? '' : 'es'})\n\n${lines.join('\n')}\n`
}
