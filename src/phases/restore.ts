import { adopt } from '../core/plans/adopt'
import { byRequestCount, byUploadName } from '../core/remote/by-name'
import { Failure, failure, stopsRun } from '../core/errors'
import type { Provider } from '../core/providers'
import { fromRemote, MetadataKeys, outsideBatch } from '../core/remote/records'
import type { SourceFile } from '../core/requests/source'
import { listSince, State, TrackedBatch } from '../core/state/state'
import { plural, utc } from '../core/format'
import { parseState } from '../core/state/saved'
import type { BatchApi } from '../ports/batch-api'
import type { Log } from '../ports/log'
import type { StateStorage } from '../ports/state-storage'
import { listRecent, uploadNames } from './create'
import type { Context, LiveContext } from './step'

/** Where the state comes from: the cache first, else the batches at OpenAI. */

/** The saved state, with the text it was read from: a run that changed nothing saves nothing. */
export async function restore(
  storage: StateStorage,
  scope: string,
  log: Log
): Promise<{ state: State; text: string } | undefined> {
  const text = await storage.restore()
  if (text === undefined) return undefined
  const parsed = parseState(text, scope)
  if ('reason' in parsed) {
    log.warning(`Ignoring the saved state: ${parsed.reason}. It will be rebuilt from the batches at the provider.`)
    return undefined
  }
  log.info(`State: ${plural(parsed.state.batches.length, 'tracked batch', 'tracked batches')}.`)
  return { state: parsed.state, text }
}

/**
 * Adopts the batches created since `since` that stand for present content; the
 * state then knows every batch made before now (`asOf`). They are this scope's
 * and, from a provider that may not keep metadata, those without any that their
 * uploads' names tie to present content.
 */
export async function discover(
  deps: DiscoverDeps,
  state: State,
  sources: readonly SourceFile[],
  since: number
): Promise<State> {
  const { api, log, scope, provider } = deps
  const listed = await listRecent(api, scope, since)
  const found = [...listed.mine]
  const known = new Set(state.batches.map(b => b.batchId))
  // Only unknown ones: a state that tracks them all needs no list of files.
  const untagged = provider.keepsMetadata ? [] : listed.untagged.filter(b => !known.has(b.id))
  if (untagged.length > 0) {
    const labels = await uploadNames(api, untagged, since)
    const named = byUploadName(untagged, labels, sources, state)
    for (const paths of named.ambiguous) log.warning(sameNameAndContent(paths))
    found.push(...named.found)
    // Nothing says yet whose these are: as many requests as a file's part, they are waited for.
    const unlabelled = untagged.filter(b => !labels.has(b.inputFileId))
    found.push(...byRequestCount(unlabelled, sources, { ...state, batches: [...state.batches, ...found] }))
  }
  const next = { ...adopt(state, found, sources), asOf: deps.now }
  const adopted = next.batches.slice(state.batches.length)
  if (adopted.length === 0) log.info(`No batch of these request files at ${provider.label} since ${utc(since)}.`)
  for (const b of adopted) log.info(foundLine(b, provider))
  return next
}

function foundLine(b: TrackedBatch, { label, files }: Provider): string {
  // Without files, the label is the tag in the custom_ids of its results (core/remote/tags.ts).
  const by = b.untagged ? (files ? " by its upload's name" : ' by the tag in its custom_ids') : ''
  if (!b.guessed) return `${b.path}: found batch ${b.batchId} (${b.status}) at ${label}${by}.`
  const requests = plural(b.requestCounts?.total ?? 0, 'request')
  return (
    `${b.path}: batch ${b.batchId} at ${label} (${b.status}, ${requests}) may be this file's: ` +
    `${label} shows whose a batch is only once it ends, so the file waits for it instead of being submitted twice.`
  )
}

const sameNameAndContent = (paths: readonly string[]): string =>
  `${paths.join(', ')} have the same name and content: ` +
  'their batches without metadata are shared out between them in path order, ' +
  "so the results of one may be the other's (the same requests)."

export interface DiscoverDeps {
  readonly api: BatchApi
  readonly log: Log
  /** Unix seconds. */
  readonly now: number
  readonly scope: string
  readonly provider: Provider
}

/**
 * Plans against the state; when the plan would make batches and the state may
 * be stale, looks at OpenAI and plans again. A run that crashed, or ran
 * alongside, may have made some since its `asOf`.
 */
export async function freshPlan<P>(
  ctx: Context,
  state: State,
  plan: (s: State) => P,
  wouldCreate: (p: P) => boolean
): Promise<{ state: State; plan: P }> {
  const first = plan(state)
  const { api, loaded, clock } = ctx
  if (!wouldCreate(first) || !loaded || !api) return { state, plan: first }
  const now = clock.now()
  const looked = await discover(
    { api, log: ctx.log, now, scope: ctx.settings.scope, provider: ctx.settings.provider },
    state,
    ctx.sources,
    listSince(loaded, now)
  )
  return { state: looked, plan: plan(looked) }
}

/** Starts tracking the batches named in batch-ids (or by a relayed webhook event) that the state does not know. */
export async function watchOutside(ctx: LiveContext, state: State): Promise<{ state: State; failures: Failure[] }> {
  const { settings, api, log } = ctx
  const ids = [...settings.batchIds, ...(settings.run.eventBatchId ? [settings.run.eventBatchId] : [])]
  let next = state
  const failures: Failure[] = []
  for (const id of new Set(ids)) {
    if (next.batches.some(b => b.batchId === id)) continue
    try {
      const remote = await api.getBatch(id)
      const scope = remote.metadata[MetadataKeys.Scope]
      // A relayed event names any batch of the OpenAI project: only batch-ids, or this folder's own, are taken.
      if (!settings.batchIds.includes(id)) {
        const mine = scope === settings.scope ? fromRemote(remote, settings.scope) : undefined
        if (mine) next = adopt(next, [mine], ctx.sources)
        else
          log.info(
            `Batch ${id} of the relayed event is ${scope ? `another folder's (${scope})` : "not this action's"}; ` +
              'it is left alone (batch-ids watches one).'
          )
        continue
      }
      // Rebuilt: a lost cache forgets the batches it watched, and their results may be in already.
      const b: TrackedBatch = { ...outsideBatch(remote), rebuilt: true }
      log.info(`Watching batch ${id} (${b.status}); its results go to ${b.path} under the target folder.`)
      next = { ...next, batches: [...next.batches, b] }
    } catch (e) {
      if (stopsRun(e)) throw e
      failures.push(failure(`batch-ids: ${id}`, e, `Cannot watch batch ${id}`))
    }
  }
  return { state: next, failures }
}
