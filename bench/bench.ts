/**
 * `npm run bench`: the action measured against the physical floor of this
 * machine, as ratios taken in one run, written to BENCHMARKS.md.
 * `npm run bench -- --quick` is the small version CI runs so this never rots
 * (smaller sizes, no file written, targets reported but not enforced).
 *
 * Everything the action does runs as dist/index.js in a child process, the
 * way the runner runs it, against the fakes in __tests__/fakes; peak memory is
 * the child's own (VmHWM, read by bench/rss-hook.mjs).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { FakeCache } from '../__tests__/fakes/cache'
import { FakeOpenAI } from '../__tests__/fakes/openai'
import { request, ROOT, RunResult, Workspace } from '../__tests__/helpers/runner'
import { tokenizer } from '../src/adapters/tokenizer'
import { estimateFile } from '../src/io/estimate-file'
import { readRequestFile } from '../src/io/request-files'
import { State, STATE_VERSION, TrackedBatch } from '../src/core/state'
import { serializeState } from '../src/core/state-doc'

const quick = process.argv.includes('--quick')
const MB = 1024 * 1024
const sizes = quick
  ? { throughput: 20 * MB, submitSmall: 1 * MB, submitBig: 20 * MB, collectSmall: 1 * MB, collectBig: 50 * MB, files: 20, idleFiles: 50, idleBytes: 25 * MB, yearBatches: 500 }
  : { throughput: 200 * MB, submitSmall: 2 * MB, submitBig: 190 * MB, collectSmall: 10 * MB, collectBig: 1024 * MB, files: 100, idleFiles: 1000, idleBytes: 1024 * MB, yearBatches: 10_000 }
const HOOK = pathToFileURL(path.join(ROOT, 'bench', 'rss-hook.mjs')).href

interface Row {
  what: string
  floor: string
  measured: string
  target: string
  met: boolean
}
const rows: Row[] = []
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-bench-'))

/** A request file of about `bytes`, in lines of about 4 KB (a long prompt). */
function writeRequests(file: string, bytes: number, prefix = 'r'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'w')
  const filler = 'lorem ipsum dolor sit amet '.repeat(150)
  let written = 0
  for (let i = 0; written < bytes; i++) {
    const line = request(`${prefix}-${i}`).replace(`say ${prefix}-${i}`, `${filler}${i}`) + '\n'
    fs.writeSync(fd, line)
    written += line.length
  }
  fs.closeSync(fd)
}

async function best<T>(times: number, fn: () => Promise<T>): Promise<number> {
  let min = Infinity
  for (let i = 0; i < times; i++) {
    const t = performance.now()
    await fn()
    min = Math.min(min, performance.now() - t)
  }
  return min
}

async function bareSha256(files: string[]): Promise<void> {
  for (const f of files) {
    const h = createHash('sha256')
    for await (const c of createReadStream(f, { highWaterMark: 1 << 20 })) h.update(c as Buffer)
    h.digest()
  }
}

async function bareJsonParse(file: string): Promise<number> {
  let n = 0
  let carry = ''
  for await (const c of createReadStream(file, { highWaterMark: 1 << 20, encoding: 'utf8' })) {
    const lines = (carry + (c as string)).split('\n')
    carry = lines.pop()!
    for (const l of lines) if (l) n += JSON.parse(l) ? 1 : 0
  }
  return n
}

async function throughput(): Promise<void> {
  const file = path.join(tmp, 'throughput.jsonl')
  writeRequests(file, sizes.throughput)
  const bytes = fs.statSync(file).size
  const sha = await best(3, () => bareSha256([file]))
  const parse = await best(3, () => bareJsonParse(file))
  const ours = await best(3, () => readRequestFile(file, { maxRequests: Infinity, maxBytes: Infinity }))
  const mbps = (ms: number) => `${((bytes / MB) / (ms / 1000)).toFixed(0)} MB/s`
  const ratio = parse / ours
  rows.push({
    what: `hash + validate ${(bytes / MB).toFixed(0)} MB`,
    floor: `read + sha256 ${mbps(sha)}; JSON.parse loop ${mbps(parse)}`,
    measured: `${mbps(ours)} = ${ratio.toFixed(2)}× the JSON.parse loop`,
    target: '≥ 0.8× the JSON.parse loop',
    met: ratio >= 0.8
  })
  // Counting tokens is slower than checking lines: only a plan, a dry run and max-cost pay for it.
  const estimate = await best(3, () => estimateFile(file, 'bench', tokenizer))
  rows.push({
    what: `estimate tokens ${(bytes / MB).toFixed(0)} MB`,
    floor: `JSON.parse loop ${mbps(parse)}`,
    measured: `${mbps(estimate)} = ${(parse / estimate).toFixed(2)}× the JSON.parse loop`,
    target: 'none (reported): only plan, dry-run and max-cost run it',
    met: true
  })
}

