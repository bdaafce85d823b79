import { backoffMs } from '../core/backoff'
import { ApiError } from '../core/errors'
import type { RemoteFile } from '../core/remote/records'
import { chunksOf } from '../io/chunks'
import type { FileRange } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import { isRetryableStatus, lost, refused } from './gemini-errors'
import { type GeminiHttp, MAX_RETRIES, parseJson, TIMEOUT_MS } from './gemini-http'
import { postStream } from './http'

/**
 * An upload by Google's resumable protocol (start, then chunks, the last one
 * finalizing), each chunk's body streamed from the file: a 2 GB request file
 * never sits in memory. A chunk lost on the way is sent again from the offset
 * the server says it has.
 */

/**
 * The MIME type sent. The Files API does not take `.jsonl` from the name
 * (@google/genai: "Can not determine mimeType"), and Batch Mode's guide
 * uploads its request files as `jsonl`.
 */
export const JSONL_MIME = 'application/jsonl'

/** Bytes a chunk: the SDK's, and the granularity Google asks for (a chunk but the last must be a multiple of it). */
export const CHUNK_BYTES = 8 * 1024 * 1024

/** The Files API's File, the fields read here. */
export interface FileJson {
  readonly name: string
  readonly displayName?: string
  readonly sizeBytes?: string
  readonly createTime?: string
  readonly state?: string
  /** UPLOADED, or GENERATED: a batch's responses file. */
  readonly source?: string
}

export const toRemoteFile = (f: FileJson): RemoteFile => ({
  id: f.name,
  filename: f.displayName ?? '',
  bytes: Number(f.sizeBytes ?? 0),
  createdAt: f.createTime ? Math.floor(Date.parse(f.createTime) / 1000) : 0,
  ...(f.state ? { status: f.state === 'ACTIVE' ? 'processed' : f.state.toLowerCase() } : {})
})

/** Bytes [start, end) of a file, uploaded once as `filename`; not retried as a whole (a lost answer is looked for by name). */
export async function uploadResumable(
  http: GeminiHttp,
  clock: Clock,
  source: FileRange,
  filename: string
): Promise<RemoteFile> {
  const what = `Uploading ${filename}`
  const size = source.end - source.start
  const { url, chunk } = await start(http, what, filename, size)
  let offset = 0
  let tries = 0
  for (;;) {
    const end = Math.min(offset + chunk, size)
    const last = end === size
    let answer: { status: number; text: string } | undefined
    let failure: ApiError
    try {
      answer = await postStream(
        url,
        http.headers(url, {
          'x-goog-upload-command': last ? 'upload, finalize' : 'upload',
          'x-goog-upload-offset': String(offset)
        }),
        chunksOf(source.abs, { start: source.start + offset, end: source.start + end }),
        end - offset,
        TIMEOUT_MS
      )
      if (answer.status >= 200 && answer.status < 300) {
        if (last) return fileOf(what, answer.text)
        offset = end
        tries = 0
        continue
      }
      failure = refused(what, answer.status, answer.text)
      if (!isRetryableStatus(answer.status)) throw failure
    } catch (e) {
      if (answer) throw e
      failure = lost(what, http.origin, e, false)
    }
    if (++tries > MAX_RETRIES) throw failure
    await clock.sleep(backoffMs(tries - 1))
    let at: Awaited<ReturnType<typeof received>>
    try {
      at = await received(http, what, url)
    } catch (e) {
      // The session is gone (a lost finalize may have made the file): the caller looks for it by name, then starts over.
      if (e instanceof ApiError && !e.retryable) throw failure
      throw e
    }
    if ('file' in at) return at.file
    offset = at.offset
  }
}

/** Opens the upload session (safe to ask again: a session makes no file); its URL and chunk size. */
async function start(
  http: GeminiHttp,
  what: string,
  filename: string,
  size: number
): Promise<{ url: string; chunk: number }> {
  const res = await http.call(what, http.url('/files', '/upload'), {
    method: 'POST',
    body: JSON.stringify({ file: { displayName: filename, mimeType: JSONL_MIME } }),
    headers: {
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': String(size),
      'x-goog-upload-header-content-type': JSONL_MIME
    }
  })
  await res.body?.cancel()
  const url = res.headers.get('x-goog-upload-url')
  if (!url) throw new ApiError(`${what}: Gemini gave no upload URL (x-goog-upload-url).`, { retryable: true })
  const granularity = Number(res.headers.get('x-goog-upload-chunk-granularity'))
  const chunk =
    Number.isSafeInteger(granularity) && granularity > 0
      ? Math.max(granularity, Math.floor(CHUNK_BYTES / granularity) * granularity)
      : CHUNK_BYTES
  return { url: new URL(url, http.origin).href, chunk }
}

/** How much of the upload the server has, or the file when it was finalized though its answer was lost. */
async function received(
  http: GeminiHttp,
  what: string,
  url: string
): Promise<{ offset: number } | { file: RemoteFile }> {
  const res = await http.call(what, url, { method: 'POST', headers: { 'x-goog-upload-command': 'query' } })
  const text = await res.text()
  if (res.headers.get('x-goog-upload-status') === 'final') return { file: fileOf(what, text) }
  const offset = Number(res.headers.get('x-goog-upload-size-received'))
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new ApiError(`${what}: Gemini did not say how much of the upload it has.`, { retryable: true })
  return { offset }
}

function fileOf(what: string, text: string): RemoteFile {
  const f = parseJson<{ file?: FileJson }>(what, text).file
  if (!f?.name)
    throw new ApiError(`${what}: Gemini's answer names no file (${text.slice(0, 200)}).`, { retryable: true })
  return toRemoteFile(f)
}
