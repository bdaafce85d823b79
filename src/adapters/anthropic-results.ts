import { readTagged } from '../core/remote/tags'
import { type Classed, lines, splitLines } from './jsonl-split'
import type { Split } from './split-download'

/**
 * A batch's results file, one line a request in no particular order, split
 * into the two files the action reads as OpenAI's output and error files:
 * `succeeded` lines, and the rest (errored, canceled, expired). Each line
 * gets the user's own custom_id back (the tag the action sent cut off).
 */

/** A result line with the user's custom_id, and whether it succeeded. */
function restore(text: string, n: number): Classed {
  let r: { custom_id?: unknown; result?: { type?: unknown } }
  try {
    r = JSON.parse(text) as typeof r
  } catch {
    throw new Error(`result line ${n} is not JSON: ${text.slice(0, 100)}`)
  }
  if (typeof r.custom_id === 'string') r.custom_id = readTagged(r.custom_id)?.id ?? r.custom_id
  return { line: JSON.stringify(r), succeeded: r.result?.type === 'succeeded' }
}

/** Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl` (jsonl-split.ts). */
export const splitResults = (body: ReadableStream<Uint8Array>, dir: string, name: string): Promise<Split> =>
  splitLines(body, dir, name, restore)

/** The custom_id of the first line of a body, or undefined when there is none; the rest is not read. */
export async function firstCustomId(body: ReadableStream<Uint8Array>): Promise<string | undefined> {
  for await (const raw of lines(body)) {
    try {
      const id = (JSON.parse(raw.toString('utf8')) as { custom_id?: unknown }).custom_id
      return typeof id === 'string' ? id : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}