/** Fresh fakes and a workspace for one measurement. */
async function bed(): Promise<{ openai: FakeOpenAI; cache: FakeCache; ws: Workspace; env: Record<string, string>; stop: () => Promise<void> }> {
  const openai = new FakeOpenAI()
  const cache = new FakeCache()
  await openai.start()
  await cache.start()
  const ws = new Workspace()
  const env = { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url, ...cache.env(), NODE_OPTIONS: `--import=${HOOK}` }
  return { openai, cache, ws, env, stop: async () => (await openai.stop(), await cache.stop(), ws.cleanup()) }
}

/** Runs the action once and returns its peak RSS in MB and its wall time. */
async function measured(ws: Workspace, event: string, env: Record<string, string>, inputs: Record<string, string> = {}): Promise<{ rss: number; ms: number; r: RunResult }> {
  const rssFile = path.join(ws.root, `rss-${Date.now()}-${Math.random()}`)
  const t = performance.now()
  const r = await ws.run({ event, env: { ...env, BENCH_RSS_FILE: rssFile }, inputs })
  const ms = performance.now() - t
  if (r.code !== 0) throw new Error(`the action failed:\n${r.stdout}\n${r.stderr}`)
  return { rss: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, ms, r }
}

async function submitMemory(): Promise<void> {
  const rss: number[] = []
  for (const size of [sizes.submitSmall, sizes.submitBig]) {
    const b = await bed()
    writeRequests(path.join(b.ws.dir, 'batches', 'big.jsonl'), size)
    const m = await measured(b.ws, 'push', b.env, { results: 'none' })
    if (m.r.outputs.submitted === '0') throw new Error('nothing was submitted')
    rss.push(m.rss)
    await b.stop()
  }
  const growth = rss[1]! - rss[0]!
  rows.push({
    what: `peak RSS, submitting a ${(sizes.submitBig / MB).toFixed(0)} MB file vs a ${(sizes.submitSmall / MB).toFixed(0)} MB one`,
    floor: '—',
    measured: `${rss[0]!.toFixed(0)} → ${rss[1]!.toFixed(0)} MB: +${growth.toFixed(0)} MB`,
    target: 'grows ≤ 30 MB',
    met: growth <= 30
  })
}

async function collectMemory(): Promise<void> {
  const rss: number[] = []
  const bare: number[] = []
  for (const size of [sizes.collectSmall, sizes.collectBig]) {
    const [a, b] = [await collectOnce(size), await collectOnce(size)]
    rss.push(Math.min(a.rss, b.rss))
    bare.push(Math.min(a.bare, b.bare))
  }
  const growth = rss[1]! - rss[0]!
  rows.push({
    what: `peak RSS, collecting + ordering a ${(sizes.collectBig / MB).toFixed(0)} MB result vs a ${(sizes.collectSmall / MB).toFixed(0)} MB one (49,000 lines, lower of two runs)`,
    floor: `a bare fetch of the same result to disk in Node: ${bare[0]!.toFixed(0)} → ${bare[1]!.toFixed(0)} MB: +${(bare[1]! - bare[0]!).toFixed(0)} MB`,
    measured: `${rss[0]!.toFixed(0)} → ${rss[1]!.toFixed(0)} MB: +${growth.toFixed(0)} MB`,
    target: 'grows ≤ 30 MB',
    met: growth <= 30
  })
}

/**
 * Collects one result of about `size` bytes for a request file of 49,000
 * requests, its lines returned in reverse, so that putting them in input order
 * indexes and moves every line. Returns the action's peak RSS in MB, and that
 * of a bare download of the same result (bench/floor/download.mjs).
 */
