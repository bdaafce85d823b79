import * as core from '@actions/core'
import type { BatchApi } from './api'
import type { Clock } from './clock'
import type { Change } from './commit'
import { mapLimit } from './concurrency'
import { CLOCK_SKEW_SECONDS, REBUILD_LOOKBACK_SECONDS } from './constants'
import { adopt, fromRemote, outsideBatch, planSubmit, uncollect } from './plan'
import type { ArtifactStore } from './publish'
import type { Repo } from './repo'
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
  /** The repository, loaded when first needed; undefined without a token. */
  readonly repo: (() => Promise<Repo>) | undefined
  readonly artifacts: () => Promise<ArtifactStore>
}

export interface Outcome extends RunReport {
  readonly submitted: number
  readonly completed: number
  readonly pending: number
  readonly failed: number
  readonly resultsChanged: boolean
  readonly commitSha: string | undefined
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

/** Starts tracking the batches named in batch-ids (or by a relayed webhook event) that the state does not know. */
async function watchOutside(api: BatchApi, state: State, ids: readonly string[], failures: { file: string; message: string }[]): Promise<State> {
  let next = state
  for (const id of new Set(ids)) {
    if (next.batches.some(b => b.batchId === id)) continue
    try {
      const b = outsideBatch(await api.getBatch(id))
      core.info(`Watching batch ${id} (${b.status}); its results go to ${b.path} under the target folder.`)
      next = { ...next, batches: [...next.batches, b] }
    } catch (e) {
      failures.push({ file: `batch-ids: ${id}`, message: `Cannot watch batch ${id}: ${(e as Error).message}` })
    }
  }
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
  let changes: readonly Change[] = []
  let commitSha: string | undefined
  const notes: string[] = []
  if (settings.mode !== 'submit' && api && !settings.dryRun) {
    const extra = [...settings.batchIds, ...(settings.run.eventBatchId ? [settings.run.eventBatchId] : [])]
    state = await watchOutside(api, state, extra, failures)
    const { collectPhase } = await import('./collect')
    const out = await core.group('Collect', () => collectPhase(sources, state, { api, clock, settings }))
    state = out.state
    collected = out.collected
    changes = out.changes
    failures.push(...out.failures)
    if (changes.length > 0) {
      const { publishPhase } = await import('./publish')
      try {
        const published = await core.group('Publish results', () => publishPhase(changes, { settings, repo: deps.repo, artifacts: deps.artifacts, clock }))
        commitSha = published.commitSha
        notes.push(...published.notes)
      } catch (e) {
        // Results that reached no one are fetched again by the next run.
        state = uncollect(state, new Set(collected.map(b => b.batchId)))
        collected = []
        failures.push({ file: settings.targetDir, message: `Could not publish the results: ${(e as Error).message}` })
      }
    }
    if (settings.webhookUrl || settings.dispatchEvent) {
      const { announcePhase } = await import('./announce')
      const out = await core.group('Announce', () => announcePhase(state, { settings, repo: deps.repo, clock, commitSha }))
      state = out.state
      notes.push(...out.failures)
    }
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
    pending: state.batches.filter(b => !isFinal(b.status) && (b.outside || present.get(b.path) === b.sha256)).length,
    resultsChanged: changes.some(c => c.changed),
    commitSha,
    notes
  }
}
