import type { Change } from './report/changes'
import type { Failure } from './errors'
import type { Preview } from './plans/preview'
import type { State, TrackedBatch } from './state/state'

/** What one step of a run did: the state after it, and what it adds to the run's account. */
export interface StepResult {
  readonly state: State
  /** Batches made (submitted or retried) that stand. */
  readonly created?: readonly TrackedBatch[]
  /** What failed the step, per file. */
  readonly failures?: readonly Failure[]
  /** Files with no batch yet that this run did not submit, and why: warnings, which do not fail the step. */
  readonly waiting?: readonly Failure[]
  /** Lines for the job summary: what was published where, announcements that did not get through. */
  readonly notes?: readonly string[]
  /** Batches collected (and published) in this run, each once, though a retry collects its first round again. */
  readonly collected?: readonly TrackedBatch[]
  /** Result files the collect wrote or removed. */
  readonly changes?: readonly Change[]
  /** Request lines whose final outcome in this run is an error line: after retries, in the rounds collected. */
  readonly failedRequests?: number
  readonly commitSha?: string
  /** With results: pull-request, the pull request the results went to. */
  readonly pullRequest?: {
    readonly number: number
    readonly url: string
    readonly operation: 'created' | 'updated'
    readonly branch: string
  }
  /** What a dry run would submit, workspace-relative. */
  readonly wouldSubmit?: readonly string[]
  /** Batches no longer tracked: their file changed or is gone (with their status after any cancel). */
  readonly superseded?: readonly TrackedBatch[]
  /** The plan with its estimate, when one was made (plan, dry run, max-cost). */
  readonly preview?: Preview
}

/** The run so far: every step's result merged. */
export type Progress = Required<Omit<StepResult, 'commitSha' | 'preview' | 'pullRequest'>> &
  Pick<StepResult, 'commitSha' | 'preview' | 'pullRequest'>

export const startProgress = (state: State): Progress => ({
  state,
  created: [],
  failures: [],
  waiting: [],
  notes: [],
  collected: [],
  changes: [],
  failedRequests: 0,
  wouldSubmit: [],
  superseded: []
})

/** The one place results come together: lists append, the state and the commit are the newest. */
export function merge(p: Progress, r: StepResult): Progress {
  return {
    state: r.state,
    created: [...p.created, ...(r.created ?? [])],
    failures: [...p.failures, ...(r.failures ?? [])],
    waiting: [...p.waiting, ...(r.waiting ?? [])],
    notes: [...p.notes, ...(r.notes ?? [])],
    collected: [...p.collected, ...(r.collected ?? [])],
    changes: [...p.changes, ...(r.changes ?? [])],
    failedRequests: p.failedRequests + (r.failedRequests ?? 0),
    commitSha: r.commitSha ?? p.commitSha,
    pullRequest: r.pullRequest ?? p.pullRequest,
    preview: r.preview ?? p.preview,
    wouldSubmit: [...p.wouldSubmit, ...(r.wouldSubmit ?? [])],
    superseded: [...p.superseded, ...(r.superseded ?? [])]
  }
}
