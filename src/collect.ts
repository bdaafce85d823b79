import * as core from '@actions/core'
import * as path from 'node:path'
import { ApiError, BatchApi } from './api'
import { Clock } from './clock'
import { mapLimit } from './concurrency'
import { planCollect, remoteFacts, toDownload, update } from './plan'
import { createResultWriter, resultPaths } from './results'
import type { SourceFile } from './scan'
import type { Settings } from './settings'
import { State, TrackedBatch } from './state'

export interface CollectOutcome {
  readonly state: State
  /** Batches whose results were collected in this run. */
  readonly collected: readonly TrackedBatch[]
  /** Whether any file under target-dir changed. */
  readonly changed: boolean
  readonly failures: readonly { file: string; message: string }[]
}

const fatal = (e: unknown): boolean => e instanceof ApiError && (e.status === 401 || e.status === 403)

/** Checks the unfinished batches, then writes the results of the finished ones. */
export async function collectPhase(
  sources: readonly SourceFile[],
  initial: State,
  deps: { api: BatchApi; clock: Clock; settings: Settings }
): Promise<CollectOutcome> {
  const { api, clock, settings } = deps
  let state = initial
  const failures: { file: string; message: string }[] = []
  const plan = planCollect(sources, state)
  for (const b of plan.stale) core.info(`${b.path}: batch ${b.batchId} is for earlier content of the file; its results are not collected.`)

  await mapLimit(plan.refresh, settings.maxConcurrency, async b => {
    try {
      const next = { ...b, ...remoteFacts(await api.getBatch(b.batchId)) }
      if (next.status !== b.status) core.info(`${b.path}: batch ${b.batchId} is ${next.status}.`)
      state = update(state, next)
    } catch (e) {
      if (fatal(e)) throw e
      // Checked again on the next run; the rest goes on.
      core.warning(`Could not check batch ${b.batchId} of ${b.path}: ${(e as Error).message}`)
    }
  })

  const writer = createResultWriter(api, clock, settings.tempDir)
  const collected: TrackedBatch[] = []
  let changed = false
  await mapLimit(toDownload(sources, state), settings.maxConcurrency, async b => {
    const src = sources.find(s => s.path === b.path)
    const file = src?.file ?? b.path
    try {
      if (b.status === 'failed') annotateFailure(b, file)
      const paths = resultPaths(settings.targetDir, b.path)
      const wroteOutput = await writer.write(b.outputFileId, path.join(settings.workspace, paths.output))
      const wroteErrors = await writer.write(b.errorFileId, path.join(settings.workspace, paths.errors))
      changed ||= wroteOutput || wroteErrors
      const counts = b.requestCounts ? ` (${b.requestCounts.completed} ok, ${b.requestCounts.failed} failed)` : ''
      core.info(`${file}: batch ${b.batchId} ${b.status}${counts}; results ${wroteOutput || wroteErrors ? 'written' : 'unchanged'}.`)
      const done = { ...b, collected: true }
      state = update(state, done)
      collected.push(done)
    } catch (e) {
      if (fatal(e)) throw e
      const message = `${file}: could not collect batch ${b.batchId}: ${(e as Error).message}`
      core.warning(message)
      failures.push({ file, message })
    }
  })
  return { state, collected, changed, failures }
}

/** A batch that failed validation: its errors point at lines of the request file. */
function annotateFailure(b: TrackedBatch, file: string): void {
  const errors = b.errors ?? []
  if (errors.length === 0) core.error(`Batch ${b.batchId} failed without a reason from OpenAI.`, { file })
  for (const e of errors) {
    const message = `Batch ${b.batchId} failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`
    core.error(message, { file, startLine: e.line ?? undefined })
  }
}
