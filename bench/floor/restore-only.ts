// The floor of the cold start (npm run bench): an action that does nothing but
// load @actions/core and @actions/cache and restore one small entry, bundled
// by ncc as the action is. What the action adds to a run is measured above it.
import * as core from '@actions/core'
import * as cache from '@actions/cache'

const hit = await cache.restoreCache([process.env.FLOOR_STATE_FILE ?? ''], process.env.FLOOR_KEY ?? '', [
  process.env.FLOOR_PREFIX ?? ''
])
core.info(`restored: ${hit ?? 'nothing'}`)
