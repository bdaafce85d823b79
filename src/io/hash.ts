import { createHash } from 'node:crypto'
import { eachChunk } from './chunks'

/** Streams a file through sha256; undefined when there is no such file. */
export async function sha256File(file: string): Promise<{ sha256: string; bytes: number } | undefined> {
  const hash = createHash('sha256')
  let bytes = 0
  try {
    await eachChunk(file, chunk => {
      hash.update(chunk)
      bytes += chunk.length
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
  return { sha256: hash.digest('hex'), bytes }
}
