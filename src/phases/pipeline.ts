import * as core from '@actions/core'
import type { BatchApi, RemoteFile } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Change } from './commit'
import { mapLimit } from '../core/concurrency'
import { CLOCK_SKEW_SECONDS, REBUILD_LOOKBACK_SECONDS } from '../config/constants'
import { isUsable, planRetry, planSubmit, refusedForTokens, uncollect } from '../core/plan'
import { discover, restore, watchOutside } from './restore'
import type { Repo } from '../ports/repo'
import { batchRows, RunReport } from '../core/report'
import { checkOptions, checkSource, scanSources, SourceFile } from '../io/request-files'
import type { Settings } from '../config/settings'
import { emptyState, isFinal, serializeState, State, TrackedBatch } from '../core/state'
import type { StateStorage } from '../ports/state-storage'
// The phases are our own small modules, loaded with this one; only the SDKs are loaded when used (main.ts).
import { announcePhase } from './announce'
import { collectPhase } from './collect'
import { indexFiles } from './create'
import { ArtifactStore, publishPhase } from './publish'
import { retryPhase } from './retry'
import { submitPhase } from './submit'

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

type Failures = { file: string; message: string }[]

function annotate(invalid: readonly SourceFile[]): void {
  for (const f of invalid)
    for (const p of f.problems) core.error(p.message, { file: f.file, startLine: p.line, title: 'Invalid batch request' })
}

/** Batches and uploads newer than this may be missing from the state (unix seconds). */
const listSince = (loaded: State | undefined, clock: Clock): number =>
  loaded ? loaded.asOf - CLOCK_SKEW_SECONDS : clock.now() - REBUILD_LOOKBACK_SECONDS

/**
 * The submit half: plan against what exists (looking at OpenAI when the state
 * may be stale), then create; only for the files `only` picks, when given.
 * `uploads` is the listing of earlier uploads, when it was started already.
 */
async function submitStep(
  settings: Settings,
  deps: Deps,
  sources: readonly SourceFile[],
  loaded: State | undefined,
  initial: State,
  failures: Failures,
  opts: { only?: (src: SourceFile) => boolean; uploads?: Promise<Map<string, RemoteFile>> } = {}
) {
  const { api, clock } = deps
  const only = opts.only ?? (() => true)
  let state = initial
  let plan = planSubmit(sources.filter(only), state)
  // A run that crashed, or ran alongside, may have created batches after the state's asOf.
  if (plan.submit.length > 0 && loaded && api) {
    state = await discover(api, state, sources, listSince(loaded, clock), clock.now())
    plan = planSubmit(sources.filter(only), state)
  }
  const wouldSubmit = plan.submit.map(s => s.file)
  if (settings.dryRun || !api) {
    core.info(`Dry run: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`)
    return { state, created: [], wouldSubmit }
  }
  const since = listSince(loaded, clock)
  const out = await core.group('Submit', () => submitPhase(plan, sources, state, { api, clock, settings, since, uploads: opts.uploads }))
  failures.push(...out.failures)
  return { state: out.state, created: out.created, wouldSubmit }
}

/** The collect half: check and download, then publish and announce what finished. */
async function collectStep(settings: Settings, deps: Deps, api: BatchApi, sources: readonly SourceFile[], initial: State, failures: Failures) {
  const { clock } = deps
  const extra = [...settings.batchIds, ...(settings.run.eventBatchId ? [settings.run.eventBatchId] : [])]
  let state = await watchOutside(api, initial, extra, failures)
  const out = await core.group('Collect', () => collectPhase(sources, state, { api, clock, settings }))
  state = out.state
  let collected = out.collected
  failures.push(...out.failures)
  let commitSha: string | undefined
  const notes: string[] = []
  if (out.changes.length > 0) {
    try {
      const published = await core.group('Publish results', () => publishPhase(out.changes, { settings, repo: deps.repo, artifacts: deps.artifacts, clock }))
      commitSha = published.commitSha
      notes.push(...published.notes)
    } catch (e) {
      // Results that reached no one are fetched again by the next run.
      state = uncollect(state, new Set(collected.map(b => b.batchId)))
      collected = []
      failures.push({ file: settings.targetDir, message: `Could not publish the results: ${(e as Error).message}` })
    }
  }
  return { state, collected, changes: out.changes as readonly Change[], commitSha, notes }
}

/** Follow-up batches for lines that failed for a retryable reason, once their file's results are collected. */
async function retryStep(settings: Settings, deps: Deps, api: BatchApi, sources: readonly SourceFile[], loaded: State | undefined, initial: State, failures: Failures) {
  const { clock } = deps
  let state = initial
  let work = planRetry(sources, state, settings.retryFailed)
  // A run that stopped may have made some of these batches after the state's asOf.
  if (work.length > 0 && loaded) {
    state = await discover(api, state, sources, listSince(loaded, clock), clock.now())
    work = planRetry(sources, state, settings.retryFailed)
  }
  if (work.length === 0) return { state, created: [] }
  const out = await core.group('Retry failed lines', () => retryPhase(work, state, { api, clock, settings, since: listSince(loaded, clock) }))
  failures.push(...out.failures)
  return out
}

