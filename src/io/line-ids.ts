import { asciiIdHash, idHash } from '../core/requests/id-log'
import { lineId } from '../core/requests/result-line'

/**
 * What a JSONL line holds: the parsed object, or its id found from its bytes: the `custom_id` of
 * OpenAI's and Anthropic's lines, the `key` of Gemini's (core/requests/result-line.ts's lineId,
 * for a parsed line). Every join of results to requests goes through these.
 */

// lineKey's hash, for an id already parsed: the two must agree.
export { idHash, lineId }

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
/** The names a line's id goes by, custom_id first (a Gemini line has no custom_id). */
const KEYS = [Buffer.from('"custom_id"'), Buffer.from('"key"')]
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
 * Where the top-level `custom_id` of a JSON line has its string value, else its `key`'s (Gemini):
 * the index of its opening quote, or -1. Scans the bytes up to it rather than parsing the line:
 * results are often tens of kilobytes a line, and their ids come first. A custom_id wins over a
 * key wherever it is, as lineId does: an OpenAI line may hold a field named key, and its results
 * are joined on its custom_id; so a Gemini line is scanned to its end.
 */
function idAt(line: Buffer): number {
  let depth = 0
  let key = -1
  for (let i = 0; i < line.length;) {
    const c = line[i]!
    if (c !== QUOTE) {
      if (c === 0x7b || c === 0x5b) depth++
      else if (c === 0x7d || c === 0x5d) depth--
      i++
      continue
    }
    const end = stringEnd(line, i)
    if (end < 0) return key
    const name =
      depth === 1 ? KEYS.findIndex(k => end - i === k.length && line.compare(k, 0, k.length, i, end) === 0) : -1
    i = end
    if (name < 0) continue
    let j = end
    while (isSpace(line[j])) j++
    if (line[j] !== 0x3a) continue // a value that reads "custom_id" or "key", not the key
    j++
    while (isSpace(line[j])) j++
    if (name === 0) return line[j] === QUOTE ? j : -1
    if (line[j] === QUOTE && key < 0) key = j
    i = j
  }
  return key
}

/** The JSON string at `[open, close)` of `line`, or undefined when it is not one. */
function stringAt(line: Buffer, open: number, close: number): string | undefined {
  try {
    return JSON.parse(line.toString('utf8', open, close)) as string
  } catch {
    return undefined
  }
}

/**
 * Where the top-level `custom_id` string of a JSON line is: `open` its opening
 * quote, `close` just past its closing quote; undefined when there is none.
 */
export function customIdAt(line: Buffer): { open: number; close: number } | undefined {
  const open = idAt(line)
  const close = open < 0 ? -1 : stringEnd(line, open)
  return close < 0 ? undefined : { open, close }
}

/** The top-level `custom_id` (Gemini: `key`) of a JSON line, when it is a string. */
export function customId(line: Buffer): string | undefined {
  const open = idAt(line)
  const close = open < 0 ? -1 : stringEnd(line, open)
  return close < 0 ? undefined : stringAt(line, open, close)
}

/**
 * The id hash of a line, or -1 when it names no custom_id (nor key). A plain ASCII id
 * (the usual kind) is hashed from its bytes, making no string a line
 * (BENCHMARKS.md, "Collecting a million").
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
