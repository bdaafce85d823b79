/**
 * A fake of Azure OpenAI's Files and Batches API, in its v1 or classic style,
 * as a thin front for a FakeOpenAI: each request is checked the way Azure does
 * (azure-shapes.ts names the Microsoft document of each rule), rewritten to
 * OpenAI's shape, sent on to the FakeOpenAI over HTTP with its own key, and its
 * answer rewritten as Azure answers. The FakeOpenAI keeps the batches, the
 * files (with the bytes the action uploaded, unchanged) and the results, so a
 * test drives the lifecycle through it (complete(), finish(), inject(), ...).
 */
import type * as http from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as WebStream } from 'node:stream/web'
import {
  azureBatch,
  azureError,
  azureFile,
  checkCreateBatch,
  CLASSIC,
  formExpiry,
  GATEWAY,
  innerEndpoint,
  innerError,
  invalid,
  MAX_FILE_BYTES,
  Refusal,
  Style,
  validateLines,
  versionDate
} from './azure-shapes'
import { Loopback, loopback } from './loopback'
import type { FakeBatch, FakeFile, FakeOpenAI } from './openai'

export interface AzureOptions {
  style: Style
  /** What the `api-key` header must carry. */
  apiKey: string
  /** A Microsoft Entra token accepted as `Authorization: Bearer <adToken>`, or a test of the tokens accepted. */
  adToken?: string | ((token: string) => boolean)
  /** GET /files/{id} answers `pending` this many times after the upload (which is pending too), then `processed`; 0: never pending. Default 2. */
  pendingPolls?: number
  /** Lines a batch's input file may have ([limits]: 100,000). */
  maxRequests?: number
}

export interface AzureRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** What was wrong with the request by Microsoft's documented shapes; empty when it conforms. */
  problems: string[]
  status: number
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> }

/** The inner FakeOpenAI dropped the connection (an injected reset, a lost answer): the client's is dropped too. */
class Dropped extends Error {}

export class FakeAzure {
  readonly log: AzureRequest[] = []
  private readonly opts: Required<Omit<AzureOptions, 'adToken'>> & Pick<AzureOptions, 'adToken'>
  private server: Loopback | undefined
  /** Polls left before a file is processed, by file id. */
  private readonly pending = new Map<string, number>()
  /** The endpoint and window each batch was created with, as the client sent them. */
  private readonly sent = new Map<string, { endpoint: string; completion_window: string }>()

  constructor(
    private readonly openai: FakeOpenAI,
    opts: AzureOptions
  ) {
    this.opts = { pendingPolls: 2, maxRequests: 100_000, ...opts }
  }

