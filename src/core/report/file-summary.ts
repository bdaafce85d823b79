import type { BatchRow } from './batch-rows'
import { isFinal } from '../state/state'

/** One request file's batches (parts, retry rounds) as one line of the summary: the net result. */
export interface FileLine {
  readonly file: string
  readonly batches: readonly BatchRow[]
  /** Requests of the file; answered, and failed after every retry. */
  readonly total: number
  readonly ok: number
  readonly failed: number
  /** In words: `in progress`, `finalizing: results are being written`, `completed, 1 retry round`... */
  readonly status: string
  readonly finished: boolean
  /** The soonest expiry of its unfinished batches (unix seconds). */
  readonly expiresAt: number | undefined
  readonly tokens: number | undefined
  /** Over the batches whose cost is known; `costUnknown` when some are not. */
  readonly cost: number | undefined
  readonly costUnknown: boolean
  readonly outputPath: string | null
  readonly errorPath: string | null
}

/** Unfinished statuses from least to most advanced: a file is as far as its slowest batch. */
const PROGRESS = ['validating', 'in_progress', 'cancelling', 'finalizing'] as const
const WORDS: Record<string, string> = {
  validating: 'validating',
  in_progress: 'in progress',
  cancelling: 'cancelling',
  finalizing: 'finalizing: results are being written',
  completed: 'completed',
  failed: 'failed',
  expired: 'expired (partial results)',
  cancelled: 'cancelled (partial results)'
}

function statusOf(rows: readonly BatchRow[]): { status: string; finished: boolean } {
  const open = rows.filter(r => !isFinal(r.status))
  const rounds = Math.max(0, ...rows.map(r => r.round))
  if (open.length > 0) {
    const slowest = PROGRESS.find(s => open.some(r => r.status === s)) ?? open[0]!.status
    const retrying = open.some(r => r.round > 0) ? `retry ${rounds}: ` : ''
    const parts = rows.filter(r => r.round === 0).length
    const done = parts > 1 ? ` (${parts - open.filter(r => r.round === 0).length} of ${parts} parts done)` : ''
    return { status: `${retrying}${WORDS[slowest] ?? slowest}${done}`, finished: false }
  }
  const statuses = [...new Set(rows.filter(r => r.round === 0).map(r => r.status))]
  const words = statuses.map(s => WORDS[s] ?? s).join(', ')
  const collected = rows.some(r => r.output_path || r.error_path) || rows.every(r => r.status === 'failed')
  const retried = rounds > 0 ? `, ${rounds} retry round${rounds === 1 ? '' : 's'}` : ''
  return { status: `${words}${retried}${collected ? '' : '; results not written yet'}`, finished: true }
}

/** The summary's lines, one a request file (or batch named in batch-ids), in file order. */
export function fileLines(rows: readonly BatchRow[]): FileLine[] {
  const byFile = new Map<string, BatchRow[]>()
  for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r])
  return [...byFile.entries()].map(([file, batches]) => {
    const sum = (pick: (r: BatchRow) => number, keep: (r: BatchRow) => boolean = () => true) =>
      batches.filter(keep).reduce((n, r) => n + pick(r), 0)
    const first = (r: BatchRow) => r.round === 0
    const total = sum(r => r.request_counts?.total ?? 0, first)
    const ok = sum(r => r.request_counts?.completed ?? 0)
    // A retry's requests are failed ones tried again: those it answered are no longer failed.
    const failed = Math.max(
      0,
      sum(r => r.request_counts?.failed ?? 0, first) -
        sum(
          r => r.request_counts?.completed ?? 0,
          r => r.round > 0
        )
    )
    const open = batches.filter(r => !isFinal(r.status) && r.expires_at !== null).map(r => r.expires_at!)
    const used = batches.filter(r => r.usage)
    const priced = batches.filter(r => r.cost !== null)
    return {
      file,
      batches,
      total,
      ok,
      failed,
      ...statusOf(batches),
      expiresAt: open.length > 0 ? Math.min(...open) : undefined,
      tokens: used.length > 0 ? used.reduce((n, r) => n + r.usage!.total_tokens, 0) : undefined,
      cost: priced.length > 0 ? priced.reduce((n, r) => n + r.cost!, 0) : undefined,
      costUnknown: priced.length < batches.length,
      outputPath: batches.find(r => r.output_path)?.output_path ?? null,
      errorPath: batches.find(r => r.error_path)?.error_path ?? null
    }
  })
}
