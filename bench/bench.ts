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
import { simulateResults } from '../__tests__/fakes/openai-results'
import { request, ROOT, RunResult, Workspace } from '../__tests__/helpers/runner'
import { tokenizer } from '../src/adapters/tokenizer'
import { estimateFile } from '../src/io/estimate-file'
import { readRequestFile } from '../src/io/request-files'
import { State, STATE_VERSION, TrackedBatch } from '../src/core/state/state'
import { serializeState } from '../src/core/state/saved'

const quick = process.argv.includes('--quick')
const MB = 1024 * 1024
const sizes = quick
  ? {
      throughput: 20 * MB,
      submitSmall: 1 * MB,
      submitBig: 20 * MB,
      anthropicSmall: 1 * MB,
      anthropicBig: 20 * MB,
      geminiSmall: 1 * MB,
      geminiBig: 20 * MB,
      collectSmall: 1 * MB,
      collectBig: 50 * MB,
      files: 20,
      idleFiles: 50,
      idleBytes: 25 * MB,
      inFlight: 300,
      olderOthers: 500,
      yearBatches: 500
    }
  : {
      throughput: 200 * MB,
      submitSmall: 2 * MB,
      submitBig: 190 * MB,
      anthropicSmall: 2 * MB,
      anthropicBig: 200 * MB,
      geminiSmall: 2 * MB,
      geminiBig: 200 * MB,
      collectSmall: 10 * MB,
      collectBig: 1024 * MB,
      files: 100,
      idleFiles: 1000,
      idleBytes: 1024 * MB,
      inFlight: 1000,
      olderOthers: 2000,
      yearBatches: 10_000
    }
