import * as os from 'node:os'
import { ApiError } from '../core/errors'
import { BATCH_LIST_PAGE } from '../core/limits'
import type { RemoteBatch, RemoteFile } from '../core/remote/records'
import { readTagged, TAG_PREFIX_LENGTH, tagOf } from '../core/remote/tags'
import type { BatchApi, CreateBatch, FileRange } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'
import { type BatchPage, instant, Ledger, type MessageBatch } from './anthropic-batches'
import { createBody } from './anthropic-create'
import { type AnthropicHttp, anthropicHttp, json, parseJson } from './anthropic-http'
import { firstCustomId, splitResults } from './anthropic-results'
import { batchKind, splitDownloads } from './split-download'

/**
 * The BatchApi for Anthropic's Message Batches, through fetch (not the SDK: the
 * create streams its body, and retries stay in one layer, anthropic-http.ts).
 * Anthropic has no files: a request file's range is remembered here and sent
 * inline by the create, and a batch's results are split into the two "files"
 * the action reads, `<batch id>/succeeded` and `<batch id>/failed`.
 */

export interface AnthropicOptions {
  /** Sent as x-api-key, to the base URL's origin only. */
  readonly apiKey: string
  /** https://api.anthropic.com by default. */
  readonly baseUrl?: string
  readonly clock: Clock
  /** Takes each batch the API answers, in full, as a debug line. */
  readonly log: Log
  /** Where results are split to; os.tmpdir() by default. */
  readonly tmpDir?: string
  /** What reads go through; proxiedFetch by default. The create always goes through http.ts postStream. */
  readonly fetch?: typeof fetch
}

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com'
const BATCHES = '/v1/messages/batches'

/** What the BatchApi's methods share. */
interface Api {
  readonly http: AnthropicHttp
  readonly ledger: Ledger
  readonly clock: Clock
  readonly log: Log
  readonly tmpDir: string
  /** Request file ranges "uploaded" this run, by their local id. */
  readonly sources: Map<string, { source: FileRange; filename: string }>
  /** The tag of each ended batch's results, read once a run. */
  readonly tags: Map<string, Promise<string | undefined>>
}

export function createAnthropicBatchApi(opts: AnthropicOptions): BatchApi {
  const { clock, log } = opts
  const http = anthropicHttp({ ...opts, baseUrl: opts.baseUrl ?? ANTHROPIC_BASE_URL })
  const api: Api = {
    http,
    ledger: new Ledger(log),
    clock,
    log,
    tmpDir: opts.tmpDir ?? os.tmpdir(),
    sources: new Map(),
    tags: new Map()
  }
  return {
    recentFiles: since => recentFiles(api, since),
    recentBatches: since => batchPages(api, since),
    uploadFile: async (source, filename) => register(api, source, filename),
    createBatch: req => createBatch(api, req),
    getBatch: async id => api.ledger.toBatch(await retrieve(api, id)),
    cancelBatch: async id => {
      const what = `Cancelling batch ${id}`
      const res = await http.call(what, http.url(`${BATCHES}/${enc(id)}/cancel`), {
        method: 'POST',
        notFound: `no batch ${id}`
      })
      return api.ledger.toBatch(await json<MessageBatch>(what, res))
    },
    // Nothing to delete: requests go inline, and ended batches are kept (phases/clean.ts keepStep says so).
    deleteFile: async () => false,
    download: downloads(api)
  }
}

const enc = encodeURIComponent

async function retrieve({ http }: Api, id: string): Promise<MessageBatch> {
  const what = `Retrieving batch ${id}`
  const res = await http.call(what, http.url(`${BATCHES}/${enc(id)}`), { notFound: `no batch ${id}` })
  return json<MessageBatch>(what, res)
}

/**
 * No call: Anthropic takes requests inline. The range is sent by the create.
 * Names carry the content's hash, so two alike are the same bytes; still, a
 * name met again for another range gets an id of its own.
 */
function register({ clock, sources }: Api, source: FileRange, filename: string): RemoteFile {
  const same = (id: string) => {
    const s = sources.get(id)?.source
    return !s || (s.abs === source.abs && s.start === source.start && s.end === source.end)
  }
  let id = `local:${filename}`
  for (let n = 2; !same(id); n++) id = `local:${filename}#${n}`
  sources.set(id, { source, filename })
  return { id, filename, bytes: source.end - source.start, createdAt: clock.now(), status: 'processed' }
}

/**
 * One POST, its body streamed from the file; never retried here (phases/once.ts
 * looks for a lost one first: the ledger claims it when listed).
 */
