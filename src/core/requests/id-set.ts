/**
 * A set of id hashes (id-log.ts `idHash`: whole numbers from 0 to 2^53) in one typed array, open
 * addressing with linear probing, grown at half full. The house keeps indexes of ids in typed arrays,
 * not in JS objects: a Set of a million numbers is tens of megabytes the collector walks.
 */
export class IdSet {
  private table = new Float64Array(64).fill(-1)
  private n = 0

  get size(): number {
    return this.n
  }

  add(key: number): void {
    if ((this.n + 1) * 2 > this.table.length) this.grow()
    if (IdSet.put(this.table, key)) this.n++
  }

  has(key: number): boolean {
    const t = this.table
    for (let i = key % t.length; ; i = (i + 1) % t.length) {
      if (t[i] === key) return true
      if (t[i] === -1) return false
    }
  }

  /** Puts `key` in `t` (not full); false when it was there. */
  private static put(t: Float64Array, key: number): boolean {
    for (let i = key % t.length; ; i = (i + 1) % t.length) {
      if (t[i] === key) return false
      if (t[i] === -1) {
        t[i] = key
        return true
      }
    }
  }

  private grow(): void {
    const old = this.table
    this.table = new Float64Array(old.length * 2).fill(-1)
    for (const k of old) if (k !== -1) IdSet.put(this.table, k)
  }
}
