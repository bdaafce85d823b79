import * as os from 'node:os'
import { ApiError } from '../core/errors'
import { uploadName } from '../core/paths'
import { MetadataKeys, type RemoteBatch, type RemoteFile } from '../core/remote/records'
import type { BatchApi, CreateBatch } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'
import { batchOf, type BatchJson, Ledger, type OperationJson, seconds } from './gemini-batches'
import { type GeminiHttp, geminiHttp, json } from './gemini-http'
import { splitResponses } from './gemini-results'
import { batchKind, splitDownloads } from './split-download'
import { type FileJson, toRemoteFile, uploadResumable } from './gemini-upload'

/**
 * The BatchApi for the Gemini API's Batch Mode, through fetch (not
 * @google/genai: its converter drops batchStats, its download writes only to
 * a path, and retries stay in one layer, gemini-http.ts). A batch's responses
 * file is split into the two "files" the action reads, `<batch>/succeeded`
 * and `<batch>/failed`. Batches keep no metadata: their displayName is the
 * upload's name (core/paths.ts uploadName), which finds them again.
 */

export interface GeminiOptions {
  /** Sent as x-goog-api-key, to the base URL's origin only. */
  readonly apiKey: string
  /** https://generativelanguage.googleapis.com by default. */
  readonly baseUrl?: string
  /** `gemini-2.5-flash` or `models/gemini-2.5-flash`: Gemini names the model in the create, not in the lines. */
  readonly model: string
  readonly clock: Clock
  /** Takes each batch the API answers, in full, as a debug line. */
  readonly log: Log
  /** Where results are split to; os.tmpdir() by default. */
  readonly tmpDir?: string
  /** What calls go through; proxiedFetch by default. Upload chunks always go through http.ts postStream. */
  readonly fetch?: typeof fetch
}

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com'
/** Items a list page asks for: the most files.list gives (its documented 100). */
const PAGE_SIZE = 100

/** What the BatchApi's methods share. */
interface Api {
  readonly http: GeminiHttp
  readonly ledger: Ledger
  readonly clock: Clock
  readonly log: Log
  readonly model: string
  readonly tmpDir: string
  /** The names of the files uploaded or listed this run, by id: a create's displayName when its metadata has none. */
  readonly names: Map<string, string>
}

export function createGeminiBatchApi(opts: GeminiOptions): BatchApi {
  const { clock, log } = opts
  const http = geminiHttp({ ...opts, baseUrl: opts.baseUrl ?? GEMINI_BASE_URL })
  const api: Api = {
    http,
    ledger: new Ledger(log),
    clock,
    log,
    model: opts.model.replace(/^models\//, ''),
    tmpDir: opts.tmpDir ?? os.tmpdir(),
    names: new Map()
  }
  return {
    recentFiles: since => recentFiles(api, since),
    recentBatches: since => batchPages(api, since),
    // Gemini's files expire 48 hours after upload, whatever is asked: expiresAfter is not sent.
    uploadFile: async (source, filename) => {
      const f = await uploadResumable(http, clock, source, filename)
      api.names.set(f.id, f.filename)
      return f
    },
    createBatch: req => createBatch(api, req),
    getBatch: async id => api.ledger.toBatch(await retrieve(api, id)),
    cancelBatch: async id => {
      const res = await http.call(`Cancelling batch ${id}`, http.url(`/${batchPath(id)}:cancel`), {
        method: 'POST',
        body: '{}',
        notFound: `no batch ${id}`
      })
      await res.body?.cancel()
      return api.ledger.toBatch(await retrieve(api, id))
    },
    deleteFile: id => deleteFile(api, id),
    download: downloads(api)
  }
}

/** `batches/xyz` from `batches/xyz` or `xyz`, its id escaped. */
const batchPath = (id: string): string => `batches/${encodeURIComponent(id.replace(/^batches\//, ''))}`

async function retrieve({ http }: Api, id: string): Promise<OperationJson> {
  const what = `Retrieving batch ${id}`
  const res = await http.call(what, http.url(`/${batchPath(id)}`), { notFound: `no batch ${id}` })
  return json<OperationJson>(what, res)
}

/**
 * One POST, never retried here (phases/once.ts looks for a lost one first: the
 * ledger claims a listed batch of the attempt's displayName).
 */
async function createBatch(api: Api, req: CreateBatch): Promise<RemoteBatch> {
  const { http, ledger, clock } = api
  const displayName = displayNameOf(req.metadata) ?? api.names.get(req.inputFileId) ?? req.inputFileId
  const what = `Creating a batch of ${displayName}`
  const attempt = ledger.attempt({
    metadata: req.metadata,
    displayName,
    inputFileId: req.inputFileId,
    sentAt: clock.now()
  })
  let answer: OperationJson
  try {
    const res = await http.once(what, http.url(`/models/${encodeURIComponent(api.model)}:batchGenerateContent`), {
      method: 'POST',
      body: JSON.stringify({ batch: { displayName, inputConfig: { fileName: req.inputFileId } } }),
      notFound: `no model ${api.model} (check the model input)`
    })
    answer = await json<OperationJson>(what, res)
  } catch (e) {
    // Retryable: the answer may be lost after the batch was made; the ledger keeps the attempt to claim it.
    if (e instanceof ApiError && e.retryable) ledger.lost(attempt)
    else ledger.forget(attempt)
    throw e
  }
  ledger.made(batchOf(answer).batch.name, attempt)
  return ledger.toBatch(answer)
}

/** The upload name of the slot `metadata` describes (core/paths.ts), or undefined when it names none. */
function displayNameOf(m: Readonly<Record<string, string>>): string | undefined {
  const p = m[MetadataKeys.Path]
  const sha256 = m[MetadataKeys.Sha256]
  const part = /^(\d+)\/(\d+)$/.exec(m[MetadataKeys.Part] ?? '1/1')
  if (!p || !sha256 || !part) return undefined
  const round = Number(m[MetadataKeys.Round] ?? 0) || 0
  return uploadName({ path: p, sha256, round }, Number(part[1]) - 1, Number(part[2]))
}

/**
 * Batches created at or after `since`, a page (one call) at a time. The API
 * does not document the list's order: reading stops past `since` only once
 * the list has shown it goes newest first; otherwise every page is read.
 */
async function* batchPages(api: Api, since: number): AsyncIterable<RemoteBatch[]> {
  for await (const page of operationPages(api, since)) yield page.map(o => api.ledger.toBatch(o))
}

/** The batches' operations created at or after `since`, a page at a time. */
const operationPages = (api: Api, since: number): AsyncIterable<OperationJson[]> =>
  rawPages(api, 'batches', 'operations', since, (o: OperationJson) => batchOf(o).batch.createTime)

/** The items of a list (`files` or `batches`) created at or after `since`, a page at a time. */
async function* rawPages<T>(
  { http }: Api,
  what: 'files' | 'batches',
  field: string,
  since: number,
  created: (item: T) => string | undefined
): AsyncIterable<T[]> {
  let token: string | undefined
  // Whether the list has gone newest first so far, and has shown it (a time lower than the one before).
  let order = { descending: true, shown: false, last: Infinity }
  for (;;) {
    const q = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...(token ? { pageToken: token } : {}) })
    const doing = `Listing ${what}`
    const page = await json<Record<string, unknown>>(doing, await http.call(doing, http.url(`/${what}?${q}`), {}))
    const items = (Array.isArray(page[field]) ? page[field] : []) as T[]
    const times = items.map(i => seconds(created(i)))
    yield items.filter((_, i) => times[i]! >= since)
    order = times.reduce(
      (o, t) => ({
        descending: o.descending && t <= o.last,
        shown: o.shown || (Number.isFinite(o.last) && t < o.last),
        last: t
      }),
      order
    )
    token = typeof page.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined
    if (!token || (order.descending && order.shown && order.last < since)) return
  }
}