async function createBatch(api: Api, req: CreateBatch): Promise<RemoteBatch> {
  const { http, ledger, clock, sources } = api
  const registered = sources.get(req.inputFileId)
  if (!registered) throw new Error(`Creating a batch: ${req.inputFileId} was not registered by uploadFile this run.`)
  const { source, filename } = registered
  const tag = tagOf(req.metadata)
  if (!tag)
    throw new Error(
      `Creating a batch of ${filename}: its metadata carries no tag (too many parts or rounds?),` +
        ' so the action could not find the batch again.'
    )
  const what = `Creating a batch of ${filename}`
  // Read before anything is sent (a failure here made nothing): what a lost answer's batch is newer than.
  const after = await newestBatch(api)
  const body = createBody(source, filename, tag)
  const attempt = ledger.attempt({
    metadata: req.metadata,
    inputFileId: req.inputFileId,
    after,
    get requests() {
      return body.sent()
    },
    sentAt: clock.now()
  })
  let text: string
  try {
    text = await http.post(what, http.url(BATCHES), body.chunks)
  } catch (e) {
    const failure = body.failure()
    // Retryable: the answer may be lost after the batch was made; the ledger keeps the attempt to claim it.
    if (failure || !(e instanceof ApiError && e.retryable)) ledger.forget(attempt)
    else ledger.lost(attempt)
    throw failure ?? e
  }
  const b = parseJson<MessageBatch>(what, text)
  ledger.made(b.id, attempt)
  return ledger.toBatch(b)
}

/** The workspace's newest batch (one call), by the API's clock; undefined when it has none. */
async function newestBatch({ http }: Api): Promise<{ id: string; created: number } | undefined> {
  const what = 'Listing batches'
  const page = await json<BatchPage>(what, await http.call(what, http.url(`${BATCHES}?limit=1`), {}))
  const b = page.data[0]
  return b ? { id: b.id, created: instant(b.created_at) } : undefined
}

/** Page by page, newest first, so that the caller decides whether the next one is worth a call. */
async function* batchPages(api: Api, since: number): AsyncIterable<RemoteBatch[]> {
  for await (const page of rawPages(api, since)) yield page.map(b => api.ledger.toBatch(b))
}

/** The batches created at or after `since`, as the API shows them, a page (one call) at a time. */
async function* rawPages({ http }: Api, since: number): AsyncIterable<MessageBatch[]> {
  let after: string | null = null
  for (;;) {
    const q: URLSearchParams = new URLSearchParams({
      limit: String(BATCH_LIST_PAGE),
      ...(after ? { after_id: after } : {})
    })
    const what = 'Listing batches'
    const page: BatchPage = await json<BatchPage>(what, await http.call(what, http.url(`${BATCHES}?${q}`), {}))
    const kept = page.data.filter(b => seconds(b.created_at) >= since)
    yield kept
    if (kept.length < page.data.length || !page.has_more || !page.last_id) return
    after = page.last_id
  }
}

/**
 * Anthropic has no files: each ended batch since `since` stands for one, named
 * by the tag its first result's custom_id carries, so batches are tied to the
 * request files they came from after a lost cache. Untagged batches are not the action's.
 */
async function* recentFiles(api: Api, since: number): AsyncIterable<RemoteFile> {
  for await (const page of rawPages(api, since))
    for (const raw of page) {
      if (raw.processing_status !== 'ended' || !raw.results_url) continue
      const b = api.ledger.toBatch(raw)
      const tag = await tagOfResults(api, raw.id, raw.results_url)
      if (tag) yield { id: b.inputFileId, filename: tag, bytes: 0, createdAt: b.createdAt }
    }
}

/** The tag of a batch's first result line, once a run; its results past that line are not fetched. */
function tagOfResults(api: Api, id: string, url: string): Promise<string | undefined> {
  let tag = api.tags.get(id)
  if (!tag) {
    tag = (async () => {
      const stop = new AbortController()
      let res: Response
      try {
        res = await api.http.call(`Reading the results of batch ${id}`, url, { signal: stop.signal })
      } catch (e) {
        // Archived (29 days after it ended) or gone: nothing to tie it with, as for another's.
        if (e instanceof ApiError && e.status === 404) return undefined
        throw e
      }
      try {
        const first = await firstCustomId(res.body!)
        return first && readTagged(first) ? first.slice(0, TAG_PREFIX_LENGTH - 1) : undefined
      } finally {
        stop.abort()
      }
    })()
    api.tags.set(id, tag)
    tag.catch(() => api.tags.delete(id))
  }
  return tag
}

/**
 * `<batch id>/succeeded` or `<batch id>/failed`: the batch's results are
 * fetched from the `results_url` it gives (absolute, not built here) and split
 * once a run (split-download.ts); the other kind is then served from disk.
 */
function downloads(api: Api): BatchApi['download'] {
  return splitDownloads({
    ...api,
    parse: batchKind('.+'),
    async open(id) {
      const { results_url } = await retrieve(api, id)
      const what = `Downloading the results of batch ${id}`
      if (!results_url)
        throw new ApiError(`${what}: the batch has no results_url yet (has it ended?).`, { retryable: true })
      const res = await api.http.call(what, results_url, { notFound: `no results for batch ${id}` })
      return res.body!
    },
    split: splitResults
  })
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000)
