import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Streams a file through sha256; undefined when there is no such file. */
export async function sha256File(file: string): Promise<{ sha256: string; bytes: number } | undefined> {
  const hash = createHash('sha256')
  let bytes = 0
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
  return { sha256: hash.digest('hex'), bytes }
}
