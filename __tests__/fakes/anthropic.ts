/**
 * A stateful fake of Anthropic's Message Batches API on 127.0.0.1. Tests drive
 * each batch's lifecycle (end, cancel, expire) and inject faults.
 *
 * Built from @anthropic-ai/sdk 1.10.0 (the version pinned in package.json),
 * which sends `anthropic-version: 2026-10-21`, from its sources in
 * node_modules/@anthropic-ai/sdk/src: resources/messages/batches.ts (the
 * routes, MessageBatch, MessageBatchIndividualResponse and its results),
 * resources/shared.ts (ErrorResponse), resources/messages/messages.ts
 * (Message, Usage), core/pagination.ts (Page: `after_id`, `before_id`,
 * `first_id`, `last_id`, `has_more`), core/error.ts (the status each typed
 * error comes from), client.ts (headers, auth, retries) and
 * internal/decoders/jsonl.ts (how `results` is read); and from the public
 * docs for what the SDK does not say: the limits (100,000 requests or 256 MB a
 * batch, platform.claude.com/docs/en/build-with-claude/batch-processing), the
 * error types and statuses (413 request_too_large, 529 overloaded_error;
 * platform.claude.com/docs/en/api/errors) and the `request-id` header.
 * __tests__/fakes/anthropic.test.ts checks it against the SDK.
 *
 * Guesses, where neither says: the status of a cancel of an ended batch, of a
 * delete of an unended one (400 invalid_request_error both), and of results
 * asked for before the batch ends (404 not_found_error); an errored result's
 * `request_id` (null here).
 */
import { randomBytes } from 'node:crypto'
import type * as http from 'node:http'
import {
  ApiError,
  BatchRequest,
  checkCreate,
  errorBody,
  ErrorType,
  FakeMessageBatch,
  LIMITS,
  Limits,
  LoggedRequest,
  message,
  MessageBatch,
  paramsProblem,
  RequestCounts,
  typeOfStatus,
  Usage,
  USAGE
} from './anthropic-shapes'
import { Loopback, loopback, LoopbackOptions } from './loopback'

export type { ErrorType, FakeMessageBatch, Limits, LoggedRequest, MessageBatch, Usage } from './anthropic-shapes'

/** How end() settles a batch's requests. */
export interface EndOptions {
  /**
   * The custom_ids that succeed. By default every request not named in
   * `error`, `expire` or `cancel` succeeds (or, on a canceling batch, is
   * canceled); given, the requests left unnamed are canceled on a canceling
   * batch and expired otherwise.
   */
  succeed?: string[]
  /** custom_ids that end errored, with the error's type. */
  error?: Record<string, ErrorType>
  expire?: string[]
  cancel?: string[]
  /** The usage of each succeeded message (USAGE by default). */
  usage?: Partial<Usage>
}

interface Fault {
  status: number
  type: ErrorType
  times: number
  message?: string
  headers?: Record<string, string>
  method?: string
  path?: RegExp
}

class Jsonl {
  constructor(readonly text: string) {}
}

const BASE = '/v1/messages/batches'

/** A fault chaos() may draw: a status (429 with `retry-after: 0` or without), a reset, a lost answer, a cut download. */
export type ChaosKind = '500' | '429' | '429-bare' | '529' | 'reset' | 'lost' | 'cut'
export const CHAOS_KINDS: readonly ChaosKind[] = ['500', '429', '429-bare', '529', 'reset', 'lost', 'cut']

/**
 * When a tap fires: a request arrived; the first bytes of a create's body came
 * (the rest is then never read, as when its sender died mid-body); a create was
 * applied (its answer follows); half a results file was sent (the rest
 * follows); an answer was sent.
 */
export type TapPoint = 'request' | 'body' | 'applied' | 'halfway' | 'answered'

