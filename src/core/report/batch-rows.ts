import { resultOf } from '../paths'
import { batchCost, openaiUsage, PriceOf } from '../cost/spend'
import { roundOf, TrackedBatch } from '../state/state'
import { byText } from '../format'

/** One tracked batch as the `batches` output and the job summary show it. */
export interface BatchRow {
  readonly file: string
  /** Which part of the file this batch is, as `i/n` (`1/1` for most). */
  readonly part: string
  /** 0 for the file's own requests; k for the k-th retry of its failed lines. */
  readonly round: number
  readonly batch_id: string
  /** The uploaded request file; null for a provider without files (Anthropic). */
  readonly input_file_id: string | null
  readonly status: string
  readonly request_counts: { total: number; completed: number; failed: number } | null
  /** Workspace-relative, once written. */
  readonly output_path: string | null
  readonly error_path: string | null
  readonly model: string | null
  /** Tokens used, in the shape of OpenAI's Batch.usage, once known. */
  readonly usage: ReturnType<typeof openaiUsage> | null
  /** US dollars at the Batch price; null when the usage or the model's price is not known. */
  readonly cost: number | null
  /** Unix seconds: when an unfinished batch expires. */
  readonly expires_at: number | null
  /** Its request file changed or was deleted while it ran (tracked until it ends); null for a file's own batch. */
  readonly superseded: 'changed' | 'deleted' | null
}

export function batchRows(
  batches: readonly TrackedBatch[],
  dirs: { sourceDir: string; targetDir: string; keepSuperseded?: boolean; files?: boolean },
  price?: PriceOf
): BatchRow[] {
  return [...batches]
    .sort((a, b) => byText(a.path, b.path) || roundOf(a) - roundOf(b) || a.part - b.part)
    .map(b => {
      const paths = b.collected ? resultOf(b, dirs) : { output: null, errors: null }
      return {
        file: b.outside ? `batch-ids: ${b.batchId}` : `${dirs.sourceDir}/${b.path}`,
        part: `${b.part}/${b.parts}`,
        round: roundOf(b),
        batch_id: b.batchId,
        input_file_id: dirs.files === false ? null : b.inputFileId,
        status: b.status,
        request_counts: b.requestCounts ?? null,
        output_path: paths.output,
        error_path: paths.errors,
        model: b.model ?? null,
        usage: b.usage ? openaiUsage(b.usage) : null,
        cost: batchCost(b, price) ?? null,
        expires_at: b.expiresAt ?? null,
        superseded: b.superseded ?? null
      }
    })
}

/**
 * GitHub keeps 1 MB of a job's outputs (docs: workflow syntax, jobs.<job_id>.outputs); the
 * `batches` output stays under it with room for the others.
 */
export const MAX_BATCHES_OUTPUT = 900 * 1024

/** The rows as a JSON array, as many as fit in `max` characters (the summary says how many batches are tracked). */
export function rowsJson(rows: readonly BatchRow[], max = MAX_BATCHES_OUTPUT): string {
  const parts: string[] = []
  let size = 2
  for (const r of rows) {
    const text = JSON.stringify(r)
    if (size + text.length + 1 > max) break
    parts.push(text)
    size += text.length + 1
  }
  return `[${parts.join(',')}]`
}