/** The million-request file: its size against a small one's, and the max-batch-bytes that cuts its long half by bytes. */
const million = quick
  ? { big: 110_000, small: 2_000, maxBytes: '12000000' }
  : { big: 1_000_000, small: 10_000, maxBytes: '12000000' }
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
  const mbps = (ms: number) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`
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
async function bed(): Promise<{
  openai: FakeOpenAI
  cache: FakeCache
  ws: Workspace
  env: Record<string, string>
  stop: () => Promise<void>
}> {
  const openai = new FakeOpenAI()
  const cache = new FakeCache()
  await openai.start()
  await cache.start()
  const ws = new Workspace()
  // The fake stands for OpenAI; its files stay after a collect, for the floors that download them again.
  const env = {
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.url,
    INPUT_PROVIDER: 'openai',
    'INPUT_DELETE-REMOTE-FILES': 'false',
    ...cache.env(),
    NODE_OPTIONS: `--import=${HOOK}${process.env.BENCH_NODE_FLAGS ? ` ${process.env.BENCH_NODE_FLAGS}` : ''}${process.env.BENCH_CPU_PROF ? ` --cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` : ''}`
  }
  return { openai, cache, ws, env, stop: async () => (await openai.stop(), await cache.stop(), ws.cleanup()) }
}

/** Runs the action once and returns its peak RSS in MB and its wall time. */
/** Peaks of the JS heap and of ArrayBuffers in a run, in MB (rss-hook.mjs). */
interface HeapPeaks {
  readonly heapTotal: number
  readonly heapUsed: number
  readonly arrayBuffers: number
  readonly external: number
}

async function measured(
  ws: Workspace,
  event: string,
  env: Record<string, string>,
  inputs: Record<string, string> = {}
): Promise<{ rss: number; ms: number; heap: HeapPeaks; r: RunResult }> {
  const stamp = `${Date.now()}-${Math.random()}`
  const rssFile = path.join(ws.root, `rss-${stamp}`)
  const heapFile = path.join(ws.root, `heap-${stamp}`)
  const t = performance.now()
  const r = await ws.run({ event, env: { ...env, BENCH_RSS_FILE: rssFile, BENCH_HEAP_FILE: heapFile }, inputs })
  const ms = performance.now() - t
  if (r.code !== 0) throw new Error(`the action failed:\n${r.stdout}\n${r.stderr}`)
  return {
    rss: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
    ms,
    heap: JSON.parse(fs.readFileSync(heapFile, 'utf8')) as HeapPeaks,
    r
  }
}

/** What a growth is made of: the peaks of the JS heap and of ArrayBuffers, small run → big run. */
const growthOf = (small: HeapPeaks, big: HeapPeaks): string =>
  `peak JS heap ${small.heapTotal.toFixed(0)} → ${big.heapTotal.toFixed(0)} MB, ArrayBuffers ${small.arrayBuffers.toFixed(0)} → ${big.arrayBuffers.toFixed(0)} MB`

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
    target: "grows ≤ the bare fetch's growth (re-based in #14 from ≤ 30 MB, which a bare fetch exceeds here)",
    met: growth <= bare[1]! - bare[0]!
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
  for (let i = n - 1; i >= 0; i--)
    fs.writeSync(
      fd,
      `${JSON.stringify({ id: `batch_req_${i}`, custom_id: ids[i], response: { status_code: 200, body: { text: pad } }, error: null })}\n`
    )
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
  await promisify(execFile)(
    process.execPath,
    [`--import=${HOOK}`, path.join(ROOT, 'bench', 'floor', 'download.mjs'), url, key, dest],
    {
      env: { PATH: process.env.PATH ?? '', BENCH_RSS_FILE: rssFile }
    }
  )
  fs.rmSync(dest)
  return Number(fs.readFileSync(rssFile, 'utf8')) / 1024
}

/**
 * A file of `n` chat requests, ids in shuffled order: the first half about 200
 * bytes a line (so 50,000 of them fit in max-batch-bytes and the count cuts),
 * the second about 400 (cut by bytes). 300 MB for a million.
 */
function writeMillion(file: string, n: number, idPrefix = 'q'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'w')
  const short = 'lorem ipsum '.repeat(6)
  const long = 'lorem ipsum '.repeat(23)
  let chunk = ''
  for (let i = 0; i < n; i++) {
    // 611953 is prime to 2, 5 and 11: a permutation of 0..n-1 for the sizes here.
    const id = `${idPrefix}${(i * 611953) % n}`
    chunk += request(id).replace(`say ${id}`, `${i < n / 2 ? short : long}${id}`) + '\n'
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk)
      chunk = ''
    }
  }
  fs.writeSync(fd, chunk)
  fs.closeSync(fd)
}

/** Every 997th request fails. */
const failing = (n: number): string[] =>
  Array.from({ length: Math.floor(n / 997) }, (_, k) => `q${(k * 997 * 611953) % n}`)

/**
 * Submits a file of `n` requests, then collects its parts' results (each part's
 * lines returned in reverse, some failed) merged in input order; checks the
 * merged files against the parts' results computed in input order.
 */
async function millionOnce(n: number): Promise<{
  submit: { rss: number; ms: number; heap: HeapPeaks }
  collect: { rss: number; ms: number; heap: HeapPeaks }
  bytes: number
  parts: number
  parse: number
  parseRss: number
  downloadRss: number
  scan: number
  upload: number
}> {
  const b = await bed()
  const file = path.join(b.ws.dir, 'batches', 'm.jsonl')
  writeMillion(file, n)
  // The floor, before the fake holds the parts and their results.
  const parse = await best(2, () => bareJsonParse(file))
  const parseRss = await childRss(path.join(ROOT, 'bench', 'floor', 'parse-loop.mjs'), [file])
  // The submit's own first pass, in this process: hash, validate and split, without the upload.
  const scan = await best(1, () => readRequestFile(file, { maxRequests: 50_000, maxBytes: Number(million.maxBytes) }))
  const inputs = { results: 'none', 'max-batch-bytes': million.maxBytes }
  const submit = await measured(b.ws, 'push', b.env, inputs)
  const parts = [...b.openai.batches.values()].sort(
    (x, y) => Number(x.metadata!.oba_part!.split('/')[0]) - Number(y.metadata!.oba_part!.split('/')[0])
  )
  if (n === million.big && parts.length < 2) throw new Error('the file was not split')
  const upload = await bareUpload(
    b.openai,
    file,
    parts.map(p => b.openai.files.get(p.input_file_id)!.content.length)
  )
  const failIds = failing(n)
  const ref = { output: createHash('sha256'), errors: createHash('sha256') }
  for (const p of parts) {
    const content = b.openai.files.get(p.input_file_id)!.content.toString('utf8')
    const r = simulateResults(p.endpoint, content, { failIds, inOrder: true })
    ref.output.update(r.output ?? '')
    ref.errors.update(r.errors ?? '')
    b.openai.complete(p.id, { failIds })
    // The fake holds every upload: let the parts' inputs go.
    b.openai.files.get(p.input_file_id)!.content = Buffer.alloc(0)
  }
  const collect = await measured(b.ws, 'schedule', b.env, inputs)
  if (collect.r.outputs.completed !== String(parts.length))
    throw new Error(`collected ${collect.r.outputs.completed} of ${parts.length}`)
  for (const [f, h] of [
    ['results/m.jsonl', ref.output],
    ['results/m.errors.jsonl', ref.errors]
  ] as const) {
    const got = createHash('sha256')
      .update(fs.readFileSync(path.join(b.ws.dir, f)))
      .digest('hex')
    if (got !== h.digest('hex')) throw new Error(`${f} is not the parts' results in input order`)
  }
  const bytes = fs.statSync(file).size
  // The collect's floor: a bare download of the biggest part's output.
  const outputs = parts
    .map(p => b.openai.batches.get(p.id)!.output_file_id!)
    .sort((x, y) => b.openai.files.get(y)!.content.length - b.openai.files.get(x)!.content.length)
  const downloadRss = await bareDownload(`${b.openai.url}/files/${outputs[0]}/content`, b.openai.apiKey)
  await b.stop()
  return { submit, collect, bytes, parts: parts.length, parse, parseRss, downloadRss, scan, upload }
}

/**
 * The upload's floor: the same byte ranges (the parts, of these lengths)
 * posted to the same fake by a child that does nothing else
 * (bench/floor/upload.mjs); its wall time in ms. Its uploads are let go after.
 */
async function bareUpload(openai: FakeOpenAI, file: string, lengths: readonly number[]): Promise<number> {
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  const before = new Set(openai.files.keys())
  let at = 0
  const ranges = lengths.map(l => `${at}:${(at += l)}`)
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'bench', 'floor', 'upload.mjs'), openai.url, openai.apiKey, file, ...ranges],
    {
      env: { PATH: process.env.PATH ?? '' }
    }
  )
  for (const id of [...openai.files.keys()]) if (!before.has(id)) openai.files.delete(id)
  return Number(stdout.trim())
}

