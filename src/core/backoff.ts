/** Exponential backoff for attempt `n` (0-based): 1 s, 2 s, 4 s, ... capped at 30 s. */
export const backoffMs = (n: number): number => Math.min(30_000, 1000 * 2 ** n)
