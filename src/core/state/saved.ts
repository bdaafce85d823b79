import { BATCH_STATUSES, Channel, isFinal, State, stateSchema, STATE_VERSION, TrackedBatch } from './state'

/**
 * The state as it is saved: a settled batch is one short row instead of a keyed record.
 *
 * Compacted, not dropped: only the state says which content a file's committed results are for
 * (they carry no hash, and a rebuild looks back 30 days), so a dropped batch would make its file
 * look new, to be submitted and paid for again. Sizes: BENCHMARKS.md, "A year of state".
 */

/** One settled batch: what the plans read of it, less its expiry, which a final batch has no use for. */
type SettledRow = [
  path: string,
  sha256: string,
  part: number,
  parts: number,
  round: number,
  batchId: string,
  status: TrackedBatch['status'],
  createdAt: number,
  counts: [total: number, completed: number, failed: number] | null,
  inputFileId: string,
  outputFileId: string | null,
  errorFileId: string | null,
  /** `r` errors retried, `d` files deleted, `u` untagged (found by its upload's name). */
  flags: string,
  retryable: number | null,
  model: string | null,
  usage: [input: number, cachedInput: number, output: number, reasoning: number] | null,
  announced: Channel[]
]

const STATUSES: ReadonlySet<unknown> = new Set(BATCH_STATUSES)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isWhole = (v: unknown, min: number): v is number => Number.isInteger(v) && (v as number) >= min
const isStr = (v: unknown): v is string => typeof v === 'string'
const isNums = (v: unknown, n: number): v is number[] => {
  if (!Array.isArray(v) || v.length !== n) return false
  for (const x of v) if (!isNum(x)) return false
  return true
}
const isChannels = (v: unknown): v is Channel[] => {
  if (!Array.isArray(v)) return false
  for (const c of v) if (c !== 'webhook' && c !== 'dispatch') return false
  return true
}

/** Whether `v` is a row: checked by hand as its record is built, not by zod (BENCHMARKS.md, "A year of state"). */
const isRow = (v: unknown): v is SettledRow =>
  Array.isArray(v) &&
  v.length === 17 &&
  isStr(v[0]) &&
  isStr(v[1]) &&
  isWhole(v[2], 1) &&
  isWhole(v[3], 1) &&
  isWhole(v[4], 0) &&
  isStr(v[5]) &&
  STATUSES.has(v[6]) &&
  isNum(v[7]) &&
  (v[8] === null || isNums(v[8], 3)) &&
  isStr(v[9]) &&
  (v[10] === null || isStr(v[10])) &&
  (v[11] === null || isStr(v[11])) &&
  isStr(v[12]) &&
  (v[13] === null || isWhole(v[13], 0)) &&
  (v[14] === null || isStr(v[14])) &&
  (v[15] === null || isNums(v[15], 4)) &&
  isChannels(v[16])

/**
 * The fields a row holds (and `expiresAt`, which a final batch has no use for).
 * A batch with any other field set stays a record: a field added to the schema
 * later is never lost to a row that does not know it.
 */
export const ROW_FIELDS: ReadonlySet<string> = new Set([
  'path',
  'sha256',
  'part',
  'parts',
  'round',
  'batchId',
  'status',
  'createdAt',
  'requestCounts',
  'inputFileId',
  'outputFileId',
  'errorFileId',
  'errorsRetried',
  'filesDeleted',
  'untagged',
  'retryable',
  'model',
  'usage',
  'announced',
  'collected',
  'expiresAt',
  'errors'
])

/** Whether a batch is saved as a row: nothing about it changes any more, and a row holds all its record does. */
export function isSettled(b: TrackedBatch): boolean {
  if (!(
    isFinal(b.status) &&
    b.collected &&
    !b.superseded &&
    !b.renamedFrom &&
    !b.outside &&
    !b.guessed &&
    !(b.errors && b.errors.length > 0)
  ))
    return false
  for (const k in b) if (!ROW_FIELDS.has(k) && (b as Record<string, unknown>)[k] !== undefined) return false
  return true
}

