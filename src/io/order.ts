import { readSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import { eachLine } from './chunks'
import { lineKey } from './line-ids'
import { indexLines, LineIndex } from './line-index'

/**
 * Result lines in the order of the request file, joined on custom_id. Memory
 * holds an index of the result lines (line-index.ts), never the lines.
 */

/**
 * Reads exactly `length` bytes at `position` into `buf` at `at`. Synchronous: a
 * line of a result file just downloaded is a copy from the page cache, far
 * cheaper than a round trip through the thread pool (BENCHMARKS.md, "Collecting
 * a million"). The event loop still turns between chunks of the request file.
 */
export function readFully(fd: number, buf: Buffer, at: number, length: number, position: number): void {
  for (let done = 0; done < length;) {
    const bytesRead = readSync(fd, buf, at + done, length - done, position + done)
    if (bytesRead === 0) throw new Error('a result file ended early')
    done += bytesRead
  }
}

/**
 * Adds a line to the output. It returns a promise only when the buffer had to
 * be written out first: a million lines are not a million promises.
 */
export type WriteLine = (i: number) => Promise<void> | undefined

/**
 * Copies indexed lines, in the order `pick` yields them, from their files to
 * `out`, through one reused buffer; returns how many.
 */
export async function copyLines(
  index: LineIndex,
  files: readonly string[],
  out: string,
  pick: (write: WriteLine) => Promise<void>
): Promise<number> {
  const fds = await Promise.all(files.map(f => fs.open(f, 'r')))
  const sink = await fs.open(out, 'w')
  const buf = Buffer.allocUnsafeSlow(1 << 20)
  let used = 0
  let written = 0
  const flush = async () => {
    for (let off = 0; off < used;) off += (await sink.write(buf, off, used - off)).bytesWritten
    used = 0
  }
  try {
    const add = (fd: number, offset: number, length: number) => {
      readFully(fd, buf, used, length, offset)
      used += length
      buf[used++] = 10
    }
    /** A line that does not fit in what is left of the buffer. */
    const copy = async (fd: number, offset: number, length: number) => {
      await flush()
      if (length + 1 <= buf.length) return add(fd, offset, length)
      // A line longer than the buffer goes through it in pieces.
      for (let done = 0; done < length;) {
        used = Math.min(buf.length, length - done)
        readFully(fd, buf, 0, used, offset + done)
        done += used
        await flush()
      }
      buf[used++] = 10
    }
    await pick(i => {
      written++
      const fd = fds[index.file(i)]!.fd
      const [offset, length] = [index.offset(i), index.length(i)]
      if (used + length + 1 > buf.length) return copy(fd, offset, length)
      add(fd, offset, length)
      return undefined
    })
    await flush()
  } finally {
    await sink.close()
    await Promise.all(fds.map(fd => fd.close()))
  }
  return written
}

/**
 * Writes the lines of `results` to `out` in the order of the requests in
 * `requests`; returns how many. Lines whose id no request names follow at the
 * end, as they came.
 */
export async function orderByInput(requests: string, results: readonly string[], out: string): Promise<number> {
  const index = await indexLines(results)
  const taken = new Uint8Array(index.size)
  return copyLines(index, results, out, async write => {
    // The requests are read again as the lines are written, rather than their id hashes kept (8 bytes a request).
    await eachLine(requests, line => {
      const key = line.length > 0 ? lineKey(line) : -1
      if (key === -1) return undefined
      const i = index.take(key, taken)
      if (i < 0) return undefined
      taken[i] = 1
      return write(i)
    })
    for (let i = 0; i < index.size; i++) if (!taken[i]) await write(i)
  })
}