export class FakeAnthropic {
  readonly batches = new Map<string, FakeMessageBatch>()
  readonly log: LoggedRequest[] = []
  readonly apiKey: string
  /** The limits a create is checked against; tests may lower them. */
  readonly limits: Limits = { ...LIMITS }
  /** Milliseconds since the epoch; tests may move it (a batch past its expires_at ends expired). */
  now = (): number => Date.now()
  /** The origin the SDK takes as its baseURL (paths carry /v1 themselves); set by start(). */
  url = ''
  private readonly faults: Fault[] = []
  private readonly taps: { method: string; path: RegExp; when: TapPoint; fn: () => void }[] = []
  private random: { rate: number; next: () => number; kinds: readonly ChaosKind[] } | undefined
  /** Faults chaos() injected so far, by kind. */
  readonly injected: Partial<Record<ChaosKind, number>> = {}
  private dropCreates = 0
  private seq = 0
  private server: Loopback | undefined
  private readonly listen: LoopbackOptions

  constructor(opts: { apiKey?: string } & LoopbackOptions = {}) {
    this.apiKey = opts.apiKey ?? 'sk-ant-test-fake-key'
    this.listen = { host: opts.host, tls: opts.tls }
  }

  async start(): Promise<string> {
    this.server = await loopback((req, res) => this.handle(req, res), this.listen)
    this.url = this.server.origin
    return this.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter(r => r.method === method && path.test(r.path))
  }

  /**
   * The next `n` requests (matching `opts.method` and `opts.path`, if given)
   * are answered with this error, before the key is even looked at, as an
   * overloaded or failing API would. The type defaults to the status's.
   */
  failNext(
    status: number,
    type: ErrorType = typeOfStatus(status),
    n = 1,
    opts: { message?: string; headers?: Record<string, string>; method?: string; path?: RegExp } = {}
  ): void {
    this.faults.push({ status, type, times: n, ...opts })
  }

  /** The next create is applied, then its connection closed without an answer: the lost answer. */
  dropNextCreateAnswer(n = 1): void {
    this.dropCreates += n
  }

  /**
   * From now on a share `rate` of all requests gets one of `kinds`, drawn with
   * `next` (a seeded generator, so a run replays); a rate of 0 stops it. A cut
   * applies to results downloads only; a lost answer to any request.
   */
  chaos(rate: number, next: () => number, kinds: readonly ChaosKind[] = CHAOS_KINDS): void {
    this.random = rate > 0 ? { rate, next, kinds } : undefined
  }

  /** Calls `fn` once, at `when` of the next matching request (a test kills the action there). */
  tap(method: string, path: RegExp, when: TapPoint, fn: () => void): void {
    this.taps.push({ method, path, when, fn })
  }

  private fire(entry: LoggedRequest, when: TapPoint): boolean {
    const i = this.taps.findIndex(t => t.when === when && t.method === entry.method && t.path.test(entry.path))
    if (i < 0) return false
    this.taps.splice(i, 1)[0]!.fn()
    return true
  }

  private draw(entry: LoggedRequest): ChaosKind | undefined {
    const r = this.random
    if (!r || r.next() >= r.rate) return undefined
    const results = entry.method === 'GET' && /\/results$/.test(entry.path)
    const kinds = r.kinds.filter(k => k !== 'cut' || results)
    const kind = kinds[Math.floor(r.next() * kinds.length)]
    if (kind) this.injected[kind] = (this.injected[kind] ?? 0) + 1
    return kind
  }

  batch(id: string): FakeMessageBatch {
    const b = this.batches.get(id)
    if (!b) throw new Error(`no batch ${id}`)
    return b
  }

  /** Adds a batch as POST /v1/messages/batches would (checks included); tests may call it to seed one. */
  createBatch(body: unknown): FakeMessageBatch {
    const requests = checkCreate(body, this.limits)
    const t = this.now()
    this.seq++
    const b: FakeMessageBatch = {
      // Ids sort as they were made, as the API's do; list() relies on it.
      id: `msgbatch_01${this.seq.toString().padStart(8, '0')}${randomBytes(8).toString('hex')}`,
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      // Microseconds, as the API writes them (docs: "2024-09-24T18:37:24.100435Z"), from the batch's
      // sequence: batches made in one millisecond still read in the order they were made.
      created_at: iso(t).replace(/Z$/, `${String(this.seq % 1000).padStart(3, '0')}Z`),
      expires_at: iso(t + 24 * 3600 * 1000),
      cancel_initiated_at: null,
      archived_at: null,
      results_url: null,
      requests: requests.map(r => ({ custom_id: r.custom_id, params: r.params })),
      results: null
    }
    this.batches.set(b.id, b)
    return b
  }

