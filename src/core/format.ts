/** How numbers, money and progress read in logs, comments and the job summary. */

/**
 * `12,345`: whole numbers by hand, since the first toLocaleString of a run loads ICU's number data
 * (BENCHMARKS.md, "Cold start"); fractions as en-US has them.
 */
export const count = (n: number): string =>
  Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US')

/**
 * Orders texts by their UTF-16 code units, as git lists paths: the same order on every machine,
 * and no ICU collator to load, as localeCompare's first call does (BENCHMARKS.md, "Cold start").
 */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** `1 file`, `2 files`; `many` for words that do not just take an s. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`

/** Dollars: cents for most sums, two significant digits for small ones so they do not read as $0.00 (never `5e-8`). */
export function usd(n: number): string {
  if (n >= 1 || n <= 0) return `$${n.toFixed(2)}`
  return `$${n.toFixed(Math.min(20, 1 - Math.floor(Math.log10(n))))}`
}

/**
 * Dollars for outputs, as max-cost reads them: a plain decimal, never `1e-7`, to four significant
 * digits and at least cents (`25.00`, `0.00007625`), so a tiny cost does not read as `0.000000`.
 */
export function dollars(n: number): string {
  if (n <= 0) return '0.00'
  const digits = Math.min(20, Math.max(2, 3 - Math.floor(Math.log10(n))))
  return n.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, '$1')
}

/** A progress bar of text that renders everywhere: `▓▓▓▓▓▒░░░░` for done, failed and left. */
export function bar(done: number, failed: number, total: number, width = 10): string {
  if (total <= 0) return '░'.repeat(width)
  const d = Math.round((done / total) * width)
  const f = Math.min(width - d, Math.round((failed / total) * width))
  return '▓'.repeat(d) + '▒'.repeat(f) + '░'.repeat(width - d - f)
}

/** A time as people read it in a summary: `2026-12-02 14:00 UTC`. */
export const utc = (unixSeconds: number): string =>
  `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
