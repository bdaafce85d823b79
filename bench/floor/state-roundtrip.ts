// The floor of the year-of-state row (npm run bench): what any action that keeps
// its state in the cache pays for a bigger state, with nothing of ours: restore
// the entry, JSON.parse it, JSON.stringify it, save it under a new key. Bundled
// by ncc as the action is.
import * as core from '@actions/core'
import * as cache from '@actions/cache'
import * as fs from 'node:fs'

const file = process.env.FLOOR_STATE_FILE ?? ''
const hit = await cache.restoreCache([file], process.env.FLOOR_KEY ?? '', [process.env.FLOOR_PREFIX ?? ''])
if (!hit) throw new Error('nothing restored')
const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { asOf: number }
state.asOf += 1
fs.writeFileSync(file, JSON.stringify(state))
const id = await cache.saveCache([file], process.env.FLOOR_SAVE_KEY ?? '')
core.info(`restored: ${hit}, saved: ${id}`)
