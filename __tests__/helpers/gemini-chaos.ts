/** What the Gemini chaos and crash suites share: batches read by displayName, and the results the action must make. */
import { createHash } from 'node:crypto'
import type { GeminiBatch } from '../fakes/gemini'

/** What a batch's displayName (core/paths.ts uploadName) says: content, round, part. */
export interface Slot {
  readonly sha256: string
  readonly round: number
  readonly part: number
}

/** A batch's slot, read from its displayName; undefined for a name not the action's. */
export function slotOf(b: GeminiBatch): Slot | undefined {
  const m = /(?:\.retry(\d+))?(?:\.part(\d+)of\d+)?\.([0-9a-f]{64})\.jsonl$/.exec(b.op.metadata.displayName)
  return m ? { sha256: m[3]!, round: Number(m[1] ?? 0), part: Number(m[2] ?? 1) } : undefined
}

/** `<sha256>/<part>/<round>`: what must be submitted once. */
export const tagOf = (b: GeminiBatch): string => {
  const s = slotOf(b)
  return s ? `${s.sha256}/${s.part}/${s.round}` : `not the action's: ${b.op.metadata.displayName}`
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** Whether a responses line holds an answer (a candidate), as gemini-results.ts splits them. */
const answered = (l: unknown): boolean =>
  ((l as { response?: { candidates?: unknown[] } }).response?.candidates?.length ?? 0) > 0

/**
 * The results file and errors file a request file's content must end as,
 * made from the fake's own responses: each key's line from the latest round
 * that answered it, in the input's order, answers apart from the rest.
 * Undefined while a round's batch has not succeeded.
 */
export function expectedResults(
  batches: GeminiBatch[],
  content: string
): { output: string; errors: string } | undefined {
  const sha = sha256(content)
  const rounds = batches
    .filter(b => slotOf(b)?.sha256 === sha && b.op.metadata.state === 'BATCH_STATE_SUCCEEDED')
    .sort((a, b) => slotOf(a)!.round - slotOf(b)!.round)
  if (!rounds.some(b => slotOf(b)!.round === 0)) return undefined
  const last = new Map<string, unknown>()
  for (const b of rounds) for (const l of b.lines ?? []) last.set((l as { key: string }).key, l)
  const keys = content
    .trim()
    .split('\n')
    .map(l => (JSON.parse(l) as { key: string }).key)
  const lines = keys.map(k => last.get(k))
  if (lines.some(l => l === undefined)) return undefined
  const join = (ls: unknown[]) => ls.map(l => JSON.stringify(l) + '\n').join('')
  return { output: join(lines.filter(answered)), errors: join(lines.filter(l => !answered(l))) }
}

/** Output without the `::add-mask::` lines, where the key belongs. */
export const unmasked = (out: string): string =>
  out
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
