import * as fs from 'node:fs'
import * as path from 'node:path'

/** What the runner's environment and the event that started the run say about the run. */

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

/** The run: its event, branch, repository and ids, as the runner gives them. */
export interface RunContext {
  readonly eventName: string
  /** The branch the run is on (results are committed to it), if it is on one. */
  readonly branch: string | undefined
  /** The batch named by an OpenAI webhook event relayed as a repository_dispatch. */
  readonly eventBatchId: string | undefined
  /** The pull request a `pull_request` run is for: its plan is commented there. */
  readonly pullRequest: number | undefined
  readonly repository: string
  readonly runId: string
  readonly runAttempt: string
  readonly runUrl: string
  /** `GITHUB_SERVER_URL`: github.com, or a GitHub Enterprise Server. */
  readonly serverUrl: string
}

export type Env = Readonly<Record<string, string | undefined>>

/** What the runner says about this run. */
export function runContext(env: Env, workspace: string): RunContext {
  const eventName = env.GITHUB_EVENT_NAME || 'workflow_dispatch'
  const repository = env.GITHUB_REPOSITORY || path.basename(workspace)
  const runId = env.GITHUB_RUN_ID || '0'
  return {
    eventName,
    branch: env.GITHUB_REF?.startsWith('refs/heads/') ? env.GITHUB_REF.slice('refs/heads/'.length) : undefined,
    ...readEvent(eventName, env.GITHUB_EVENT_PATH),
    repository,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    runUrl: `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${runId}`,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com'
  }
}
