import type { Settings } from '../config/settings'
import { REBUILD_LOOKBACK_SECONDS } from '../core/limits'
import { Outcome, outcome } from '../core/report/outcome'
import { merge, Progress, startProgress } from '../core/step-result'
import type { Links } from '../core/report/summary'
import type { RemoteFile } from '../core/remote/records'
import { adoptRenames } from '../core/plans/renames'
import { mayBeNew } from '../core/requests/source'
import { plural } from '../core/format'
import { Channel, emptyState, listSince, State } from '../core/state/state'
import { serializeState } from '../core/state/saved'
import { tidySuperseded } from '../core/plans/superseded'
import type { BatchApi } from '../ports/batch-api'
import { announceStep } from './announce'
import { cleanStep, keepStep } from './clean'
import { collectStep } from './collect/collect'
import { indexFiles } from './create'
import { metadataWatch } from './metadata'
import { discover, restore } from './restore'
import { retryStep } from './retry'
import { scan } from './scan'
import { Context, LiveContext, Ports, Step } from './step'
import { planStep } from './plan'
import { resubmitStep, submitStep } from './submit'
import { nameWaitingStep, submitWaitingStep } from './waiting'

/** A collect run's first step, for the files no push submitted: under auto it submits them; asked for, it names them. */
const waitingStep = (settings: Settings): Step => (settings.auto ? submitWaitingStep : nameWaitingStep)

/** The steps of a run that talks to OpenAI, chosen once from the mode and the settings. */
export function liveSteps(settings: Settings): Step[] {
  const steps: Step[] = [settings.mode === 'collect' ? waitingStep(settings) : submitStep]
  if (settings.mode === 'submit') return steps
  steps.push(collectStep)
  if (settings.retryFailed > 0) steps.push(retryStep)
  if (settings.mode === 'collect') steps.push(resubmitStep)
  // After the retries: a file whose retry round was just made still needs its files.
  if (settings.deleteRemoteFiles) steps.push(settings.provider.files ? cleanStep : keepStep)
  // Last: an event says whether a retry round of its file is under way.
  if (settings.webhookUrl || settings.dispatchEvent) steps.push(announceStep)
  return steps
}

/** A plan (mode plan, or a dry run) says what a submit would do and does nothing; its storage keeps nothing either. */
export const planSteps = (settings: Settings): Step<Context>[] => (settings.mode === 'collect' ? [] : [planStep])

async function runSteps<C extends Context>(
  ctx: C,
  steps: readonly Step<C>[],
  initial: State,
  notes: readonly string[]
): Promise<Progress> {
  let so = merge(startProgress(initial), { state: initial, notes })
  for (const step of steps)
    if (!step.idle?.(ctx, so)) so = merge(so, await ctx.log.group(step.name, () => step.run(ctx, so)))
  return so
}

/** A function that calls `fn` once, the first time it is called, and hands out the same promise after. */
function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined
  return () => (p ??= fn())
}

/** Where a run starts: the state restored (or rebuilt from OpenAI) and the request files scanned. */
async function prepare(
  settings: Settings,
  ports: Ports,
  mayUpload: boolean
): Promise<{
  ctx: Context
  state: State
  savedText: string | undefined
  uploads: () => Promise<Map<string, RemoteFile>>
  /** The scan's lines for the job summary. */
  notes: readonly string[]
}> {
  const { api, storage, clock, log } = ports
  const restored = await log.group('Restore state', () => restore(storage, settings.scope, log))
  const loaded = restored?.state
  const { sources, notes } = await log.group('Scan request files', () => scan(settings, loaded, log))
  const since = listSince(loaded, clock.now())
  // A provider without files has no uploads to reuse.
  const uploads = memo(() =>
    api && settings.provider.files ? indexFiles(api, since) : Promise.resolve(new Map<string, RemoteFile>())
  )
  // Earlier uploads are listed alongside the batches when a submit is likely; the submit reports a failed list.
  if (mayUpload && mayBeNew(sources)) uploads().catch(() => undefined)
  let state = loaded ?? emptyState(settings.scope)
  if (!loaded && api)
    state = await log.group(`Rebuild state from ${settings.provider.label}`, () =>
      rebuild(api, settings, ports, state, sources)
    )
  const moved = adoptRenames(sources, state)
  for (const r of moved.renames)
    log.info(
      `${settings.sourceDir}/${r.to} was ${settings.sourceDir}/${r.from}: ` +
        `it keeps its ${plural(r.batchIds.length, 'batch', 'batches')} (${r.batchIds.join(', ')}); ` +
        'nothing is submitted again.'
    )
  // The channels the announce step will use: a superseded batch is forgotten once it went out on each.
  const channels: Channel[] = [
    ...(ports.webhook ? ['webhook' as const] : []),
    ...(settings.dispatchEvent && ports.repo ? ['dispatch' as const] : [])
  ]
  state = tidySuperseded(sources, moved.state, channels)
  return { ctx: { ...ports, settings, sources, loaded }, state, savedText: restored?.text, uploads, notes }
}

function rebuild(
  api: BatchApi,
  settings: Settings,
  ports: Ports,
  state: State,
  sources: Context['sources']
): Promise<State> {
  const now = ports.clock.now()
  return discover(
    { api, log: ports.log, now, scope: settings.scope, provider: settings.provider },
    state,
    sources,
    now - REBUILD_LOOKBACK_SECONDS
  )
}

/** A run: prepare, the steps one after the other, then the state saved when it changed. */
export async function runAction(settings: Settings, given: Ports): Promise<Outcome> {
  const ports = { ...given, api: given.api && metadataWatch(given.api, settings.provider, given.log) }
  const { api } = ports
  // Chosen once: a plan or a dry run (or a run without a key) plans; any other run works.
  const live = api && !settings.planOnly ? liveSteps(settings) : undefined
  const { ctx, state, savedText, uploads, notes } = await prepare(settings, ports, live?.includes(submitStep) ?? false)
  const so =
    live && api
      ? await runSteps<LiveContext>({ ...ctx, api, uploads }, live, state, notes)
      : await runSteps<Context>(ctx, planSteps(settings), state, notes)
  // Compared as text, so the state is serialized once a run (BENCHMARKS.md, "A year of state").
  const text = serializeState(so.state)
  // No heading for a save that does not happen (a plan's or a dry run's storage keeps nothing).
  if (text !== savedText && !ports.storage.readOnly) await ports.log.group('Save state', () => ports.storage.save(text))
  // The price list is loaded whenever a cost is shown: any batch the summary lists may carry usage.
  const priced = [so.state.batches, so.collected, so.superseded].some(list => list.some(b => b.usage))
  const prices = priced ? await ports.prices() : undefined
  const { mode, dryRun, cancelSuperseded, sourceDir, targetDir, keepSuperseded } = settings
  const run = {
    links: linksFor(settings),
    mode,
    dryRun,
    cancelSuperseded,
    sourceDir,
    targetDir,
    keepSuperseded,
    files: settings.provider.files,
    sources: ctx.sources
  }
  return outcome(so, run, prices?.price)
}

/** Where the summary links to: the repository on GitHub, and the batches on the provider's dashboard. */
function linksFor(settings: Settings): Links {
  return {
    repository: `${settings.run.serverUrl}/${settings.run.repository}`,
    ref: settings.run.branch,
    batchUrl: settings.provider.batchUrl
  }
}
