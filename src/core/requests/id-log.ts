/**
 * The custom_ids of a request file as 53-bit hashes in typed arrays, to find duplicates.
 *
 * Why hashes in blocks that never move, not a Map of strings: BENCHMARKS.md, "What the submit
 * holds" (#14). A hash that comes twice sends the checker over the file again to compare the ids'
 * texts (validate.ts), so two ids that share a hash (a chance of about n² / 2^54) cost a second
 * read, never a refused file.
 */

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const A0 = 0x811c9dc5
const B0 = 0x9747b28c
/** FNV-1a's step. */
const stepA = (a: number, c: number): number => Math.imul(a ^ c, 0x01000193)
/** A murmur2-style multiply's step. */
function stepB(b: number, c: number): number {
  b = Math.imul(b ^ Math.imul(c, 0xcc9e2d51), 0x5bd1e995)
  return b ^ (b >>> 15)
}

/** Two 32-bit hashes (FNV-1a; a murmur2-style multiply, another seed) joined in 53 bits, exact as a double. */
const joined = (a: number, b: number): number => fmix(a) * 2 ** 21 + (fmix(b) >>> 11)

/** A 53-bit hash of an id (its UTF-16 code units), exact as a double (the line indexes' key). */
export function idHash(s: string): number {
  let [a, b] = [A0, B0 ^ s.length]
  for (let i = 0; i < s.length; i++) [a, b] = [stepA(a, s.charCodeAt(i)), stepB(b, s.charCodeAt(i))]
  return joined(a, b)
}

/**
 * `idHash` of the id whose JSON string's inside is `bytes[start, end)`, with no string made.
 * -1 unless they are printable ASCII with no escape (then each byte is the code unit its text would have).
 */
export function asciiIdHash(bytes: Uint8Array, start: number, end: number): number {
  let [a, b] = [A0, B0 ^ (end - start)]
  for (let i = start; i < end; i++) {
    const c = bytes[i]!
    if (c < 0x20 || c >= 0x80 || c === 0x5c) return -1
    ;[a, b] = [stepA(a, c), stepB(b, c)]
  }
  return joined(a, b)
}

/** Entries of a full block (512 KB of hashes); the first starts small and doubles up to this: most files are small. */
const BLOCK = 1 << 16

export class IdLog {
  private readonly blocks: Float64Array[] = [new Float64Array(256)]
  private n = 0

  add(id: string): void {
    const b = this.blocks.length - 1
    let last = this.blocks[b]!
    let at = this.n - b * BLOCK
    if (at === BLOCK) {
      this.blocks.push((last = new Float64Array(BLOCK)))
      at = 0
    } else if (at === last.length) {
      const grown = new Float64Array(last.length * 2)
      grown.set(last)
      this.blocks[b] = last = grown
    }
    last[at] = idHash(id)
    this.n++
  }

  get size(): number {
    return this.n
  }

  /** The hashes added more than once. Sorts the blocks in place: add nothing after. */
  repeated(): Set<number> {
    const blocks = this.blocks.map((b, i) => b.subarray(0, Math.min(b.length, this.n - i * BLOCK)).sort())
    const at = new Int32Array(blocks.length)
    const repeats = new Set<number>()
    // The blocks merged in order: every hash is compared with the one before it.
    for (let prev = -1, k = 0; ;) {
      let min = Infinity
      k = -1
      for (let j = 0; j < blocks.length; j++) {
        const v = blocks[j]![at[j]!]
        if (v !== undefined && v < min) [min, k] = [v, j]
      }
      if (k < 0) return repeats
      at[k] = at[k]! + 1
      if (min === prev) repeats.add(min)
      prev = min
    }
  }
}
