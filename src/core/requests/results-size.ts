import { MAX_BLOB_BYTES } from '../limits'

/**
 * How big a request file's results will be, estimated from the requests alone
 * (#26 item 4), so a file whose results would not fit in git is named before
 * it is paid for. Bytes a results line takes in JSON, measured on results
 * shaped like OpenAI's (a float32 embedding printed as JSON, with its comma,
 * takes about 21 bytes).
 */
export const ResultBytes = {
  /** One number of an embedding, e.g. `-0.006929283495992422,`. */
  perFloat: 20,
  /** An embeddings line around its numbers: ids, status, model, usage. */
  embeddingEnvelope: 300,
  /** A chat, responses or completions line around its text. */
  textEnvelope: 600,
  /** One output token of text, escaped as JSON. */
  perToken: 4,
  /**
   * How much gzip shrinks a results file: 2.3 measured on embeddings (random-looking digits);
   * text shrinks more, so for text "left out" is a pessimistic guess.
   */
  gzipRatio: 2.3
} as const

/** Dimensions of an embedding when the body does not set `dimensions` (https://platform.openai.com/docs/guides/embeddings). */
export const DEFAULT_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined)

/** How many embeddings a request asks for: a string or a token array is one, an array of them one each. */
function inputs(input: unknown): number {
  if (!Array.isArray(input)) return 1
  return input.length > 0 && input.every(i => typeof i === 'number') ? 1 : input.length
}

/** The most output tokens a text request allows, when the body bounds it. */
function outputBound(path: string, body: Record<string, unknown>): number | undefined {
  const n = num(body.n) ?? 1
  const bound =
    path === '/chat/completions'
      ? (num(body.max_completion_tokens) ?? num(body.max_tokens))
      : path === '/responses'
        ? num(body.max_output_tokens)
        : path === '/completions'
          ? num(body.max_tokens)
          : undefined
  return bound === undefined ? undefined : bound * (path === '/responses' ? 1 : n)
}

/**
 * The bytes of one request's results line, estimated; undefined when the
 * request does not bound them (a text request with no output limit, an
 * embedding model of unknown dimension, other endpoints).
 */
export function resultLineBytes(url: string, body: Record<string, unknown>): number | undefined {
  const path = url.replace(/^\/v1/, '')
  if (path === '/embeddings') {
    const model = typeof body.model === 'string' ? body.model : ''
    const dims = num(body.dimensions) ?? DEFAULT_DIMENSIONS[model]
    if (dims === undefined) return undefined
    return ResultBytes.embeddingEnvelope + inputs(body.input) * dims * ResultBytes.perFloat
  }
  const bound = outputBound(path, body)
  return bound === undefined ? undefined : ResultBytes.textEnvelope + bound * ResultBytes.perToken
}

/** What a commit would do with results of this size: keep them, gzip them, or leave them out (publish/commit.ts). */
export function resultsFate(bytes: number, limit = MAX_BLOB_BYTES): 'fits' | 'gzip' | 'left-out' {
  if (bytes <= limit) return 'fits'
  return bytes / ResultBytes.gzipRatio <= limit ? 'gzip' : 'left-out'
}

const MB = 1000 * 1000

/** A size the way the warning says it: `96 MB`. */
export const megabytes = (bytes: number): string => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`

/**
 * The warning for a file whose estimated results would not be committed as
 * they are; undefined when they fit. `resultsBytes` is a lower bound: requests
 * that do not bound their results count for nothing.
 */
export function resultsSizeWarning(file: string, resultsBytes: number | undefined): string | undefined {
  if (resultsBytes === undefined) return undefined
  const fate = resultsFate(resultsBytes)
  if (fate === 'fits') return undefined
  const what =
    fate === 'gzip'
      ? 'a commit would hold them gzip-compressed, as a .gz file'
      : 'likely over it even gzip-compressed, so a commit would leave them out and upload them as an artifact'
  return (
    `${file}: its results are estimated at about ${megabytes(resultsBytes)}, ` +
    `over GitHub's 40 MiB blob limit: ${what}. ` +
    'To keep them out of git, use results: artifact; readable-results: csv adds a CSV a person can read.'
  )
}
