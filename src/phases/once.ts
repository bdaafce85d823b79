import * as core from '@actions/core'
import { isRetryable } from '../ports/batch-api'
import { backoffMs, Clock } from '../ports/clock'

/** Attempts at a create whose answer keeps getting lost, before giving up. */
const MAX_ATTEMPTS = 5

/**
 * Creates something at most once. OpenAI's create calls take no idempotency
 * key, so after a retryable failure (which may have been a lost answer to a
 * request that took effect) we look for what may have been created before
 * trying again.
 */
export async function createOnce<T>(what: string, clock: Clock, attempt: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (e) {
      if (!isRetryable(e) || n + 1 >= MAX_ATTEMPTS) throw e
      core.info(`${what}: ${(e as Error).message} Checking whether it took effect before trying again.`)
      await clock.sleep(backoffMs(n))
      const found = await find()
      if (found !== undefined) {
        core.info(`${what}: it had taken effect; using it.`)
        return found
      }
    }
  }
}
