import type { Settings } from '../config/settings'
import { Failure, failure, stopsRun } from '../core/errors'
import type { Progress, StepResult } from '../core/step-result'
import type { RemoteFile } from '../core/remote/records'
import type { SourceFile } from '../core/requests/source'
import type { State } from '../core/state/state'
import type { ArtifactStore } from '../ports/artifact-store'
import type { BatchApi } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'
import type { PriceList, Tokenizer } from '../ports/pricing'
import type { PullRequests } from '../ports/pulls'
import type { Repo } from '../ports/repo'
import type { StateStorage } from '../ports/state-storage'
import type { WebhookSender } from '../ports/webhook'

/** The outside systems a run talks to, each behind its port; chosen once, in main.ts. */
export interface Ports {
  /** Undefined only in a plan or a dry run without a key: the plan is then made from the state alone. */
  readonly api: BatchApi | undefined
  /** A plan's or a dry run's storage reads the state and keeps nothing. */
  readonly storage: StateStorage
  readonly clock: Clock
  readonly log: Log
  /** The repository, loaded when first needed; undefined without a token. */
  readonly repo: (() => Promise<Repo>) | undefined
  /** Its pull requests, likewise. */
  readonly pulls: (() => Promise<PullRequests>) | undefined
  readonly artifacts: () => Promise<ArtifactStore>
  /** Undefined when no webhook-url is set. */
  readonly webhook: WebhookSender | undefined
  /** The tokenizer, loaded when first needed (its encodings are large). */
  readonly tokenizer: () => Promise<Tokenizer>
  /** The price list, loaded when first needed. */
  readonly prices: () => Promise<PriceList>
}

/** What every step of a run sees. */
export interface Context extends Ports {
  readonly settings: Settings
  /** The request files, scanned once at the start. */
  readonly sources: readonly SourceFile[]
  /** The state as restored from storage; undefined when it was rebuilt from OpenAI. */
  readonly loaded: State | undefined
}

/** What the steps that talk to OpenAI see. */
export interface LiveContext extends Context {
  readonly api: BatchApi
  /** Earlier uploads by name (a run that stopped may have left some): listed once, early, when the run may submit. */
  readonly uploads: () => Promise<ReadonlyMap<string, RemoteFile>>
}

/** One step of a run: takes the run so far, returns what it changed. */
export interface Step<C extends Context = LiveContext> {
  /** The heading its log is folded under. */
  readonly name: string
  /** True when the step has nothing to do this run: it is passed over, and its heading not printed. */
  idle?(ctx: C, so: Progress): boolean
  run(ctx: C, so: Progress): Promise<StepResult>
}

/** Which file a share of a step is about, for the failure and its annotation. */
export interface FileTask {
  /** Workspace-relative file, or what the failure is about (`batch <id>`). */
  readonly file: string
  /** Put before the error's message: `a.jsonl: could not ...`. */
  readonly context?: string
  /** Whether `file` is a file of the repository the annotation can point at. */
  readonly annotate?: boolean
}

/**
 * Does one file's share of a step. An error that stops the run (a refused
 * key, no API) is thrown on; any other is the file's failure, annotated as an
 * error since it fails the step, and the other files go on.
 */
export async function forFile<T>(
  log: Log,
  task: FileTask,
  fn: () => Promise<T>
): Promise<{ value: T } | { failure: Failure }> {
  try {
    return { value: await fn() }
  } catch (e) {
    if (stopsRun(e)) throw e
    const f = failure(task.file, e, task.context)
    log.error(f.message, task.annotate === false ? undefined : { file: task.file })
    return { failure: f }
  }
}