  async start(): Promise<void> {
    this.server = await loopback((req, res) => this.handle(req, res))
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  /** The resource endpoint, e.g. http://127.0.0.1:PORT (what a user gives as the resource). */
  get endpoint(): string {
    if (!this.server) throw new Error('FakeAzure is not started')
    return this.server.origin
  }

  /** What the action should use as base-url: `${endpoint}/openai/v1` for v1, `endpoint` for classic. */
  get baseUrl(): string {
    return this.opts.style === 'v1' ? `${this.endpoint}/openai/v1` : this.endpoint
  }

  /** All problems of all requests, each with the request it was found in. */
  problems(): string[] {
    return this.log.flatMap(r => r.problems.map(p => `${r.method} ${r.path}: ${p}`))
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])
    )
    const entry: AzureRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      problems: [],
      status: 0
    }
    this.log.push(entry)
    try {
      this.authenticate(entry)
      const rest = this.route(entry)
      const answer = await this.serve(req, res, rest, url, entry)
      if (answer) this.send(res, entry, answer.status, answer.body, answer.headers)
    } catch (e) {
      if (e instanceof Dropped) return void req.socket.destroy()
      const refusal =
        e instanceof Refusal ? e : new Refusal(500, azureError(this.opts.style, 500, (e as Error).message))
      if (refusal.problem) entry.problems.push(refusal.problem)
      // An upload refused early is not read on: the client stops sending once it is answered.
      this.send(res, entry, refusal.status, refusal.body, { ...refusal.headers, connection: 'close' })
    }
  }

  private send(
    res: http.ServerResponse,
    entry: AzureRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    const text = JSON.stringify(body)
    entry.status = status
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
    res.end(text)
  }

  /**
   * [latest]: "Use either token based authentication or API key": an `api-key`
   * header, or `Authorization: Bearer <Entra token>`. A key sent as a Bearer is
   * refused in both styles, although [lifecycle]'s v1 sample (the plain OpenAI
   * client with the key) sends just that: issue 12 asks for the strict reading,
   * and the api-key header works in both styles by every Microsoft document.
   */
  private authenticate(entry: AzureRequest): void {
    const key = entry.headers['api-key']
    const bearer = /^Bearer (.+)$/.exec(entry.headers.authorization ?? '')?.[1]
    const { adToken } = this.opts
    const entra =
      bearer !== undefined &&
      adToken !== undefined &&
      (typeof adToken === 'function' ? adToken(bearer) : bearer === adToken)
    if (key !== undefined && bearer !== undefined && !entra)
      entry.problems.push(
        'sends Authorization as well as api-key: Microsoft documents one or the other, and Azure reads a Bearer as an Entra token'
      )
    if (key !== undefined) {
      if (key !== this.opts.apiKey) throw new Refusal(401, GATEWAY.badKey, 'api-key is not the resource key')
      return
    }
    if (entra) return
    if (bearer === this.opts.apiKey)
      throw new Refusal(
        401,
        GATEWAY.badToken,
        'sends the API key as a Bearer token; Azure wants it in the api-key header'
      )
    throw new Refusal(
      401,
      bearer === undefined ? GATEWAY.badKey : GATEWAY.badToken,
      'no api-key header nor an Entra token'
    )
  }

  /** The path under the style's prefix, after the api-version is checked. */
  private route(entry: AzureRequest): string {
    const version = entry.query['api-version']
    if (this.opts.style === 'v1') {
      const m = /^\/openai\/v1(\/.*)$/.exec(entry.path)
      if (!m) throw new Refusal(404, GATEWAY.notFound, 'not a v1 path (/openai/v1/...)')
      // [latest]: api-version is optional on v1, "`v1` if not otherwise specified"; [lifecycle] also shows `preview`.
      if (version !== undefined && version !== 'v1' && version !== 'preview')
        throw new Refusal(400, GATEWAY.badVersion, `api-version=${version} is not v1 or preview`)
      return m[1]!
    }
    const m = /^\/openai(\/(?!v1\/).*)$/.exec(entry.path)
    if (!m) throw new Refusal(404, GATEWAY.notFound, 'not a classic path (/openai/files, /openai/batches, ...)')
    // [spec]: api-version is a required query parameter of every operation.
    if (version === undefined)
      throw new Refusal(404, GATEWAY.notFound, 'no api-version query parameter (classic paths require one)')
    const date = versionDate(version)
    if (!date || date < CLASSIC.firstBatchVersion)
      throw new Refusal(
        400,
        GATEWAY.badVersion,
        `api-version=${version} has no Batch API (it came with 2024-07-01-preview)`
      )
    return m[1]!
  }

  private async serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    p: string,
    url: URL,
    entry: AzureRequest
  ): Promise<Answer | undefined> {
    const m = req.method
    const query = new URLSearchParams(url.searchParams)
    query.delete('api-version')
    let g: RegExpExecArray | null
    if (m === 'POST' && p === '/files') return this.upload(req, entry)
    if (m === 'GET' && p === '/files') {
      const list = (await this.forward('GET', `/files?${query}`)) as { data: FakeFile[] }
      return {
        status: 200,
        body: { ...list, data: list.data.map(f => azureFile(f, (this.pending.get(f.id) ?? 0) > 0)) }
      }
    }
    if ((g = /^\/files\/([^/]+)$/.exec(p)) && m === 'GET') {
      const f = (await this.forward('GET', `/files/${g[1]}`)) as FakeFile
      const left = this.pending.get(f.id) ?? 0
      if (left > 0) this.pending.set(f.id, left - 1)
      return { status: 200, body: azureFile(f, left > 0) }
    }
    if ((g = /^\/files\/([^/]+)$/.exec(p)) && m === 'DELETE') {
      this.pending.delete(g[1]!)
      return { status: 200, body: await this.forward('DELETE', `/files/${g[1]}`) }
    }
    if ((g = /^\/files\/([^/]+)\/content$/.exec(p)) && m === 'GET') return void (await this.content(g[1]!, res, entry))
    if (m === 'POST' && p === '/batches')
      return { status: 200, body: await this.createBatch(await this.json(req), entry) }
    if (m === 'GET' && p === '/batches') {
      // [spec] Batch_List: `after` and `limit` (default 20); [rest]: "The response contains a boolean has_more".
      const list = (await this.forward('GET', `/batches?${query}`)) as { data: FakeBatch[] }
      return { status: 200, body: { ...list, data: list.data.map(b => this.batch(b)) } }
    }
    if ((g = /^\/batches\/([^/]+)$/.exec(p)) && m === 'GET')
      return { status: 200, body: this.batch((await this.forward('GET', `/batches/${g[1]}`)) as FakeBatch) }
    if ((g = /^\/batches\/([^/]+)\/cancel$/.exec(p)) && m === 'POST')
      return { status: 200, body: this.batch((await this.forward('POST', `/batches/${g[1]}/cancel`)) as FakeBatch) }
    throw new Refusal(404, GATEWAY.notFound, `no such operation (${m} ${p})`)
  }

  /** The inner FakeOpenAI's answer to the same call; its errors come back in Azure's shape, with its retry headers. */
  private async call(method: string, path: string, body?: BodyInit, type?: string): Promise<Response> {
    let res: Response
    try {
      res = await fetch(`${this.openai.url}${path}`, {
        method,
        body,
        headers: { authorization: `Bearer ${this.openai.apiKey}`, ...(type ? { 'content-type': type } : {}) }
      })
    } catch {
      throw new Dropped()
    }
    if (res.ok) return res
    const headers: Record<string, string> = {}
    for (const h of ['retry-after', 'retry-after-ms']) if (res.headers.has(h)) headers[h] = res.headers.get(h)!
    throw new Refusal(
      res.status,
      innerError(this.opts.style, res.status, await res.text().catch(() => '')),
      undefined,
      headers
    )
  }

  private async forward(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.call(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? undefined : 'application/json'
    )
    try {
      return await res.json()
    } catch {
      throw new Dropped()
    }
  }

  private async json(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
      if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
    } catch {
      // answered below
    }
    throw invalid(this.opts.style, 'The request body is not a JSON object.')
  }

  /** [spec] Files_Upload (multipart: purpose, file), [rest]'s `expires_after.*` fields, [limits]' 200 MB. */
  private async upload(req: http.IncomingMessage, entry: AzureRequest): Promise<Answer> {
    const style = this.opts.style
    const type = req.headers['content-type'] ?? ''
    if (!type.startsWith('multipart/form-data')) throw invalid(style, 'Files are uploaded as multipart/form-data.')
    const tooBig = () =>
      new Refusal(
        400,
        azureError(style, 400, 'The file is larger than the 200 MB an input file may have.', 'invalid_request', 'file'),
        'uploads a file over 200 MB'
      )
    if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES + 64 * 1024) throw tooBig()
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: Readable.toWeb(req) as ReadableStream,
      duplex: 'half'
    } as RequestInit).formData()
    const file = form.get('file')
    if (form.get('purpose') !== 'batch')
      throw invalid(style, `purpose must be batch, not ${String(form.get('purpose'))}.`, 'purpose')
    if (!(file instanceof File)) throw invalid(style, "Missing 'file'.", 'file')
    if (file.size > MAX_FILE_BYTES) throw tooBig()
    const expiry = formExpiry(style, form)
    if (expiry) this.checkExpiryVersion(entry, 'expires_after')
    const inner = new FormData()
    inner.set('purpose', 'batch')
    if (expiry) {
      inner.set('expires_after[anchor]', 'created_at')
      inner.set('expires_after[seconds]', String(expiry))
    }
    inner.set('file', file, file.name)
    const res = await this.call('POST', '/files', inner)
    const f = (await res.json()) as FakeFile
    if (this.opts.pendingPolls > 0) this.pending.set(f.id, this.opts.pendingPolls)
    const body = azureFile(f, this.opts.pendingPolls > 0)
    // [spec] Files_Upload answers 201 with a Location; [latest] (v1) answers 200.
    if (style === 'classic')
      return { status: 201, body, headers: { location: `${this.endpoint}/openai/files/${f.id}` } }
    return { status: 200, body }
  }

  private checkExpiryVersion(entry: AzureRequest, field: string): void {
    const date = this.opts.style === 'classic' ? versionDate(entry.query['api-version'] ?? '') : undefined
    if (date && date < CLASSIC.firstExpiryVersion)
      entry.problems.push(
        `${field} is not in api-version ${entry.query['api-version']} (2024-10-21 has no expiry fields)`
      )
  }

  /** [spec] BatchCreateRequest, [rest] ("completion window must be set to `24h`"), and Azure's refusal of an unprocessed file. */
  private async createBatch(body: Record<string, unknown>, entry: AzureRequest): Promise<unknown> {
    const style = this.opts.style
    checkCreateBatch(style, body)
    if (body.output_expires_after !== undefined) this.checkExpiryVersion(entry, 'output_expires_after')
    const id = body.input_file_id as string
    if ((this.pending.get(id) ?? 0) > 0)
      // The answer Azure gives (Microsoft Q&A 2203029, openai/openai-dotnet#312): a file must be processed first.
      throw new Refusal(
        400,
        azureError(
          style,
          400,
          `The input file '${id}' is in 'pending' state. Only files with status 'Processed' are accepted for batch inferencing. Please check the file status and try again`,
          'invalid_request',
          'input_file_id'
        ),
        `creates a batch from ${id} while the file is still pending`
      )
    const sent = { endpoint: body.endpoint as string, completion_window: body.completion_window as string }
    const known = new Set(this.openai.batches.keys())
    let b: FakeBatch | undefined
    let dropped: Dropped | undefined
    try {
      b = (await this.forward('POST', '/batches', {
        ...body,
        endpoint: innerEndpoint(sent.endpoint),
        completion_window: '24h'
      })) as FakeBatch
    } catch (e) {
      if (!(e instanceof Dropped)) throw e
      // A lost answer: the batch exists all the same, and is validated all the same.
      dropped = e
      b = [...this.openai.batches.values()].find(x => !known.has(x.id) && x.input_file_id === id)
      if (!b) throw e
    }
    this.sent.set(b.id, sent)
    const answer = this.batch(b)
    // Validation runs after the create is answered (it answers Validating); the next look shows Failed.
    const input = this.openai.files.get(id)
    const error =
      sent.completion_window !== '24h'
        ? {
            code: 'invalid_request',
            message: `completion_window must be 24h, not ${sent.completion_window}.`,
            line: null
          }
        : input && validateLines(input.content, sent.endpoint, this.opts.maxRequests)
    if (sent.completion_window !== '24h')
      entry.problems.push(
        `completion_window ${sent.completion_window}: [rest] "If you set any other value than 24h your job will fail"`
      )
    if (error) {
      this.openai.failValidation(b.id, [error])
      entry.problems.push(`batch ${b.id} fails validation: ${error.code} (${error.message})`)
    }
    if (dropped) throw dropped
    return answer
  }

  /** A batch in Azure's shape; a completed one gets its empty error file ([how-to] Troubleshooting). */
  private batch(b: FakeBatch): unknown {
    if (b.status === 'completed' && b.error_file_id === null && this.openai.batches.has(b.id)) {
      // "Successful jobs will still generate an error_file_id, but it will be associated with an empty file with zero bytes."
      b.error_file_id = this.openai.addFile('', 'batch_errors.jsonl', 'batch_output')
      this.openai.batch(b.id).error_file_id = b.error_file_id
    }
    return azureBatch(b, this.sent.get(b.id))
  }

  /** GET .../files/{id}/content, streamed from the inner FakeOpenAI (its faults, a truncation too, come through). */
  private async content(id: string, res: http.ServerResponse, entry: AzureRequest): Promise<void> {
    const inner = await this.call('GET', `/files/${id}/content`)
    entry.status = 200
    const length = inner.headers.get('content-length')
    res.writeHead(200, { 'content-type': 'application/octet-stream', ...(length ? { 'content-length': length } : {}) })
    if (!inner.body) return void res.end()
    const body = Readable.fromWeb(inner.body as WebStream)
    body.on('error', () => res.socket?.destroy())
    body.pipe(res)
  }
}