/**
 * The submit's peak RSS in MB for a file of `n` requests whose ids are 15
 * characters and more, which V8's JSON.parse does not internalize, and that of
 * the bare parse loop over it.
 */
async function longIdSubmit(n: number): Promise<{ rss: number; parseRss: number }> {
  const b = await bed()
  const file = path.join(b.ws.dir, 'batches', 'm.jsonl')
  writeMillion(file, n, 'request-number-')
  const parseRss = await childRss(path.join(ROOT, 'bench', 'floor', 'parse-loop.mjs'), [file])
  const submit = await measured(b.ws, 'push', b.env, { results: 'none', 'max-batch-bytes': million.maxBytes })
  await b.stop()
  return { rss: submit.rss, parseRss }
}

/** Peak RSS in MB of a node script run in a child with the RSS hook. */
async function childRss(script: string, args: string[]): Promise<number> {
  const rssFile = path.join(tmp, `rss-floor-${Date.now()}-${Math.random()}`)
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  await promisify(execFile)(process.execPath, [`--import=${HOOK}`, script, ...args], {
    env: { PATH: process.env.PATH ?? '', BENCH_RSS_FILE: rssFile },
    maxBuffer: 1 << 20
  })
  return Number(fs.readFileSync(rssFile, 'utf8')) / 1024
}

async function millionRequests(): Promise<void> {
  const small = await millionOnce(million.small)
  const big = await millionOnce(million.big)
  const [longSmall, longBig] = [await longIdSubmit(million.small), await longIdSubmit(million.big)]
  const parse = big.parse
  const mb = (big.bytes / MB).toFixed(0)
  const ratio = big.submit.ms / parse
  const n = big.bytes / MB
  const [subGrowth, colGrowth] = [big.submit.rss - small.submit.rss, big.collect.rss - small.collect.rss]
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  rows.push({
    what: `submitting ${million.big.toLocaleString('en')} requests in one file (${mb} MB, ${big.parts} parts by count and by bytes), scan + validate + split + upload, fake with no latency`,
    floor: `JSON.parse loop over the same bytes: ${s(parse)} = ${(n / (parse / 1000)).toFixed(0)} MB/s; a bare upload of the same ${big.parts} parts to the same fake, 4 at a time (bench/floor/upload.mjs): ${s(big.upload)}; the two one after the other, ${s(parse + big.upload)} = ${(parse / (parse + big.upload)).toFixed(2)}× the loop`,
    measured: `${s(big.submit.ms)} = ${(n / (big.submit.ms / 1000)).toFixed(0)} MB/s = ${(1 / ratio).toFixed(2)}× the loop (its scan alone, hash + validate + split in this process: ${s(big.scan)} = ${(parse / big.scan).toFixed(2)}×)`,
    target: '≥ 0.7× the JSON.parse loop',
    met: 1 / ratio >= 0.7
  })
  rows.push({
    what: `peak RSS, submitting it vs ${million.small.toLocaleString('en')} requests`,
    floor: `a bare JSON.parse loop through one reused buffer over the same two files, in a child: ${small.parseRss.toFixed(0)} → ${big.parseRss.toFixed(0)} MB: +${(big.parseRss - small.parseRss).toFixed(0)} MB (over the same files with ids of 15+ characters: +${(longBig.parseRss - longSmall.parseRss).toFixed(0)} MB)`,
    measured: `${small.submit.rss.toFixed(0)} → ${big.submit.rss.toFixed(0)} MB: +${subGrowth.toFixed(0)} MB (${growthOf(small.submit.heap, big.submit.heap)}); with ids of 15+ characters, ${longSmall.rss.toFixed(0)} → ${longBig.rss.toFixed(0)} MB: +${(longBig.rss - longSmall.rss).toFixed(0)} MB`,
    target: 'grows ≤ 30 MB',
    met: subGrowth <= 30
  })
  rows.push({
    what: `peak RSS, collecting its ${big.parts} parts (lines returned in reverse, 1 in 997 failed) merged in input order, vs ${million.small.toLocaleString('en')} requests; byte-identical to the parts' results in input order`,
    floor: `a bare download of the biggest part's output, in a child: ${small.downloadRss.toFixed(0)} → ${big.downloadRss.toFixed(0)} MB: +${(big.downloadRss - small.downloadRss).toFixed(0)} MB; the id index ~34 bytes a line`,
    measured: `${small.collect.rss.toFixed(0)} → ${big.collect.rss.toFixed(0)} MB: +${colGrowth.toFixed(0)} MB, in ${s(big.collect.ms)} (${growthOf(small.collect.heap, big.collect.heap)})`,
    target: 'grows ≤ 60 MB',
    met: colGrowth <= 60
  })
}

/**
 * The results of writeMillion's file of `n` requests, in its order (as the collect leaves them),
 * about 770 bytes a line (a chat completion of some 540 characters); every 997th line failed, in
 * the errors file instead.
 */
