import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { backoffMs } from '../core/backoff'
import type { BatchApi } from '../ports/batch-api'
import type { Clock } from '../ports/clock'
import type { Log } from '../ports/log'
import { finalErrors } from './failed-lines'
import { sha256File } from './hash'
import { indexLines, LineIndex } from './line-index'
import { orderByInput } from './order'
import { tallyUsage } from './usage-lines'
import type { TokenUsage } from '../core/cost/usage'
import { errorMessage } from '../core/errors'

/**
 * Attempts at a download whose body is cut off after its headers, each from
 * the start. The SDK retries everything up to the headers (the one retry
 * layer for requests); only a body that breaks off mid-stream needs ours.
 */
const DOWNLOAD_ATTEMPTS = 5

/** Streams an OpenAI file to `tmp`, whole or not at all; returns its sha256. */
async function fetchWhole(
  api: BatchApi,
  fileId: string,
  tmp: string,
  deps: { clock: Clock; log: Log }
): Promise<string> {
  for (let n = 0; ; n++) {
    // A failed request was retried by the SDK already: it is final here.
    const { body, length } = await api.download(fileId)
    try {
      const hash = createHash('sha256')
      let bytes = 0
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk)
          bytes += chunk.length
          done(null, chunk)
        }
      })
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), tap, createWriteStream(tmp))
      if (length !== undefined && bytes !== length) throw new Error(`got ${bytes} of ${length} bytes`)
      return hash.digest('hex')
    } catch (e) {
      if (n + 1 >= DOWNLOAD_ATTEMPTS) throw e
      deps.log.info(`Download of ${fileId} broke off (${errorMessage(e)}); trying again.`)
      await deps.clock.sleep(backoffMs(n))
    }
  }
}

async function concat(files: readonly string[], out: string): Promise<void> {
  const sink = createWriteStream(out)
  for (const f of files) await pipeline(createReadStream(f), sink, { end: false })
  sink.end()
  await new Promise<void>((resolve, reject) => sink.on('finish', resolve).on('error', reject))
}

const sizeOf = (file: string): Promise<number | undefined> =>
  fs.stat(file).then(
    s => s.size,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined
      throw e
    }
  )

/**
 * Whether `dest` holds the bytes of `tmp` (whose sha256 is `sha256`): sizes
 * first, so a result of another size (they reach 1 GB) is not read at all.
 */
async function holds(dest: string, tmp: string, sha256: string): Promise<{ existed: boolean; same: boolean }> {
  const [was, now] = await Promise.all([sizeOf(dest), sizeOf(tmp)])
  if (was === undefined) return { existed: false, same: false }
  return { existed: true, same: was === now && (await sha256File(dest))?.sha256 === sha256 }
}

/** Moves `tmp` to `dest` atomically, unless `dest` already holds the same bytes. */
export async function place(tmp: string, dest: string, sha256: string): Promise<Written> {
  const before = await holds(dest, tmp, sha256)
  if (before.same) {
    await fs.rm(tmp, { force: true })
    return { changed: false, existed: true }
  }
  await fs.mkdir(path.dirname(dest), { recursive: true })
  try {
    await fs.rename(tmp, dest)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e
    // Temp space on another filesystem: copy beside the target, then rename.
    const near = `${dest}.${randomUUID()}.partial`
    await fs.copyFile(tmp, near)
    await fs.rename(near, dest)
    await fs.rm(tmp, { force: true })
  }
  return { changed: true, existed: before.existed }
}

const allEmpty = async (files: readonly string[]): Promise<boolean> =>
  (await Promise.all(files.map(f => fs.stat(f)))).every(s => s.size === 0)

/** Makes sure `dest` does not exist. */
export async function remove(dest: string): Promise<Written> {
  const existed = await fs.rm(dest).then(
    () => true,
    () => false
  )
  return { changed: existed, existed, removed: true }
}

/** What writing a result did to its file. */
export interface Written {
  readonly changed: boolean
  /** The file was there before. */
  readonly existed: boolean
  /** The result has no lines, so there is no file. */
  readonly removed?: boolean
  /** The usage summed from the lines of the files asked for in `tally`, by file id. */
  readonly tallied?: ReadonlyMap<string, { usage: TokenUsage; model: string | undefined }>
  /** The ids of the lines of the files asked for in `index`; for lookups by id only (the files are gone). */
  readonly indexed?: LineIndex
}

export interface WriteOptions {
  /** The request file (absolute): lines are written in the order of its requests. */
  readonly orderBy?: string
  /**
   * For error files of a file retried in rounds (oldest first): the output
   * files of the retries. An id keeps only its newest error line, and none
   * once a retry of it succeeded.
   */
  readonly succeeded?: readonly string[]
  /** Output files whose lines' usage to sum on the way (their batches report none). */
  readonly tally?: ReadonlySet<string>
  /** Files whose lines' ids to index on the way (the error files of the rounds new in this run). */
  readonly index?: ReadonlySet<string>
}

export interface ResultWriter {
  /**
   * Makes `dest` (absolute) hold the OpenAI files `fileIds`, the parts of one
   * result in order, or not exist when there are none.
   */
  write(fileIds: readonly string[], dest: string, opts?: WriteOptions): Promise<Written>
}

export function createResultWriter(api: BatchApi, deps: { clock: Clock; log: Log; tempDir: string }): ResultWriter {
  const { tempDir } = deps
  return {
    async write(fileIds, dest, { orderBy, succeeded, tally, index } = {}) {
      if (fileIds.length === 0) return remove(dest)
      await fs.mkdir(tempDir, { recursive: true })
      const base = path.join(tempDir, randomUUID())
      const downloads = fileIds.map((_, i) => `${base}.part${i}`)
      const oks = (succeeded ?? []).map((_, i) => `${base}.ok${i}`)
      const [errors, merged] = [`${base}.errors`, `${base}.merged`]
      try {
        const shas: string[] = []
        const tallied = new Map<string, { usage: TokenUsage; model: string | undefined }>()
        for (const [i, id] of fileIds.entries()) {
          shas.push(await fetchWhole(api, id, downloads[i]!, deps))
          if (tally?.has(id)) tallied.set(id, await tallyUsage(downloads[i]!))
        }
        const indexed = index && (await indexLines(downloads.filter((_, i) => index.has(fileIds[i]!))))
        const done = (w: Written): Written => ({
          ...w,
          ...(tallied.size > 0 ? { tallied } : {}),
          ...(indexed ? { indexed } : {})
        })
        // An empty file (Azure gives a successful batch an empty error file) is no result.
        if (await allEmpty(downloads)) return done(await remove(dest))
        // The files whose lines make the result.
        let lines = downloads
        if (succeeded) {
          for (const [i, id] of succeeded.entries()) await fetchWhole(api, id, oks[i]!, deps)
          // Every line retried to success: no errors file.
          if ((await finalErrors(downloads, oks, errors)) === 0) return done(await remove(dest))
          lines = [errors]
        }
        if (orderBy) await orderByInput(orderBy, lines, merged)
        else if (lines === downloads && lines.length === 1) return done(await place(lines[0]!, dest, shas[0]!))
        else await concat(lines, merged)
        return done(await place(merged, dest, (await sha256File(merged))!.sha256))
      } finally {
        for (const f of [...downloads, ...oks, errors, merged]) await fs.rm(f, { force: true })
      }
    }
  }
}
