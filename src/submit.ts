import * as core from '@actions/core'
import * as path from 'node:path'
import { ApiError, BatchApi, RemoteFile } from './api'
import { Clock } from './clock'
import { mapLimit } from './concurrency'
import { CLOCK_SKEW_SECONDS, MetadataKeys } from './constants'
import { createOnce } from './once'
import { fromRemote, isUsable, missingParts, planPrune, SubmitPlan } from './plan'
import type { SourceFile } from './scan'
import type { Settings } from './settings'
import { isFinal, State, TrackedBatch } from './state'

export interface SubmitOutcome {
  readonly state: State
  readonly created: readonly TrackedBatch[]
  /** Files whose submission failed, with why. */
  readonly failures: readonly { file: string; message: string }[]
}

/** The uploaded file's name: derived from the content (and part), so a lost upload can be found again. */
export function uploadName(src: SourceFile, part: number): string {
  const stem = path.posix.basename(src.path, '.jsonl')
  const n = src.parts.length
  return n > 1 ? `${stem}.part${part + 1}of${n}.${src.sha256}.jsonl` : `${stem}.${src.sha256}.jsonl`
}

async function indexFiles(api: BatchApi, since: number): Promise<Map<string, RemoteFile>> {
  const byName = new Map<string, RemoteFile>()
  for await (const f of api.recentFiles(since)) if (!byName.has(f.filename)) byName.set(f.filename, f)
  return byName
}

async function findBatch(api: BatchApi, scope: string, src: SourceFile, part: number, since: number): Promise<TrackedBatch | undefined> {
  for await (const remote of api.recentBatches(since)) {
    const b = fromRemote(remote, scope)
    if (b && b.path === src.path && b.sha256 === src.sha256 && b.part === part && b.parts === src.parts.length && isUsable(b)) return b
  }
  return undefined
}

/**
 * Uploads each file of the plan (unless an upload of the same content exists)
 * and creates its batch, then stops tracking the batches it superseded.
 */
export async function submitPhase(
  plan: SubmitPlan,
  sources: readonly SourceFile[],
  initial: State,
  deps: { api: BatchApi; clock: Clock; settings: Settings; since: number }
): Promise<SubmitOutcome> {
  const { api, clock, settings } = deps
  const runStart = clock.now() - CLOCK_SKEW_SECONDS
  let state = initial
  const created: TrackedBatch[] = []
  const failures: { file: string; message: string }[] = []
  const uploaded = plan.submit.length > 0 ? await indexFiles(api, deps.since) : new Map<string, RemoteFile>()

  const work = plan.submit.flatMap(src => missingParts(src, state).map(part => ({ src, part })))
  await mapLimit(work, settings.maxConcurrency, async ({ src, part }) => {
    const n = src.parts.length
    const label = n > 1 ? `${src.file} (part ${part + 1} of ${n})` : src.file
    try {
      const name = uploadName(src, part)
      const range = src.parts[part]!
      let file = uploaded.get(name)
      if (file && file.bytes === range.end - range.start) core.info(`${label}: this content was uploaded before as ${file.id}; reusing it.`)
      else {
        const source = { abs: src.abs, start: range.start, end: range.end }
        file = await createOnce(`Uploading ${label}`, clock, () => api.uploadFile(source, name), async () => (await indexFiles(api, runStart)).get(name))
        core.info(`${label}: uploaded as ${file.id} (${range.requests} requests, ${range.end - range.start} bytes).`)
      }
      const inputFileId = file.id
      const metadata = {
        ...settings.metadata,
        [MetadataKeys.Scope]: settings.scope,
        [MetadataKeys.Path]: src.path,
        [MetadataKeys.Sha256]: src.sha256,
        [MetadataKeys.Part]: `${part + 1}/${n}`
      }
      const batch = await createOnce(
        `Creating the batch for ${label}`,
        clock,
        async () =>
          fromRemote(
            await api.createBatch({ inputFileId, endpoint: settings.endpoint ?? src.endpoint ?? '', completionWindow: settings.completionWindow, metadata }),
            settings.scope
          ),
        () => findBatch(api, settings.scope, src, part + 1, runStart)
      )
      if (!batch) throw new Error(`${label}: the batch was created without the action's metadata; is openai-base-url an OpenAI-compatible Batch API?`)
      core.info(`${label}: batch ${batch.batchId} created (${batch.status}).`)
      created.push(batch)
      state = { ...state, batches: [...state.batches, batch] }
    } catch (e) {
      // A key the API refuses fails every file alike: stop at the first.
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) throw e
      const message = e instanceof Error ? e.message : String(e)
      core.error(message, { file: src.file })
      failures.push({ file: src.file, message })
    }
  })

  const settled = await settle(api, settings.scope, created, runStart)
  for (const [mine, first] of settled) state = { ...state, batches: state.batches.map(b => (b.batchId === mine ? first : b)) }
  state = await prune(state, sources, api, settings.cancelSuperseded)
  return { state, created: created.filter(b => !settled.has(b.batchId)), failures }
}