function writeMillionResults(results: string, errors: string, n: number, idPrefix = 'q'): void {
  const [out, err] = [fs.openSync(results, 'w'), fs.openSync(errors, 'w')]
  const answer = 'lorem ipsum '.repeat(45)
  const chunks = { out: '', err: '' }
  for (let i = 0; i < n; i++) {
    const id = `${idPrefix}${(i * 611953) % n}`
    if (i % 997 === 996)
      chunks.err += `${JSON.stringify({ id: `batch_req_${i}`, custom_id: id, response: { status_code: 400, request_id: `req_${i}`, body: { error: { code: 'invalid_request', message: `no model for ${id}` } } }, error: null })}\n`
    else
      chunks.out += `${JSON.stringify({
        id: `batch_req_${i}`,
        custom_id: id,
        response: {
          status_code: 200,
          request_id: `req_${i}`,
          body: {
            id: `chatcmpl-${i}`,
            object: 'chat.completion',
            created: 1_750_000_000,
            model: 'gpt-4o-mini-2024-07-18',
            choices: [{ index: 0, message: { role: 'assistant', content: `${answer}${id}` }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 31, completion_tokens: 120, total_tokens: 151 }
          }
        },
        error: null
      })}\n`
    if (chunks.out.length > 1 << 20) {
      fs.writeSync(out, chunks.out)
      chunks.out = ''
    }
  }
  fs.writeSync(out, chunks.out)
  fs.writeSync(err, chunks.err)
  fs.closeSync(out)
  fs.closeSync(err)
}

/**
 * The CSV of readable-results: csv for a file of `n` requests and its results, written by the
 * writer alone (bench/pieces/readable-csv.ts, bundled) in a child: its peak RSS and heap peaks
 * (lower RSS of two runs), its time, and the floor's peak RSS, the same three files JSON.parsed
 * line by line through one reused buffer (bench/floor/parse-loop.mjs).
 */
async function csvOnce(
  writer: string,
  n: number,
  idPrefix = 'q'
): Promise<{ rss: number; heap: HeapPeaks; ms: number; floor: number; bytes: number; rows: number }> {
  const dir = fs.mkdtempSync(path.join(tmp, 'csv-'))
  const [requests, results, errors] = ['m.jsonl', 'm.results.jsonl', 'm.errors.jsonl'].map(f => path.join(dir, f))
  writeMillion(requests!, n, idPrefix)
  writeMillionResults(results!, errors!, n, idPrefix)
  const bytes = [requests!, results!, errors!].reduce((s, f) => s + fs.statSync(f).size, 0)
  const floor = await childRss(path.join(ROOT, 'bench', 'floor', 'parse-loop.mjs'), [requests!, results!, errors!])
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  const dest = path.join(dir, 'm.csv')
  let best: { rss: number; heap: HeapPeaks; ms: number } | undefined
  for (let k = 0; k < 2; k++) {
    const [rssFile, heapFile] = ['rss', 'heap'].map(f => path.join(dir, `${f}-${k}`))
    const t = performance.now()
    await promisify(execFile)(
      process.execPath,
      [`--import=${HOOK}`, writer, requests!, results!, errors!, dest, path.join(dir, 'tmp')],
      { env: { PATH: process.env.PATH ?? '', BENCH_RSS_FILE: rssFile!, BENCH_HEAP_FILE: heapFile! } }
    )
    const ms = performance.now() - t
    const rss = Number(fs.readFileSync(rssFile!, 'utf8')) / 1024
    if (!best || rss < best.rss) best = { rss, ms, heap: JSON.parse(fs.readFileSync(heapFile!, 'utf8')) as HeapPeaks }
  }
  // One row a request and the header; a quoted answer holds no newline here.
  let rows = 0
  for await (const c of createReadStream(dest)) for (const b of c as Buffer) if (b === 10) rows++
  if (rows !== n + 1) throw new Error(`the CSV has ${rows} lines for ${n} requests`)
  fs.rmSync(dir, { recursive: true, force: true })
  return { ...best!, floor, bytes, rows }
}

async function csvMemory(): Promise<void> {
  const writer = await floorBundle('readable-csv', 'pieces')
  const small = await csvOnce(writer, million.small)
  const big = await csvOnce(writer, million.big)
  const [longSmall, longBig] = [
    await csvOnce(writer, million.small, 'request-number-'),
    await csvOnce(writer, million.big, 'request-number-')
  ]
  const growth = big.rss - small.rss
  const up = (a: number, b: number) => `${a.toFixed(0)} → ${b.toFixed(0)} MB: +${(b - a).toFixed(0)} MB`
  rows.push({
    what: `peak RSS, writing the CSV of readable-results: csv for ${million.big.toLocaleString('en')} requests and their results (${(big.bytes / MB).toFixed(0)} MB of JSONL, 1 in 997 failed) vs ${million.small.toLocaleString('en')}, the writer alone in a child (lower of two runs)`,
    floor: `a bare JSON.parse loop through one reused buffer over the same three files, in a child: ${up(small.floor, big.floor)} (over the same files with ids of 15+ characters: ${up(longSmall.floor, longBig.floor)}); no index for files in input order (for others, ~34 bytes a result line)`,
    measured: `${up(small.rss, big.rss)}, in ${(big.ms / 1000).toFixed(2)} s (${growthOf(small.heap, big.heap)}); with ids of 15+ characters, ${up(longSmall.rss, longBig.rss)} (${growthOf(longSmall.heap, longBig.heap)})`,
    target: 'grows ≤ 30 MB',
    met: growth <= 30
  })
}