/**
 * Uploads created since `since` that have a displayName, and, for each batch
 * created since with a displayName, its input file under that name: a batch
 * is still found by its upload's name after the upload was deleted
 * (delete-remote-files).
 */
async function* recentFiles(api: Api, since: number): AsyncIterable<RemoteFile> {
  const seen = new Set<string>()
  for await (const page of rawPages(api, 'files', 'files', since, (f: FileJson) => f.createTime))
    for (const raw of page) {
      // A responses file (GENERATED) is no upload of the action's.
      if (!raw.displayName || raw.source === 'GENERATED' || seen.has(raw.name)) continue
      seen.add(raw.name)
      api.names.set(raw.name, raw.displayName)
      yield toRemoteFile(raw)
    }
  for await (const page of operationPages(api, since))
    for (const op of page) {
      const b: BatchJson = batchOf(op).batch
      const id = b.inputConfig?.fileName
      if (!b.displayName || !id || seen.has(id)) continue
      seen.add(id)
      yield { id, filename: b.displayName, bytes: 0, createdAt: seconds(b.createTime) }
    }
}

/**
 * A real upload is deleted (gone already is fine). `<batch>/…` stands for a
 * batch's responses file, which cannot be deleted (its id is over the Files
 * API's 40 characters; Google removes it). Batches are never deleted: the
 * batch's displayName is what finds it again after a lost cache, so that its
 * content is not submitted twice.
 */
async function deleteFile({ http }: Api, id: string): Promise<boolean> {
  if (id.includes('/') && !/^files\/[^/]+$/.test(id)) return false
  const name = id.startsWith('files/') ? id : `files/${id}`
  try {
    const res = await http.call(`Deleting ${name}`, http.url(`/files/${encodeURIComponent(name.slice(6))}`), {
      method: 'DELETE'
    })
    await res.body?.cancel()
    return true
  } catch (e) {
    // 404, and the 403 "may not exist" refused() rewords as 404: gone already.
    if (e instanceof ApiError && e.status === 404) return false
    throw e
  }
}

/**
 * `<batch>/succeeded` or `<batch>/failed`: the batch's responses file is
 * downloaded and split once a run (split-download.ts); the other kind is then
 * served from disk.
 */
function downloads(api: Api): BatchApi['download'] {
  return splitDownloads({
    ...api,
    parse: batchKind('batches/[^/]+'),
    async open(id) {
      const responses = batchOf(await retrieve(api, id)).batch.output?.responsesFile
      const what = `Downloading the results of batch ${id}`
      if (!responses)
        throw new ApiError(`${what}: the batch has no responses file yet (has it ended?).`, { retryable: true })
      const url = `${api.http.url(`/${responses}:download`, '/download')}?alt=media`
      const notFound = `no responses file ${responses} (Google removes it in time)`
      return (await api.http.call(what, url, { notFound })).body!
    },
    split: (body, dir, id) => splitResponses(body, dir, id.replace(/^batches\//, ''))
  })
}
