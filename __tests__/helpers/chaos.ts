/** What the chaos suites share: a seeded generator and a watcher for partial result files. */
import * as fs from 'node:fs'
import * as path from 'node:path'

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Whether `text` is a whole JSONL file: complete lines, each one JSON. */
function wholeJsonl(text: string): boolean {
  return (
    text.endsWith('\n') &&
    text
      .trimEnd()
      .split('\n')
      .every(l => {
        try {
          JSON.parse(l)
          return true
        } catch {
          return false
        }
      })
  )
}

/**
 * Reads every file that appears under `dir` and adds to `partial` the name of
 * each that is not a whole `.jsonl` file (a temporary name, a cut-off line).
 */
export function watchWhole(dir: string, partial: string[]): fs.FSWatcher {
  fs.mkdirSync(dir, { recursive: true })
  return fs.watch(dir, { recursive: true }, (_event, name) => {
    if (!name) return
    const abs = path.join(dir, name)
    let text: string
    try {
      if (!fs.statSync(abs).isFile()) return
      text = fs.readFileSync(abs, 'utf8')
    } catch {
      return // gone again, or a folder
    }
    if (!name.endsWith('.jsonl') || !wholeJsonl(text)) partial.push(name)
  })
}
