import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import * as core from '@actions/core'
import { ApiError, BatchApi } from './api'
import { backoffMs, Clock } from './clock'
import { sha256File } from './hash'
import { orderByInput } from './order'

/** Where a source file's results go, workspace-relative. */
export function resultPaths(targetDir: string, sourcePath: string): { output: string; errors: string } {
  const stem = sourcePath.replace(/\.jsonl$/, '')
  return { output: `${targetDir}/${sourcePath}`, errors: `${targetDir}/${stem}.errors.jsonl` }
}

/** Attempts at a download, each from the start: the SDK does not retry a body cut off after its headers. */
const DOWNLOAD_ATTEMPTS = 5

/** Streams an OpenAI file to `tmp`, whole or not at all; returns its sha256. */
async function fetchWhole(api: BatchApi, fileId: string, tmp: string, clock: Clock): Promise<string> {
  for (let n = 0; ; n++) {
    try {
      const { body, length } = await api.download(fileId)
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
      const final = e instanceof ApiError && !e.retryable
      if (final || n + 1 >= DOWNLOAD_ATTEMPTS) throw e
      core.info(`Download of ${fileId} broke off (${(e as Error).message}); trying again.`)
      await clock.sleep(backoffMs(n))
    }
  }
}

/** Moves `tmp` to `dest` atomically. */
async function place(tmp: string, dest: string, sha256: string): Promise<Written> {
  const before = (await sha256File(dest))?.sha256
  if (before === sha256) {
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
  return { changed: true, existed: before !== undefined }
}

/** What writing a result did to its file. */
export interface Written {
  readonly changed: boolean
  /** The file was there before. */
  readonly existed: boolean
}

export interface ResultWriter {
  /**
   * Makes `dest` (absolute) hold the content of OpenAI file `fileId`, or not
   * exist when `fileId` is null; its lines in the order of the requests in
   * `orderBy` (absolute) when given.
   */
  write(fileId: string | null | undefined, dest: string, orderBy?: string): Promise<Written>
}

export function createResultWriter(api: BatchApi, clock: Clock, tempDir: string): ResultWriter {
  return {
    async write(fileId, dest, orderBy) {
      if (!fileId) {
        const existed = await fs.rm(dest).then(() => true, () => false)
        return { changed: existed, existed }
      }
      await fs.mkdir(tempDir, { recursive: true })
      const tmp = path.join(tempDir, `${randomUUID()}.download`)
      const ordered = `${tmp}.ordered`
      try {
        const sha = await fetchWhole(api, fileId, tmp, clock)
        if (!orderBy) return await place(tmp, dest, sha)
        await orderByInput(orderBy, [tmp], ordered)
        return await place(ordered, dest, (await sha256File(ordered))!.sha256)
      } finally {
        await fs.rm(tmp, { force: true })
        await fs.rm(ordered, { force: true })
      }
    }
  }
}
