/**
 * A fake of the Actions results service on 127.0.0.1 (ACTIONS_RESULTS_URL): the
 * cache for the real `@actions/cache` — the v2 twirp protocol github.com uses,
 * with a blob store for the archives the Azure SDK uploads, and the v1 REST
 * protocol of GHES — and the artifact service for the real `@actions/artifact`.
 */
import * as http from 'node:http'
import { Loopback, loopback } from './loopback'

export interface CacheEntry {
  key: string
  version: string
  archive: Buffer | undefined
  createdAt: number
  id: number
}

export type CacheFault = 'down' | 'refuse-save' | 'corrupt'

export interface FakeArtifact {
  name: string
  id: number
  /** The uploaded zip, once finalized. */
  zip: Buffer | undefined
  expiresAt: string | undefined
}

/** A runtime token with the claims @actions/artifact reads (the run's backend ids). */
const RUNTIME_TOKEN = [
  Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ scp: 'Actions.GenericRead Actions.Results:run-backend-1:job-backend-1' })).toString(
    'base64url'
  ),
  'fake-signature'
].join('.')

export class FakeCache {
  readonly entries: CacheEntry[] = []
  readonly artifacts: FakeArtifact[] = []
  readonly log: { method: string; path: string }[] = []
  /** 'down': every call answers 500; 'refuse-save': CreateCacheEntry says no; 'corrupt': archives come back garbled. */
  fault: CacheFault | undefined
  /** Uploaded bytes not yet finalized, by blob id: whole blobs, and blocks by block id. */
  private readonly committed = new Map<string, Buffer>()
  private readonly blocks = new Map<string, Map<string, Buffer>>()
  /** GHES uploads: chunks by offset. */
  private readonly chunks = new Map<string, Map<number, Buffer>>()
  private readonly taps: { method: string; path: RegExp; fn: () => void }[] = []
  private server: Loopback | undefined
  private seq = 0
  url = ''

  /** Calls `fn` once, when the next matching request arrives (a test kills the action there). */
  tap(method: string, path: RegExp, fn: () => void): void {
    this.taps.push({ method, path, fn })
  }

  async start(): Promise<string> {
    this.server = await loopback((req, res) => this.handle(req, res))
    this.url = `${this.server.origin}/`
    return this.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  /** The environment a runner gives a step for this cache service. */
  env(version: 'v1' | 'v2' = 'v2'): Record<string, string> {
    return version === 'v2'
      ? { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: this.url, ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN }
      : {
          ACTIONS_CACHE_URL: this.url,
          ACTIONS_RESULTS_URL: this.url,
          ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
          GITHUB_SERVER_URL: 'https://ghes.example.com'
        }
  }

  keys(): string[] {
    return this.entries.filter(e => e.archive).map(e => e.key)
  }

  private async body(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    return Buffer.concat(chunks)
  }

  private send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(text)
  }

  /** Newest complete entry for the key, else for the first restore key that prefixes one. */
  private match(version: string, key: string, restoreKeys: string[]): CacheEntry | undefined {
    const ready = this.entries.filter(e => e.archive && e.version === version).reverse()
    return ready.find(e => e.key === key) ?? restoreKeys.map(p => ready.find(e => e.key.startsWith(p))).find(Boolean)
  }