/** An Anthropic request file of about `bytes`, in lines of about 4 KB (a long prompt). */
function writeAnthropicRequests(file: string, bytes: number): number {
  const fd = fs.openSync(file, 'w')
  const filler = 'lorem ipsum dolor sit amet '.repeat(150)
  let written = 0
  let n = 0
  for (; written < bytes; n++) {
    const params = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: `${filler}${n}` }] }
    const line = `${JSON.stringify({ custom_id: `r-${n}`, params })}\n`
    fs.writeSync(fd, line)
    written += line.length
  }
  fs.closeSync(fd)
  return n
}

/**
 * Peak RSS of the Anthropic create streaming a request file of `bytes` to FakeAnthropic, the
 * client alone (bench/pieces/anthropic-create.ts, bundled) in a child: the fake, in this
 * process, parses the whole body.
 */
async function anthropicCreateOnce(
  piece: string,
  bytes: number
): Promise<{ rss: number; heap: HeapPeaks; ms: number }> {
  const { FakeAnthropic } = await import('../__tests__/fakes/anthropic')
  const fake = new FakeAnthropic()
  await fake.start()
  const dir = fs.mkdtempSync(path.join(tmp, 'anthropic-'))
  const file = path.join(dir, 'big.jsonl')
  const n = writeAnthropicRequests(file, bytes)
  const [rssFile, heapFile] = ['rss', 'heap'].map(f => path.join(dir, f)) as [string, string]
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  const t = performance.now()
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [`--import=${HOOK}`, piece, fake.url, fake.apiKey, file],
    { env: { PATH: process.env.PATH ?? '', BENCH_RSS_FILE: rssFile, BENCH_HEAP_FILE: heapFile } }
  )
  const ms = performance.now() - t
  const [id, total] = stdout.trim().split(' ')
  if (Number(total) !== n || fake.batch(id!).requests.length !== n)
    throw new Error(`the batch has ${total} of ${n} requests`)
  await fake.stop()
  const measured = {
    rss: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
    heap: JSON.parse(fs.readFileSync(heapFile, 'utf8')) as HeapPeaks,
    ms
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return measured
}

async function anthropicSubmitMemory(): Promise<void> {
  const piece = await floorBundle('anthropic-create', 'pieces')
  const small = await anthropicCreateOnce(piece, sizes.anthropicSmall)
  const big = await anthropicCreateOnce(piece, sizes.anthropicBig)
  const growth = big.rss - small.rss
  const mb = (b: number) => (b / MB).toFixed(0)
  rows.push({
    what: `peak RSS, the Anthropic create streaming a ${mb(sizes.anthropicBig)} MB request file vs a ${mb(sizes.anthropicSmall)} MB one to the fake, the client alone in a child`,
    floor: '—',
    measured: `${small.rss.toFixed(0)} → ${big.rss.toFixed(0)} MB: +${growth.toFixed(0)} MB, in ${(big.ms / 1000).toFixed(1)} s (${growthOf(small.heap, big.heap)})`,
    target: 'grows ≤ 30 MB',
    met: growth <= 30
  })
}

/** A Gemini request file of about `bytes`, in lines of about 4 KB (a long prompt). */
function writeGeminiRequests(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w')
  const filler = 'lorem ipsum dolor sit amet '.repeat(150)
  for (let written = 0, n = 0; written < bytes; n++) {
    const request = { contents: [{ role: 'user', parts: [{ text: `${filler}${n}` }] }] }
    const line = `${JSON.stringify({ key: `r-${n}`, request })}\n`
    fs.writeSync(fd, line)
    written += line.length
  }
  fs.closeSync(fd)
}

/**
 * Peak RSS of the Gemini resumable upload of a request file of `bytes` to
 * FakeGemini (then one create), the client alone (bench/pieces/gemini-upload.ts,
 * bundled) in a child. The fake hashes what it gets: the upload is checked byte for byte.
 */
async function geminiUploadOnce(piece: string, bytes: number): Promise<{ rss: number; heap: HeapPeaks; ms: number }> {
  const { FakeGemini } = await import('../__tests__/fakes/gemini')
  const fake = new FakeGemini()
  await fake.start()
  const dir = fs.mkdtempSync(path.join(tmp, 'gemini-'))
  const file = path.join(dir, 'big.jsonl')
  writeGeminiRequests(file, bytes)
  const [rssFile, heapFile] = ['rss', 'heap'].map(f => path.join(dir, f)) as [string, string]
  const { execFile } = await import('node:child_process')
  const { promisify } = await import('node:util')
  const t = performance.now()
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [`--import=${HOOK}`, piece, fake.url, fake.apiKey, file],
    { env: { PATH: process.env.PATH ?? '', BENCH_RSS_FILE: rssFile, BENCH_HEAP_FILE: heapFile } }
  )
  const ms = performance.now() - t
  const [id, size, batch] = stdout.trim().split(' ')
  const sha = createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  const held = fake.file(id!)
  if (Number(size) !== fs.statSync(file).size || held.json.sha256Hash !== Buffer.from(sha).toString('base64'))
    throw new Error(`the upload ${id} is not the file's bytes`)
  if (fake.batch(batch!).op.metadata.inputConfig?.fileName !== id) throw new Error(`batch ${batch} is not of ${id}`)
  await fake.stop()
  const measured = {
    rss: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
    heap: JSON.parse(fs.readFileSync(heapFile, 'utf8')) as HeapPeaks,
    ms
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return measured
}

