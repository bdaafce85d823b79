import { createHash, type Hash } from 'node:crypto'
import { eachChunk } from './chunks'

/**
 * A sha256 for a request file's identity: of its bytes alone, or, with a rerun-key, of the key
 * first (CheckOptions.rerunKey), so that the same bytes under another key are other content.
 */
export function contentHasher(rerunKey: string | undefined): Hash {
  const hash = createHash('sha256')
  if (rerunKey) hash.update(`openai-batch-action rerun-key ${rerunKey}\n`)
  return hash
}

/** Streams a file through sha256 (seeded with a rerun-key, when given); undefined when there is no such file. */
export async function sha256File(
  file: string,
  rerunKey?: string
): Promise<{ sha256: string; bytes: number } | undefined> {
  const hash = contentHasher(rerunKey)
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
