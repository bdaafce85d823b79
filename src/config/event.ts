import * as fs from 'node:fs'

/** What the action reads from the event that started the run (GITHUB_EVENT_PATH). */
export interface EventFacts {
  /** The batch named by an OpenAI webhook event relayed in a repository_dispatch's client_payload. */
  readonly eventBatchId: string | undefined
  /** The pull request of a pull_request event. */
  readonly pullRequest: number | undefined
}

type Payload = {
  client_payload?: { type?: unknown; data?: { id?: unknown } }
  pull_request?: { number?: unknown }
  number?: unknown
}

function load(eventPath: string | undefined): Payload | undefined {
  if (!eventPath) return undefined
  try {
    return JSON.parse(fs.readFileSync(eventPath, 'utf8')) as Payload
  } catch {
    // No event, or not one of ours: nothing to read from it.
    return undefined
  }
}

export function readEvent(eventName: string, eventPath: string | undefined): EventFacts {
  const none: EventFacts = { eventBatchId: undefined, pullRequest: undefined }
  if (eventName !== 'repository_dispatch' && eventName !== 'pull_request') return none
  const event = load(eventPath)
  const p = event?.client_payload
  const relayed =
    typeof p?.type === 'string' &&
    p.type.startsWith('batch.') &&
    typeof p.data?.id === 'string' &&
    /^[A-Za-z0-9_-]+$/.test(p.data.id)
  const number = event?.pull_request?.number ?? event?.number
  return {
    eventBatchId: eventName === 'repository_dispatch' && relayed ? (p!.data!.id as string) : undefined,
    pullRequest:
      eventName === 'pull_request' && typeof number === 'number' && Number.isInteger(number) ? number : undefined
  }
}