async function geminiSubmitMemory(): Promise<void> {
  const piece = await floorBundle('gemini-upload', 'pieces')
  const small = await geminiUploadOnce(piece, sizes.geminiSmall)
  const big = await geminiUploadOnce(piece, sizes.geminiBig)
  const growth = big.rss - small.rss
  const mb = (b: number) => (b / MB).toFixed(0)
  rows.push({
    what: `peak RSS, the Gemini resumable upload of a ${mb(sizes.geminiBig)} MB request file vs a ${mb(sizes.geminiSmall)} MB one to the fake (8 MiB chunks streamed from disk) and its create, the client alone in a child`,
    floor: '—',
    measured: `${small.rss.toFixed(0)} → ${big.rss.toFixed(0)} MB: +${growth.toFixed(0)} MB, in ${(big.ms / 1000).toFixed(1)} s (${growthOf(small.heap, big.heap)})`,
    target: 'grows ≤ 30 MB',
    met: growth <= 30
  })
}

/**
 * 100 one-request files submitted at max-concurrency 1 and 4, against 50 ms a
 * call. The submit phase is timed as the fake saw it, from the first upload's
 * arrival to the last create's answer: the run around it (process start, the
 * listings before and after, the cache) is a fixed cost concurrency cannot
 * shrink, reported beside it.
 */
async function concurrency(): Promise<void> {
  const phase: number[] = []
  const run: number[] = []
  for (const c of ['1', '4']) {
    const b = await bed()
    b.openai.latencyMs = 50
    for (let i = 0; i < sizes.files; i++) b.ws.write(`batches/f${i}.jsonl`, `${request(`f${i}`)}\n`)
    const m = await measured(b.ws, 'push', b.env, { 'max-concurrency': c, results: 'none' })
    if (m.r.outputs.submitted !== String(sizes.files)) throw new Error('not all files were submitted')
    const uploads = b.openai.requests('POST', /^\/v1\/files$/)
    const creates = b.openai.requests('POST', /^\/v1\/batches$/)
    phase.push(Math.max(...creates.map(r => r.answeredAt!)) - Math.min(...uploads.map(r => r.at!)))
    run.push(m.ms)
    await b.stop()
  }
  const ratio = phase[0]! / phase[1]!
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  rows.push({
    what: `${sizes.files} small files, fake API with 50 ms per call: the submit phase (first upload to last create, as the fake saw them)`,
    floor: `max-concurrency 1: ${s(phase[0]!)} (the whole run ${s(run[0]!)})`,
    measured: `max-concurrency 4: ${s(phase[1]!)} = ${ratio.toFixed(2)}× faster (the whole run ${s(run[1]!)} = ${(run[0]! / run[1]!).toFixed(2)}×)`,
    target: '≥ 3.5× faster at 4',
    met: ratio >= 3.5
  })
}

/**
 * A scheduled run with `sizes.inFlight` unfinished batches, nothing finished,
 * at 50 ms a call; older batches of another tool further down the list. The
 * floor is the list itself: one page per 100 batches, fetched one after the
 * other from this process, from the same fake.
 */
async function inFlight(): Promise<void> {
  const b = await bed()
  const n = sizes.inFlight
  const other = b.openai.addFile(`${request('other')}\n`, 'other-tool.jsonl')
  const real = b.openai.now
  b.openai.now = () => real() - 7200
  for (let i = 0; i < sizes.olderOthers; i++)
    b.openai.createBatch({
      input_file_id: other,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { tool: 'another' }
    })
  b.openai.now = real
  for (let i = 0; i < n; i++) {
    const content = `${request(`f${i}`)}\n`
    b.ws.write(`batches/f${i}.jsonl`, content)
    const sha256 = createHash('sha256').update(content).digest('hex')
    const input = b.openai.addFile(content, `f${i}.${sha256}.jsonl`)
    const metadata = { oba_scope: 'octo/batches:batches', oba_path: `f${i}.jsonl`, oba_sha256: sha256, oba_part: '1/1' }
    b.openai.begin(
      b.openai.createBatch({
        input_file_id: input,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
        metadata
      }).id
    )
  }
  // The first run rebuilds the state from OpenAI and saves it; the runs measured restore it.
  const first = await measured(b.ws, 'schedule', b.env, { results: 'none' })
  if (first.r.outputs.pending !== String(n))
    throw new Error(`the state was not rebuilt: ${first.r.outputs.pending} pending`)
  b.openai.latencyMs = 50
  // The status check is timed as the fake saw it, from the first call's arrival to the last answer (a run with nothing finished makes no other call).
  const runs: { ms: number; check: number; calls: number }[] = []
  for (let i = 0; i < 3; i++) {
    b.openai.log.length = 0
    const m = await measured(b.ws, 'schedule', b.env, { results: 'none' })
    if (m.r.outputs.pending !== String(n)) throw new Error('the run did not see every batch in flight')
    const log = b.openai.log
    runs.push({
      ms: m.ms,
      check: Math.max(...log.map(r => r.answeredAt!)) - Math.min(...log.map(r => r.at!)),
      calls: log.length
    })
  }
  const pages = Math.ceil(n / 100)
  const floor = await best(3, async () => {
    let after: string | undefined
    for (let p = 0; p < pages; p++) {
      const res = await fetch(`${b.openai.url}/batches?limit=100${after ? `&after=${after}` : ''}`, {
        headers: { authorization: `Bearer ${b.openai.apiKey}` }
      })
      after = ((await res.json()) as { last_id: string }).last_id
    }
  })
  const check = Math.min(...runs.map(r => r.check))
  const run = Math.min(...runs.map(r => r.ms))
  const calls = Math.max(...runs.map(r => r.calls))
  const ratio = check / floor
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  rows.push({
    what: `a scheduled run with ${n.toLocaleString('en-US')} batches in flight, none finished (${sizes.olderOthers.toLocaleString('en-US')} older batches of another tool below them in the list), fake API with 50 ms per call`,
    floor: `one list page per 100 batches, ${pages} fetched one after another: ${s(floor)}`,
    measured: `${calls} API calls (were ${n.toLocaleString('en-US')} retrieves); the status check (first call to last answer, as the fake saw them) ${s(check)} = ${ratio.toFixed(2)}× (the whole run ${s(run)}; fastest of 3)`,
    target: '≤ 15 calls and ≤ 2×',
    met: calls <= 15 && ratio <= 2
  })
  await b.stop()
}

