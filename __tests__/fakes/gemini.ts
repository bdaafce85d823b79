/**
 * A stateful fake of the Gemini API's Batch Mode and Files endpoints on
 * 127.0.0.1 (generativelanguage.googleapis.com), answering in the API's own
 * JSON: camelCase fields, int64 counts as strings, zero and false fields left
 * out (proto3 JSON), errors as `{error: {code, message, status, details?}}`.
 * Tests drive each batch's lifecycle (`begin`, `end`, `cancel` by the client)
 * and inject faults (`failNext`, `dropNextCreateAnswer`, seeded random ones
 * with `chaos`) or kill the action at a point (`tap`; gemini-chaos.ts).
 *
 * It serves both version prefixes, /v1beta (the only one the REST docs show
 * for Batch Mode, and the one vercel/ai uses) and /v1 (the default of
 * @google/genai 3.1.0: GOOGLE_AI_API_DEFAULT_VERSION = 'v1'; pin one with
 * `httpOptions: {apiVersion}`); `versions` narrows that.
 *
 * Built against @google/genai 3.1.0 (dist/node/index.mjs: Batches,
 * batchJobFromMldev, ApiClient.fetchUploadUrl, uploadBlobInternal,
 * NodeUploader, NodeDownloader), the REST reference at
 * ai.google.dev/api/batch-mode and /api/files, vercel/ai
 * packages/google/src/google-batch.ts and its test, and an operation body a
 * live batch returned (metadata `@type` ...v1main.GenerateContentBatch,
 * `response` ...v1main.GenerateContentBatchOutput). What is a guess rather
 * than read from those is marked "assumed".
 */
import { createHash, randomBytes, type Hash } from 'node:crypto'
import type * as http from 'node:http'
import {
  GEMINI_CHAOS_KINDS,
  GeminiDice,
  type GeminiChaosKind,
  type GeminiTapPoint,
  isDownload,
  STATUS_FAULTS
} from './gemini-chaos'
import { Loopback, loopback, LoopbackOptions } from './loopback'

export type GeminiVersion = 'v1' | 'v1beta'

export type BatchState =
  | 'BATCH_STATE_PENDING'
  | 'BATCH_STATE_RUNNING'
  | 'BATCH_STATE_SUCCEEDED'
  | 'BATCH_STATE_FAILED'
  | 'BATCH_STATE_CANCELLED'
  | 'BATCH_STATE_EXPIRED'

const FINAL = new Set<BatchState>([
  'BATCH_STATE_SUCCEEDED',
  'BATCH_STATE_FAILED',
  'BATCH_STATE_CANCELLED',
  'BATCH_STATE_EXPIRED'
])

/** google.rpc.Code by name: the `status` of an error and the `code` of a result line's error. */
export const GRPC_CODES = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16
} as const
export type GrpcStatus = keyof typeof GRPC_CODES

/** The HTTP status Google answers with for each error status. */
const HTTP_STATUS: Record<number, GrpcStatus> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED'
}

const BATCH_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch'
const OUTPUT_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput'
/** The resumable upload's chunk granularity, and the SDK's chunk size (MAX_CHUNK_SIZE). */
const CHUNK_GRANULARITY = 8 * 1024 * 1024
/** A File lives 48 hours. */
const FILE_TTL_MS = 48 * 3600 * 1000
/** The Files API's limit per file, and Batch Mode's for an input file. */
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024
/** The most a JSON request (an inline batch) may carry. */
const MAX_JSON_BYTES = 20 * 1024 * 1024

/** A File as the API answers it (`files.get`, the upload's finalize, `files.list`). */
export interface GeminiFileJson {
  name: string
  displayName?: string
  mimeType: string
  sizeBytes: string
  createTime: string
  updateTime: string
  expirationTime: string
  sha256Hash: string
  uri: string
  downloadUri?: string
  state: 'ACTIVE'
  source: 'UPLOADED' | 'GENERATED'
}

export interface GeminiFile {
  json: GeminiFileJson
  /** Bytes received; the content is held only up to `holdBytes` (null beyond: count, not content). */
  size: number
  content: Buffer | null
  /** The resumable upload's chunks as they came: offset, bytes, command. */
  chunks: { offset: number; bytes: number; command: string }[]
}

export interface BatchStatsJson {
  requestCount?: string
  successfulRequestCount?: string
  failedRequestCount?: string
  pendingRequestCount?: string
}

/** A batch as its long-running Operation: what create, get and list answer. */
export interface GeminiOperationJson {
  name: string
  metadata: {
    '@type': string
    model: string
    displayName: string
    inputConfig?: { fileName: string }
    output?: { responsesFile?: string; inlinedResponses?: { inlinedResponses: unknown[] } }
    createTime: string
    endTime?: string
    updateTime: string
    batchStats?: BatchStatsJson
    state: BatchState
    name: string
    priority?: string
  }
  done?: true
  error?: { code: number; message: string }
  response?: { '@type': string; responsesFile?: string; inlinedResponses?: { inlinedResponses: unknown[] } }
}

