import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { APIConnectionError, APIError, OpenAIError } from 'openai'
import type { Batch, FileObject } from 'openai/resources'
import { backoffMs } from '../core/backoff'
import { ApiError, errorMessage } from '../core/errors'
import { BATCH_LIST_PAGE } from '../core/limits'
import type { Provider } from '../core/providers'
import type { RemoteBatch, RemoteFile } from '../core/remote/records'
import type { BatchApi, CreateBatch, FileRange, UploadOptions } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import { connect, Connection } from './openai-connection'
import { toBatch as parseBatch, toFile } from './openai-parse'
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
}

// The SDK retries 408/409/429/5xx and lost connections with backoff: the one
// retry layer for requests. Creates run with retries off (see BatchApi), and
// phases/once.ts looks for a lost create before trying it again.
const MAX_RETRIES = 4
const TIMEOUT_MS = 10 * 60 * 1000
const PAGE = 100
/** Looks at an upload Azure is still processing before giving up (about 10 minutes with the backoff). */
const PROCESSING_LOOKS = 40

function toBatch(b: Batch) {
  core.debug(`Batch ${b.id}: ${JSON.stringify(b)}`)
  return parseBatch(b)
}

const unreachable = (what: string, baseURL: string, message: string, provider: Provider): ApiError =>
  new ApiError(
    `${what}: could not reach the ${provider.kind === 'compatible' ? '' : `${provider.label} `}API at ${baseURL} (${message}). Check openai-base-url and the runner's network.`,
    { retryable: true, unreachable: true }
  )

/** Rewords an SDK error into what the user should change. */
function explain(e: unknown, what: string, baseURL: string, provider: Provider): unknown {
  // A token that could not be had (openai-connection.ts), as the SDK wrapped it.
  if (e instanceof OpenAIError && e.cause instanceof ApiError) return e.cause
  if (e instanceof APIConnectionError) return unreachable(what, baseURL, e.message, provider)
  if (!(e instanceof APIError)) return e
  const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message
  return refused(what, e.status, detail, provider)
}

/** OpenAI's "You have exceeded your file storage quota", Azure's "The quota for files without expiry is reached". */
const STORAGE_FULL = /file storage quota|quota for files/i

/** What the user can do about a refusal, appended to its message; '' when there is nothing to add. */
function refusalHint(status: number | undefined, detail: string, provider: Provider): string {
  const azure = provider.kind === 'azure'
  if (status === 401)
    return azure
      ? ' Azure OpenAI rejected the key: pass the resource key as openai-api-key (sent as api-key), or an Entra token (azure-ad-token, or azure-credential: azure-cli) of an identity with a role such as Cognitive Services OpenAI User on the resource.'
      : ' OpenAI rejected the API key: check the secret passed as openai-api-key.'
  if (status === 403)
    return ' The API key may not use Files or Batches: give it write access to Files and Batches in the project, or use a key of the right project.'
  if (status === 404)
    return azure
      ? ' Not found: check openai-base-url (https://<resource>.openai.azure.com/openai/v1/) and azure-api-version (empty for the v1 API).'
      : ' Not found: the key may belong to another project, or openai-base-url points at the wrong API.'
  if (STORAGE_FULL.test(detail))
    return ' The file storage is full (OpenAI keeps 100 GB an organisation; Azure 500 files without expiry a resource): delete old files (platform.openai.com/storage, or the Files API), and keep delete-remote-files on and remote-files-expire-after set so finished batches free theirs.'
  return ''
}

function refused(what: string, status: number | undefined, detail: string, provider: Provider): ApiError {
  const hint = refusalHint(status, detail, provider)
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500
  return new ApiError(
    `${what}: ${provider.kind === 'compatible' ? 'the API' : provider.label} answered ${status ?? 'nothing'} (${detail}).${hint}`,
    { status, retryable }
  )
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
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/jsonl\r\n\r\n`
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

export function createOpenAIBatchApi(opts: ClientOptions): BatchApi {
  const { provider, clock } = opts
  const conn = connect({ ...opts, maxRetries: MAX_RETRIES, timeoutMs: TIMEOUT_MS })
  const { client } = conn
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw explain(e, what, client.baseURL, provider)
    }
  }
  /** An upload the provider is still processing is waited for: a batch is made only from a processed file. */
  async function processed(file: RemoteFile, filename: string): Promise<RemoteFile> {
    let f = file
    for (let n = 0; f.status && f.status !== 'processed'; n++) {
      if (f.status === 'error')
        throw new ApiError(`Uploading ${filename}: ${provider.label} could not process the file (${f.id}).`, {
          retryable: false
        })
      if (n >= PROCESSING_LOOKS)
        throw new ApiError(
          `Uploading ${filename}: ${provider.label} was still processing ${f.id} after ${n} looks; the next run goes on from it.`,
          { retryable: true }
        )
      await clock.sleep(Math.min(backoffMs(n), 15_000))
      f = await call(`Looking at file ${f.id}`, async () => toFile(await client.files.retrieve(f.id)))
    }
    return f
  }
  async function* paged<T, R>(
    what: string,
    pages: () => AsyncIterable<T>,
    map: (t: T) => R,
    createdAt: (t: T) => number,
    since: number
  ): AsyncIterable<R> {
    try {
      for await (const item of pages()) {
        if (createdAt(item) < since) return
        yield map(item)
      }
    } catch (e) {
      throw explain(e, what, client.baseURL, provider)
    }
  }
  // Page by page, so that the caller decides whether the next one is worth a call.
  async function* batchPages(since: number): AsyncIterable<RemoteBatch[]> {
    try {
      for await (const page of (await client.batches.list({ limit: BATCH_LIST_PAGE })).iterPages()) {
        // Parsed first: Azure writes created_at as a date string.
        const items = page.getPaginatedItems().map(toBatch)
        const kept = items.filter(b => b.createdAt >= since)
        yield kept
        if (kept.length < items.length) return
      }
    } catch (e) {
      throw explain(e, 'Listing batches', client.baseURL, provider)
    }
  }
  return {
    recentFiles: since =>
      paged(
        'Listing files',
        () => client.files.list({ purpose: 'batch', order: 'desc', limit: PAGE }),
        toFile,
        f => f.created_at,
        since
      ),
    recentBatches: batchPages,
    uploadFile: async (source, filename, o = {}) => {
      const file = toFile(await streamUpload(conn, source, filename, o, provider))
      return provider.waitsForProcessing ? processed(file, filename) : file
    },
    createBatch: (req: CreateBatch) =>
      call('Creating a batch', async () =>
        toBatch(
          await client.batches.create(
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
      ),
    getBatch: id => call(`Retrieving batch ${id}`, async () => toBatch(await client.batches.retrieve(id))),
    cancelBatch: id => call(`Cancelling batch ${id}`, async () => toBatch(await client.batches.cancel(id))),
    deleteFile: id =>
      call(`Deleting file ${id}`, async () => {
        await client.files.delete(id)
      }),
    download: fileId =>
      call(`Downloading file ${fileId}`, async () => {
        const res = await client.files.content(fileId)
        if (!res.body)
          throw new ApiError(`Downloading file ${fileId}: the response had no body.`, {
            status: res.status,
            retryable: true
          })
        const len = res.headers.get('content-length')
        return { body: res.body as ReadableStream<Uint8Array>, length: len === null ? undefined : Number(len) }
      })
  }
}
