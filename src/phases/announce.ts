import * as core from '@actions/core'
import { createHash, createHmac } from 'node:crypto'
import { backoffMs, Clock } from '../ports/clock'
import type { Repo } from '../ports/repo'
import { resultPaths } from '../io/result-writer'
import type { Settings } from '../config/settings'
import { Channel, hasErrors, isFinal, roundOf, State, TrackedBatch } from '../core/state'

/** A batch's final state, in the shape of OpenAI's own webhook events, with our extras in `data`. */
export interface BatchEvent {
  readonly id: string
  readonly object: 'event'
  readonly type: `batch.${'completed' | 'failed' | 'expired' | 'cancelled'}`
  readonly created_at: number
  readonly data: {
    readonly id: string
    readonly status: string
    /** The request file, workspace-relative; null for a batch created elsewhere. */
    readonly source_file: string | null
    /** Which part of the file the batch is, as `i/n`. */
    readonly part: string
    /** 0 for the file's own requests; k for its k-th retry of failed lines. */
    readonly round: number
    /** A retry round of the file's failed lines is under way: its results will change again. */
    readonly retry_pending: boolean
    readonly request_counts: { total: number; completed: number; failed: number } | null
    readonly output_path: string | null
    readonly error_path: string | null
    readonly commit_sha: string | null
    readonly run_url: string
  }
}

export interface EventContext {
  readonly sourceDir: string
  readonly targetDir: string
  readonly commitSha: string | undefined
  readonly runUrl: string
}

export function batchEvent(b: TrackedBatch, ctx: EventContext, now: number, retryPending = false): BatchEvent {
  const type = `batch.${b.status}` as BatchEvent['type']
  const paths = resultPaths(ctx.targetDir, b.path)
  return {
    // The same id on every delivery of this event, so receivers can drop repeats.
    id: `evt_${createHash('sha256').update(`${b.batchId}:${type}`).digest('hex').slice(0, 32)}`,
    object: 'event',
    type,
    created_at: now,
    data: {
      id: b.batchId,
      status: b.status,
      source_file: b.outside ? null : `${ctx.sourceDir}/${b.path}`,
      part: `${b.part}/${b.parts}`,
      round: roundOf(b),
      retry_pending: retryPending,
      request_counts: b.requestCounts ?? null,
      output_path: b.outputFileId ? paths.output : null,
      error_path: hasErrors(b) ? paths.errors : null,
      commit_sha: ctx.commitSha ?? null,
      run_url: ctx.runUrl
    }
  }
}

/**
 * The Standard Webhooks signature, as OpenAI signs its own webhooks: HMAC-SHA256
 * of `id.timestamp.body`, keyed by the secret (base64-decoded after `whsec_`).
 */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/** Attempts at one delivery (network errors, 429 and 5xx are tried again). */
const DELIVERY_ATTEMPTS = 4

export async function deliver(url: string, secret: string, event: BatchEvent, clock: Clock): Promise<void> {
  const body = JSON.stringify(event)
  for (let n = 0; ; n++) {
    const timestamp = clock.now()
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'openai-batch-action',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp)
    }
    if (secret) headers['webhook-signature'] = sign(secret, event.id, timestamp, body)
    let problem: string
    try {
      const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
      await res.body?.cancel()
      if (res.ok) return
      problem = `the receiver answered ${res.status}`
      if (res.status !== 429 && res.status < 500) throw new Error(problem)
    } catch (e) {
      if ((e as Error).message.startsWith('the receiver answered')) throw e
      problem = (e as Error).message
    }
    if (n + 1 >= DELIVERY_ATTEMPTS) throw new Error(problem)
    await clock.sleep(backoffMs(n))
  }
}

/** Whether a later retry round of the batch's content is still under way. */
export const retryPending = (state: State, b: TrackedBatch): boolean =>
  !b.outside && state.batches.some(o => o.path === b.path && o.sha256 === b.sha256 && roundOf(o) > roundOf(b) && !isFinal(o.status))

/** Batches whose final state is to be announced on `channel`. */
export function toAnnounce(state: State, channel: Channel): TrackedBatch[] {
  return state.batches.filter(b => isFinal(b.status) && b.collected && !b.announced?.includes(channel))
}

/**
 * Announces every collected final batch not yet announced, on each channel the
 * settings name; records each delivery in the state so no later run repeats it.
 */
export async function announcePhase(
  initial: State,
  deps: { settings: Settings; repo: (() => Promise<Repo>) | undefined; clock: Clock; commitSha: string | undefined }
): Promise<{ state: State; failures: string[] }> {
  const { settings, repo, clock } = deps
  let state = initial
  const failures: string[] = []
  const ctx: EventContext = { sourceDir: settings.sourceDir, targetDir: settings.targetDir, commitSha: deps.commitSha, runUrl: settings.run.runUrl }
  const channels: [Channel, ((e: BatchEvent) => Promise<void>) | undefined][] = [
    ['webhook', settings.webhookUrl ? e => deliver(settings.webhookUrl!, settings.webhookSecret, e, clock) : undefined],
    ['dispatch', settings.dispatchEvent && repo ? async e => (await repo()).dispatch(settings.dispatchEvent!, { ...e }) : undefined]
  ]
  for (const [channel, send] of channels) {
    if (!send) continue
    for (const b of toAnnounce(state, channel)) {
      const event = batchEvent(b, ctx, clock.now(), retryPending(state, b))
      try {
        await send(event)
        core.info(`Announced ${event.type} for ${b.batchId} (${channel}).`)
        state = { ...state, batches: state.batches.map(x => (x.batchId === b.batchId ? { ...x, announced: [...(x.announced ?? []), channel] } : x)) }
      } catch (e) {
        // A receiver that is down must not fail the run: it gets the event on a later run.
        const message = `Could not announce ${b.batchId} (${channel}): ${(e as Error).message}. It is tried again on the next run.`
        core.warning(message)
        failures.push(message)
      }
    }
  }
  return { state, failures }
}
