import * as cache from '@actions/cache'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { Log } from '../ports/log'
import { StateStorage } from '../ports/state-storage'
import { errorMessage } from '../core/errors'

/** The one file that imports `@actions/cache`: the state kept in the Actions cache. */

export interface CacheStorageOptions {
  /** Folder of the state file: the same literal path every run, since the cache version hashes it. */
  readonly dir: string
  /** Prefix of the keys; each run saves under `<prefix>-<run_id>-<run_attempt>` (keys are immutable). */
  readonly prefix: string
  readonly runId: string
  readonly runAttempt: string
  /** Says what was restored and saved; cache trouble is a warning there. */
  readonly log: Log
}

/**
 * Whether there is a cache to use. @github/local-action's stand-in for @actions/cache has only
 * restoreCache and saveCache (it keeps caches in LOCAL_ACTION_CACHE_PATH): no isFeatureAvailable
 * means that stand-in, which works. Called inside the try blocks below, like every cache call.
 */
function available(): boolean {
  return typeof cache.isFeatureAvailable !== 'function' || cache.isFeatureAvailable()
}

export function createCacheStorage(opts: CacheStorageOptions): StateStorage {
  const file = path.join(opts.dir, 'state.json')
  const key = `${opts.prefix}-${opts.runId}-${opts.runAttempt}`
  // Cache trouble never fails the run: the state is rebuilt from OpenAI, so
  // every failure below is a warning on purpose.
  return {
    async restore() {
      try {
        if (!available()) {
          opts.log.warning('The Actions cache service is not available here; the run goes on without a saved state.')
          return undefined
        }
        await fs.rm(file, { force: true })
        const hit = await cache.restoreCache([file], key, [`${opts.prefix}-`])
        if (!hit) {
          opts.log.info(
            `No saved state: no cache key '${key}', nor any starting '${opts.prefix}-' (cache-key); it is made anew.`
          )
          return undefined
        }
        opts.log.info(`State restored from cache key ${hit}.`)
        return await fs.readFile(file, 'utf8')
      } catch (e) {
        opts.log.warning(`Could not restore the state from the cache (${errorMessage(e)}); the run goes on without it.`)
        return undefined
      }
    },
    async save(text) {
      try {
        if (!available()) return
        await fs.mkdir(opts.dir, { recursive: true })
        await fs.writeFile(file, text)
        // saveCache reports most failures (key taken, refused, 5xx) through
        // core.info and returns -1, so -1 is our cue to warn.
        const id = await cache.saveCache([file], key)
        if (id === -1)
          opts.log.warning(`The state was not saved to the cache under ${key}; the next run rebuilds it from OpenAI.`)
        else opts.log.info(`State saved to cache key ${key}.`)
      } catch (e) {
        opts.log.warning(
          `Could not save the state to the cache (${errorMessage(e)}); the next run rebuilds it from OpenAI.`
        )
      }
    }
  }
}
