/** Where a message points: a file and line of the repository, for an annotation. */
export interface Where {
  readonly file?: string
  readonly startLine?: number
  readonly title?: string
}

/**
 * The run's log; `adapters/actions-log.ts` writes it as workflow commands.
 * `error` is for what fails the step, `warning` for degraded work that does not.
 */
export interface Log {
  debug(message: string): void
  info(message: string): void
  /** Worth a look, though nothing is wrong. */
  notice(message: string, where?: Where): void
  warning(message: string, where?: Where): void
  error(message: string, where?: Where): void
  /** Folds what `fn` logs under one heading. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** Hides `secret` wherever the log would print it, from now on: for the inputs, and tokens made during the run. */
  mask(secret: string): void
}
