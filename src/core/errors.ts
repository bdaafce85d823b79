/** The one shape of a failure, and the one rule for which errors stop a run. */

/** Something that failed the step, with the file (or input) it is about. */
export interface Failure {
  /** Workspace-relative file, or the input it is about (`batch-ids: <id>`). */
  readonly file: string
  readonly message: string
  /** Annotated already (a max-cost refusal): the step's failure names its file, not the message again. */
  readonly annotated?: boolean
}

/** The fields of an `ApiError`, as its properties below describe them; `unreachable` is false unless set. */
export interface ApiErrorOptions {
  readonly status?: number
  readonly retryable: boolean
  readonly unreachable?: boolean
}

/** An API failure, already worded so a user can act on it. */
export class ApiError extends Error {
  /** HTTP status, when there was a response. */
  readonly status: number | undefined
  /** Whether the same request may succeed later (timeouts, 408/409/429/5xx, lost connections). */
  readonly retryable: boolean
  /** No answer at all from the API's host, after the SDK's own retries. */
  readonly unreachable: boolean

  constructor(message: string, { status, retryable, unreachable = false }: ApiErrorOptions) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.retryable = retryable
    this.unreachable = unreachable
  }
}

export const isRetryable = (e: unknown): boolean => e instanceof ApiError && e.retryable

/**
 * A refused key (401/403) or an API that does not answer fails every call
 * alike: the run stops at the first instead of failing each file in turn.
 */
export const stopsRun = (e: unknown): boolean =>
  e instanceof ApiError && (e.status === 401 || e.status === 403 || e.unreachable)

/** The text of anything thrown. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** A failure about `file`: `message` as is, or `context: <the error>`. */
export const failure = (file: string, e: unknown, context?: string): Failure => ({
  file,
  message: context ? `${context}: ${errorMessage(e)}` : errorMessage(e)
})

/**
 * A create refused for its `metadata` (#12): a 400 that names it, as OpenAI-style
 * errors do (`"param": "metadata"`, "Unknown parameter: 'metadata'"), or the 422
 * of an API that checks its body's fields. A refused create made nothing.
 */
export const refusesMetadata = (e: unknown): boolean =>
  e instanceof ApiError && (e.status === 400 || e.status === 422) && /metadata/i.test(e.message)
