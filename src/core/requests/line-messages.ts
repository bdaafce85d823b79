import { errorMessage } from '../errors'

/** What the checker says of a line that is not a request, for either line shape (validate.ts). */

export type LineShape = 'openai' | 'anthropic' | 'gemini'

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * JSON.parse's complaint, its place given as a character of the line: its own "(line 1 column 2)"
 * counts the line alone, which misleads beside an annotation on the file's line.
 */
export const jsonError = (e: unknown): string =>
  errorMessage(e).replace(
    / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/,
    (_, pos: string) => ` at character ${Number(pos) + 1}`
  )

export function quote(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 60 ? `'${s.slice(0, 57)}...'` : `'${s}'`
}

const REQUEST_EXAMPLE = '{"custom_id": "q-1", "method": "POST", "url": "/v1/chat/completions", "body": {...}}'

/** A Message Batches request line, as Anthropic documents it. */
export const ANTHROPIC_EXAMPLE =
  '{"custom_id": "q-1", "params": {"model": "claude-haiku-4-5", "max_tokens": 256, "messages": [...]}}'

/** A Gemini Batch Mode request line, as Google documents it. */
export const GEMINI_EXAMPLE =
  '{"key": "q-1", "request": {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}}'

/** A line in Gemini's shape, for the other shapes' messages to say which provider takes it. */
export const isGeminiShaped = (req: Record<string, unknown>): boolean => 'key' in req && 'request' in req

/** What the other shapes' messages add for a `{key, request}` line. */
export const GEMINI_HINT =
  " It has key and request, the shape of Gemini's Batch Mode: set 'provider: gemini' to submit it there."

/** A first line that opens JSON spread over lines: the file is not JSON Lines at all, so one message says so. */
export function notJsonLines(first: string): string | undefined {
  const t = first.trim()
  if (t.startsWith('['))
    return "This file is a JSON array, not JSON Lines: write one request object a line, with no [ ] around them (jq -c '.[]' in.json > out.jsonl does it)."
  if (/[{[]$/.test(t) || (t.endsWith(',') && !/[}\]],$/.test(t)))
    return 'This file is pretty-printed JSON, not JSON Lines: write each request object on one line (jq -c . in.json > out.jsonl does it).'
  return undefined
}

export function notAnObject(value: unknown, shape: LineShape): string {
  if (Array.isArray(value) && value.length > 0 && value.every(isObject))
    return 'This line is a JSON array of requests: JSON Lines holds one request object a line, so put each on its own line.'
  if (shape === 'gemini') return 'Each line must be a JSON object with key and request.'
  return shape === 'anthropic'
    ? 'Each line must be a JSON object with custom_id and params.'
    : 'Each line must be a JSON object with custom_id, method, url and body.'
}

/** A JSON object with none of a request's fields: one message naming what a request line holds, not one a field. */
export function notARequest(req: Record<string, unknown>): string {
  const has = Object.keys(req).slice(0, 5).join(', ') || 'no fields'
  const hint =
    'params' in req
      ? " It has params, the shape of Anthropic's Message Batches: set 'provider: anthropic' to submit it there."
      : isGeminiShaped(req)
        ? GEMINI_HINT
        : 'model' in req || 'messages' in req || 'input' in req
          ? ' It looks like a request body: put it under "body", with custom_id, method and url beside it.'
          : ''
  return `Not a Batch request: a request line holds custom_id, method, url and body, e.g. ${REQUEST_EXAMPLE}; this one has ${has}.${hint}`
}

export function unknownUrl(url: unknown, endpoints: readonly string[]): string {
  const near = typeof url === 'string' && endpoints.find(e => e === `/v1${url}` || e === url.replace(/\/+$/, ''))
  const fix = near ? `did you mean '${near}'?` : `use one of ${endpoints.join(', ')}.`
  return `url ${quote(url ?? 'nothing')} is not a Batch endpoint; ${fix}`
}

/** A line's model that is not the `model` input's. */
export const otherModel = (field: string, model: string, input: string): string =>
  `${field} ${quote(model)} differs from the model input ${quote(input)}; name ${quote(input)} on every line, ` +
  'or leave the model input empty.'

/** An id used again, `first` the line it was first on: Gemini's `key`, the others' `custom_id`. */
export const usedAgain = (shape: LineShape, id: string, first: number): string =>
  shape === 'gemini'
    ? `key ${quote(id)} is used again (first on line ${first}); keys must be unique in a file, as results are joined on them.`
    : `custom_id ${quote(id)} is used again (first on line ${first}); ids must be unique in a file.`
