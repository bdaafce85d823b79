/** Time, injected so tests never wait. */
export interface Clock {
  /** Unix seconds. */
  now(): number
  sleep(ms: number): Promise<void>
}
