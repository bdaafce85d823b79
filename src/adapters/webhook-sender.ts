import { createHmac } from 'node:crypto'
import { backoffMs } from '../core/backoff'
import type { BatchEvent } from '../core/report/events'
import type { Clock } from '../ports/clock'
import type { WebhookSender } from '../ports/webhook'
import { errorMessage } from '../core/errors'
import { proxiedFetch } from './http'

/** The one file that calls the user's webhook: Standard Webhooks, the way OpenAI signs its own. */

/**
 * The Standard Webhooks signature: HMAC-SHA256 of `id.timestamp.body`, keyed
 * by the secret (base64-decoded after `whsec_`).
 */
function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/** Attempts at one delivery (network errors, 429 and 5xx are tried again). */
const DELIVERY_ATTEMPTS = 4
const TIMEOUT_MS = 30_000

class Refused extends Error {}

/** One POST; throws `Refused` for an answer that will not change, any other error for one that may. */
async function post(url: string, secret: string, event: BatchEvent, body: string, timestamp: number): Promise<void> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'openai-batch-action',
    'webhook-id': event.id,
    'webhook-timestamp': String(timestamp)
  }
  if (secret) headers['webhook-signature'] = sign(secret, event.id, timestamp, body)
  // Through the runner's proxy, as the calls to OpenAI go (http.ts).
  const res = await proxiedFetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS)
  })
  await res.body?.cancel()
  if (res.ok) return
  const problem = `the receiver answered ${res.status}`
  throw res.status === 429 || res.status >= 500 ? new Error(problem) : new Refused(problem)
}

export function createWebhookSender(url: string, secret: string, clock: Clock): WebhookSender {
  return {
    async send(event) {
      const body = JSON.stringify(event)
      for (let n = 0; ; n++) {
        try {
          return await post(url, secret, event, body, clock.now())
        } catch (e) {
          if (e instanceof Refused || n + 1 >= DELIVERY_ATTEMPTS) throw new Error(errorMessage(e))
          await clock.sleep(backoffMs(n))
        }
      }
    }
  }
}
