import type { Settings } from '../config/settings'
import { isUsable, matches, replaceSettled, sameSlot } from '../core/state/batches'
import { slotLabel, uploadName } from '../core/paths'
import {
  batchMetadata,
  fromRemote,
  isUntagged,
  RemoteBatch,
  remoteFacts,
  RemoteFile,
  Slot,
  untaggedBatch
} from '../core/remote/records'
import type { Part } from '../core/requests/validate'
import { byUploadName } from '../core/remote/by-name'
import { REBUILD_LOOKBACK_SECONDS } from '../core/limits'
import { emptyState, isFinal, roundOf, State, TrackedBatch } from '../core/state/state'
import type { BatchApi } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'
import { createOnce } from './once'
import { errorMessage } from '../core/errors'
import { byText, plural } from '../core/format'

/** What batches are made from: a file's present content, or (in retry round k) the lines of it to try again. */
export interface Target {
  /** Path relative to source-dir: the file's identity. */
  readonly path: string
  /** sha256 of the file's content (not of the retried lines). */
  readonly sha256: string
  /** Absent or 0 for the file's own requests. */
  readonly round?: number
  /** Workspace-relative, for messages. */
  readonly file: string
  /** Where the bytes to upload are. */
  readonly abs: string
  readonly parts: readonly Part[]
  readonly endpoint: string | undefined
}

export interface CreateDeps {
  readonly api: BatchApi
  readonly clock: Clock
  readonly log: Log
  readonly settings: Settings
  /** Unix seconds, a little before this run began: what it may have made is newer. */
  readonly runStart: number
}

/** Uploads made since `since`, by name. */
export async function indexFiles(api: BatchApi, since: number): Promise<Map<string, RemoteFile>> {
  const byName = new Map<string, RemoteFile>()
  for await (const f of api.recentFiles(since)) if (!byName.has(f.filename)) byName.set(f.filename, f)
  return byName
}

/**
 * The names of the uploads of `batches`, by file id, listed until each is
 * found. An upload may be older than its batch (a run that stopped between the
 * two, its upload reused later), so the list looks a lookback further back.
 */
export async function uploadNames(
  api: BatchApi,
  batches: readonly Pick<RemoteBatch, 'inputFileId'>[],
  since: number
): Promise<Map<string, string>> {
  const wanted = new Set(batches.map(b => b.inputFileId))
  const names = new Map<string, string>()
  for await (const f of api.recentFiles(since - REBUILD_LOOKBACK_SECONDS)) {
    if (!wanted.has(f.id)) continue
    names.set(f.id, f.filename)
    if (names.size === wanted.size) break
  }
  return names
}

/** Batches made since `since`: this scope's usable ones, and those that carry no metadata of any scope (#12). */
export async function listRecent(
  api: BatchApi,
  scope: string,
  since: number
): Promise<{ mine: TrackedBatch[]; untagged: RemoteBatch[] }> {
  const mine: TrackedBatch[] = []
  const untagged: RemoteBatch[] = []
  for await (const page of api.recentBatches(since))
    for (const remote of page) {
      const b = fromRemote(remote, scope)
      // A cancelled or token-limited batch stands for nothing.
      if (b && isUsable(b)) mine.push(b)
      else if (isUntagged(remote)) untagged.push(remote)
    }
  return { mine, untagged }
}

/** Usable batches made since `since`: this scope's, and those without metadata named for the contents of `made`. */
async function recentUsable(
  api: BatchApi,
  scope: string,
  since: number,
  made: readonly TrackedBatch[]
): Promise<TrackedBatch[]> {
  const { mine, untagged } = await listRecent(api, scope, since)
  const contents = [
    ...new Map(
      made
        .filter(b => b.untagged)
        .map(b => [`${b.path}\n${b.sha256}`, { path: b.path, sha256: b.sha256, problems: [] }])
    ).values()
  ]
  if (contents.length === 0 || untagged.length === 0) return mine
  return [
    ...mine,
    ...byUploadName(untagged, await uploadNames(api, untagged, since), contents, emptyState(scope)).found
  ]
}

const standsFor = (b: TrackedBatch, slot: Slot): boolean => matches(b, slot) && sameSlot(b, slot)

/**
 * Uploads part `part` (0-based) of a target, unless `uploaded` has it, then
 * creates its batch. Each happens at most once, whatever answers get lost.
 */
