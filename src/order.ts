import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import { once } from 'node:events'

/**
 * Result lines in the order of the request file, joined on custom_id, with
 * memory for an index (a 53-bit hash of each result line's id, its file, offset
 * and length: 22 bytes a line, and 8 bytes a request for the order), never the
 * lines themselves.
 */

/** Calls `fn` with each line of a file (without its newline) and the line's byte offset. */
async function eachLine(file: string, fn: (line: Buffer, offset: number) => void): Promise<void> {
  let carry: Buffer[] = []
  let carryAt = 0
  let pos = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl)
      if (carry.length > 0) {
        fn(Buffer.concat([...carry, piece]), carryAt)
        carry = []
      } else fn(piece, pos + start)
      start = nl + 1
    }
    if (start < chunk.length) {
      if (carry.length === 0) carryAt = pos + start
      carry.push(chunk.subarray(start))
    }
    pos += chunk.length
  }
  if (carry.length > 0) fn(Buffer.concat(carry), carryAt)
}

/** A 53-bit hash of an id, exact as a double. */
function idHash(id: string): number {
  const d = createHash('sha1').update(id).digest()
  return d.readUInt32BE(0) * 2 ** 21 + (d.readUInt32BE(4) >>> 11)
}

function customId(line: Buffer): string | undefined {
  try {
    const id = (JSON.parse(line.toString('utf8')) as { custom_id?: unknown }).custom_id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

class Index {
  private n = 0
  private keys = new Float64Array(1024)
  private offsets = new Float64Array(1024)
  private lengths = new Uint32Array(1024)
  private files = new Uint16Array(1024)
  private sorted: Uint32Array | undefined

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

  seal(): void {
    const order = new Uint32Array(this.n)
    for (let i = 0; i < this.n; i++) order[i] = i
    this.sorted = order.sort((a, b) => this.keys[a]! - this.keys[b]!)
  }

  /** The entry for `key` not yet taken, or -1. */
  take(key: number, taken: Uint8Array): number {
    const s = this.sorted!
    let lo = 0
    let hi = s.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.keys[s[mid]!]! < key) lo = mid + 1
      else hi = mid
    }
    for (; lo < s.length && this.keys[s[lo]!] === key; lo++) if (!taken[s[lo]!]) return s[lo]!
    return -1
  }

  get size(): number {
    return this.n
  }

  entry(i: number): { file: number; offset: number; length: number } {
    return { file: this.files[i]!, offset: this.offsets[i]!, length: this.lengths[i]! }
  }
}

/**
 * Writes the lines of `results` (one or more result files) to `out`, in the
 * order of the requests in `requests`; lines whose id the requests do not
 * name follow at the end, as they came. Returns how many lines were written.
 */
export async function orderByInput(requests: string, results: readonly string[], out: string): Promise<number> {
  const index = new Index()
  for (const [f, file] of results.entries()) {
    await eachLine(file, (line, offset) => {
      const id = customId(line)
      if (line.length > 0) index.add(id === undefined ? -1 : idHash(id), f, offset, line.length)
    })
  }
  index.seal()
  const taken = new Uint8Array(index.size)
  const fds = await Promise.all(results.map(f => fs.open(f, 'r')))
  const sink = createWriteStream(out)
  let written = 0
  const write = async (i: number): Promise<void> => {
    const { file, offset, length } = index.entry(i)
    const buf = Buffer.allocUnsafe(length + 1)
    await fds[file]!.read(buf, 0, length, offset)
    buf[length] = 10
    taken[i] = 1
    written++
    if (!sink.write(buf)) await once(sink, 'drain')
  }
  try {
    // The requests' id hashes, in order: 8 bytes a request.
    const wanted: number[] = []
    await eachLine(requests, line => {
      const id = line.length > 0 ? customId(line) : undefined
      if (id !== undefined) wanted.push(idHash(id))
    })
    for (const key of wanted) {
      const i = index.take(key, taken)
      if (i >= 0) await write(i)
    }
    for (let i = 0; i < index.size; i++) if (!taken[i]) await write(i)
  } finally {
    sink.end()
    await once(sink, 'finish')
    await Promise.all(fds.map(fd => fd.close()))
  }
  return written
}
