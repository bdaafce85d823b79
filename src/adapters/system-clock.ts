import type { Clock } from '../ports/clock'

/** The runner's own clock. */
export const systemClock: Clock = {
  now: () => Math.floor(Date.now() / 1000),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}
