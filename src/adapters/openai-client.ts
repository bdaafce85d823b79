import { randomUUID } from 'node:crypto'
import type { Batch, FileObject } from 'openai/resources'
import { backoffMs } from '../core/backoff'
import { ApiError, errorMessage } from '../core/errors'
import { BATCH_LIST_PAGE } from '../core/limits'
import type { Provider } from '../core/providers'
import type { RemoteBatch, RemoteFile } from '../core/remote/records'
import type { BatchApi, CreateBatch, FileRange, UploadOptions } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'
import { connect, Connection } from './openai-connection'
import { toBatch as parseBatch, toFile } from './openai-parse'
import { explain, refused, unreachable } from './openai-errors'
import { postFile } from './openai-upload'

/** The SDK behind our BatchApi, for every provider (openai-connection.ts says how each is reached). */

export interface ClientOptions {
  readonly apiKey: string
  readonly baseUrl: string | undefined
  readonly provider: Provider
  /** `token`: a Microsoft Entra token for each call, used instead of the key. */
  readonly azure?: { readonly apiVersion?: string; readonly token?: () => Promise<string> }
  /** Waits between looks at an upload still being processed. */
  readonly clock: Clock
  /** Takes each batch the API answers, in full, as a debug line. */
  readonly log: Log
}

// The SDK retries 408/409/429/5xx and lost connections with backoff: the one
// retry layer for requests. Creates run with retries off (see BatchApi), and
// phases/once.ts looks for a lost create before trying it again.
const MAX_RETRIES = 4
const TIMEOUT_MS = 10 * 60 * 1000
const PAGE = 100
/** Looks at an upload Azure is still processing before giving up (about 10 minutes with the backoff). */
const PROCESSING_LOOKS = 40

/** The SDK's batch as the action reads it, written in full to the debug log first. */
function toBatch(log: Log, b: Batch): RemoteBatch {
  log.debug(`Batch ${b.id}: ${JSON.stringify(b)}`)
  return parseBatch(b)
}

/** What the BatchApi's methods share: one connection, and the provider its errors are worded for. */
interface Api {
  readonly conn: Connection
  readonly provider: Provider
  readonly clock: Clock
  readonly log: Log
  /** `e`, thrown by the call `what`, reworded (openai-errors.ts). */
  reword(e: unknown, what: string): unknown
  /** Runs the call `what`, its errors reworded. */
  call<T>(what: string, fn: () => Promise<T>): Promise<T>
}

export function createOpenAIBatchApi(opts: ClientOptions): BatchApi {
  const { provider, clock, log } = opts
  const conn = connect({ ...opts, maxRetries: MAX_RETRIES, timeoutMs: TIMEOUT_MS })
  const { client } = conn
  const reword = (e: unknown, what: string): unknown => explain(e, what, client.baseURL, provider)
  const api: Api = {
    conn,
    provider,
    clock,
    log,
    reword,
    async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
      try {
        return await fn()
      } catch (e) {
        throw reword(e, what)
      }
    }
  }
  return {
    recentFiles: since => recentFiles(api, since),
    recentBatches: since => batchPages(api, since),
    uploadFile: (source, filename, o = {}) => uploadFile(api, source, filename, o),
    createBatch: req => createBatch(api, req),
    getBatch: id => api.call(`Retrieving batch ${id}`, async () => toBatch(log, await client.batches.retrieve(id))),
    cancelBatch: id => api.call(`Cancelling batch ${id}`, async () => toBatch(log, await client.batches.cancel(id))),
    deleteFile: id =>
      api.call(`Deleting file ${id}`, async () => {
        await client.files.delete(id)
        return true
      }),
    download: fileId => download(api, fileId)
  }
}

async function* recentFiles({ conn, reword }: Api, since: number): AsyncIterable<RemoteFile> {
  try {
    for await (const f of conn.client.files.list({ purpose: 'batch', order: 'desc', limit: PAGE })) {
      if (f.created_at < since) return
      yield toFile(f)
    }
  } catch (e) {
    throw reword(e, 'Listing files')
  }
}

