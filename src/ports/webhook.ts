import type { BatchEvent } from '../core/report/events'

/** Delivers an event to the user's webhook; `adapters/webhook-sender.ts` signs and POSTs it. */
export interface WebhookSender {
  /** Retries what may pass; throws when the event did not get through. */
  send(event: BatchEvent): Promise<void>
}
