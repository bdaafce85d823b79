import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import OpenAI, { APIConnectionError, APIError } from 'openai'
import type { Batch, FileObject } from 'openai/resources'
import { ApiError, errorMessage } from '../core/errors'
import type { RemoteBatch, RemoteFile } from '../core/remote'
import type { BatchApi, CreateBatch, FileRange, UploadOptions } from '../ports/batch-api'
import { postFile } from './openai-upload'

/** The one file that imports `openai`: the SDK behind our BatchApi. */

export interface ClientOptions {
  readonly apiKey: string
  readonly baseUrl: string | undefined
}

// The SDK retries 408/409/429/5xx and lost connections with backoff: the one
// retry layer for requests. Creates run with retries off (see BatchApi), and
// phases/once.ts looks for a lost create before trying it again.
const MAX_RETRIES = 4
const TIMEOUT_MS = 10 * 60 * 1000
const PAGE = 100

function toFile(f: FileObject): RemoteFile {
  return { id: f.id, filename: f.filename, bytes: f.bytes, createdAt: f.created_at }
}

function toBatch(b: Batch): RemoteBatch {
  core.debug(`Batch ${b.id}: ${JSON.stringify(b)}`)
  return {
    id: b.id,
    status: b.status,
    inputFileId: b.input_file_id,
    outputFileId: b.output_file_id ?? null,
    errorFileId: b.error_file_id ?? null,
    createdAt: b.created_at,
    requestCounts: b.request_counts ?? undefined,
    metadata: (b.metadata ?? {}) as Record<string, string>,
    errors: b.errors?.data ?? [],
    model: b.model ?? undefined,
    usage: b.usage
      ? {
          input: b.usage.input_tokens,
          cachedInput: b.usage.input_tokens_details?.cached_tokens ?? 0,
          output: b.usage.output_tokens,
          reasoning: b.usage.output_tokens_details?.reasoning_tokens ?? 0
        }
      : undefined,
    expiresAt: b.expires_at ?? undefined
  }
}

const unreachable = (what: string, baseURL: string, message: string): ApiError =>
  new ApiError(`${what}: could not reach the OpenAI API at ${baseURL} (${message}). Check openai-base-url and the runner's network.`, undefined, true, true)

/** Rewords an SDK error into what the user should change. */
function explain(e: unknown, what: string, baseURL: string): unknown {
  if (e instanceof APIConnectionError) return unreachable(what, baseURL, e.message)
  if (!(e instanceof APIError)) return e
  const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message
  return refused(what, e.status, detail)
}

/** OpenAI's "You have exceeded your file storage quota", Azure's "The quota for files without expiry is reached". */
const STORAGE_FULL = /file storage quota|quota for files/i

function refused(what: string, status: number | undefined, detail: string): ApiError {
  const hint =
    status === 401
      ? ' OpenAI rejected the API key: check the secret passed as openai-api-key.'
      : status === 403
        ? ' The API key may not use Files or Batches: give it write access to Files and Batches in the project, or use a key of the right project.'
        : status === 404
          ? ' Not found: the key may belong to another project, or openai-base-url points at the wrong API.'
          : STORAGE_FULL.test(detail)
            ? ' The file storage is full (OpenAI keeps 100 GB an organisation; Azure 500 files without expiry a resource): delete old files (platform.openai.com/storage, or the Files API), and keep delete-remote-files on and remote-files-expire-after set so finished batches free theirs.'
            : ''
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500
  return new ApiError(`${what}: OpenAI answered ${status ?? 'nothing'} (${detail}).${hint}`, status, retryable)
}

/** POST /files as a multipart body streamed from disk (upload.ts says why not through the SDK). */
async function streamUpload(client: OpenAI, source: FileRange, filename: string, opts: UploadOptions): Promise<FileObject> {
  const boundary = `openai-batch-action-${randomUUID()}`
  const name = filename.replace(/["\r\n]/g, '_')
  const field = (key: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`
  // Nested fields as the SDK writes them: expires_after[anchor], expires_after[seconds].
  const expiry = opts.expiresAfter ? field('expires_after[anchor]', 'created_at') + field('expires_after[seconds]', String(opts.expiresAfter)) : ''
  const head = Buffer.from(
    field('purpose', 'batch') +
      expiry +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/jsonl\r\n\r\n`
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const headers: Record<string, string> = {
    authorization: `Bearer ${client.apiKey}`,
    accept: 'application/json',
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'user-agent': 'openai-batch-action'
  }
  if (client.organization) headers['openai-organization'] = client.organization
  if (client.project) headers['openai-project'] = client.project
  const what = `Uploading ${filename}`
  let answer: { status: number | undefined; text: string }
  try {
    answer = await postFile(`${client.baseURL.replace(/\/$/, '')}/files`, headers, { head, file: source, tail }, TIMEOUT_MS)
  } catch (e) {
    throw unreachable(what, client.baseURL, errorMessage(e))
  }
  const { status, text } = answer
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw refused(what, status, text.slice(0, 200))
  }
  if (status !== 200) {
    const error = (json as { error?: { message?: string } }).error
    throw refused(what, status, error?.message ?? text.slice(0, 200))
  }
  return json as FileObject
}

export function createOpenAIBatchApi(opts: ClientOptions): BatchApi {
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseUrl, maxRetries: MAX_RETRIES, timeout: TIMEOUT_MS })
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw explain(e, what, client.baseURL)
    }
  }
  async function* paged<T, R>(what: string, pages: () => AsyncIterable<T>, map: (t: T) => R, createdAt: (t: T) => number, since: number): AsyncIterable<R> {
    try {
      for await (const item of pages()) {
        if (createdAt(item) < since) return
        yield map(item)
      }
    } catch (e) {
      throw explain(e, what, client.baseURL)
    }
  }
  return {
    recentFiles: since =>
      paged('Listing files', () => client.files.list({ purpose: 'batch', order: 'desc', limit: PAGE }), toFile, f => f.created_at, since),
    recentBatches: since =>
      paged('Listing batches', () => client.batches.list({ limit: PAGE }), toBatch, b => b.created_at, since),
    uploadFile: async (source, filename, opts = {}) => toFile(await streamUpload(client, source, filename, opts)),
    createBatch: (req: CreateBatch) =>
      call('Creating a batch', async () =>
        toBatch(
          await client.batches.create(
            {
              input_file_id: req.inputFileId,
              endpoint: req.endpoint as Batch['endpoint'] as never,
              completion_window: req.completionWindow as '24h',
              metadata: { ...req.metadata },
              ...(req.outputExpiresAfter ? { output_expires_after: { anchor: 'created_at' as const, seconds: req.outputExpiresAfter } } : {})
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
        if (!res.body) throw new ApiError(`Downloading file ${fileId}: the response had no body.`, res.status, true)
        const len = res.headers.get('content-length')
        return { body: res.body as ReadableStream<Uint8Array>, length: len === null ? undefined : Number(len) }
      })
  }
}