export function toRow(b: TrackedBatch): SettledRow {
  const c = b.requestCounts
  const u = b.usage
  const flags = `${b.errorsRetried ? 'r' : ''}${b.filesDeleted ? 'd' : ''}${b.untagged ? 'u' : ''}`
  return [
    b.path,
    b.sha256,
    b.part,
    b.parts,
    b.round ?? 0,
    b.batchId,
    b.status,
    b.createdAt,
    c ? [c.total, c.completed, c.failed] : null,
    b.inputFileId,
    b.outputFileId ?? null,
    b.errorFileId ?? null,
    flags,
    b.retryable ?? null,
    b.model ?? null,
    u ? [u.input, u.cachedInput, u.output, u.reasoning] : null,
    b.announced ?? []
  ]
}

export function fromRow(r: SettledRow): TrackedBatch {
  const [
    path,
    sha256,
    part,
    parts,
    round,
    batchId,
    status,
    createdAt,
    c,
    inputFileId,
    outputFileId,
    errorFileId,
    flags,
    retryable,
    model,
    u,
    announced
  ] = r
  // Assigned one by one: spreading the optional fields cost more than parsing the rows.
  const b: TrackedBatch = { path, sha256, part, parts, batchId, inputFileId, status, createdAt, collected: true }
  if (round > 0) b.round = round
  if (c) b.requestCounts = { total: c[0], completed: c[1], failed: c[2] }
  // OpenAI reports a missing file as null, and so does a row.
  b.outputFileId = outputFileId
  b.errorFileId = errorFileId
  if (flags.includes('r')) b.errorsRetried = true
  if (retryable !== null) b.retryable = retryable
  if (model !== null) b.model = model
  if (u) b.usage = { input: u[0], cachedInput: u[1], output: u[2], reasoning: u[3] }
  if (flags.includes('d')) b.filesDeleted = true
  if (flags.includes('u')) b.untagged = true
  if (announced.length > 0) b.announced = announced
  return b
}

/** Parses a saved state, or says in one line why it cannot be used. */
export function parseState(text: string, scope: string): { state: State } | { reason: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { reason: 'the saved state is not valid JSON' }
  }
  const version = (json as { version?: unknown } | null)?.version
  if (version !== STATE_VERSION)
    return { reason: `the saved state has schema version ${String(version)}, this action reads ${STATE_VERSION}` }
  // Rows taken out before zod sees the rest: even as unknowns they cost there (BENCHMARKS.md, "A year of state").
  const { settled, ...doc } = json as { settled?: unknown }
  if (settled !== undefined && !Array.isArray(settled))
    return { reason: 'the saved state does not match its schema (settled is not a list)' }
  const parsed = stateSchema.safeParse(doc)
  if (!parsed.success)
    return { reason: `the saved state does not match its schema (${parsed.error.issues[0]?.message})` }
  const rest = parsed.data
  if (rest.scope !== scope) return { reason: `the saved state belongs to '${rest.scope}', not '${scope}'` }
  if (!settled) return { state: rest }
  const batches = rest.batches.slice()
  for (let i = 0; i < settled.length; i++) {
    const r = settled[i]
    if (!isRow(r)) return { reason: `the saved state does not match its schema (settled batch ${i + 1})` }
    batches.push(fromRow(r))
  }
  return { state: { ...rest, batches } }
}

/** A record's keys in schema order, nested too: the same state is the same text, so an unchanged run saves nothing. */
const RECORD_KEYS = [
  ...Object.keys(stateSchema.shape.batches.element.shape),
  ...['total', 'completed', 'failed', 'code', 'message', 'line', 'input', 'cachedInput', 'output', 'reasoning']
]

/** The saved form: live batches as records, one a line; settled ones as rows, one a line. */
export function serializeState(state: State): string {
  const { batches, ...head } = state
  const live = batches.filter(b => !isSettled(b))
  const settled = batches.filter(isSettled)
  const lines = (xs: readonly string[]) => (xs.length === 0 ? '[]' : `[\n${xs.join(',\n')}\n]`)
  const top = JSON.stringify(head).slice(0, -1)
  const records = lines(live.map(b => JSON.stringify(b, RECORD_KEYS)))
  const rows = settled.length > 0 ? `,"settled":${lines(settled.map(b => JSON.stringify(toRow(b))))}` : ''
  return `${top},"batches":${records}${rows}}\n`
}
