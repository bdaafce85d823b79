/**
 * A stateful fake of OpenAI's Files and Batches API on 127.0.0.1, answering in
 * the shapes of shared/openai-spec. Tests (and `npm run demo`) drive each
 * batch's lifecycle; faults can be injected per request.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as http from 'node:http'
import { Readable } from 'node:stream'
import { Loopback, loopback, LoopbackOptions } from './loopback'
import { CompleteOptions, simulateResults } from './openai-results'
import {
  checkCreateBatch,
  FakeBatch,
  FakeFile,
  Fault,
  FINAL,
  HttpError,
  listPage,
  LoggedRequest,
  publicFile
} from './openai-shapes'

export type { CompleteOptions } from './openai-results'
export type { FakeBatch, FakeFile, Fault, LoggedRequest } from './openai-shapes'

class DiskContent {
  constructor(
    readonly path: string,
    readonly size: number
  ) {}
}

export class FakeOpenAI {
  readonly files = new Map<string, FakeFile>()
  readonly batches = new Map<string, FakeBatch>()
  readonly log: LoggedRequest[] = []
  readonly apiKey: string
  private readonly faults: { method: string; path: RegExp; fault: Fault; times: number }[] = []
  /** Random faults at this rate on every request, drawn from `random` (seeded by the test). */
  chaos: { rate: number; random: () => number } | undefined
  /** Faults injected so far, by kind. */
  readonly injected: Record<string, number> = {}
  private readonly taps: { method: string; path: RegExp; when: 'request' | 'answered'; fn: () => void }[] = []
  /** Batches GET /v1/batches leaves out (a retrieve still finds them): a list that misses one. */
  readonly unlisted = new Set<string>()
  /**
   * What it does with a batch's metadata: keeps it, as OpenAI does; refuses a
   * create that carries any (400, `param: metadata`), or accepts it and
   * answers `metadata: null` or `{}`, as some compatible APIs do (#12).
   */
  metadata: 'keep' | 'refuse' | 'null' | 'empty' = 'keep'
  /** Latency added to every answer, as a slow API would (for concurrency tests and the bench). */
  latencyMs = 0
  private inFlight = 0
  /** The most requests that were under way at once. */
  maxInFlight = 0
  private server: Loopback | undefined
  private seq = 0
  url = ''
  /** Unix seconds; tests may move it. */
  now = (): number => Math.floor(Date.now() / 1000)

  private readonly listen: LoopbackOptions

  /** `host` and `tls`: where and how it listens (loopback.ts). */
  constructor(opts: { apiKey?: string } & LoopbackOptions = {}) {
    this.apiKey = opts.apiKey ?? 'sk-test-fake-key'
    this.listen = { host: opts.host, tls: opts.tls }
  }

  async start(): Promise<string> {
    this.server = await loopback((req, res) => this.handle(req, res), this.listen)
    this.url = `${this.server.origin}/v1`
    return this.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  /** Injects a fault into the next `times` requests matching `method` and `path` (Infinity: every one). */
  inject(method: string, path: RegExp, fault: Fault, times = 1): void {
    this.faults.push({ method, path, fault, times })
  }

  /** Calls `fn` once, when the next matching request arrives or has been answered (a test kills the action there). */
  tap(method: string, path: RegExp, when: 'request' | 'answered', fn: () => void): void {
    this.taps.push({ method, path, when, fn })
  }

  private fire(entry: LoggedRequest, when: 'request' | 'answered'): void {
    const i = this.taps.findIndex(t => t.when === when && t.method === entry.method && t.path.test(entry.path))
    if (i >= 0) this.taps.splice(i, 1)[0]!.fn()
  }

  private chaosFault(entry: LoggedRequest): Fault | undefined {
    if (!this.chaos || this.chaos.random() >= this.chaos.rate) return undefined
    const kinds: Fault[] = [
      { kind: 'status', status: 500, headers: { 'retry-after-ms': '10' } },
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'reset' },
      { kind: 'lost' }
    ]
    if (entry.path.endsWith('/content')) kinds.push({ kind: 'truncate' })
    return kinds[Math.floor(this.chaos.random() * kinds.length)]
  }

  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter(r => r.method === method && path.test(r.path))
  }

  private id(prefix: string): string {
    this.seq++
    return `${prefix}${this.seq.toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`
  }

  // ---- lifecycle, driven by the test --------------------------------------------------

  /** What the API makes of a request file (see openai-results.ts). */
  static readonly results = simulateResults

  batch(id: string): FakeBatch {
    const b = this.batches.get(id)
    if (!b) throw new Error(`no batch ${id}`)
    return b
  }

  private addOutput(name: string, text: string | null): string | null {
    if (text === null) return null
    const content = Buffer.from(text)
    const id = this.id('file-')
    this.files.set(id, {
      id,
      object: 'file',
      bytes: content.length,
      created_at: this.now(),
      expires_at: null,
      filename: name,
      purpose: 'batch_output',
      status: 'processed',
      status_details: null,
      content
    })
    return id
  }

  /** A batch output file served from disk, for results too big to hold in memory; returns its id. */
  addDiskFile(contentPath: string, purpose = 'batch_output'): string {
    const id = this.id('file-')
    const bytes = fs.statSync(contentPath).size
    this.files.set(id, {
      id,
      object: 'file',
      bytes,
      created_at: this.now(),
      expires_at: null,
      filename: 'batch_output.jsonl',
      purpose,
      status: 'processed',
      status_details: null,
      content: Buffer.alloc(0),
      contentPath
    })
    return id
  }

  /** Stores a file as if uploaded; returns its id. */
  addFile(content: string, filename = 'input.jsonl', purpose = 'batch'): string {
    const id = this.id('file-')
    const bytes = Buffer.from(content)
    this.files.set(id, {
      id,
      object: 'file',
      bytes: bytes.length,
      created_at: this.now(),
      expires_at: null,
      filename,
      purpose,
      status: 'processed',
      status_details: null,
      content: bytes
    })
    return id
  }

  /** Moves a validating batch on to in_progress. */
  begin(id: string): void {
    const b = this.batch(id)
    b.status = 'in_progress'
    b.in_progress_at = this.now()
  }

  /** Finishes a batch: each request gets a response, or an error for `failIds`. */
  complete(id: string, opts: CompleteOptions = {}): FakeBatch {
    return this.finish(id, 'completed', opts)
  }

  /** Ends a batch as expired (or cancelled): `done` requests got answers, the rest `batch_expired`. */
  finish(
    id: string,
    status: 'completed' | 'expired' | 'cancelled',
    opts: CompleteOptions & { done?: number } = {}
  ): FakeBatch {
    const b = this.batch(id)
    const r = simulateResults(b.endpoint, this.files.get(b.input_file_id)!.content.toString('utf8'), {
      ...opts,
      status
    })
    b.output_file_id = this.addOutput('batch_output.jsonl', r.output)
    b.error_file_id = this.addOutput('batch_errors.jsonl', r.errors)
    b.request_counts = r.counts
    b.model ??= r.model
    if (!opts.noUsage) b.usage = r.usage
    b.status = status
    const t = this.now()
    b.in_progress_at ??= t
    b.finalizing_at = t
    if (status === 'completed') b.completed_at = t
    if (status === 'expired') b.expired_at = t
    if (status === 'cancelled') b.cancelled_at = t
    return b
  }

  /** Fails a batch at validation with errors pointing at input lines. */
  failValidation(id: string, errors: { code: string; message: string; line: number | null }[]): FakeBatch {
    const b = this.batch(id)
    b.status = 'failed'
    b.failed_at = this.now()
    b.errors = { object: 'list', data: errors.map(e => ({ ...e, param: null })) }
    return b
  }

  /** Completes every batch that is not final (the demo's "time passes"), failing requests as `opts` says. */
  settleAll(opts: CompleteOptions = {}): void {
    for (const b of this.batches.values()) {
      if (b.status === 'cancelling') this.finish(b.id, 'cancelled')
      else if (!FINAL.has(b.status)) this.complete(b.id, opts)
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = performance.now()
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight)
    res.on('close', () => this.inFlight--)
    if (this.latencyMs > 0) await new Promise(resolve => setTimeout(resolve, this.latencyMs))
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: LoggedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      at,
      from: req.socket.remoteAddress
    }
    this.log.push(entry)
    this.fire(entry, 'request')
    res.on('finish', () => {
      entry.answeredAt = performance.now()
      this.fire(entry, 'answered')
    })
    const i = this.faults.findIndex(f => f.method === entry.method && f.path.test(entry.path))
    const fault = i >= 0 ? this.faults[i]!.fault : this.chaosFault(entry)
    if (i >= 0 && --this.faults[i]!.times <= 0) this.faults.splice(i, 1)
    if (fault)
      this.injected[fault.kind === 'status' ? String(fault.status) : fault.kind] =
        (this.injected[fault.kind === 'status' ? String(fault.status) : fault.kind] ?? 0) + 1
    if (fault?.kind === 'reset') return void req.socket.destroy()
    if (fault?.kind === 'status') {
      req.resume()
      entry.status = fault.status
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      return void res.end(
        JSON.stringify({
          error: { message: fault.message ?? `Injected ${fault.status}`, type: 'server_error', param: null, code: null }
        })
      )
    }
    try {
      if (req.headers.authorization !== `Bearer ${this.apiKey}`)
        throw new HttpError(401, 'Incorrect API key provided.', 'invalid_api_key')
      const answer = await this.route(req, url, entry)
      entry.status = 200
      if (fault?.kind === 'lost') return void req.socket.destroy()
      if (answer instanceof DiskContent) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.size })
        return void fs.createReadStream(answer.path).pipe(res)
      }
      if (answer instanceof Buffer) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length })
        if (fault?.kind === 'truncate') {
          res.write(answer.subarray(0, Math.floor(answer.length / 2)))
          return void setImmediate(() => req.socket.destroy())
        }
        return void res.end(answer)
      }
      entry.response = answer
      const body = JSON.stringify(answer)
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      res.end(body)
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(500, (e as Error).message)
      entry.status = err.status
      res.writeHead(err.status, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          error: { message: err.message, type: 'invalid_request_error', param: err.param, code: err.code }
        })
      )
    }
  }

  private async json(req: http.IncomingMessage, entry: LoggedRequest): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    try {
      entry.json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      throw new HttpError(400, 'We could not parse the JSON body of your request.')
    }
    return entry.json as Record<string, unknown>
  }

  private async route(req: http.IncomingMessage, url: URL, entry: LoggedRequest): Promise<unknown> {
    const m = req.method
    const p = url.pathname
    let g: RegExpExecArray | null
    if (m === 'POST' && p === '/v1/files') return this.createFile(req, entry)
    if (m === 'GET' && p === '/v1/files')
      return listPage(
        [...this.files.values()].filter(
          f => !url.searchParams.get('purpose') || f.purpose === url.searchParams.get('purpose')
        ),
        url,
        10000,
        true
      )
    if ((g = /^\/v1\/files\/([^/]+)$/.exec(p)) && m === 'GET') return publicFile(this.file(g[1]!))
    if ((g = /^\/v1\/files\/([^/]+)$/.exec(p)) && m === 'DELETE') {
      this.file(g[1]!)
      this.files.delete(g[1]!)
      return { id: g[1], object: 'file', deleted: true }
    }
    if ((g = /^\/v1\/files\/([^/]+)\/content$/.exec(p)) && m === 'GET') {
      const f = this.file(g[1]!)
      return f.contentPath ? new DiskContent(f.contentPath, f.bytes) : f.content
    }
    if (m === 'POST' && p === '/v1/batches') return this.createBatch(await this.json(req, entry))
    if (m === 'GET' && p === '/v1/batches')
      return listPage(
        [...this.batches.values()].filter(b => !this.unlisted.has(b.id)),
        url,
        100,
        false
      )
    if ((g = /^\/v1\/batches\/([^/]+)$/.exec(p)) && m === 'GET') return this.getBatch(g[1]!)
    if ((g = /^\/v1\/batches\/([^/]+)\/cancel$/.exec(p)) && m === 'POST') return this.cancel(g[1]!)
    throw new HttpError(404, `Invalid URL (${m} ${p})`)
  }

  private file(id: string): FakeFile {
    const f = this.files.get(id)
    if (!f) throw new HttpError(404, `No such File object: ${id}`, null, 'id')
    return f
  }

  private getBatch(id: string): FakeBatch {
    const b = this.batches.get(id)
    if (!b) throw new HttpError(404, `No batch found with id '${id}'.`)
    return b
  }

  private async createFile(req: http.IncomingMessage, entry: LoggedRequest): Promise<unknown> {
    const type = req.headers['content-type'] ?? ''
    if (!type.startsWith('multipart/form-data')) throw new HttpError(400, 'Expected multipart/form-data.')
    const request = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: Readable.toWeb(req) as ReadableStream,
      duplex: 'half'
    } as RequestInit)
    const form = await request.formData()
    entry.form = formFields(form)
    const expiry = entry.form.expires_after as { anchor?: unknown; seconds?: unknown } | undefined
    if (
      expiry &&
      (expiry.anchor !== 'created_at' ||
        typeof expiry.seconds !== 'number' ||
        expiry.seconds < 3600 ||
        expiry.seconds > 2_592_000)
    )
      throw new HttpError(
        400,
        'Invalid expires_after: anchor must be created_at and seconds from 3600 to 2592000.',
        null,
        'expires_after'
      )
    const file = form.get('file')
    const purpose = form.get('purpose')
    if (!(file instanceof File)) throw new HttpError(400, "Missing 'file'.", null, 'file')
    if (purpose !== 'batch')
      throw new HttpError(400, `Only purpose batch is faked; got ${String(purpose)}.`, null, 'purpose')
    const content = Buffer.from(await file.arrayBuffer())
    const id = this.id('file-')
    const f: FakeFile = {
      id,
      object: 'file',
      bytes: content.length,
      created_at: this.now(),
      expires_at: this.now() + ((expiry?.seconds as number | undefined) ?? 30 * 24 * 3600),
      filename: file.name,
      purpose: 'batch',
      status: 'processed',
      status_details: null,
      content
    }
    this.files.set(id, f)
    return publicFile(f)
  }

  /** POST /v1/batches; tests may call it to add batches of their own. */
  createBatch(body: Record<string, unknown>): FakeBatch {
    const given = checkCreateBatch(body)
    if (this.metadata === 'refuse' && body.metadata !== undefined)
      throw new HttpError(
        400,
        "Unknown parameter: 'metadata'. This API does not support batch metadata.",
        'unknown_parameter',
        'metadata'
      )
    const metadata = this.metadata === 'null' ? null : this.metadata === 'empty' ? {} : given
    const input = this.files.get(body.input_file_id as string)
    if (!input)
      throw new HttpError(
        400,
        `Invalid 'input_file_id': '${String(body.input_file_id)}'.`,
        'invalid_value',
        'input_file_id'
      )
    if (input.purpose !== 'batch')
      throw new HttpError(400, 'The input file must have purpose batch.', 'invalid_value', 'input_file_id')
    const t = this.now()
    const b: FakeBatch = {
      id: this.id('batch_'),
      object: 'batch',
      endpoint: body.endpoint as string,
      model: null,
      errors: null,
      input_file_id: input.id,
      completion_window: '24h',
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: t,
      in_progress_at: null,
      expires_at: t + 24 * 3600,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata
    }
    this.batches.set(b.id, b)
    return b
  }

  private cancel(id: string): FakeBatch {
    const b = this.getBatch(id)
    if (FINAL.has(b.status)) throw new HttpError(400, `Cannot cancel a batch with status ${b.status}.`)
    b.status = 'cancelling'
    b.cancelling_at = this.now()
    return b
  }
}

/**
 * A form's fields as the API reads them: `a[b]` nests (the SDK's encoding of
 * an object), a nested value of digits is a number, a file is '<binary>'.
 */
function formFields(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of form.entries()) {
    const value = typeof v === 'string' ? v : '<binary>'
    const nested = /^([^[]+)\[([^\]]+)\]$/.exec(k)
    if (!nested) out[k] = value
    else
      out[nested[1]!] = {
        ...(out[nested[1]!] as object | undefined),
        [nested[2]!]: /^\d+$/.test(value) ? Number(value) : value
      }
  }
  return out
}
