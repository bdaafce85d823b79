import { type Classed, splitLines } from './jsonl-split'
import type { Split } from './split-download'

/**
 * A batch's responses file, one line a request in no particular order, split
 * into the two files the action reads as OpenAI's output and error files:
 * answers with at least one candidate, and the rest (`{key, error}` lines,
 * and responses without candidates: a prompt blocked, `promptFeedback.blockReason`).
 * Lines are written as they came: the keys are the user's own.
 */

/** Whether a responses line holds an answer: a `response` with at least one candidate. */
export function answered(text: string, n: number): boolean {
  let r: { response?: { candidates?: unknown } }
  try {
    r = JSON.parse(text) as typeof r
  } catch {
    throw new Error(`responses line ${n} is not JSON: ${text.slice(0, 100)}`)
  }
  const candidates = r?.response?.candidates
  return Array.isArray(candidates) && candidates.length > 0
}

// A copy: the stream keeps what it is given until written, and a line may be a view of the body's chunk.
const asCame = (text: string, n: number, raw: Buffer): Classed => ({
  succeeded: answered(text, n),
  line: Buffer.from(raw)
})

/** Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl` (jsonl-split.ts). */
export const splitResponses = (body: ReadableStream<Uint8Array>, dir: string, name: string): Promise<Split> =>
  splitLines(body, dir, name, asCame)
