import * as core from '@actions/core'
import type { BatchApi } from './api'
import type { Clock } from './clock'
import { mapLimit } from './concurrency'
import { CLOCK_SKEW_SECONDS, REBUILD_LOOKBACK_SECONDS } from './constants'
import { adopt, fromRemote, planSubmit } from './plan'
import { batchRows, RunReport } from './report'
import { scanSources, SourceFile } from './scan'
import type { Settings } from './settings'
import { emptyState, isFinal, parseState, serializeState, State, TrackedBatch } from './state'
import type { StateStorage } from './state-storage'

export interface Deps {
  /** Undefined only in a dry run without a key: the plan is then made from the state alone. */
  readonly api: BatchApi | undefined
  readonly storage: StateStorage
  readonly clock: Clock
}

export interface Outcome extends RunReport {
  readonly submitted: number
  readonly completed: number
  readonly pending: number
  readonly failed: number
  readonly resultsChanged: boolean
}

async function restore(storage: StateStorage, scope: string): Promise<State | undefined> {
  const text = await storage.restore()
  if (text === undefined) return undefined
  const parsed = parseState(text, scope)
  if ('reason' in parsed) {
    core.warning(`Ignoring the saved state: ${parsed.reason}. It will be rebuilt from OpenAI.`)
    return undefined
  }
  core.info(`State: ${parsed.state.batches.length} tracked batches.`)
  return parsed.state
}

/** Adopts this scope's batches created since `since` that stand for present content. */
async function discover(api: BatchApi, state: State, sources: readonly SourceFile[], since: number): Promise<State> {
  const found: TrackedBatch[] = []
  for await (const remote of api.recentBatches(since)) {
    const b = fromRemote(remote, state.scope)
    if (b) found.push(b)
  }
  const next = adopt(state, found, sources)
  for (const b of next.batches.slice(state.batches.length)) core.info(`${b.path}: found batch ${b.batchId} (${b.status}) at OpenAI.`)
  return next
}

function annotate(invalid: readonly SourceFile[]): void {
  for (const f of invalid)
    for (const p of f.problems) core.error(p.message, { file: f.file, startLine: p.line, title: 'Invalid batch request' })
}

export async function runAction(settings: Settings, deps: Deps): Promise<Outcome> {
  const { api, storage, clock } = deps
  const loaded = await core.group('Restore state', () => restore(storage, settings.scope))
  const sources = await core.group('Scan request files', async () => {
    const found = await scanSources(settings.workspace, settings.sourceDir, { endpoint: settings.endpoint }, (items, fn) =>
      mapLimit(items, settings.maxConcurrency, fn)
    )
    core.info(`${found.length} request files under ${settings.sourceDir}/.`)
    return found
  })
  const invalid = sources.filter(s => s.problems.length > 0)
  annotate(invalid)

  let state = loaded ?? emptyState(settings.scope)
  if (!loaded && api)
    state = await core.group('Rebuild state from OpenAI', () => discover(api, state, sources, clock.now() - REBUILD_LOOKBACK_SECONDS))
  const since = loaded ? loaded.savedAt - CLOCK_SKEW_SECONDS : clock.now() - REBUILD_LOOKBACK_SECONDS

  let created: readonly TrackedBatch[] = []
  let wouldSubmit: string[] = []
  const failures: { file: string; message: string }[] = []
  if (settings.mode !== 'collect') {
    let plan = planSubmit(sources, state)
    // A run that crashed after creating a batch may not have saved its state.
    if (plan.submit.length > 0 && loaded && api) {
      state = await discover(api, state, sources, since)
      plan = planSubmit(sources, state)
    }
    wouldSubmit = plan.submit.map(s => s.file)
    if (settings.dryRun || !api) core.info(`Dry run: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`)
    else {
      const { submitPhase } = await import('./submit')
      const out = await core.group('Submit', () => submitPhase(plan, sources, state, { api, clock, settings, since }))
      state = out.state
      created = out.created
      failures.push(...out.failures)
    }
  }

  let collected: readonly TrackedBatch[] = []
  let resultsChanged = false
  if (settings.mode !== 'submit' && api && !settings.dryRun) {
    const { collectPhase } = await import('./collect')
    const out = await core.group('Collect', () => collectPhase(sources, state, { api, clock, settings }))
    state = out.state
    collected = out.collected
    resultsChanged = out.changed
    failures.push(...out.failures)
  }

  if (!settings.dryRun && (!loaded || serializeState(loaded) !== serializeState(state)))
    await core.group('Save state', () => storage.save(serializeState({ ...state, savedAt: clock.now() })))

  const present = new Map(sources.map(s => [s.path, s.sha256]))
  return {
    mode: settings.mode,
    dryRun: settings.dryRun,
    rows: batchRows(state, settings.sourceDir, settings.targetDir),
    wouldSubmit,
    invalid,
    failures,
    submitted: created.length,
    completed: collected.filter(b => b.status === 'completed').length,
    failed: collected.filter(b => b.status !== 'completed').length,
    pending: state.batches.filter(b => !isFinal(b.status) && present.get(b.path) === b.sha256).length,
    resultsChanged
  }
}
