import * as fs from 'node:fs/promises'
import { asciiIdHash, idHash } from '../core/requests/id-log'
import { CHUNK, giveBack, lend } from './buffers'

/**
 * Reading JSONL by lines and keeping an index of them by custom_id, with
 * memory for the index (about 34 bytes a line), never the lines themselves.
 */

/**
 * The chunks of a file (bytes [start, end) when given), read through two
 * reused buffers, the next chunk read while this one is used: a chunk is
 * valid only until the next one is asked for, and once the last one has been
 * taken, the buffers go back to the pool (buffers.ts) for the next file.
 */
export async function* chunksOf(file: string, range: { start?: number; end?: number } = {}): AsyncGenerator<Buffer> {
  const fh = await fs.open(file, 'r')
  let reading: Promise<unknown> | undefined
  let lent: Buffer[] = []
  try {
    const end = range.end ?? (await fh.stat()).size
    let pos = range.start ?? 0
    // No bigger than what there is to read: most request files are small.
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
 * Calls `fn` with each chunk of a file (see `chunksOf`), waiting for it when
 * it returns a promise: a chunk is valid only until `fn` returns.
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
 * Calls `fn` with each line of a file (without its newline) and the line's
 * byte offset; waits for it when it returns a promise (a writer's
 * backpressure). A line is valid only until `fn` returns: copy it to keep it.
 * `onChunk` sees every byte read, in order (to hash the file on the way).
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

// Not sha1: a million result lines and as many request lines are keyed per merge, and a digest a line cost seconds.
export { idHash }

/** The parsed line, or undefined when it is not a JSON object. */
export function parseLine(line: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line.toString('utf8'))
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const KEY = Buffer.from('"custom_id"')
const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a

/** The index just past the JSON string that opens at `i`, or -1 when it does not close. */
function stringEnd(line: Buffer, i: number): number {
  for (let j = i + 1; j < line.length; j++) {
    if (line[j] === BACKSLASH) j++
    else if (line[j] === QUOTE) return j + 1
  }
  return -1
}

/**
 * Where the top-level `custom_id` of a JSON line has its string value: the
 * index of its opening quote, or -1. Scans the bytes up to it rather than
 * parsing the line: results are often tens of kilobytes a line, and their ids
 * come first.
 */
function idAt(line: Buffer): number {
  let depth = 0
  for (let i = 0; i < line.length;) {
    const c = line[i]!
    if (c !== QUOTE) {
      if (c === 0x7b || c === 0x5b) depth++
      else if (c === 0x7d || c === 0x5d) depth--
      i++
      continue
    }
    const end = stringEnd(line, i)
    if (end < 0) return -1
    const isKey = depth === 1 && end - i === KEY.length && line.compare(KEY, 0, KEY.length, i, end) === 0
    i = end
    if (!isKey) continue
    let j = end
    while (isSpace(line[j])) j++
    if (line[j] !== 0x3a) continue // a value that reads "custom_id", not the key
    j++
    while (isSpace(line[j])) j++
    return line[j] === QUOTE ? j : -1
  }
  return -1
}

/** The JSON string at `[open, close)` of `line`, or undefined when it is not one. */
function stringAt(line: Buffer, open: number, close: number): string | undefined {
  try {
    return JSON.parse(line.toString('utf8', open, close)) as string
  } catch {
    return undefined
  }
}

/** The top-level `custom_id` of a JSON line, when it is a string. */
export function customId(line: Buffer): string | undefined {
  const open = idAt(line)
  const close = open < 0 ? -1 : stringEnd(line, open)
  return close < 0 ? undefined : stringAt(line, open, close)
}

/** The newlines in a chunk. */
function countLines(chunk: Buffer): number {
  let n = 0
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++
  return n
}

/**
 * The id hash of a line, or -1 when it names no custom_id. A plain ASCII id
 * (the usual kind) is hashed from the bytes: no string is made for each of a
 * million lines, and the JS heap stays as it is (BENCHMARKS.md).
 */
export const lineKey = (line: Buffer): number => {
  const open = idAt(line)
  const close = open < 0 ? -1 : stringEnd(line, open)
  if (close < 0) return -1
  const fast = asciiIdHash(line, open + 1, close - 1)
  if (fast >= 0) return fast
  const id = stringAt(line, open, close)
  return id === undefined ? -1 : idHash(id)
}

/** Lines of one or more files by the hash of their custom_id: add them all, seal, then look up. */
export class LineIndex {
  private n = 0
  private keys: Float64Array
  private offsets: Float64Array
  private lengths: Uint32Array
  private files: Uint16Array
  /** By key: open addressing over the key's low bits, an entry's number + 1 (0 empty), at most half full. */
  private heads: Int32Array | undefined
  /** The next entry with the same key, in the order added, + 1 (0 for none). */
  private next: Int32Array | undefined

  /**
   * `capacity`: the lines expected. Sized exactly, the arrays never grow: a
   * million lines grown by doubling held the old arrays and the new at once,
   * and left the old ones to the collector (about +30 MB of peak memory).
   */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity)
    this.keys = new Float64Array(n)
    this.offsets = new Float64Array(n)
    this.lengths = new Uint32Array(n)
    this.files = new Uint16Array(n)
  }

  /** Adds a line; entries are numbered in the order they are added. */
  add(key: number, file: number, offset: number, length: number): void {
    if (this.n === this.keys.length) this.grow()
    this.keys[this.n] = key
    this.files[this.n] = file
    this.offsets[this.n] = offset
    this.lengths[this.n] = length
    this.n++
  }

  private grow(): void {
    const size = this.keys.length * 2
    const grown = <T extends Float64Array | Uint32Array | Uint16Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(size)
      b.set(a)
      return b
    }
    this.keys = grown(this.keys, Float64Array)
    this.offsets = grown(this.offsets, Float64Array)
    this.lengths = grown(this.lengths, Uint32Array)
    this.files = grown(this.files, Uint16Array)
  }

  /**
   * Builds the lookup; no entry may be added after. A hash table (4 bytes a
   * slot, 4 an entry) rather than a sort, whose comparator copies the whole
   * order into the JS heap and back (about 16 MB at a million lines).
   */
  seal(): void {
    let size = 2
    while (size < this.n * 2) size *= 2
    const heads = new Int32Array(size)
    const next = new Int32Array(this.n)
    const mask = size - 1
    // Last entry first, each put in front of its key's chain: the chains come out in the order added.
    for (let i = this.n - 1; i >= 0; i--) {
      const key = this.keys[i]!
      let s = this.slot(key, mask)
      while (heads[s] !== 0 && this.keys[heads[s]! - 1] !== key) s = (s + 1) & mask
      next[i] = heads[s]!
      heads[s] = i + 1
    }
    this.heads = heads
    this.next = next
  }

  /** A key's first slot: its low bits (the key is a hash; -1, no id, lands anywhere). */
  private slot(key: number, mask: number): number {
    return ((key % (mask + 1)) + mask + 1) & mask
  }

  /** The entries with `key`, in the order they were added. */
  *find(key: number): Generator<number> {
    for (let e = this.head(key); e !== 0; e = this.next![e - 1]!) yield e - 1
  }

  /** The first entry with `key` + 1, 0 for none (no generator: looked up once a line). */
  private head(key: number): number {
    const heads = this.heads!
    const mask = heads.length - 1
    let s = this.slot(key, mask)
    while (heads[s] !== 0 && this.keys[heads[s]! - 1] !== key) s = (s + 1) & mask
    return heads[s]!
  }

  /** The first entry with `key` not marked in `taken`, or -1. */
  take(key: number, taken: Uint8Array): number {
    for (let e = this.head(key); e !== 0; e = this.next![e - 1]!) if (!taken[e - 1]) return e - 1
    return -1
  }

  has(key: number): boolean {
    return this.head(key) !== 0
  }

  get size(): number {
    return this.n
  }

  key(i: number): number {
    return this.keys[i]!
  }

  file(i: number): number {
    return this.files[i]!
  }

  offset(i: number): number {
    return this.offsets[i]!
  }

  length(i: number): number {
    return this.lengths[i]!
  }
}

/**
 * Indexes the non-empty lines of `files` (file numbers are positions in the
 * list) under `keyOf`, which skips a line by returning undefined.
 */
export async function indexLines(
  files: readonly string[],
  keyOf: (line: Buffer) => number | undefined = lineKey
): Promise<LineIndex> {
  // Counted first (a read of files just written, from the page cache, at memchr speed), so the index is made at its size.
  let lines = 0
  for (const file of files) await eachChunk(file, chunk => void (lines += countLines(chunk)))
  const index = new LineIndex(lines + files.length)
  for (const [f, file] of files.entries()) {
    await eachLine(file, (line, offset) => {
      const key = line.length > 0 ? keyOf(line) : undefined
      if (key !== undefined) index.add(key, f, offset, line.length)
    })
  }
  index.seal()
  return index
}
