import * as fs from 'node:fs'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { backoffMs } from '../core/backoff'
import { ApiError, errorMessage } from '../core/errors'
import type { BatchApi } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'

/**
 * The results of a provider whose batch has one results file (Anthropic's, Gemini's) as the two
 * files the action reads, `<batch>/succeeded` and `<batch>/failed`: downloaded and split once a run
 * into temp files, then served from them.
 */

export interface Split {
  readonly succeeded: string
  readonly failed: string
}

/**
 * Attempts at a results body that breaks off after its headers, each from the start, as
 * result-writer.ts does for OpenAI's files. The HTTP layer retries everything up to the headers.
 */
const ATTEMPTS = 5

/** A results body that broke off mid-stream: downloaded again from the start. */
class BrokenBody extends ApiError {}

export interface SplitSource {
  readonly clock: Clock
  readonly log: Log
  /** Where the split files are made. */
  readonly tmpDir: string
  /** The batch and the kind a file id names, or undefined for an id not of this form. */
  parse(fileId: string): { id: string; kind: 'succeeded' | 'failed' } | undefined
  /** The batch's results body, once its headers have come (the HTTP layer's retries spent). */
  open(id: string): Promise<ReadableStream<Uint8Array>>
  /** Splits a body into `dir`; throws when the body breaks off. */
  split(body: ReadableStream<Uint8Array>, dir: string, id: string): Promise<Split>
}

/** A SplitSource's parse for ids `<batch>/succeeded` and `<batch>/failed`, the batch matching `batch` (a regex source). */
export function batchKind(batch: string): SplitSource['parse'] {
  const re = new RegExp(`^(${batch})\\/(succeeded|failed)$`)
  return fileId => {
    const m = re.exec(fileId)
    return m ? { id: m[1]!, kind: m[2] as 'succeeded' | 'failed' } : undefined
  }
}

/** BatchApi.download for a provider of one results file a batch. */
export function splitDownloads(src: SplitSource): BatchApi['download'] {
  const splits = new Map<string, Promise<Split>>()
  return async fileId => {
    const named = src.parse(fileId)
    if (!named) throw new Error(`Downloading ${fileId}: not a results file of a batch (<batch>/succeeded or /failed).`)
    let split = splits.get(named.id)
    if (!split) {
      split = withRetries(src, named.id)
      splits.set(named.id, split)
      // A download that failed for good is tried again by a later call.
      split.catch(() => splits.delete(named.id))
    }
    const file = (await split)[named.kind]
    const { size } = await fs.promises.stat(file)
    return { body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>, length: size }
  }
}

async function withRetries(src: SplitSource, id: string): Promise<Split> {
  for (let n = 0; ; n++) {
    try {
      return await once(src, id)
    } catch (e) {
      if (!(e instanceof BrokenBody) || n + 1 >= ATTEMPTS) throw e
      src.log.info(`The results of batch ${id} broke off (${errorMessage(e)}); downloading them again.`)
      await src.clock.sleep(backoffMs(n))
    }
  }
}

async function once(src: SplitSource, id: string): Promise<Split> {
  const body = await src.open(id)
  await fs.promises.mkdir(src.tmpDir, { recursive: true })
  const dir = await fs.promises.mkdtemp(path.join(src.tmpDir, 'oba-results-'))
  try {
    return await src.split(body, dir, id)
  } catch (e) {
    await fs.promises.rm(dir, { recursive: true, force: true })
    if (e instanceof ApiError) throw e
    throw new BrokenBody(`Downloading the results of batch ${id}: ${errorMessage(e)}`, { retryable: true })
  }
}
