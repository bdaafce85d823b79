/**
 * Read buffers of CHUNK bytes, lent and given back, so that reading file after
 * file allocates none after the first few. A buffer left to the collector is
 * external memory V8 frees only once tens of megabytes have piled up
 * (BENCHMARKS.md, "What the submit holds").
 */

/** Bytes read at a time. */
export const CHUNK = 1 << 20

/** Kept for the next reader; more than this (a high max-concurrency) are left to the collector. */
const KEEP = 12
const free: Buffer[] = []

/** A buffer of CHUNK bytes, of earlier contents: give it back (`giveBack`) once nothing reads it any more. */
export function lend(): Buffer {
  return free.pop() ?? Buffer.allocUnsafeSlow(CHUNK)
}

/** Takes back a buffer from `lend`: the caller must hold no view of it and nothing may still be sending it. */
export function giveBack(buf: Buffer): void {
  if (buf.length === CHUNK && free.length < KEEP && !free.includes(buf)) free.push(buf)
}

/** Buffers waiting to be lent (for tests). */
export const idleBuffers = (): number => free.length