/** Finds the request files; checks the lines only of content without a usable batch. */
async function scanStep(settings: Settings, loaded: State | undefined): Promise<SourceFile[]> {
  const submitted = new Set(loaded?.batches.filter(isUsable).map(b => `${b.path}\n${b.sha256}`))
  const found = await scanSources(
    settings.workspace,
    settings.sourceDir,
    checkOptions(settings),
    (items, fn) => mapLimit(items, settings.maxConcurrency, fn),
    (p, sha) => submitted.has(`${p}\n${sha}`)
  )
  core.info(`${found.length} request files under ${settings.sourceDir}/, ${found.filter(f => f.checked).length} new or changed.`)
  return found
}

/**
 * What follows a collect: retry rounds of failed lines, batches refused for the
 * enqueued-token limit submitted again, then the announcements (last, so an
 * event can say whether a retry round of its file is under way).
 */
async function afterCollect(
  settings: Settings,
  deps: Deps,
  api: BatchApi,
  ctx: { sources: readonly SourceFile[]; loaded: State | undefined; failures: Failures; commitSha: string | undefined },
  initial: State
) {
  const { sources, loaded, failures } = ctx
  let state = initial
  const created: TrackedBatch[] = []
  const notes: string[] = []
  if (settings.retryFailed > 0) {
    const out = await retryStep(settings, deps, api, sources, loaded, state, failures)
    state = out.state
    created.push(...out.created)
  }
  // A batch refused for the enqueued-token limit is submitted again by the next run that can, a scheduled one too.
  const limited = (src: SourceFile) => refusedForTokens(src, state)
  if (settings.mode === 'collect' && sources.some(limited)) {
    const again = await Promise.all(sources.map(s => (limited(s) ? checkSource(s, checkOptions(settings)) : s)))
    const out = await submitStep(settings, deps, again, loaded, state, failures, { only: limited })
    state = out.state
    created.push(...out.created)
  }
  if (settings.webhookUrl || settings.dispatchEvent) {
    const announced = await core.group('Announce', () => announcePhase(state, { settings, repo: deps.repo, clock: deps.clock, commitSha: ctx.commitSha }))
    state = announced.state
    notes.push(...announced.failures)
  }
  return { state, created, notes }
}

export async function runAction(settings: Settings, deps: Deps): Promise<Outcome> {
  const { api, storage, clock } = deps
  const loaded = await core.group('Restore state', () => restore(storage, settings.scope))
  const sources = await core.group('Scan request files', () => scanStep(settings, loaded))
  const invalid = sources.filter(s => s.problems.length > 0)
  annotate(invalid)

  // Earlier uploads (a run that stopped may have left some) are listed while the batches are looked at.
  const likelySubmit = settings.mode !== 'collect' && !settings.dryRun && sources.some(s => s.checked && s.problems.length === 0)
  const uploads = api && likelySubmit ? indexFiles(api, listSince(loaded, clock)) : undefined
  uploads?.catch(() => undefined) // awaited, and its failure reported, by the submit phase if it needs it

  let state = loaded ?? emptyState(settings.scope)
  if (!loaded && api)
    state = await core.group('Rebuild state from OpenAI', () => discover(api, state, sources, clock.now() - REBUILD_LOOKBACK_SECONDS, clock.now()))

  const failures: Failures = []
  const created: TrackedBatch[] = []
  let wouldSubmit: readonly string[] = []
  if (settings.mode !== 'collect') {
    const out = await submitStep(settings, deps, sources, loaded, state, failures, { uploads })
    ;({ state, wouldSubmit } = out)
    created.push(...out.created)
  }

  let collected: Awaited<ReturnType<typeof collectStep>> | undefined
  const notes: string[] = []
  if (settings.mode !== 'submit' && api && !settings.dryRun) {
    collected = await collectStep(settings, deps, api, sources, state, failures)
    const after = await afterCollect(settings, deps, api, { sources, loaded, failures, commitSha: collected.commitSha }, collected.state)
    state = after.state
    created.push(...after.created)
    notes.push(...collected.notes, ...after.notes)
  }

  if (!settings.dryRun && (!loaded || serializeState(loaded) !== serializeState(state)))
    await core.group('Save state', () => storage.save(serializeState(state)))

  const present = new Map(sources.map(s => [s.path, s.sha256]))
  const done = collected?.collected ?? []
  return {
    mode: settings.mode,
    dryRun: settings.dryRun,
    rows: batchRows(state, settings.sourceDir, settings.targetDir),
    wouldSubmit,
    invalid,
    failures,
    notes,
    submitted: created.length,
    completed: done.filter(b => b.status === 'completed').length,
    failed: done.filter(b => b.status !== 'completed').length,
    pending: state.batches.filter(b => !isFinal(b.status) && (b.outside || present.get(b.path) === b.sha256)).length,
    resultsChanged: (collected?.changes ?? []).some(c => c.changed),
    commitSha: collected?.commitSha
  }
}
