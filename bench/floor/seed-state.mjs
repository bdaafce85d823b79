// Puts a state document into the (fake) Actions cache the way the action saves it, so the
// year-of-state row of `npm run bench` can restore 10,000 batches without making them first.
import * as cache from '@actions/cache'
import * as fs from 'node:fs'
import * as path from 'node:path'

const file = process.env.SEED_STATE_FILE ?? ''
fs.mkdirSync(path.dirname(file), { recursive: true })
fs.copyFileSync(process.env.SEED_FROM ?? '', file)
const id = await cache.saveCache([file], process.env.SEED_KEY ?? '')
if (id === -1) throw new Error('the state was not seeded')
console.log(`seeded: ${process.env.SEED_KEY}`)