// Page by page, so that the caller decides whether the next one is worth a call.
async function* batchPages({ conn, log, reword }: Api, since: number): AsyncIterable<RemoteBatch[]> {
  try {
    for await (const page of (await conn.client.batches.list({ limit: BATCH_LIST_PAGE })).iterPages()) {
      // Parsed first: Azure writes created_at as a date string.
      const items = page.getPaginatedItems().map(b => toBatch(log, b))
      const kept = items.filter(b => b.createdAt >= since)
      yield kept
      if (kept.length < items.length) return
    }
  } catch (e) {
    throw reword(e, 'Listing batches')
  }
}

async function uploadFile(api: Api, source: FileRange, filename: string, opts: UploadOptions): Promise<RemoteFile> {
  const file = toFile(await streamUpload(api.conn, source, filename, opts, api.provider))
  return api.provider.waitsForProcessing ? processed(api, file, filename) : file
}

/** An upload the provider is still processing is waited for: a batch is made only from a processed file. */
async function processed(
  { conn, provider, clock, call }: Api,
  file: RemoteFile,
  filename: string
): Promise<RemoteFile> {
  let f = file
  for (let n = 0; f.status && f.status !== 'processed'; n++) {
    if (f.status === 'error')
      throw new ApiError(`Uploading ${filename}: ${provider.label} could not process the file (${f.id}).`, {
        retryable: false
      })
    if (n >= PROCESSING_LOOKS)
      throw new ApiError(
        `Uploading ${filename}: ${provider.label} was still processing ${f.id} after ${n} looks;` +
          ' the next run goes on from it.',
        { retryable: true }
      )
    await clock.sleep(Math.min(backoffMs(n), 15_000))
    f = await call(`Looking at file ${f.id}`, async () => toFile(await conn.client.files.retrieve(f.id)))
  }
  return f
}

/** POST /files as a multipart body streamed from disk (openai-upload.ts says why not through the SDK). */
async function streamUpload(
  conn: Connection,
  source: FileRange,
  filename: string,
  opts: UploadOptions,
  provider: Provider
): Promise<FileObject> {
  const boundary = `openai-batch-action-${randomUUID()}`
  const name = filename.replace(/["\r\n]/g, '_')
  const field = (key: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`
  const { url, expiryField } = conn.upload
  const auth = await conn.upload.headers()
  const expiry = opts.expiresAfter
    ? field(expiryField('anchor'), 'created_at') + field(expiryField('seconds'), String(opts.expiresAfter))
    : ''
  const head = Buffer.from(
    field('purpose', 'batch') +
      expiry +
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      'Content-Type: application/jsonl\r\n\r\n'
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const headers = {
    ...auth,
    accept: 'application/json',
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'user-agent': 'openai-batch-action'
  }
  const what = `Uploading ${filename}`
  let answer: { status: number | undefined; text: string }
  try {
    answer = await postFile(url, headers, { head, file: source, tail }, TIMEOUT_MS)
  } catch (e) {
    throw unreachable(what, conn.client.baseURL, errorMessage(e), provider)
  }
  const { status, text } = answer
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw refused(what, status, text.slice(0, 200), provider)
  }
  if (status !== 200 && status !== 201) {
    const error = (json as { error?: { message?: string } }).error
    throw refused(what, status, error?.message ?? text.slice(0, 200), provider)
  }
  return json as FileObject
}

function createBatch({ conn, log, call }: Api, req: CreateBatch): Promise<RemoteBatch> {
  return call('Creating a batch', async () =>
    toBatch(
      log,
      await conn.client.batches.create(
        {
          input_file_id: req.inputFileId,
          endpoint: req.endpoint as Batch['endpoint'] as never,
          completion_window: req.completionWindow as '24h',
          ...(Object.keys(req.metadata).length > 0 ? { metadata: { ...req.metadata } } : {}),
          ...(req.outputExpiresAfter
            ? { output_expires_after: { anchor: 'created_at' as const, seconds: req.outputExpiresAfter } }
            : {})
        },
        { maxRetries: 0 }
      )
    )
  )
}

function download({ conn, call }: Api, fileId: string): ReturnType<BatchApi['download']> {
  return call(`Downloading file ${fileId}`, async () => {
    const res = await conn.client.files.content(fileId)
    if (!res.body)
      throw new ApiError(`Downloading file ${fileId}: the response had no body.`, {
        status: res.status,
        retryable: true
      })
    const len = res.headers.get('content-length')
    return { body: res.body as ReadableStream<Uint8Array>, length: len === null ? undefined : Number(len) }
  })
}
