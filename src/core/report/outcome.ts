import type { Failure } from '../errors'
import type { Progress } from '../step-result'
import type { Links, RunReport } from './summary'
import { batchRows } from './batch-rows'
import type { SourceFile } from '../requests/source'
import { PriceOf, Spent, spent } from '../cost/spend'
import { isFinal, State, TrackedBatch } from '../state/state'

/**
 * Past this many tracked batches, the summary and the `batches` output count settled ones the run
 * did not touch instead of listing them. GitHub keeps 1 MB of a job's outputs (docs: workflow
 * syntax, jobs.<job_id>.outputs), less than a year of batches takes (BENCHMARKS.md, "A year of state").
 */
export const LIST_ALL_UP_TO = 1000

/** The batches to list, and how many settled ones the run did not touch are only counted. */
export function listed(state: State, touched: readonly TrackedBatch[]): { shown: TrackedBatch[]; unlisted: number } {
  const own = state.batches.filter(b => !b.superseded)
  if (own.length <= LIST_ALL_UP_TO) return { shown: own, unlisted: 0 }
  const ids = new Set(touched.map(b => b.batchId))
  const shown = own.filter(b => !isFinal(b.status) || !b.collected || ids.has(b.batchId))
  return { shown, unlisted: own.length - shown.length }
}

/** What a run did, for the outputs and the job summary. */
export interface Outcome extends RunReport {
  readonly submitted: number
  readonly completed: number
  readonly pending: number
  readonly failed: number
  /** Request lines that failed for good in this run. */
  readonly failedRequests: number
  readonly resultsChanged: boolean
  readonly commitSha: string | undefined
  /** What the batches collected in this run used and cost. */
  readonly spent: Spent
  readonly pullRequest: Progress['pullRequest']
  /** What fails the step, one line each; empty when nothing does. */
  readonly problems: readonly string[]
}

export interface RunFacts {
  readonly links: Links
  readonly mode: string
  readonly cancelSuperseded: boolean
  readonly dryRun: boolean
  readonly sourceDir: string
  readonly targetDir: string
  readonly keepSuperseded: boolean
  /** The provider runs batches from uploaded files (Anthropic does not: `input_file_id` is then null). */
  readonly files?: boolean
  readonly sources: readonly SourceFile[]
}

/** What became of an invalid file: a plan uploads nothing anyway. */
const refusal = (run: RunFacts): string =>
  run.dryRun || run.mode === 'plan' ? 'a submit would refuse it' : 'it was not uploaded'

/** Files whose listed batches are all for content they no longer hold: gone, or changed (see RunReport.stale). */
function staleFiles(
  shown: readonly TrackedBatch[],
  present: ReadonlyMap<string, string>,
  sourceDir: string
): Map<string, 'missing' | 'changed'> {
  const current = new Set(shown.filter(b => !b.outside && present.get(b.path) === b.sha256).map(b => b.path))
  const out = new Map<string, 'missing' | 'changed'>()
  for (const b of shown)
    if (!b.outside && !current.has(b.path))
      out.set(`${sourceDir}/${b.path}`, present.has(b.path) ? 'changed' : 'missing')
  return out
}

/** The step's failure: each failure not annotated yet in full, the annotated ones by file (one message each). */
function failed(failures: readonly Failure[]): string[] {
  const files = [...new Set(failures.filter(f => f.annotated).map(f => f.file))]
  const named = files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ')
  return [
    ...failures.filter(f => !f.annotated).map(f => f.message),
    ...(files.length > 0 ? [`Failed for ${named}: see the annotations above and the job summary.`] : [])
  ]
}

export function outcome(p: Progress, run: RunFacts, price?: PriceOf): Outcome {
  const { state } = p
  const invalid = run.sources.filter(s => s.problems.length > 0)
  // An invalid file fails the runs that would submit it; a collect only warns, so it does not fail every scheduled run.
  const refused =
    run.mode === 'collect' ? [] : invalid.map(f => `${f.file} is invalid (see the annotations); ${refusal(run)}.`)
  const present = new Map(run.sources.map(s => [s.path, s.sha256]))
  // Superseded batches: still tracked (in the state, newest facts) or dropped in this run.
  const tracked = state.batches.filter(b => b.superseded)
  const superseded = [...tracked, ...p.superseded.filter(b => !tracked.some(t => t.batchId === b.batchId))]
  // Settled in this run (the state keeps them until the next): what they did was paid for.
  const settled = p.superseded.filter(b => b.collected && tracked.some(t => t.batchId === b.batchId))
  const { shown, unlisted } = listed(state, [...p.created, ...p.collected])
  const stale = staleFiles(shown, present, run.sourceDir)
  return {
    mode: run.mode,
    dryRun: run.dryRun,
    cancelSuperseded: run.cancelSuperseded,
    keepSuperseded: run.keepSuperseded,
    rows: batchRows(shown, run, price),
    stale,
    unlisted,
    superseded: batchRows(superseded, run, price),
    links: { ...run.links, ref: p.commitSha ?? run.links.ref },
    wouldSubmit: p.wouldSubmit,
    invalid,
    problems: [...refused, ...failed(p.failures)],
    failures: p.failures,
    waiting: p.waiting,
    notes: p.notes,
    submitted: p.created.length,
    completed: p.collected.filter(b => b.status === 'completed').length,
    failed: p.collected.filter(b => b.status !== 'completed').length,
    failedRequests: p.failedRequests,
    // Batches still working for what the files hold now (or named in batch-ids).
    pending: state.batches.filter(b => !isFinal(b.status) && (b.outside || present.get(b.path) === b.sha256)).length,
    resultsChanged: p.changes.some(c => c.changed),
    commitSha: p.commitSha,
    preview: p.preview,
    spent: spent([...p.collected, ...settled], price),
    pullRequest: p.pullRequest
  }
}
