import { backoffMs } from '../core/backoff'
import { errorMessage, isRetryable } from '../core/errors'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'

/** Attempts at a create whose answer keeps getting lost, before giving up. */
const MAX_ATTEMPTS = 5

/**
 * Creates something at most once. OpenAI's create calls take no idempotency
 * key, so after a retryable failure (which may have been a lost answer to a
 * request that took effect) we look for what may have been created before
 * trying again. The SDK does not retry creates (see BatchApi): this is their
 * one retry layer.
 */
export async function createOnce<T>(
  what: string,
  deps: { clock: Clock; log: Log },
  attempt: () => Promise<T>,
  find: () => Promise<T | undefined>
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (e) {
      if (!isRetryable(e) || n + 1 >= MAX_ATTEMPTS) throw e
      deps.log.info(`${what}: ${errorMessage(e)} Checking whether it took effect before trying again.`)
      await deps.clock.sleep(backoffMs(n))
      const found = await find()
      if (found !== undefined) {
        deps.log.info(`${what}: it had taken effect; using it.`)
        return found
      }
    }
  }
}