export async function createPart(
  t: Target,
  part: number,
  uploaded: ReadonlyMap<string, RemoteFile>,
  deps: CreateDeps
): Promise<TrackedBatch> {
  const { api, clock, log, settings } = deps
  const n = t.parts.length
  const slot: Slot = { path: t.path, sha256: t.sha256, round: t.round, part: part + 1, parts: n }
  const label = `${t.file}${slotLabel(roundOf(t), part + 1, n)}`
  const name = uploadName(t, part, n)
  const range = t.parts[part]!
  let file = uploaded.get(name)
  if (file && file.bytes === range.end - range.start)
    log.info(`${label}: this content was uploaded before as ${file.id}; reusing it.`)
  else {
    const source = { abs: t.abs, start: range.start, end: range.end }
    file = await createOnce(
      `Uploading ${label}`,
      { clock, log },
      () => api.uploadFile(source, name, { expiresAfter: settings.remoteFilesExpireAfter }),
      async () => (await indexFiles(api, deps.runStart)).get(name)
    )
    // A provider without files (Anthropic) sends the requests inline with the create: nothing was uploaded.
    if (settings.provider.files)
      log.info(
        `${label}: uploaded as ${file.id} ` +
          `(${plural(range.requests, 'request')}, ${plural(range.end - range.start, 'byte')}).`
      )
  }
  const request = {
    inputFileId: file.id,
    endpoint: settings.endpoint ?? t.endpoint ?? '',
    completionWindow: settings.completionWindow,
    metadata: batchMetadata(settings.metadata, settings.scope, slot),
    outputExpiresAfter: settings.remoteFilesExpireAfter
  }
  const input = file.id
  const batch = await createOnce(
    `Creating the batch for ${label}`,
    { clock, log },
    async () => {
      const remote = await api.createBatch(request)
      const made = fromRemote(remote, settings.scope)
      if (made) return made
      // A compatible API keeping no metadata (metadata.ts warns once a run): what the batch stands for is known here.
      log.info(
        `${label}: batch ${remote.id} carries no metadata of ours; ` +
          `it is tracked in the saved state, and by its upload's name ${name}.`
      )
      return untaggedBatch(remote, slot)
    },
    async () => {
      const recent = await listRecent(api, settings.scope, deps.runStart)
      // Without metadata, the batch made from this run's upload is the one that was lost: one just
      // made, so unfinished (a reused upload may be an earlier, cancelled batch's too).
      const made = recent.untagged.find(r => r.inputFileId === input && !isFinal(remoteFacts(r).status))
      return recent.mine.find(b => standsFor(b, slot)) ?? (made ? untaggedBatch(made, slot) : undefined)
    }
  )
  const sent = settings.provider.files ? '' : `, ${plural(range.requests, 'request')} sent inline`
  log.info(`${label}: batch ${batch.batchId} created (${batch.status}${sent}).`)
  return batch
}

const older = (a: TrackedBatch, b: TrackedBatch): number => a.createdAt - b.createdAt || byText(a.batchId, b.batchId)

/**
 * Two runs at once (without the README's concurrency block) may each create a
 * batch for the same content. Every run keeps the oldest and cancels its own
 * younger one, so one stands. Returns our cancelled batches with the one kept.
 */
async function settle(deps: CreateDeps, created: readonly TrackedBatch[]): Promise<Map<string, TrackedBatch>> {
  const { api, log } = deps
  const settled = new Map<string, TrackedBatch>()
  if (created.length === 0) return settled
  const recent = await recentUsable(api, deps.settings.scope, deps.runStart, created)
  for (const mine of created) {
    const first = recent.filter(o => standsFor(o, mine)).sort(older)[0]
    if (!first || first.batchId === mine.batchId) continue
    log.info(
      `${mine.path}: another run created ${first.batchId} for the same content first; cancelling our ${mine.batchId}.`
    )
    await api
      .cancelBatch(mine.batchId)
      .catch(e => log.warning(`Could not cancel the duplicate batch ${mine.batchId}: ${errorMessage(e)}`))
    // Our upload too, unless the batch that stands uses it.
    if (mine.inputFileId !== first.inputFileId)
      await api
        .deleteFile(mine.inputFileId)
        .catch(e => log.warning(`Could not delete the duplicate upload ${mine.inputFileId}: ${errorMessage(e)}`))
    settled.set(mine.batchId, first)
  }
  return settled
}

/** The state and the batches a step made, once races with runs alongside are settled: only ours that stand count. */
export async function settleAll(
  deps: CreateDeps,
  state: State,
  created: readonly TrackedBatch[]
): Promise<{ state: State; created: TrackedBatch[] }> {
  const settled = await settle(deps, created)
  return { state: replaceSettled(state, settled), created: created.filter(b => !settled.has(b.batchId)) }
}
