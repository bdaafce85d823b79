/**
 * The custom_ids of a request file seen so far, for duplicate detection, in
 * typed arrays rather than a Map of strings (a million ids were about 100 MB
 * as a Map; here 20 bytes an id at most: issue 14).
 *
 * An id is kept as a 64-bit hash (two 32-bit hashes of different mixes, each
 * finished with murmur3's avalanche), not as its text. So two different ids
 * are taken for one with a chance of about n² / 2^65 for a file of n ids:
 * 3 × 10^-8 for a million, 3 × 10^-12 for 10,000. The cost of that is a file
 * refused for a duplicate it does not have, with the line of the other id
 * named; never a duplicate let through. Confirming a match exactly would
 * need the first id's text, that is keeping every id (what the Map cost) or
 * reading the file again; at these odds, neither is worth it.
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

/** Two 32-bit hashes of `s` (its UTF-16 code units): FNV-1a, and a murmur2-style multiply with another seed. */
export function idHashes(s: string): [number, number] {
  let [a, b] = [A0, B0 ^ s.length]
  for (let i = 0; i < s.length; i++) [a, b] = [stepA(a, s.charCodeAt(i)), stepB(b, s.charCodeAt(i))]
  return [fmix(a), fmix(b)]
}

/** The two hashes as one number of 53 bits, exact as a double. */
const joined = (a: number, b: number): number => fmix(a) * 2 ** 21 + (fmix(b) >>> 11)

/** A 53-bit hash of an id, exact as a double (the line indexes' key). */
export function idHash(s: string): number {
  let [a, b] = [A0, B0 ^ s.length]
  for (let i = 0; i < s.length; i++) [a, b] = [stepA(a, s.charCodeAt(i)), stepB(b, s.charCodeAt(i))]
  return joined(a, b)
}

/**
 * `idHash` of the id whose JSON string's inside is `bytes[start, end)`, taken
 * from the bytes, with no string made; -1 unless they are printable ASCII
 * with no escape (then each byte is the code unit its text would have).
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

export class IdSet {
  /** Open addressing, linear probing: an entry's number + 1, 0 for empty; never more than half full. */
  private slots = new Int32Array(1 << 10)
  private hi = new Uint32Array(1 << 9)
  private lo = new Uint32Array(1 << 9)
  private lines = new Uint32Array(1 << 9)
  private n = 0

  /** The line of the id's first occurrence when it was seen before; otherwise records it at `line` and returns undefined. */
  firstOrAdd(id: string, line: number): number | undefined {
    const [h, l] = idHashes(id)
    const mask = this.slots.length - 1
    let s = h & mask
    for (let e = this.slots[s]!; e !== 0; s = (s + 1) & mask, e = this.slots[s]!) {
      if (this.hi[e - 1] === h && this.lo[e - 1] === l) return this.lines[e - 1]
    }
    if (this.n === this.hi.length) this.growEntries()
    this.hi[this.n] = h
    this.lo[this.n] = l
    this.lines[this.n] = line
    this.slots[s] = ++this.n
    if (this.n * 2 > this.slots.length) this.rehash()
    return undefined
  }

  get size(): number {
    return this.n
  }

  private growEntries(): void {
    const grown = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array(a.length * 2)
      b.set(a)
      return b
    }
    this.hi = grown(this.hi)
    this.lo = grown(this.lo)
    this.lines = grown(this.lines)
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let e = 0; e < this.n; e++) {
      let s = this.hi[e]! & mask
      while (slots[s] !== 0) s = (s + 1) & mask
      slots[s] = e + 1
    }
    this.slots = slots
  }
}
