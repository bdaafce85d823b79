/** Where the state document lives between runs; `adapters/cache-storage.ts` keeps it in the Actions cache. */
export interface StateStorage {
  /** The last saved document, or undefined when there is none to be had (never throws). */
  restore(): Promise<string | undefined>
  /** Saves the document for later runs (never throws: a failed save is a warning). */
  save(text: string): Promise<void>
  /** True when `save` keeps nothing (a plan's or a dry run's storage). */
  readonly readOnly?: boolean
}

/** For dry runs: reads like the real one, keeps nothing. */
export class ReadOnlyStorage implements StateStorage {
  readonly readOnly = true
  constructor(private readonly inner: StateStorage) {}
  restore(): Promise<string | undefined> {
    return this.inner.restore()
  }
  async save(): Promise<void> {}
}
