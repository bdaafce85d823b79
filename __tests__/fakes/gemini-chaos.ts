/**
 * FakeGemini's random faults and taps, apart from the fake itself: which
 * fault a request draws (seeded, so a failing run replays) and the points at
 * which a test kills the action.
 */

/**
 * A fault chaos() may draw: a status (500 INTERNAL, 503 UNAVAILABLE, 429
 * RESOURCE_EXHAUSTED with `retry-after: 0`, with a RetryInfo of 0 s, or with
 * neither), a connection reset before anything is done, a lost answer (the
 * request took effect: a create made its batch, an upload chunk's bytes were
 * taken, a finalize made the file) and, for downloads only, a body cut off
 * half way.
 */
export type GeminiChaosKind = '500' | '503' | '429' | '429-info' | '429-bare' | 'reset' | 'lost' | 'cut'
export const GEMINI_CHAOS_KINDS: readonly GeminiChaosKind[] = [
  '500',
  '503',
  '429',
  '429-info',
  '429-bare',
  'reset',
  'lost',
  'cut'
]

/**
 * When a tap fires: a request arrived (nothing done yet); a create was applied
 * (its answer follows); half a download was sent (the rest follows); an answer
 * was sent.
 */
export type GeminiTapPoint = 'request' | 'applied' | 'halfway' | 'answered'

/** What the dice and taps look at of a request. */
export interface Drawn {
  readonly method: string
  readonly path: string
  /** Whether it is a resumable upload's chunk (its URL carries upload_id). */
  readonly chunk?: boolean
}

/** The status faults: HTTP status, headers, and the RetryInfo delay to add (if any). */
export const STATUS_FAULTS: Partial<Record<GeminiChaosKind, [number, Record<string, string>, string | undefined]>> = {
  '500': [500, {}, undefined],
  '503': [503, {}, undefined],
  '429': [429, { 'retry-after': '0' }, undefined],
  '429-info': [429, {}, '0s'],
  '429-bare': [429, {}, undefined]
}

export const isDownload = (d: Drawn): boolean => d.method === 'GET' && /:download$/.test(d.path)

export class GeminiDice {
  /** Faults drawn so far, by kind. */
  readonly injected: Partial<Record<GeminiChaosKind, number>> = {}
  /** Of those, the ones that hit an upload chunk (failed or dropped). */
  chunkFaults = 0
  private random: { rate: number; next: () => number; kinds: readonly GeminiChaosKind[] } | undefined
  private readonly taps: { method: string; path: RegExp; when: GeminiTapPoint; fn: () => void }[] = []

  /** A share `rate` of all requests draws one of `kinds` with `next`; a rate of 0 stops it. */
  set(rate: number, next: () => number, kinds: readonly GeminiChaosKind[]): void {
    this.random = rate > 0 ? { rate, next, kinds } : undefined
  }

  /** The fault for this request, if one is drawn: a cut only for a download. */
  draw(d: Drawn): GeminiChaosKind | undefined {
    const r = this.random
    if (!r || r.next() >= r.rate) return undefined
    const kinds = r.kinds.filter(k => k !== 'cut' || isDownload(d))
    const kind = kinds[Math.floor(r.next() * kinds.length)]
    if (kind) {
      this.injected[kind] = (this.injected[kind] ?? 0) + 1
      if (d.chunk) this.chunkFaults++
    }
    return kind
  }

  tap(method: string, path: RegExp, when: GeminiTapPoint, fn: () => void): void {
    this.taps.push({ method, path, when, fn })
  }

  /** Whether a tap waits for `when` of some request. */
  waiting(when: GeminiTapPoint): boolean {
    return this.taps.some(t => t.when === when)
  }

  /** Calls (and removes) the first tap for `when` of this request. */
  fire(d: Drawn, when: GeminiTapPoint): boolean {
    // An upload chunk matches as `<path>#chunk`, so a tap can tell it from the session's start.
    const path = d.chunk ? `${d.path}#chunk` : d.path
    const i = this.taps.findIndex(t => t.when === when && t.method === d.method && t.path.test(path))
    if (i < 0) return false
    this.taps.splice(i, 1)[0]!.fn()
    return true
  }
}