export interface GeminiBatch {
  op: GeminiOperationJson
  /** The input file's name, or the inline requests ({request, metadata}). */
  input: { fileName: string } | { requests: { request?: unknown; metadata?: { key?: string } }[] }
  /** The create request's body, as sent. */
  body: unknown
  /** The answer lines (the responses file's, or the inlined responses) once ended. */
  lines?: unknown[]
}

export interface EndOptions {
  /** The end state; SUCCEEDED unless `expire`. */
  state?: BatchState
  /** Shorthand for state EXPIRED. */
  expire?: boolean
  /** Requests (by key) that fail, with a gRPC status: their line is `{key, error: {code, message, status}}`. */
  errors?: Record<string, GrpcStatus>
  /** Requests (by key) blocked at the prompt: no candidates, `promptFeedback.blockReason: SAFETY`. */
  blocked?: string[]
  /** thoughtsTokenCount / cachedContentTokenCount on every response (left out when 0). */
  thoughts?: number
  cached?: number
  /** For CANCELLED/EXPIRED/FAILED: how many requests got answers (a responses file with those lines); default none. */
  done?: number
  /** The operation's error for a FAILED batch; default INTERNAL. */
  error?: { code: number; message: string }
}

export interface GeminiLoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  /** v1 or v1beta, as the path had it. */
  version?: string
  /** Where the API key came from: the x-goog-api-key header or the `key` query parameter (which the adapter must not use). */
  keyIn?: 'header' | 'query'
  json?: unknown
  /** Bytes of an upload chunk's body. */
  bytes?: number
  status?: number
  at: number
  /** The address the call came from: a proxy's outgoing address when it went through one. */
  from?: string
}

class GoogleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown[],
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

const MEDIA = Symbol('media')
interface Media {
  [MEDIA]: true
  content: Buffer
}

interface UploadSession {
  id: string
  version: string
  displayName?: string
  name?: string
  mimeType: string
  declared: number | undefined
  received: number
  parts: Buffer[] | null
  hash: Hash
  chunks: GeminiFile['chunks']
}

export class FakeGemini {
  /** By name: `files/abc123`. */
  readonly files = new Map<string, GeminiFile>()
  /** By name: `batches/xyz`. */
  readonly batches = new Map<string, GeminiBatch>()
  readonly log: GeminiLoggedRequest[] = []
  readonly apiKey: string
  /** The version prefixes it answers; others get 404. */
  versions = new Set<string>(['v1beta', 'v1'])
  /** An upload's content is held up to this many bytes; beyond, only counted and hashed. */
  holdBytes = 32 * 1024 * 1024
  /** files.list: default and most per page (the documented 10 and 100). */
  filesPage = { default: 10, max: 100 }
  /** Lists in the order things were made (the default: assumed, the docs say no order), or newest first. */
  newestFirst = false
  /** batches.list: default and most per page (assumed). */
  batchesPage = { default: 50, max: 1000 }
  /** Milliseconds since the epoch; tests may move it. */
  now = (): number => Date.now()
  url = ''
  origin = ''

  private readonly uploads = new Map<string, UploadSession>()
  private readonly faults: { status: number; times: number; path?: RegExp; message?: string }[] = []
  private dropCreate = 0
  private readonly chunkFaults: (number | 'drop')[] = []
  /** When set, the download route answers 302 to this origin, the same path (the key must not follow). */
  redirectDownloads: string | undefined
  private server: Loopback | undefined
  private readonly dice = new GeminiDice()
  private nanos = 0
  private readonly listen: LoopbackOptions

  constructor(opts: { apiKey?: string } & LoopbackOptions = {}) {
    this.apiKey = opts.apiKey ?? 'AIzaSy-test-fake-gemini-key-0000000000'
    this.listen = { host: opts.host, tls: opts.tls }
  }

