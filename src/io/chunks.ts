import * as fs from 'node:fs/promises'
import { CHUNK, giveBack, lend } from './buffers'

/** Reading a file by chunks and by lines, through reused buffers. */

/**
 * The chunks of a file (bytes [start, end) when given), each read while the
 * one before is used. Two reused buffers hold them: a chunk is valid only until
 * the next is asked for. After the last, the buffers go back to the pool
 * (buffers.ts).
 */
export async function* chunksOf(file: string, range: { start?: number; end?: number } = {}): AsyncGenerator<Buffer> {
  const fh = await fs.open(file, 'r')
  let reading: Promise<unknown> | undefined
  let lent: Buffer[] = []
  try {
    const end = range.end ?? (await fh.stat()).size
    let pos = range.start ?? 0
    // No bigger than what there is to read: most request files are small (BENCHMARKS.md, "Concurrency").
    const size = Math.max(1, Math.min(CHUNK, end - pos))
    if (size === CHUNK) lent = [lend(), lend()]
    let [cur, next] =
      size === CHUNK ? [lent[0]!, lent[1]!] : [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)]
    const read = (buf: Buffer) =>
      pos < end ? fh.read(buf, 0, Math.min(size, end - pos), pos) : Promise.resolve({ bytesRead: 0 })
    let pending = read(cur)
    reading = pending
    for (;;) {
      const { bytesRead } = await pending
      if (bytesRead === 0) break
      pos += bytesRead
      pending = read(next)
      reading = pending
      yield cur.subarray(0, bytesRead)
      ;[cur, next] = [next, cur]
    }
  } finally {
    // A read still under way must end before the file is closed.
    await reading?.catch(() => undefined)
    await fh.close()
    lent.forEach(giveBack)
  }
}

/**
 * Calls `fn` with each chunk of a file (see `chunksOf`), awaiting the promise it
 * may return. A chunk is valid only until `fn` returns.
 */
export async function eachChunk(
  file: string,
  fn: (chunk: Buffer) => void | Promise<void>,
  range: { start?: number; end?: number } = {}
): Promise<void> {
  for await (const chunk of chunksOf(file, range)) {
    const wait = fn(chunk)
    if (wait) await wait
  }
}

/**
 * Calls `fn` with each line of a file, without its newline, and its byte offset.
 * A promise `fn` returns (a writer's backpressure) is awaited. A line is valid
 * only until `fn` returns: copy it to keep it. `onChunk` sees every byte read,
 * in order (to hash the file on the way).
 */
export async function eachLine(
  file: string,
  fn: (line: Buffer, offset: number) => void | Promise<void>,
  onChunk?: (chunk: Buffer) => void
): Promise<void> {
  let carry: Buffer[] = []
  let carryAt = 0
  let pos = 0
  await eachChunk(file, async chunk => {
    onChunk?.(chunk)
    let start = 0
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl)
      let wait
      if (carry.length > 0) {
        wait = fn(Buffer.concat([...carry, piece]), carryAt)
        carry = []
      } else wait = fn(piece, pos + start)
      if (wait) await wait
      start = nl + 1
    }
    if (start < chunk.length) {
      if (carry.length === 0) carryAt = pos + start
      // The buffer is read into again: keep a copy.
      carry.push(Buffer.from(chunk.subarray(start)))
    }
    pos += chunk.length
  })
  if (carry.length > 0) await fn(Buffer.concat(carry), carryAt)
}