async function collectOnce(size: number): Promise<{ rss: number; bare: number }> {
  const b = await bed()
  const n = 49_000
  const ids = Array.from({ length: n }, (_, i) => `out-${i}`)
  b.ws.write('batches/a.jsonl', ids.map(id => request(id)).join('\n') + '\n')
  await measured(b.ws, 'push', b.env, { results: 'none' })
  const batch = [...b.openai.batches.values()][0]!
  const out = path.join(tmp, `output-${size}.jsonl`)
  const fd = fs.openSync(out, 'w')
  const pad = 'x'.repeat(Math.max(0, Math.floor(size / n) - 120))
  for (let i = n - 1; i >= 0; i--) fs.writeSync(fd, `${JSON.stringify({ id: `batch_req_${i}`, custom_id: ids[i], response: { status_code: 200, body: { text: pad } }, error: null })}\n`)
  fs.closeSync(fd)
  batch.status = 'completed'
  batch.output_file_id = b.openai.addDiskFile(out)
  batch.request_counts = { total: n, completed: n, failed: 0 }
  const m = await measured(b.ws, 'schedule', b.env, { results: 'none' })
  if (m.r.outputs.completed !== '1') throw new Error('nothing was collected')
  const first = fs.readFileSync(path.join(b.ws.dir, 'results/a.jsonl')).subarray(0, 200).toString()
  if (!first.includes('"custom_id":"out-0"')) throw new Error('the result is not in input order')
  const bare = await bareDownload(`${b.openai.url}/files/${batch.output_file_id}/content`, b.openai.apiKey)
  fs.rmSync(out)
  await b.stop()
  return { rss: m.rss, bare }
}

/** Peak RSS in MB of a process that only downloads `url` to disk. */
async function bareDownload(url: string, key: string): Promise<number> {
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  const rssFile = path.join(tmp, `bare-rss-${Date.now()}`)
  const dest = path.join(tmp, 'bare-download')
  // Not execFileSync: the fake that serves the download runs in this process.
  await promisify(execFile)(process.execPath, [`--import=${HOOK}`, path.join(ROOT, 'bench', 'floor', 'download.mjs'), url, key, dest], {
    env: { PATH: process.env.PATH ?? '', BENCH_RSS_FILE: rssFile }
  })
  fs.rmSync(dest)
  return Number(fs.readFileSync(rssFile, 'utf8')) / 1024
}

async function concurrency(): Promise<void> {
  const ms: number[] = []
  for (const c of ['1', '4']) {
    const b = await bed()
    b.openai.latencyMs = 50
    for (let i = 0; i < sizes.files; i++) b.ws.write(`batches/f${i}.jsonl`, `${request(`f${i}`)}\n`)
    const m = await measured(b.ws, 'push', b.env, { 'max-concurrency': c, results: 'none' })
    if (m.r.outputs.submitted !== String(sizes.files)) throw new Error('not all files were submitted')
    ms.push(m.ms)
    await b.stop()
  }
  const ratio = ms[0]! / ms[1]!
  rows.push({
    what: `${sizes.files} small files, fake API with 50 ms per call`,
    floor: `max-concurrency 1: ${(ms[0]! / 1000).toFixed(2)} s`,
    measured: `max-concurrency 4: ${(ms[1]! / 1000).toFixed(2)} s = ${ratio.toFixed(2)}× faster`,
    target: '≥ 3.5× faster at 4',
    met: ratio >= 3.5
  })
}

async function idle(): Promise<void> {
  const b = await bed()
  const per = Math.floor(sizes.idleBytes / sizes.idleFiles)
  for (let i = 0; i < sizes.idleFiles; i++) writeRequests(path.join(b.ws.dir, 'batches', `d${i % 10}`, `f${i}.jsonl`), per, `f${i}`)
  await measured(b.ws, 'push', b.env, { results: 'none' })
  const files = b.ws.list('batches').map(f => path.join(b.ws.dir, f))
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0)
  const bare = await best(3, () => bareSha256(files))
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const m = await measured(b.ws, 'push', b.env, { results: 'none' })
    if (m.r.outputs.submitted !== '0') throw new Error('the idle run submitted something')
    runs.push(m.ms)
  }
  const run = Math.min(...runs)
  const ratio = run / bare
  rows.push({
    what: `a run with nothing to do over ${sizes.idleFiles} files / ${(bytes / MB).toFixed(0)} MB`,
    floor: `streaming sha256 in Node: ${(bare / 1000).toFixed(2)} s`,
    measured: `${(run / 1000).toFixed(2)} s = ${ratio.toFixed(2)}×`,
    target: '≤ 1.2×',
    met: ratio <= 1.2
  })
  await b.stop()
}

