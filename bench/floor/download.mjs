// The floor of collecting (npm run bench): a bare fetch of an OpenAI file's
// content to disk, as the SDK fetches it, and nothing else.
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

const [url, key, out] = process.argv.slice(2)
const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } })
if (!res.ok || !res.body) throw new Error(`download failed: ${res.status}`)
await pipeline(Readable.fromWeb(res.body), createWriteStream(out))