const sameContent = (a: TrackedBatch, b: TrackedBatch): boolean => a.path === b.path && a.sha256 === b.sha256 && a.part === b.part
const older = (a: TrackedBatch, b: TrackedBatch): number => a.createdAt - b.createdAt || a.batchId.localeCompare(b.batchId)

/**
 * Two runs at once (without the README's concurrency block) may each create a
 * batch for the same content. Every run keeps the oldest and cancels its own
 * younger one, so one stands. Returns our cancelled batches with the one kept.
 */
async function settle(api: BatchApi, scope: string, created: readonly TrackedBatch[], since: number): Promise<Map<string, TrackedBatch>> {
  const settled = new Map<string, TrackedBatch>()
  if (created.length === 0) return settled
  const recent: TrackedBatch[] = []
  for await (const remote of api.recentBatches(since)) {
    const b = fromRemote(remote, scope)
    if (b && isUsable(b)) recent.push(b)
  }
  for (const mine of created) {
    const first = recent.filter(o => sameContent(o, mine)).sort(older)[0]
    if (!first || first.batchId === mine.batchId) continue
    core.info(`${mine.path}: another run created ${first.batchId} for the same content first; cancelling our ${mine.batchId}.`)
    await api.cancelBatch(mine.batchId).catch(e => core.warning(`Could not cancel the duplicate batch ${mine.batchId}: ${(e as Error).message}`))
    // Our upload too, unless the batch that stands uses it.
    if (mine.inputFileId !== first.inputFileId) await api.deleteFile(mine.inputFileId).catch(e => core.warning(`Could not delete the duplicate upload ${mine.inputFileId}: ${(e as Error).message}`))
    settled.set(mine.batchId, first)
  }
  return settled
}

/** Drops superseded batches and those of deleted files, cancelling the unfinished ones when asked. */
async function prune(state: State, sources: readonly SourceFile[], api: BatchApi, cancel: boolean): Promise<State> {
  const dropped = planPrune(sources, state)
  for (const b of dropped) {
    if (!cancel || isFinal(b.status) || b.status === 'cancelling') continue
    try {
      // The state's status may be old: a batch that has finished since is left alone.
      if (isFinal((await api.getBatch(b.batchId)).status)) continue
      await api.cancelBatch(b.batchId)
      core.info(`Cancelled batch ${b.batchId}: ${b.path} has changed since it was created.`)
    } catch (e) {
      // The new batch stands either way; an old one left running only costs money.
      core.warning(`Could not cancel the superseded batch ${b.batchId} of ${b.path}: ${(e as Error).message}`)
    }
  }
  const gone = new Set(dropped.map(b => b.batchId))
  return { ...state, batches: state.batches.filter(b => !gone.has(b.batchId)) }
}
