import { eachChunk, eachLine } from './chunks'
import { lineKey } from './line-ids'

/**
 * An index of JSONL lines by the hash of their custom_id: memory for the index,
 * never for the lines (BENCHMARKS.md, "Collecting a million").
 */

function countLines(chunk: Buffer): number {
  let n = 0
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++
  return n
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
   * `capacity`: the lines expected. Sized exactly, the arrays never grow:
   * doubling holds the old arrays and the new at once, and leaves the old to the
   * collector (BENCHMARKS.md, "Collecting a million").
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
   * Builds the lookup; no entry may be added after. A hash table rather than a
   * sort, whose comparator copies the whole order into the JS heap and back
   * (BENCHMARKS.md, "Collecting a million").
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
 * Indexes the non-empty lines of `files` under `keyOf`, which skips a line by
 * returning undefined. A line's file number is its file's position in `files`.
 */
export async function indexLines(
  files: readonly string[],
  keyOf: (line: Buffer) => number | undefined = lineKey
): Promise<LineIndex> {
  // Counted first, so the index is made at its size: a read from the page cache of files just written.
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