/** Bundles the cold start's floor: an action that only restores the state's cache entry with @actions/core and @actions/cache. */
async function floorBundle(): Promise<string> {
  const { execFileSync } = await import('node:child_process')
  const out = path.join(tmp, 'floor')
  const ncc = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  execFileSync(process.execPath, [ncc, 'build', path.join(ROOT, 'bench', 'floor', 'restore-only.ts'), '-o', out, '--quiet'], { stdio: 'ignore' })
  return path.join(out, 'index.js')
}

async function coldStart(): Promise<void> {
  const b = await bed()
  b.ws.write('batches/a.jsonl', `${request('a')}\n`)
  await measured(b.ws, 'push', b.env, { results: 'none' })
  const empty = path.join(tmp, 'empty-action.mjs')
  fs.writeFileSync(empty, '// an action that does nothing\n')
  const floor = await floorBundle()
  const floorEnv = { ...b.env, FLOOR_STATE_FILE: path.join(b.ws.temp, 'openai-batch-action', 'state', 'state.json'), FLOOR_KEY: 'none', FLOOR_PREFIX: 'openai-batch-state-' }
  const times = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  const ours: number[] = []
  const base: number[] = []
  const libs: number[] = []
  const { spawnSync } = await import('node:child_process')
  for (let i = 0; i < 7; i++) {
    ours.push((await measured(b.ws, 'push', b.env, { results: 'none' })).ms)
    let t = performance.now()
    spawnSync(process.execPath, [empty], { env: { PATH: process.env.PATH ?? '' } })
    base.push(performance.now() - t)
    t = performance.now()
    const r = await b.ws.run({ event: 'push', env: floorEnv, script: floor })
    if (!r.stdout.includes('restored: openai-batch-state-')) throw new Error(`the floor did not restore the state:\n${r.stdout}${r.stderr}`)
    libs.push(performance.now() - t)
  }
  const extra = times(ours) - times(base)
  rows.push({
    what: 'cold start of dist/index.js with nothing to do (state restored from the cache)',
    floor: `an empty action run the same way: ${times(base).toFixed(0)} ms; one that only restores the same entry with @actions/core and @actions/cache, bundled alike: ${times(libs).toFixed(0)} ms`,
    measured: `${times(ours).toFixed(0)} ms = +${extra.toFixed(0)} ms (+${(times(ours) - times(libs)).toFixed(0)} ms over the libraries' floor)`,
    target: '≤ +250 ms',
    met: extra <= 250
  })
  await b.stop()
}

/** A batch as a busy year leaves it: completed, collected, announced on both channels, its files deleted at OpenAI. */
function settledBatch(i: number): TrackedBatch {
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0')
  return {
    path: `d${i % 100}/f${i}.jsonl`,
    sha256: hex(i, 64),
    part: 1,
    parts: 1,
    batchId: `batch_${hex(i, 32)}`,
    inputFileId: `file-${hex(i, 22)}`,
    status: 'completed',
    createdAt: 1_750_000_000 + i * 3000,
    requestCounts: { total: 1000, completed: 998, failed: 2 },
    outputFileId: `file-${hex(i + 1, 22)}`,
    errorFileId: `file-${hex(i + 2, 22)}`,
    retryable: 0,
    model: 'gpt-4o-mini-2024-07-18',
    usage: { input: 812_345, cachedInput: 0, output: 201_234, reasoning: 0 },
    collected: true,
    filesDeleted: true,
    announced: ['webhook', 'dispatch']
  }
}

/**
 * Restore and save of a year of state: the same scheduled run (one unfinished batch whose status
 * moves, so the state is saved) from a state of just that batch, and from one that also holds
 * 10,000 settled batches (of files since deleted, so that scanning them is not in the figure: the
 * idle row measures the scan). Each run starts from a freshly seeded cache entry.
 */
