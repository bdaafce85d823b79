import * as core from '@actions/core'
import * as path from 'node:path'
import type { BatchApi, RemoteFile } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import { MetadataKeys } from '../config/constants'
import { createOnce } from './once'
import { fromRemote, isUsable } from '../core/plan'
import type { Part } from '../core/requests'
import type { Settings } from '../config/settings'
import { roundOf, slotLabel, TrackedBatch } from '../core/state'

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
  readonly settings: Settings
  /** Unix seconds, a little before this run began: what it may have made is newer. */
  readonly runStart: number
}

/** The uploaded file's name: derived from the content (round and part), so a lost upload can be found again. */
export function uploadName(t: Target, part: number): string {
  const stem = path.posix.basename(t.path, '.jsonl')
  const round = roundOf(t) > 0 ? `.retry${roundOf(t)}` : ''
  const n = t.parts.length
  return `${stem}${round}${n > 1 ? `.part${part + 1}of${n}` : ''}.${t.sha256}.jsonl`
}

/** Uploads made since `since`, by name. */
export async function indexFiles(api: BatchApi, since: number): Promise<Map<string, RemoteFile>> {
  const byName = new Map<string, RemoteFile>()
  for await (const f of api.recentFiles(since)) if (!byName.has(f.filename)) byName.set(f.filename, f)
  return byName
}

type Slot = Pick<TrackedBatch, 'path' | 'sha256' | 'round' | 'part' | 'parts'>

/** Two batches for the same content, round and part. */
const sameSlot = (a: Slot, b: Slot): boolean =>
  a.path === b.path && a.sha256 === b.sha256 && roundOf(a) === roundOf(b) && a.part === b.part && a.parts === b.parts

async function findBatch(deps: CreateDeps, t: Target, part: number): Promise<TrackedBatch | undefined> {
  const slot: Slot = { path: t.path, sha256: t.sha256, round: t.round, part, parts: t.parts.length }
  for await (const remote of deps.api.recentBatches(deps.runStart)) {
    const b = fromRemote(remote, deps.settings.scope)
    if (b && sameSlot(b, slot) && isUsable(b)) return b
  }
  return undefined
}

/**
 * Uploads part `part` (0-based) of a target, unless `uploaded` has it, and
 * creates its batch; each at most once, whatever answers get lost.
 */
export async function createPart(t: Target, part: number, uploaded: ReadonlyMap<string, RemoteFile>, deps: CreateDeps): Promise<TrackedBatch> {
  const { api, clock, settings } = deps
  const n = t.parts.length
  const round = roundOf(t)
  const label = `${t.file}${slotLabel(round, part + 1, n)}`
  const name = uploadName(t, part)
  const range = t.parts[part]!
  let file = uploaded.get(name)
  if (file && file.bytes === range.end - range.start) core.info(`${label}: this content was uploaded before as ${file.id}; reusing it.`)
  else {
    const source = { abs: t.abs, start: range.start, end: range.end }
    file = await createOnce(`Uploading ${label}`, clock, () => api.uploadFile(source, name), async () => (await indexFiles(api, deps.runStart)).get(name))
    core.info(`${label}: uploaded as ${file.id} (${range.requests} requests, ${range.end - range.start} bytes).`)
  }
  const inputFileId = file.id
  const metadata = {
    ...settings.metadata,
    [MetadataKeys.Scope]: settings.scope,
    [MetadataKeys.Path]: t.path,
    [MetadataKeys.Sha256]: t.sha256,
    [MetadataKeys.Part]: `${part + 1}/${n}`,
    ...(round > 0 ? { [MetadataKeys.Round]: String(round) } : {})
  }
  const endpoint = settings.endpoint ?? t.endpoint ?? ''
  const batch = await createOnce(
    `Creating the batch for ${label}`,
    clock,
    async () => fromRemote(await api.createBatch({ inputFileId, endpoint, completionWindow: settings.completionWindow, metadata }), settings.scope),
    () => findBatch(deps, t, part + 1)
  )
  if (!batch) throw new Error(`${label}: the batch was created without the action's metadata; is openai-base-url an OpenAI-compatible Batch API?`)
  core.info(`${label}: batch ${batch.batchId} created (${batch.status}).`)
  return batch
}

const older = (a: TrackedBatch, b: TrackedBatch): number => a.createdAt - b.createdAt || a.batchId.localeCompare(b.batchId)

/**
 * Two runs at once (without the README's concurrency block) may each create a
 * batch for the same content. Every run keeps the oldest and cancels its own
 * younger one, so one stands. Returns our cancelled batches with the one kept.
 */
export async function settle(api: BatchApi, scope: string, created: readonly TrackedBatch[], since: number): Promise<Map<string, TrackedBatch>> {
  const settled = new Map<string, TrackedBatch>()
  if (created.length === 0) return settled
  const recent: TrackedBatch[] = []
  for await (const remote of api.recentBatches(since)) {
    const b = fromRemote(remote, scope)
    if (b && isUsable(b)) recent.push(b)
  }
  for (const mine of created) {
    const first = recent.filter(o => sameSlot(o, mine)).sort(older)[0]
    if (!first || first.batchId === mine.batchId) continue
    core.info(`${mine.path}: another run created ${first.batchId} for the same content first; cancelling our ${mine.batchId}.`)
    await api.cancelBatch(mine.batchId).catch(e => core.warning(`Could not cancel the duplicate batch ${mine.batchId}: ${(e as Error).message}`))
    // Our upload too, unless the batch that stands uses it.
    if (mine.inputFileId !== first.inputFileId) await api.deleteFile(mine.inputFileId).catch(e => core.warning(`Could not delete the duplicate upload ${mine.inputFileId}: ${(e as Error).message}`))
    settled.set(mine.batchId, first)
  }
  return settled
}

/** The state's batches with each settled one replaced by the batch that stands. */
export function replaceSettled(batches: readonly TrackedBatch[], settled: ReadonlyMap<string, TrackedBatch>): TrackedBatch[] {
  return batches.map(b => settled.get(b.batchId) ?? b)
}