  /** Returns the base URL to give the SDK as `httpOptions.baseUrl` (no version: the SDK appends it). */
  async start(): Promise<string> {
    this.server = await loopback((req, res) => this.handle(req, res), this.listen)
    this.origin = this.server.origin
    this.url = this.origin
    return this.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  // ---- controls ------------------------------------------------------------------------

  /** The next `times` requests (matching `path`, if given) get a Google error with this HTTP status. */
  failNext(status: number, times = 1, path?: RegExp, message?: string): void {
    this.faults.push({ status, times, path, message })
  }

  /** The next batchGenerateContent takes effect, then its connection is destroyed unanswered. */
  dropNextCreateAnswer(): void {
    this.dropCreate++
  }

  /**
   * The next upload chunk fails: with a Google error of this HTTP status (its
   * bytes not taken), or 'drop': its bytes taken (a last chunk's file made), then its connection destroyed unanswered.
   */
  failNextChunk(fault: number | 'drop'): void {
    this.chunkFaults.push(fault)
  }

  /**
   * From now on a share `rate` of all requests gets one of `kinds`, drawn with
   * `next` (a seeded generator, so a run replays); a rate of 0 stops it.
   */
  chaos(rate: number, next: () => number, kinds: readonly GeminiChaosKind[] = GEMINI_CHAOS_KINDS): void {
    this.dice.set(rate, next, kinds)
  }

  /** Faults chaos() injected so far, by kind. */
  get injected(): Partial<Record<GeminiChaosKind, number>> {
    return this.dice.injected
  }

  /** How many of those hit an upload chunk. */
  get chunkChaos(): number {
    return this.dice.chunkFaults
  }

  /** Calls `fn` once, at `when` of the next matching request (an upload chunk's path ends in `#chunk`). */
  tap(method: string, path: RegExp, when: GeminiTapPoint, fn: () => void): void {
    this.dice.tap(method, path, when, fn)
  }

  requests(method: string, path: RegExp): GeminiLoggedRequest[] {
    return this.log.filter(r => r.method === method && path.test(r.path))
  }

  batch(name: string): GeminiBatch {
    const b = this.batches.get(name.startsWith('batches/') ? name : `batches/${name}`)
    if (!b) throw new Error(`no ${name}`)
    return b
  }

  file(name: string): GeminiFile {
    const f = this.files.get(name.startsWith('files/') ? name : `files/${name}`)
    if (!f) throw new Error(`no ${name}`)
    return f
  }

  /** Stores a file as if uploaded; returns its name. */
  addFile(content: string | Buffer, opts: { displayName?: string; mimeType?: string } = {}): string {
    const bytes = Buffer.from(content)
    return this.store({
      name: `files/${this.fileId()}`,
      displayName: opts.displayName,
      mimeType: opts.mimeType ?? 'application/jsonl',
      content: bytes,
      size: bytes.length,
      sha: createHash('sha256').update(bytes).digest('hex'),
      source: 'UPLOADED',
      version: 'v1beta',
      chunks: []
    })
  }

  /** PENDING to RUNNING. */
  begin(name: string): GeminiOperationJson {
    const b = this.batch(name)
    if (b.op.metadata.state !== 'BATCH_STATE_PENDING') throw new Error(`${name} is ${b.op.metadata.state}`)
    b.op.metadata.state = 'BATCH_STATE_RUNNING'
    b.op.metadata.updateTime = this.stamp()
    return b.op
  }

  /** Ends a batch: SUCCEEDED writes a responses file (or inlined responses) with a line per request. */
  end(name: string, opts: EndOptions = {}): GeminiOperationJson {
    const b = this.batch(name)
    const state: BatchState = opts.state ?? (opts.expire ? 'BATCH_STATE_EXPIRED' : 'BATCH_STATE_SUCCEEDED')
    if (FINAL.has(b.op.metadata.state)) throw new Error(`${name} already ended: ${b.op.metadata.state}`)
    const requests = this.inputRequests(b)
    const answered = state === 'BATCH_STATE_SUCCEEDED' ? requests.length : Math.min(opts.done ?? 0, requests.length)
    const lines = requests.slice(0, answered).map(r => this.answer(b, r, opts))
    const failed = lines.filter(l => 'error' in (l as object)).length
    const md = b.op.metadata
    md.batchStats = counts({
      requestCount: requests.length,
      successfulRequestCount: lines.length - failed,
      failedRequestCount: failed,
      pendingRequestCount: requests.length - lines.length
    })
    md.state = state
    md.updateTime = md.endTime = this.stamp()
    b.op.done = true
    if (lines.length > 0) {
      const id = b.op.name.slice('batches/'.length)
      let output: NonNullable<GeminiOperationJson['response']>
      if ('fileName' in b.input) {
        // The responses file: `files/batch-<batch id>` (48 characters), its lines not in the input's order.
        const text = shuffle(lines, id)
          .map(l => JSON.stringify(l) + '\n')
          .join('')
        const content = Buffer.from(text)
        const fileName = this.store({
          name: `files/batch-${id}`,
          displayName: `batch-${id}`,
          mimeType: 'application/jsonl',
          content,
          size: content.length,
          sha: createHash('sha256').update(content).digest('hex'),
          source: 'GENERATED',
          version: 'v1beta',
          chunks: []
        })
        output = { '@type': OUTPUT_TYPE, responsesFile: fileName }
      } else {
        // Inlined: `{metadata, response | error}`, in the input's order (as documented).
        output = {
          '@type': OUTPUT_TYPE,
          inlinedResponses: {
            inlinedResponses: lines.map((l, i) => {
              const { key: _key, ...rest } = l as Record<string, unknown>
              const metadata = (requests[i] as { metadata?: unknown }).metadata
              return metadata === undefined ? rest : { metadata, ...rest }
            })
          }
        }
      }
      const { '@type': _t, ...plain } = output
      md.output = plain
      if (state === 'BATCH_STATE_SUCCEEDED') b.op.response = output
    }
    b.lines = lines
    if (state === 'BATCH_STATE_FAILED') b.op.error = opts.error ?? { code: 13, message: 'Batch failed.' }
    if (state === 'BATCH_STATE_CANCELLED') b.op.error = opts.error ?? { code: 1, message: 'Batch was cancelled.' }
    if (state === 'BATCH_STATE_EXPIRED')
      b.op.error = opts.error ?? { code: 4, message: 'Batch expired before all requests were processed.' }
    return b.op
  }

  // ---- HTTP ----------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: GeminiLoggedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      at: performance.now(),
      from: req.socket.remoteAddress
    }
    this.log.push(entry)
    const drawn = { method: entry.method, path: entry.path, chunk: url.searchParams.has('upload_id') }
    this.dice.fire(drawn, 'request')
    const chaos = this.dice.draw(drawn)
    res.on('finish', () => this.dice.fire(drawn, 'answered'))
    if (chaos === 'reset') return void req.socket.destroy()
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status
      if (body !== undefined && typeof body === 'object' && body !== null && MEDIA in body) {
        const content = (body as Media).content
        res.writeHead(status, {
          'content-type': 'application/octet-stream',
          'content-length': String(content.length),
          ...headers
        })
        const cut = chaos === 'cut' && isDownload(drawn)
        if (!cut && !this.dice.waiting('halfway')) return void res.end(content)
        const half = Math.floor(content.length / 2)
        return void res.write(content.subarray(0, half), () => {
          if (cut) return void req.socket.destroy()
          this.dice.fire(drawn, 'halfway')
          res.end(content.subarray(half))
        })
      }
      const text = body === undefined ? '' : JSON.stringify(body)
      res.writeHead(status, {
        ...(body === undefined ? {} : { 'content-type': 'application/json; charset=UTF-8' }),
        'content-length': String(Buffer.byteLength(text)),
        ...headers
      })
      res.end(text)
    }
    try {
      const i = this.faults.findIndex(f => !f.path || f.path.test(url.pathname))
      if (i >= 0) {
        const f = this.faults[i]!
        if (--f.times <= 0) this.faults.splice(i, 1)
        req.resume()
        throw injected(f.status, f.message)
      }
      const status = chaos && STATUS_FAULTS[chaos]
      if (status) {
        req.resume()
        throw injectedChaos(...status)
      }
      const answer = await this.route(req, url, entry)
      if (answer === DROPPED || chaos === 'lost') return void req.socket.destroy()
      send(answer.status ?? 200, answer.body, answer.headers)
    } catch (e) {
      const err = e instanceof GoogleError ? e : new GoogleError(500, (e as Error).message)
      req.resume()
      const status = HTTP_STATUS[err.status] ?? 'UNKNOWN'
      send(
        err.status,
        { error: { code: err.status, message: err.message, status, ...(err.details ? { details: err.details } : {}) } },
        err.headers
      )
    }
  }

  private auth(url: URL, req: http.IncomingMessage, entry: GeminiLoggedRequest): void {
    const header = req.headers['x-goog-api-key']
    const query = url.searchParams.get('key')
    entry.keyIn = header !== undefined ? 'header' : query !== null ? 'query' : undefined
    const key = header ?? query
    if (key === undefined || key === null)
      throw new GoogleError(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
      )
    if (key !== this.apiKey)
      throw new GoogleError(400, 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' }
        }
      ])
  }

  private async route(
    req: http.IncomingMessage,
    url: URL,
    entry: GeminiLoggedRequest
  ): Promise<{ body?: unknown; headers?: Record<string, string>; status?: number } | typeof DROPPED> {
    const m = req.method
    const p = url.pathname
    const g = /^\/(upload\/|download\/)?([^/]+)\/(.*)$/.exec(p)
    if (!g || !this.versions.has(g[2]!)) throw notFound(p)
    const [, kind, version, rest] = g as unknown as [string, string | undefined, string, string]
    entry.version = version
    let h: RegExpExecArray | null
    // An upload session's URL carries its own authority (upload_id): the key is not checked there.
    if (kind === 'upload/' && rest === 'files' && m === 'POST' && url.searchParams.has('upload_id'))
      return this.uploadChunk(req, url, entry)
    this.auth(url, req, entry)
    if (kind === 'upload/') {
      if (rest === 'files' && m === 'POST') return this.uploadStart(req, version, entry)
      throw notFound(p)
    }
    if (kind === 'download/') {
      if (this.redirectDownloads && m === 'GET')
        return { status: 302, headers: { location: `${this.redirectDownloads}${p}${url.search}` } }
      if ((h = /^files\/([^/:]+):download$/.exec(rest)) && m === 'GET') return this.download(h[1]!, url)
      throw notFound(p)
    }
    if ((h = /^files\/([^/:]+):download$/.exec(rest)) && m === 'GET') return this.download(h[1]!, url)
    if (rest === 'files' && m === 'GET')
      return {
        body: this.page(
          url,
          [...this.files.values()].map(f => f.json),
          'files',
          this.filesPage
        )
      }
    if ((h = /^files\/([^/:]+)$/.exec(rest)) && m === 'GET') return { body: this.getFile(h[1]!).json }
    if ((h = /^files\/([^/:]+)$/.exec(rest)) && m === 'DELETE') {
      this.getFile(h[1]!)
      this.files.delete(`files/${h[1]}`)
      return { body: {} }
    }
    if ((h = /^models\/([^/:]+):batchGenerateContent$/.exec(rest)) && m === 'POST') {
      const op = this.createBatch(h[1]!, await this.json(req, entry))
      this.dice.fire({ method: m, path: p }, 'applied')
      if (this.dropCreate > 0) {
        this.dropCreate--
        return DROPPED
      }
      return { body: op }
    }
    if (rest === 'batches' && m === 'GET')
      return {
        body: this.page(
          url,
          [...this.batches.values()].map(b => b.op),
          'operations',
          this.batchesPage
        )
      }
    if ((h = /^batches\/([^/:]+)$/.exec(rest)) && m === 'GET') return { body: this.getBatch(h[1]!).op }
    if ((h = /^batches\/([^/:]+):cancel$/.exec(rest)) && m === 'POST') {
      await this.drain(req)
      const b = this.getBatch(h[1]!)
      if (FINAL.has(b.op.metadata.state))
        throw new GoogleError(400, `Batch ${b.op.name} is already in a terminal state (${b.op.metadata.state}).`)
      this.end(b.op.name, { state: 'BATCH_STATE_CANCELLED' })
      return { body: {} }
    }
    if ((h = /^batches\/([^/:]+)$/.exec(rest)) && m === 'DELETE') {
      this.getBatch(h[1]!)
      this.batches.delete(`batches/${h[1]}`)
      return { body: {} }
    }
    throw notFound(p)
  }

  // ---- files ---------------------------------------------------------------------------

  private getFile(id: string): GeminiFile {
    const f = this.files.get(`files/${id}`)
    // The API answers a missing (or another project's) file with 403, not 404.
    if (!f) throw new GoogleError(403, `You do not have permission to access the File ${id} or it may not exist.`)
    return f
  }

  private async uploadStart(
    req: http.IncomingMessage,
    version: string,
    entry: GeminiLoggedRequest
  ): Promise<{ headers: Record<string, string> }> {
    const protocol = req.headers['x-goog-upload-protocol']
    const command = req.headers['x-goog-upload-command']
    const body = (await this.json(req, entry)) as { file?: Record<string, unknown> }
    if (protocol !== 'resumable' || command !== 'start')
      throw new GoogleError(400, 'Only the resumable upload protocol (X-Goog-Upload-Command: start) is faked.')
    const declared = req.headers['x-goog-upload-header-content-length']
    const size = declared === undefined ? undefined : Number(declared)
    if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0))
      throw new GoogleError(400, `Invalid X-Goog-Upload-Header-Content-Length: ${String(declared)}`)
    if (size !== undefined && size > MAX_FILE_BYTES)
      throw new GoogleError(400, `File size ${size} exceeds the limit of ${MAX_FILE_BYTES} bytes.`)
    const file = body.file ?? {}
    const name = typeof file.name === 'string' ? file.name : undefined
    if (name !== undefined) {
      if (!/^files\/[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(name))
        throw new GoogleError(400, `Invalid file name ${name}: lowercase letters, digits and dashes, at most 40.`)
      if (this.files.has(name)) throw new GoogleError(409, `File ${name} already exists.`)
    }
    const mimeType =
      (typeof file.mimeType === 'string' && file.mimeType) ||
      (req.headers['x-goog-upload-header-content-type'] as string | undefined) ||
      'application/octet-stream'
    const id = randomBytes(24).toString('base64url')
    this.uploads.set(id, {
      id,
      version,
      displayName: typeof file.displayName === 'string' ? file.displayName : undefined,
      name,
      mimeType,
      declared: size,
      received: 0,
      parts: [],
      hash: createHash('sha256'),
      chunks: []
    })
    return {
      headers: {
        'x-goog-upload-url': `${this.origin}/upload/${version}/files?upload_id=${id}&upload_protocol=resumable`,
        'x-goog-upload-status': 'active',
        'x-goog-upload-chunk-granularity': String(CHUNK_GRANULARITY),
        'x-goog-upload-control-url': `${this.origin}/upload/${version}/files?upload_id=${id}&upload_protocol=resumable`
      }
    }
  }

  private async uploadChunk(
    req: http.IncomingMessage,
    url: URL,
    entry: GeminiLoggedRequest
  ): Promise<{ body?: unknown; headers: Record<string, string> } | typeof DROPPED> {
    entry.keyIn =
      req.headers['x-goog-api-key'] !== undefined ? 'header' : url.searchParams.has('key') ? 'query' : undefined
    const s = this.uploads.get(url.searchParams.get('upload_id') ?? '')
    if (!s) {
      await this.drain(req)
      throw new GoogleError(404, 'No such upload session.', undefined, { 'x-goog-upload-status': 'cancelled' })
    }
    const command = String(req.headers['x-goog-upload-command'] ?? '')
      .split(',')
      .map(c => c.trim())
    const offset = Number(req.headers['x-goog-upload-offset'])
    if (command.includes('query')) {
      await this.drain(req)
      return { headers: { 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': String(s.received) } }
    }
    const fault = command.includes('upload') ? this.chunkFaults.shift() : undefined
    if (typeof fault === 'number') {
      await this.drain(req)
      throw injected(fault)
    }
    if (!command.includes('upload') || offset !== s.received) {
      await this.drain(req)
      throw new GoogleError(
        400,
        `Invalid upload: command ${command.join(', ')} at offset ${req.headers['x-goog-upload-offset']} (received ${s.received}).`,
        undefined,
        { 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': String(s.received) }
      )
    }
    let bytes = 0
    for await (const c of req) {
      const chunk = c as Buffer
      bytes += chunk.length
      s.hash.update(chunk)
      if (s.parts) {
        s.parts.push(chunk)
        if (s.received + bytes > this.holdBytes) s.parts = null
      }
    }
    entry.bytes = bytes
    s.received += bytes
    s.chunks.push({ offset, bytes, command: command.join(', ') })
    if (fault === 'drop' && !command.includes('finalize')) return DROPPED
    if (s.received > MAX_FILE_BYTES) throw new GoogleError(400, `File exceeds the limit of ${MAX_FILE_BYTES} bytes.`)
    if (!command.includes('finalize')) return { headers: { 'x-goog-upload-status': 'active' } }
    this.uploads.delete(s.id)
    if (s.declared !== undefined && s.declared !== s.received)
      throw new GoogleError(
        400,
        `Upload size ${s.received} does not match the declared X-Goog-Upload-Header-Content-Length ${s.declared}.`,
        undefined,
        { 'x-goog-upload-status': 'final' }
      )
    const name = this.store({
      name: s.name ?? `files/${this.fileId()}`,
      displayName: s.displayName,
      mimeType: s.mimeType,
      content: s.parts ? Buffer.concat(s.parts) : null,
      size: s.received,
      sha: s.hash.digest('hex'),
      source: 'UPLOADED',
      version: s.version,
      chunks: s.chunks
    })
    // A dropped finalize: the file is made, its answer lost (the session is gone: a query answers 404, assumed).
    if (fault === 'drop') return DROPPED
    return { body: { file: this.files.get(name)!.json }, headers: { 'x-goog-upload-status': 'final' } }
  }

  private store(f: {
    name: string
    displayName?: string
    mimeType: string
    content: Buffer | null
    size: number
    sha: string
    source: 'UPLOADED' | 'GENERATED'
    version: string
    chunks: GeminiFile['chunks']
  }): string {
    const t = this.now()
    const id = f.name.slice('files/'.length)
    const json: GeminiFileJson = {
      name: f.name,
      ...(f.displayName !== undefined ? { displayName: f.displayName } : {}),
      mimeType: f.mimeType,
      sizeBytes: String(f.size),
      createTime: this.stamp(t),
      updateTime: this.stamp(t),
      expirationTime: this.stamp(t + FILE_TTL_MS),
      // bytes in proto JSON: base64 — of the hex digest, as the API's values decode to (assumed).
      sha256Hash: Buffer.from(f.sha).toString('base64'),
      uri: `${this.origin}/${f.version}/${f.name}`,
      ...(f.source === 'GENERATED'
        ? { downloadUri: `${this.origin}/download/${f.version}/files/${id}:download?alt=media` }
        : {}),
      state: 'ACTIVE',
      source: f.source
    }
    this.files.set(f.name, { json, size: f.size, content: f.content, chunks: f.chunks })
    return f.name
  }

  private download(id: string, url: URL): { body: Media } {
    const f = this.getFile(id)
    if (url.searchParams.get('alt') !== 'media') throw new GoogleError(400, 'Download requires alt=media.')
    if (!f.content) throw new Error(`the fake did not hold ${f.json.name}'s content (${f.size} bytes)`)
    return { body: { [MEDIA]: true, content: f.content } }
  }

  // ---- batches ------------------------------------------------------------------------

  private getBatch(id: string): GeminiBatch {
    const b = this.batches.get(`batches/${id}`)
    if (!b) throw new GoogleError(404, `Batch batches/${id} not found.`)
    return b
  }

  /** POST models/{model}:batchGenerateContent. */
  private createBatch(model: string, body: Record<string, unknown>): GeminiOperationJson {
    const batch = body.batch as Record<string, unknown> | undefined
    if (!batch || typeof batch !== 'object') throw new GoogleError(400, 'Missing required field: batch.')
    if (typeof batch.displayName !== 'string' || batch.displayName === '')
      throw new GoogleError(400, 'batch.display_name is required.')
    const ic = batch.inputConfig as Record<string, unknown> | undefined
    const hasFile = typeof ic?.fileName === 'string'
    const inline = (ic?.requests as { requests?: unknown } | undefined)?.requests
    if (!ic || hasFile === Array.isArray(inline))
      throw new GoogleError(400, 'batch.input_config must set exactly one of file_name and requests.')
    let input: GeminiBatch['input']
    if (hasFile) {
      const fileName = ic.fileName as string
      // A missing input file: assumed to answer as files.get does.
      if (!this.files.has(fileName))
        throw new GoogleError(403, `You do not have permission to access the File ${fileName} or it may not exist.`)
      input = { fileName }
    } else input = { requests: inline as { request?: unknown; metadata?: { key?: string } }[] }
    const id = randomId(36)
    const t = this.stamp()
    const op: GeminiOperationJson = {
      name: `batches/${id}`,
      metadata: {
        '@type': BATCH_TYPE,
        model: `models/${model}`,
        displayName: batch.displayName,
        ...(hasFile ? { inputConfig: { fileName: ic.fileName as string } } : {}),
        createTime: t,
        updateTime: t,
        state: 'BATCH_STATE_PENDING',
        name: `batches/${id}`,
        ...(batch.priority !== undefined && String(batch.priority) !== '0' ? { priority: String(batch.priority) } : {})
      }
    }
    const b: GeminiBatch = { op, input, body }
    const n = this.countRequests(b)
    if (n !== undefined) op.metadata.batchStats = counts({ requestCount: n, pendingRequestCount: n })
    this.batches.set(op.name, b)
    return op
  }

  private countRequests(b: GeminiBatch): number | undefined {
    if ('requests' in b.input) return b.input.requests.length
    const f = this.files.get(b.input.fileName)
    return f?.content ? this.inputRequests(b).length : undefined
  }

  /** The batch's requests: parsed lines of its input file, or the inline requests. */
  private inputRequests(b: GeminiBatch): unknown[] {
    if ('requests' in b.input) return b.input.requests
    const f = this.files.get(b.input.fileName)
    if (!f?.content) throw new Error(`the fake did not hold ${b.input.fileName}'s content`)
    return f.content
      .toString('utf8')
      .split('\n')
      .filter(l => l.trim() !== '')
      .map(l => {
        try {
          return JSON.parse(l) as unknown
        } catch {
          return { unparsed: l }
        }
      })
  }

  /** One request's answer line: `{key, response}` or `{key, error}`. */
  private answer(b: GeminiBatch, r: unknown, opts: EndOptions): Record<string, unknown> {
    const line = r as { key?: unknown; request?: unknown; metadata?: { key?: unknown }; unparsed?: string }
    const key =
      typeof line.key === 'string' ? line.key : typeof line.metadata?.key === 'string' ? line.metadata.key : ''
    const keyed = key !== '' ? { key } : {}
    if (line.unparsed !== undefined || typeof line.request !== 'object' || line.request === null)
      return { ...keyed, error: rpcError('INVALID_ARGUMENT', 'Invalid request: a line must be {"key", "request"}.') }
    const status = opts.errors?.[key]
    if (status) return { ...keyed, error: rpcError(status, `Injected ${status} for ${key}.`) }
    const prompt = textOf(line.request)
    const promptTokenCount = Math.max(1, Math.ceil(prompt.length / 4))
    if (opts.blocked?.includes(key))
      return {
        ...keyed,
        response: {
          promptFeedback: { blockReason: 'SAFETY' },
          usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount },
          modelVersion: b.op.metadata.model.replace(/^models\//, ''),
          responseId: randomBytes(12).toString('base64url')
        }
      }
    const text = `Answer to ${key || 'request'}: ${prompt.slice(0, 40)}`
    const candidatesTokenCount = Math.max(1, Math.ceil(text.length / 4))
    const thoughts = opts.thoughts ?? 0
    const cached = Math.min(opts.cached ?? 0, promptTokenCount)
    return {
      ...keyed,
      response: {
        candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: {
          promptTokenCount,
          candidatesTokenCount,
          totalTokenCount: promptTokenCount + candidatesTokenCount + thoughts,
          ...(cached ? { cachedContentTokenCount: cached } : {}),
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokenCount }],
          ...(thoughts ? { thoughtsTokenCount: thoughts } : {})
        },
        modelVersion: b.op.metadata.model.replace(/^models\//, ''),
        responseId: randomBytes(12).toString('base64url')
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------

  /** A list page: `{[field]: [...], nextPageToken?}`, the token left out on the last page. */
  private page(url: URL, all: unknown[], field: string, limits: { default: number; max: number }): unknown {
    const size = Number(url.searchParams.get('pageSize') ?? 0)
    if (!Number.isInteger(size) || size < 0)
      throw new GoogleError(400, `Invalid pageSize: ${url.searchParams.get('pageSize')}`)
    const n = Math.min(size || limits.default, limits.max)
    const token = url.searchParams.get('pageToken')
    let start = 0
    if (token) {
      const m = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
      if (!m) throw new GoogleError(400, 'Invalid page token.')
      start = Number(m[1])
    }
    const items = (this.newestFirst ? [...all].reverse() : all).slice(start, start + n)
    const next = start + n < all.length ? Buffer.from(`o${start + n}`).toString('base64url') : undefined
    // An empty page is `{}`: the repeated field is left out too.
    return { ...(items.length ? { [field]: items } : {}), ...(next ? { nextPageToken: next } : {}) }
  }

  private async json(req: http.IncomingMessage, entry: GeminiLoggedRequest): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req) {
      size += (c as Buffer).length
      if (size <= MAX_JSON_BYTES) chunks.push(c as Buffer)
    }
    if (size > MAX_JSON_BYTES)
      throw new GoogleError(400, `Request payload size exceeds the limit: ${MAX_JSON_BYTES} bytes.`)
    const text = Buffer.concat(chunks).toString('utf8')
    try {
      entry.json = text === '' ? {} : JSON.parse(text)
    } catch {
      throw new GoogleError(400, 'Invalid JSON payload received.')
    }
    return entry.json as Record<string, unknown>
  }

  private async drain(req: http.IncomingMessage): Promise<void> {
    for await (const _ of req);
  }

  /** RFC 3339 with nanoseconds, Z: as the API writes its timestamps. */
  private stamp(ms = this.now()): string {
    this.nanos = (this.nanos + 1) % 1_000_000
    return new Date(ms)
      .toISOString()
      .replace(/\.(\d{3})Z$/, (_, f: string) => `.${f}${String(this.nanos).padStart(6, '0')}Z`)
  }

  private fileId(): string {
    return randomId(12)
  }
}

const DROPPED = Symbol('dropped')

function notFound(path: string): GoogleError {
  return new GoogleError(404, `The requested URL ${path} was not found on this server.`)
}

function injected(status: number, message?: string): GoogleError {
  const details: unknown[] = []
  if (status === 429)
    details.push(
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          { quotaMetric: 'generativelanguage.googleapis.com/batch_requests', quotaId: 'BatchRequestsPerDay' }
        ]
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' }
    )
  const text =
    message ??
    {
      400: 'Request contains an invalid argument.',
      403: 'The caller does not have permission',
      404: 'Requested entity was not found.',
      429: 'Resource has been exhausted (e.g. check quota).',
      500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      503: 'The service is currently unavailable.'
    }[status] ??
    `Injected ${status}.`
  return new GoogleError(status, text, details.length ? details : undefined)
}

/** A chaos status fault: Google's error for the status, with these headers and RetryInfo delay. */
function injectedChaos(status: number, headers: Record<string, string>, retryDelay: string | undefined): GoogleError {
  const base = injected(status)
  const details = retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : undefined
  return new GoogleError(status, base.message, details, headers)
}

/** BatchStats: int64 as strings, zero counters left out. */
function counts(c: Partial<Record<keyof BatchStatsJson, number>>): BatchStatsJson {
  const out: BatchStatsJson = {}
  for (const [k, v] of Object.entries(c)) if (v) out[k as keyof BatchStatsJson] = String(v)
  return out
}

function rpcError(status: GrpcStatus, message: string): { code: number; message: string; status: GrpcStatus } {
  return { code: GRPC_CODES[status], message, status }
}

/** Lowercase letters and digits, as the API's batch and file ids. */
function randomId(n: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(n)].map(b => abc[b % abc.length]).join('')
}

/** All text parts of a GenerateContentRequest. */
function textOf(request: unknown): string {
  const contents = (request as { contents?: { parts?: { text?: unknown }[] }[] }).contents ?? []
  return contents
    .flatMap(c => c.parts ?? [])
    .map(p => (typeof p.text === 'string' ? p.text : ''))
    .join(' ')
}

/** A fixed permutation seeded by `seed`, never the identity for two or more items. */
function shuffle<T>(items: T[], seed: string): T[] {
  const out = [...items]
  let s = createHash('sha256').update(seed).digest().readUInt32BE(0) || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!)
  return out
}
