// The Anthropic create alone (npm run bench, the anthropicSubmitMemory row),
// bundled by ncc as the action is and run in a child with rss-hook.mjs, so its
// peak RSS is the client's, not the fake's (which parses the whole body):
// argv is the fake's URL, its key and the request file. Registers the whole
// file and creates one batch from it, streaming the body.
import { statSync } from 'node:fs'
import { createAnthropicBatchApi } from '../../src/adapters/anthropic-client'
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
const api = createAnthropicBatchApi({ apiKey, baseUrl, clock: systemClock, log })
const f = await api.uploadFile({ abs: file, start: 0, end: statSync(file).size }, 'big.jsonl')
const metadata = batchMetadata({}, 'bench', { path: 'claude/big.jsonl', sha256: 'f'.repeat(64), part: 1, parts: 1 })
const b = await api.createBatch({ inputFileId: f.id, endpoint: '/v1/messages', completionWindow: '24h', metadata })
process.stdout.write(`${b.id} ${b.requestCounts?.total ?? 0}\n`)