async function idle(): Promise<void> {
  const b = await bed()
  const per = Math.floor(sizes.idleBytes / sizes.idleFiles)
  for (let i = 0; i < sizes.idleFiles; i++)
    writeRequests(path.join(b.ws.dir, 'batches', `d${i % 10}`, `f${i}.jsonl`), per, `f${i}`)
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

/**
 * Bundles bench/<dir>/<script>.ts as the action is bundled; by default the cold start's floor, an
 * action that only restores the state's cache entry with @actions/core and @actions/cache.
 */
async function floorBundle(script = 'restore-only', dir = 'floor'): Promise<string> {
  const { execFileSync } = await import('node:child_process')
  const out = path.join(tmp, `${dir}-${script}`)
  const ncc = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  execFileSync(process.execPath, [ncc, 'build', path.join(ROOT, 'bench', dir, `${script}.ts`), '-o', out, '--quiet'], {
    stdio: 'ignore'
  })
  return path.join(out, 'index.js')
}

async function coldStart(): Promise<void> {
  const b = await bed()
  b.ws.write('batches/a.jsonl', `${request('a')}\n`)
  await measured(b.ws, 'push', b.env, { results: 'none' })
  const empty = path.join(tmp, 'empty-action.mjs')
  fs.writeFileSync(empty, '// an action that does nothing\n')
  const floor = await floorBundle()
  const floorEnv = {
    ...b.env,
    FLOOR_STATE_FILE: path.join(b.ws.temp, 'openai-batch-action', 'state', 'state.json'),
    FLOOR_KEY: 'none',
    FLOOR_PREFIX: 'openai-batch-state-'
  }
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
    if (!r.stdout.includes('restored: openai-batch-state-'))
      throw new Error(`the floor did not restore the state:\n${r.stdout}${r.stderr}`)
    libs.push(performance.now() - t)
  }
  const extra = times(ours) - times(base)
  rows.push({
    what: 'cold start of dist/index.js with nothing to do (state restored from the cache)',
    floor: `an empty action run the same way: ${times(base).toFixed(0)} ms; one that only restores the same entry with @actions/core and @actions/cache, bundled alike: ${times(libs).toFixed(0)} ms`,
    measured: `${times(ours).toFixed(0)} ms = +${extra.toFixed(0)} ms (+${(times(ours) - times(libs)).toFixed(0)} ms over the libraries' floor)`,
    target: "≤ the libraries' floor + 60 ms (re-based in #14 from ≤ +250 ms, which the libraries alone exceed here)",
    met: times(ours) - times(libs) <= 60
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
    path: 'live.jsonl',
    sha256: live.metadata!.oba_sha256!,
    part: 1,
    parts: 1,
    batchId: live.id,
    inputFileId: live.input_file_id,
    status: 'validating',
    createdAt: live.created_at,
    outputFileId: null,
    errorFileId: null,
    collected: false
  }
  const seed = path.join(ROOT, 'bench', 'floor', 'seed-state.mjs')
  const stateFile = path.join(b.ws.temp, 'openai-batch-action', 'state', 'state.json')
  const texts = [0, sizes.yearBatches].map(n => {
    const state: State = {
      version: STATE_VERSION,
      scope,
      asOf: Math.floor(Date.now() / 1000),
      batches: [record, ...Array.from({ length: n }, (_, i) => settledBatch(i))]
    }
    return serializeState(state)
  })
  const floor = await floorBundle('state-roundtrip')
  const ms: number[][] = [[], []]
  const floors: number[][] = [[], []]
  const seedAs = async (key: string, text: string, k: number) => {
    const from = path.join(tmp, `state-${k}.json`)
    fs.writeFileSync(from, text)
    const r = await b.ws.run({
      script: seed,
      env: { ...b.env, SEED_FROM: from, SEED_STATE_FILE: stateFile, SEED_KEY: key }
    })
    if (r.code !== 0) throw new Error(`seeding failed:\n${r.stdout}${r.stderr}`)
  }
  for (let i = 0; i < 5; i++) {
    for (const [k, text] of texts.entries()) {
      await seedAs(`openai-batch-state-seed-${i}-${k}`, text, k)
      live.status = 'validating'
      const m = await measured(b.ws, 'schedule', b.env, { results: 'none' })
      if (!m.r.stdout.includes('State saved')) throw new Error(`the run saved no state:\n${m.r.stdout}`)
      if (k === 1 && !m.r.stdout.includes(`State: ${sizes.yearBatches + 1} tracked batches`))
        throw new Error('the year of state was not restored')
      if (m.r.outputs.batches!.length > 1024 * 1024) throw new Error("the batches output is over GitHub's 1 MB")
      ms[k]!.push(m.ms)
      // The floor: the same entry restored, parsed, written and saved by the libraries alone.
      await seedAs(`floor-state-seed-${i}-${k}`, text, k)
      const env = {
        ...b.env,
        FLOOR_STATE_FILE: stateFile,
        FLOOR_KEY: 'none',
        FLOOR_PREFIX: `floor-state-seed-${i}-${k}`,
        FLOOR_SAVE_KEY: `floor-state-saved-${i}-${k}`
      }
      const t = performance.now()
      const f = await b.ws.run({ event: 'schedule', env, script: floor })
      floors[k]!.push(performance.now() - t)
      if (!f.stdout.includes('saved:') || f.stdout.includes('saved: -1'))
        throw new Error(`the floor did not restore and save the state:\n${f.stdout}${f.stderr}`)
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  const extra = median(ms[1]!) - median(ms[0]!)
  const floorExtra = median(floors[1]!) - median(floors[0]!)
  rows.push({
    what: `restore + save of a state of ${sizes.yearBatches.toLocaleString('en')} settled batches (${(texts[1]!.length / MB).toFixed(1)} MB saved), a scheduled run`,
    floor: `the same run from a state of one batch: ${median(ms[0]!).toFixed(0)} ms; @actions/cache restoring, JSON.parse, JSON.stringify and saving the same two states, bundled alike: ${median(floors[0]!).toFixed(0)} → ${median(floors[1]!).toFixed(0)} ms = +${floorExtra.toFixed(0)} ms`,
    measured: `${median(ms[1]!).toFixed(0)} ms = +${extra.toFixed(0)} ms (+${(extra - floorExtra).toFixed(0)} ms over the libraries' growth)`,
    target: '≤ +150 ms',
    met: extra <= 150
  })
  await b.stop()
}

/**
 * The plans a run makes, over a year of state where the files are still there:
 * 10,000 tracked batches, ten contents each of 1,000 present files. In this
 * process, first calls (a run makes each once, before the JIT has warmed).
 */
async function planScale(): Promise<void> {
  const { planCollect, toCollect } = await import('../src/core/plans/collect')
  const { planSubmit, planPrune } = await import('../src/core/plans/submit')
  const { planRetry } = await import('../src/core/plans/retry')
  const { toClean } = await import('../src/core/plans/clean')
  const { adoptRenames } = await import('../src/core/plans/renames')
  const n = quick ? 2_000 : 10_000
  const files = n / 10
  const sha = (i: number) => createHash('sha256').update(String(i)).digest('hex')
  const batches: TrackedBatch[] = Array.from({ length: n }, (_, i) => ({
    ...settledBatch(i),
    path: `f${i % files}.jsonl`,
    sha256: sha(i),
    filesDeleted: undefined,
    retryable: 0
  }))
  const sources = Array.from({ length: files }, (_, j) => ({
    checked: false,
    path: `f${j}.jsonl`,
    file: `batches/f${j}.jsonl`,
    abs: '',
    sha256: sha(n - files + j),
    bytes: 1,
    problems: [],
    parts: [],
    requests: 1,
    endpoint: undefined,
    model: undefined
  }))
  const state: State = { version: STATE_VERSION, scope: 's', asOf: 0, batches }
  const t = performance.now()
  planCollect(sources, state)
  toCollect(sources, state)
  planSubmit(sources, state)
  planPrune(sources, state)
  planRetry(sources, state, 2)
  toClean(sources, state, 2)
  adoptRenames(sources, state)
  const ms = performance.now() - t
  rows.push({
    what: `the plans of a run (collect, submit, prune, retry, clean, renames) over ${n.toLocaleString('en')} tracked batches of ${files.toLocaleString('en')} present files, first calls`,
    floor: '—',
    measured: `${ms.toFixed(0)} ms (were 3.4 to 4.4 s at 10,000 over 1,000 before the batches were indexed by path)`,
    target: 'none (reported): part of the run above',
    met: true
  })
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`
}

function table(): string {
  const lines = ['| what | floor it is compared with | measured | target | met |', '|---|---|---|---|---|']
  for (const r of rows)
    lines.push(`| ${r.what} | ${r.floor} | ${r.measured} | ${r.target} | ${r.met ? 'yes' : '**no**'} |`)
  return lines.join('\n')
}

/** Where the prose of BENCHMARKS.md begins: what the figures say. */
const READING = '## What the figures say'

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: npm run build')
  const only = process.argv
    .find(a => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
  for (const step of [
    throughput,
    submitMemory,
    collectMemory,
    millionRequests,
    csvMemory,
    anthropicSubmitMemory,
    geminiSubmitMemory,
    concurrency,
    inFlight,
    idle,
    coldStart,
    yearOfState,
    planScale
  ]) {
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