  private archive(e: CacheEntry): Buffer {
    return this.fault === 'corrupt' ? Buffer.from('this is not a tar archive') : e.archive!
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    this.log.push({ method: req.method ?? '', path: url.pathname })
    const tap = this.taps.findIndex(t => t.method === req.method && t.path.test(url.pathname))
    if (tap >= 0) this.taps.splice(tap, 1)[0]!.fn()
    const body = await this.body(req)
    if (this.fault === 'down') return this.send(res, 500, { msg: 'cache service down' })
    const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.CacheService\/(\w+)$/.exec(url.pathname)
    if (twirp) return this.twirp(twirp[1]!, JSON.parse(body.toString() || '{}') as Record<string, string>, res)
    const artifactRpc = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname)
    if (artifactRpc)
      return this.artifactRpc(artifactRpc[1]!, JSON.parse(body.toString() || '{}') as Record<string, string>, res)
    const blob = /^\/blob\/(\d+)$/.exec(url.pathname)
    if (blob) return this.blob(req, url, Number(blob[1]), body, res)
    const artifactBlob = /^\/artifact-blob\/(\d+)$/.exec(url.pathname)
    if (artifactBlob) return this.blob(req, url, -Number(artifactBlob[1]), body, res)
    if (url.pathname.startsWith('/_apis/artifactcache/')) return this.v1(req, url, body, res)
    this.send(res, 404, { msg: `no route ${req.method} ${url.pathname}` })
  }

  private twirp(method: string, msg: Record<string, string>, res: http.ServerResponse): void {
    const restoreKeys = (msg.restore_keys ?? msg.restoreKeys ?? []) as unknown as string[]
    if (method === 'GetCacheEntryDownloadURL') {
      const e = this.match(msg.version!, msg.key!, restoreKeys)
      if (!e) return this.send(res, 200, { ok: false, signed_download_url: '', matched_key: '' })
      return this.send(res, 200, {
        ok: true,
        signed_download_url: `${this.url}blob/${e.id}?sig=fake`,
        matched_key: e.key
      })
    }
    if (method === 'CreateCacheEntry') {
      if (this.fault === 'refuse-save' || this.entries.some(e => e.key === msg.key && e.version === msg.version))
        return this.send(res, 409, {
          code: 'already_exists',
          msg: 'cache entry with the same key, version, and scope already exists'
        })
      const e: CacheEntry = {
        key: msg.key!,
        version: msg.version!,
        archive: undefined,
        createdAt: Date.now(),
        id: ++this.seq
      }
      this.entries.push(e)
      return this.send(res, 200, { ok: true, signed_upload_url: `${this.url}blob/${e.id}?sig=fake` })
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const e = this.entries.find(x => x.key === msg.key && x.version === msg.version)
      const data = e && this.committed.get(String(e.id))
      if (!e || !data) return this.send(res, 404, { code: 'not_found', msg: 'no upload for this entry' })
      e.archive = data
      this.committed.delete(String(e.id))
      return this.send(res, 200, { ok: true, entry_id: String(e.id) })
    }
    this.send(res, 404, { code: 'bad_route', msg: `no method ${method}` })
  }

  private artifactRpc(method: string, msg: Record<string, string>, res: http.ServerResponse): void {
    if (msg.workflow_run_backend_id !== 'run-backend-1' || msg.workflow_job_run_backend_id !== 'job-backend-1')
      return this.send(res, 400, { code: 'invalid_argument', msg: 'unknown backend ids' })
    if (method === 'CreateArtifact') {
      if (this.artifacts.some(a => a.name === msg.name))
        return this.send(res, 409, {
          code: 'already_exists',
          msg: 'an artifact with this name already exists on the workflow run'
        })
      const a: FakeArtifact = { name: msg.name!, id: ++this.seq, zip: undefined, expiresAt: msg.expires_at }
      this.artifacts.push(a)
      return this.send(res, 200, { ok: true, signed_upload_url: `${this.url}artifact-blob/${a.id}?sig=fake` })
    }
    if (method === 'FinalizeArtifact') {
      const a = this.artifacts.find(x => x.name === msg.name)
      const data = a && this.committed.get(String(-a.id))
      if (!a || !data) return this.send(res, 404, { code: 'not_found', msg: 'no upload for this artifact' })
      a.zip = data
      return this.send(res, 200, { ok: true, artifact_id: String(a.id) })
    }
    this.send(res, 404, { code: 'bad_route', msg: `no method ${method}` })
  }

  /**
   * The blob store behind the signed URLs: Azure's Put Blob / Put Block / Put
   * Block List, and GET. Cache entries have positive ids, artifacts negative.
   */
  private blob(req: http.IncomingMessage, url: URL, id: number, body: Buffer, res: http.ServerResponse): void {
    const e =
      id > 0
        ? this.entries.find(x => x.id === id)
        : this.artifacts.some(a => a.id === -id)
          ? ({ id, archive: undefined } as unknown as CacheEntry)
          : undefined
    if (!e) return this.send(res, 404)
    const headers = {
      etag: `"0x${id}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': `req-${id}`,
      'x-ms-version': '2024-11-04'
    }
    if (req.method === 'PUT') {
      const comp = url.searchParams.get('comp')
      const blocks = this.blocks.get(String(id)) ?? new Map<string, Buffer>()
      this.blocks.set(String(id), blocks)
      if (comp === 'block') blocks.set(url.searchParams.get('blockid') ?? '', body)
      else if (comp === 'blocklist') {
        const ids = [...body.toString().matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]+)<\//g)].map(m => m[1]!)
        this.committed.set(String(id), Buffer.concat(ids.map(b => blocks.get(b) ?? Buffer.alloc(0))))
      } else this.committed.set(String(id), body)
      res.writeHead(201, headers)
      return void res.end()
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const data = e.archive ? this.archive(e) : undefined
      if (!data) return this.send(res, 404)
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': String(data.length)
      })
      return void res.end(req.method === 'GET' ? data : undefined)
    }
    this.send(res, 405)
  }

  /** GHES's v1 REST protocol. */
  private v1(req: http.IncomingMessage, url: URL, body: Buffer, res: http.ServerResponse): void {
    const p = url.pathname.slice('/_apis/artifactcache/'.length)
    if (req.method === 'GET' && p === 'cache') {
      const keys = (url.searchParams.get('keys') ?? '').split(',')
      const e = this.match(url.searchParams.get('version') ?? '', keys[0] ?? '', keys.slice(1))
      if (!e) return this.send(res, 204)
      return this.send(res, 200, {
        cacheKey: e.key,
        scope: 'refs/heads/main',
        archiveLocation: `${this.url}blob/${e.id}`
      })
    }
    if (req.method === 'POST' && p === 'caches') {
      const msg = JSON.parse(body.toString()) as { key: string; version: string }
      if (this.fault === 'refuse-save' || this.entries.some(e => e.key === msg.key && e.version === msg.version))
        return this.send(res, 409, { message: 'Cache already exists.' })
      const e: CacheEntry = {
        key: msg.key,
        version: msg.version,
        archive: undefined,
        createdAt: Date.now(),
        id: ++this.seq
      }
      this.entries.push(e)
      return this.send(res, 201, { cacheId: e.id })
    }
    const m = /^caches\/(\d+)$/.exec(p)
    if (m && req.method === 'PATCH') {
      const chunks = this.chunks.get(m[1]!) ?? new Map<number, Buffer>()
      chunks.set(Number(/bytes (\d+)-/.exec(req.headers['content-range'] ?? '')?.[1] ?? 0), body)
      this.chunks.set(m[1]!, chunks)
      return this.send(res, 204)
    }
    if (m && req.method === 'POST') {
      const e = this.entries.find(x => x.id === Number(m[1]))
      const chunks = [...(this.chunks.get(m[1]!) ?? new Map<number, Buffer>())].sort((a, b) => a[0] - b[0])
      e!.archive = Buffer.concat(chunks.map(c => c[1]))
      this.chunks.delete(m[1]!)
      return this.send(res, 204)
    }
    this.send(res, 404)
  }
}
