// The Gemini upload alone (npm run bench, the geminiSubmitMemory row),
// bundled by ncc as the action is and run in a child with rss-hook.mjs, so its
// peak RSS is the client's, not the fake's: argv is the fake's URL, its key
// and the request file. Uploads the whole file by the resumable protocol, in
// chunks streamed from disk, then creates one batch from it.
import { statSync } from 'node:fs'
import { createGeminiBatchApi } from '../../src/adapters/gemini-client'
import { systemClock } from '../../src/adapters/system-clock'
import { batchMetadata } from '../../src/core/remote/records'
import type { Log } from '../../src/ports/log'

const [baseUrl, apiKey, file] = process.argv.slice(2) as [string, string, string]
const quiet = () => undefined
const log: Log = {
  debug: quiet,
  info: quiet,
  notice: quiet,
  warning: quiet,
  error: quiet,
  group: (_name, fn) => fn(),
  mask: quiet
}
const api = createGeminiBatchApi({ apiKey, baseUrl, model: 'gemini-2.5-flash', clock: systemClock, log })
const f = await api.uploadFile({ abs: file, start: 0, end: statSync(file).size }, 'big.jsonl')
const metadata = batchMetadata({}, 'bench', { path: 'gemini/big.jsonl', sha256: 'f'.repeat(64), part: 1, parts: 1 })
const b = await api.createBatch({ inputFileId: f.id, endpoint: '', completionWindow: '24h', metadata })
process.stdout.write(`${f.id} ${f.bytes} ${b.id}\n`)