async function yearOfState(): Promise<void> {
  const b = await bed()
  b.ws.write('batches/live.jsonl', `${request('live')}\n`)
  await measured(b.ws, 'push', b.env, { results: 'none' })
  const live = [...b.openai.batches.values()][0]!
  const scope = 'octo/batches:batches'
  const record: TrackedBatch = {
    path: 'live.jsonl', sha256: live.metadata!.oba_sha256!, part: 1, parts: 1, batchId: live.id, inputFileId: live.input_file_id,
    status: 'validating', createdAt: live.created_at, outputFileId: null, errorFileId: null, collected: false
  }
  const seed = path.join(ROOT, 'bench', 'floor', 'seed-state.mjs')
  const stateFile = path.join(b.ws.temp, 'openai-batch-action', 'state', 'state.json')
  const texts = [0, sizes.yearBatches].map(n => {
    const state: State = { version: STATE_VERSION, scope, asOf: Math.floor(Date.now() / 1000), batches: [record, ...Array.from({ length: n }, (_, i) => settledBatch(i))] }
    return serializeState(state)
  })
  const ms: number[][] = [[], []]
  for (let i = 0; i < 5; i++) {
    for (const [k, text] of texts.entries()) {
      const from = path.join(tmp, `state-${k}.json`)
      fs.writeFileSync(from, text)
      const r = await b.ws.run({ script: seed, env: { ...b.env, SEED_FROM: from, SEED_STATE_FILE: stateFile, SEED_KEY: `openai-batch-state-seed-${i}-${k}` } })
      if (r.code !== 0) throw new Error(`seeding failed:\n${r.stdout}${r.stderr}`)
      live.status = 'validating'
      const m = await measured(b.ws, 'schedule', b.env, { results: 'none' })
      if (!m.r.stdout.includes('State saved')) throw new Error(`the run saved no state:\n${m.r.stdout}`)
      if (k === 1 && !m.r.stdout.includes(`State: ${sizes.yearBatches + 1} tracked batches`)) throw new Error('the year of state was not restored')
      if (m.r.outputs.batches!.length > 1024 * 1024) throw new Error('the batches output is over GitHub\'s 1 MB')
      ms[k]!.push(m.ms)
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  const extra = median(ms[1]!) - median(ms[0]!)
  rows.push({
    what: `restore + save of a state of ${sizes.yearBatches.toLocaleString('en')} settled batches (${(texts[1]!.length / MB).toFixed(1)} MB saved), a scheduled run`,
    floor: `the same run from a state of one batch: ${median(ms[0]!).toFixed(0)} ms`,
    measured: `${median(ms[1]!).toFixed(0)} ms = +${extra.toFixed(0)} ms`,
    target: '≤ +150 ms',
    met: extra <= 150
  })
  await b.stop()
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`
}

function table(): string {
  const lines = ['| what | floor it is compared with | measured | target | met |', '|---|---|---|---|---|']
  for (const r of rows) lines.push(`| ${r.what} | ${r.floor} | ${r.measured} | ${r.target} | ${r.met ? 'yes' : '**no**'} |`)
  return lines.join('\n')
}

/** Where the prose of BENCHMARKS.md begins: what the figures say. */
const READING = '## What the figures say'

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: npm run build')
  const only = process.argv.find(a => a.startsWith('--only='))?.slice('--only='.length).split(',')
  for (const step of [throughput, submitMemory, collectMemory, concurrency, idle, coldStart, yearOfState]) {
    if (only && !only.includes(step.name)) continue
    process.stdout.write(`${step.name}… `)
    const t = performance.now()
    await step()
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  const out = `${table()}\n`
  console.log(`\n${machine()}\n\n${out}`)
  if (!quick && !only) {
    // BENCHMARKS.md is the one place for the figures and their reading: the table is measured anew, the reading kept.
    const old = fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8')
    const at = old.indexOf(READING)
    const findings = at === -1 ? `${READING}\n\n(to be written)\n` : old.slice(at)
    const doc = `# Benchmarks\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, all in one run, on: ${machine()}.\n\n${out}\nRatios, not absolute figures, are what carry over to another machine. The floors are measured in the same run; peak memory is the action's own process (\`VmHWM\`), not the fakes'.\n\n${findings}`
    fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), doc)
    console.log('Written to BENCHMARKS.md')
  }
}

main()
  .catch(e => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }))
