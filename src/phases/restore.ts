import * as core from '@actions/core'
import type { BatchApi } from '../ports/batch-api'
import { adopt, fromRemote, outsideBatch } from '../core/plan'
import type { SourceFile } from '../io/request-files'
import { parseState, State, TrackedBatch } from '../core/state'
import type { StateStorage } from '../ports/state-storage'

/** Where the state comes from: the cache first, else the batches at OpenAI. */

export async function restore(storage: StateStorage, scope: string): Promise<State | undefined> {
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

/**
 * Adopts this scope's batches created since `since` that stand for present
 * content. Every batch created before `now` is then known: the state's `asOf`.
 */
export async function discover(api: BatchApi, state: State, sources: readonly SourceFile[], since: number, now: number): Promise<State> {
  const found: TrackedBatch[] = []
  for await (const remote of api.recentBatches(since)) {
    const b = fromRemote(remote, state.scope)
    if (b) found.push(b)
  }
  const next = { ...adopt(state, found, sources), asOf: now }
  for (const b of next.batches.slice(state.batches.length)) core.info(`${b.path}: found batch ${b.batchId} (${b.status}) at OpenAI.`)
  return next
}

/** Starts tracking the batches named in batch-ids (or by a relayed webhook event) that the state does not know. */
export async function watchOutside(api: BatchApi, state: State, ids: readonly string[], failures: { file: string; message: string }[]): Promise<State> {
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