  /** Ends a batch's processing with the outcomes `opts` chooses; its results are then served, newest line first. */
  end(id: string, opts: EndOptions = {}): FakeMessageBatch {
    const b = this.batch(id)
    if (b.processing_status === 'ended') throw new Error(`batch ${id} has already ended`)
    const known = new Set(b.requests.map(r => r.custom_id))
    for (const cid of [
      ...(opts.succeed ?? []),
      ...Object.keys(opts.error ?? {}),
      ...(opts.expire ?? []),
      ...(opts.cancel ?? [])
    ])
      if (!known.has(cid)) throw new Error(`batch ${id} has no request ${cid}`)
    const canceling = b.processing_status === 'canceling'
    const succeed = opts.succeed ? new Set(opts.succeed) : undefined
    const expire = new Set(opts.expire)
    const cancel = new Set(opts.cancel)
    const usage = { ...USAGE, ...opts.usage }
    const counts: RequestCounts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 }
    const lines = b.requests.map(r => {
      const result = outcome(r)
      counts[result.type === 'errored' ? 'errored' : result.type]++
      return JSON.stringify({ custom_id: r.custom_id, result })
    })
    function outcome(r: BatchRequest) {
      const chosen = opts.error?.[r.custom_id]
      if (chosen) return { type: 'errored' as const, error: errorBody(chosen, `Simulated ${chosen}.`, null) }
      if (expire.has(r.custom_id)) return { type: 'expired' as const }
      if (cancel.has(r.custom_id)) return { type: 'canceled' as const }
      const problem = paramsProblem(r.params)
      if (problem)
        return { type: 'errored' as const, error: errorBody('invalid_request_error', `params.${problem}`, null) }
      if (succeed ? succeed.has(r.custom_id) : !canceling)
        return { type: 'succeeded' as const, message: message(r.custom_id, r.params, usage) }
      return { type: canceling ? ('canceled' as const) : ('expired' as const) }
    }
    // Not the input's order: the API does not keep it.
    lines.reverse()
    b.results = lines.join('\n') + '\n'
    b.request_counts = counts
    b.processing_status = 'ended'
    b.ended_at = iso(this.now())
    b.results_url = `${this.url}${BASE}/${b.id}/results`
    return b
  }

  /** Ends every batch still processing (canceling ones with their requests canceled). */
  settleAll(opts: EndOptions = {}): void {
    for (const b of this.batches.values()) if (b.processing_status !== 'ended') this.end(b.id, opts)
  }

  /** Batches past their expires_at end, their unfinished requests expired (or canceled, when canceling). */
  private expireDue(): void {
    for (const b of this.batches.values())
      if (b.processing_status !== 'ended' && this.now() >= Date.parse(b.expires_at)) this.end(b.id, { succeed: [] })
  }

  // ---- HTTP ----------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: LoggedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      from: req.socket.remoteAddress
    }
    this.log.push(entry)
    this.fire(entry, 'request')
    res.on('finish', () => this.fire(entry, 'answered'))
    const requestId = `req_01${randomBytes(12).toString('hex')}`
    const chaos = this.draw(entry)
    if (chaos === 'reset') return void req.socket.destroy()
    let extraHeaders: Record<string, string> = {}
    try {
      const i = this.faults.findIndex(
        f => (!f.method || f.method === entry.method) && (!f.path || f.path.test(entry.path))
      )
      if (i >= 0) {
        const f = this.faults[i]!
        if (--f.times <= 0) this.faults.splice(i, 1)
        extraHeaders = f.headers ?? {}
        throw new ApiError(f.status, f.type, f.message ?? `Injected ${f.status} ${f.type}.`)
      }
      const injected = chaos && STATUS_FAULTS[chaos]
      if (injected) {
        const [status, type, headers] = injected
        extraHeaders = headers
        throw new ApiError(status, type, `Injected ${status} ${type}.`)
      }
      this.authenticate(req)
      this.expireDue()
      const answer = await this.route(req, url, entry)
      if (answer === DROPPED || chaos === 'lost') return void req.socket.destroy()
      entry.status = 200
      if (answer instanceof Jsonl) return this.sendJsonl(req, res, entry, answer, requestId, chaos === 'cut')
      entry.response = answer
      const body = JSON.stringify(answer)
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'request-id': requestId
      })
      res.end(body)
    } catch (e) {
      if (e instanceof Dropped) return
      const err = e instanceof ApiError ? e : new ApiError(500, 'api_error', (e as Error).message)
      entry.status = err.status
      entry.response = errorBody(err.type, err.message, requestId)
      const body = JSON.stringify(entry.response)
      // A body not read yet (a refused request) is drained by Node before the next request on the socket.
      req.resume()
      res.writeHead(err.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'request-id': requestId,
        ...extraHeaders
      })
      res.end(body)
    }
  }

  /** A results file: whole, cut off half way (`cut`), or with a tap at half way. */
  private sendJsonl(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: LoggedRequest,
    answer: Jsonl,
    requestId: string,
    cut: boolean
  ): void {
    const body = Buffer.from(answer.text)
    res.writeHead(200, {
      'content-type': 'application/binary',
      'content-length': body.length,
      'request-id': requestId
    })
    const half = Math.floor(body.length / 2)
    if (!cut && !this.taps.some(t => t.when === 'halfway')) return void res.end(body)
    res.write(body.subarray(0, half), () => {
      if (cut) return void req.socket.destroy()
      this.fire(entry, 'halfway')
      res.end(body.subarray(half))
    })
  }

  /** The key as `x-api-key` or as a bearer token (the SDK sends the latter), and an `anthropic-version`. */
  private authenticate(req: http.IncomingMessage): void {
    const key = req.headers['x-api-key']
    const auth = req.headers.authorization
    if (key === undefined && auth === undefined)
      throw new ApiError(401, 'authentication_error', 'x-api-key header is required.')
    if (key !== this.apiKey && auth !== `Bearer ${this.apiKey}`)
      throw new ApiError(401, 'authentication_error', 'invalid x-api-key')
    const version = req.headers['anthropic-version']
    if (version === undefined) throw new ApiError(400, 'invalid_request_error', 'anthropic-version: header is required')
    if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version))
      throw new ApiError(400, 'invalid_request_error', `anthropic-version: invalid value ${JSON.stringify(version)}`)
  }

  /**
   * A create body, read as it streams in: a declared or actual length over
   * the limit is a 413 (the rest is drained unread, so the client sees the
   * answer rather than a reset), bad JSON a 400.
   */
  private async json(req: http.IncomingMessage, entry: LoggedRequest): Promise<unknown> {
    const max = this.limits.maxBodyBytes
    const tooLarge = () =>
      new ApiError(413, 'request_too_large', `Request exceeds the maximum allowed number of bytes (${max}).`)
    const chunks: Buffer[] = []
    let bytes = 0
    let over = Number(req.headers['content-length'] ?? 0) > max
    for await (const c of req) {
      if (bytes === 0 && this.fire(entry, 'body')) {
        req.socket.destroy()
        throw new Dropped()
      }
      bytes += (c as Buffer).length
      if (bytes > max) over = true
      if (!over) chunks.push(c as Buffer)
    }
    entry.bodyBytes = bytes
    if (over) throw tooLarge()
    try {
      entry.json = JSON.parse(Buffer.concat(chunks, bytes).toString('utf8'))
    } catch {
      throw new ApiError(400, 'invalid_request_error', 'The request body is not valid JSON.')
    }
    return entry.json
  }

  private async route(req: http.IncomingMessage, url: URL, entry: LoggedRequest): Promise<unknown> {
    const m = req.method
    const p = url.pathname
    let g: RegExpExecArray | null
    if (p === BASE && m === 'POST') {
      const b = this.createBatch(await this.json(req, entry))
      this.fire(entry, 'applied')
      if (this.dropCreates > 0) {
        this.dropCreates--
        return DROPPED
      }
      return publicBatch(b)
    }
    if (p === BASE && m === 'GET') return this.list(url)
    if ((g = /^\/v1\/messages\/batches\/([^/]+)$/.exec(p)) && m === 'GET') return publicBatch(this.get(g[1]!))
    if ((g = /^\/v1\/messages\/batches\/([^/]+)$/.exec(p)) && m === 'DELETE') return this.delete(g[1]!)
    if ((g = /^\/v1\/messages\/batches\/([^/]+)\/cancel$/.exec(p)) && m === 'POST') return this.cancel(g[1]!)
    if ((g = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(p)) && m === 'GET') {
      const b = this.get(g[1]!)
      if (b.results === null)
        throw new ApiError(404, 'not_found_error', `Results for ${b.id} are not available until it has ended.`)
      return new Jsonl(b.results)
    }
    throw new ApiError(404, 'not_found_error', `Not found: ${m} ${p}`)
  }

  private get(id: string): FakeMessageBatch {
    const b = this.batches.get(id)
    if (!b) throw new ApiError(404, 'not_found_error', `No message batch found with id '${id}'.`)
    return b
  }

  /** Newest first; `after_id` pages on to older batches, `before_id` back to newer ones (the SDK's Page). */
  private list(url: URL): unknown {
    const q = url.searchParams
    const limit = Number(q.get('limit') ?? 20)
    if (!Number.isInteger(limit) || limit < 1 || limit > this.limits.maxPage)
      throw new ApiError(400, 'invalid_request_error', `limit: must be an integer from 1 to ${this.limits.maxPage}`)
    const after = q.get('after_id')
    const before = q.get('before_id')
    if (after !== null && before !== null)
      throw new ApiError(400, 'invalid_request_error', 'Only one of after_id and before_id may be given.')
    const sorted = [...this.batches.values()].sort((a, b) => (a.id < b.id ? 1 : -1))
    // Cursors compare as ids, so one of a deleted batch still pages.
    const rest =
      after !== null ? sorted.filter(b => b.id < after) : before !== null ? sorted.filter(b => b.id > before) : sorted
    const page = before !== null ? rest.slice(Math.max(0, rest.length - limit)) : rest.slice(0, limit)
    return {
      data: page.map(publicBatch),
      has_more: rest.length > limit,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null
    }
  }

  private cancel(id: string): MessageBatch {
    const b = this.get(id)
    if (b.processing_status === 'ended')
      throw new ApiError(400, 'invalid_request_error', `Message batch ${id} has already ended and cannot be canceled.`)
    if (b.processing_status === 'in_progress') {
      b.processing_status = 'canceling'
      b.cancel_initiated_at = iso(this.now())
    }
    return publicBatch(b)
  }

  private delete(id: string): unknown {
    const b = this.get(id)
    if (b.processing_status !== 'ended')
      throw new ApiError(
        400,
        'invalid_request_error',
        `Message batch ${id} cannot be deleted while it is processing; cancel it first.`
      )
    this.batches.delete(id)
    return { id, type: 'message_batch_deleted' }
  }
}

const DROPPED = Symbol('dropped')

/** A request whose connection the fake closed on purpose: no answer to send. */
class Dropped extends Error {}

/** What chaos() answers for its status kinds. */
const STATUS_FAULTS: Partial<Record<ChaosKind, [number, ErrorType, Record<string, string>]>> = {
  '500': [500, 'api_error', {}],
  '429': [429, 'rate_limit_error', { 'retry-after': '0' }],
  '429-bare': [429, 'rate_limit_error', {}],
  '529': [529, 'overloaded_error', {}]
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** A batch as the API shows it: without the fake's requests and results. */
export function publicBatch(b: FakeMessageBatch): MessageBatch {
  const { requests: _requests, results: _results, ...rest } = b
  return { ...rest, request_counts: { ...rest.request_counts } }
}
