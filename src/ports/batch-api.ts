import type { RemoteBatch, RemoteFile } from '../core/remote/records'

/** The part of OpenAI's Files and Batches API the action uses; `adapters/openai-client.ts` implements it. */

export interface FileRange {
  readonly abs: string
  readonly start: number
  readonly end: number
}

export interface CreateBatch {
  readonly inputFileId: string
  readonly endpoint: string
  readonly completionWindow: string
  readonly metadata: Readonly<Record<string, string>>
  /** Seconds after which the batch's output and error files expire; sent only when set. */
  readonly outputExpiresAfter?: number
}

export interface UploadOptions {
  /** Seconds after which the uploaded file expires; sent only when set. */
  readonly expiresAfter?: number
}

/**
 * Reads are retried by the implementation (the SDK's one retry layer); failures
 * are `ApiError`s (core/errors.ts), worded for the user.
 */
export interface BatchApi {
  /** Files of purpose `batch` created at or after `since` (unix seconds), newest first. */
  recentFiles(since: number): AsyncIterable<RemoteFile>
  /** Uploads bytes [start, end) of a file once, streaming from disk; not retried: a lost answer must be looked for. */
  uploadFile(source: FileRange, filename: string, opts?: UploadOptions): Promise<RemoteFile>
  /** Creates once; never retried here, for the same reason. */
  createBatch(req: CreateBatch): Promise<RemoteBatch>
  /**
   * Batches created at or after `since`, newest first, a page (one call) at a
   * time. `for await` asks for the next page only once the last is handled.
   */
  recentBatches(since: number): AsyncIterable<readonly RemoteBatch[]>
  getBatch(id: string): Promise<RemoteBatch>
  cancelBatch(id: string): Promise<RemoteBatch>
  /**
   * Deletes an uploaded file (one a concurrent run made redundant, or a finished batch's). False when
   * the provider had no file to delete under that id (Anthropic's inline requests, Gemini's responses).
   */
  deleteFile(id: string): Promise<boolean>
  /** The content of a file, as a stream, with its length when the server says it. */
  download(fileId: string): Promise<{ body: ReadableStream<Uint8Array>; length: number | undefined }>
}

/** A BatchApi that loads its implementation on first use: a run that needs no call never imports the SDK. */
export function lazyBatchApi(load: () => Promise<BatchApi>): BatchApi {
  let loaded: Promise<BatchApi> | undefined
  const api = (): Promise<BatchApi> => (loaded ??= load())
  return {
    async *recentFiles(since) {
      yield* (await api()).recentFiles(since)
    },
    async *recentBatches(since) {
      yield* (await api()).recentBatches(since)
    },
    uploadFile: async (source, filename, opts) => (await api()).uploadFile(source, filename, opts),
    createBatch: async req => (await api()).createBatch(req),
    getBatch: async id => (await api()).getBatch(id),
    cancelBatch: async id => (await api()).cancelBatch(id),
    deleteFile: async id => (await api()).deleteFile(id),
    download: async fileId => (await api()).download(fileId)
  }
}
