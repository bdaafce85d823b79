import { bodyUsage } from '../cost/usage'
import {
  anthropicFailure,
  geminiFailure,
  lineId,
  requestBody,
  responseBody,
  responseModel
} from '../requests/result-line'

/**
 * One row of the readable results (readable-results: csv): a request and its
 * answer as a person reads them, from the parsed request line and result line.
 * Pure: the file work is io/readable-csv.ts.
 */

/** The CSV's columns, in order. */
export const READABLE_COLUMNS = [
  'custom_id',
  'status',
  'model',
  'prompt',
  'answer',
  'input_tokens',
  'output_tokens'
] as const

export type ReadableRow = readonly [string, string, string, string, string, string, string]

/** Characters kept of a prompt and of an answer: enough to recognise them; the JSONL holds the whole. */
export const PROMPT_CHARS = 200
export const ANSWER_CHARS = 1000

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '')

/**
 * A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
 * first) starts with `'`, as OWASP's CSV injection advice says: a prompt or an answer is text a
 * model or a user wrote, and opening the CSV must not run it. The JSONL keeps it as it was.
 */
export const inert = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)

/** `s` cut to `max` characters with an ellipsis, never inside a surrogate pair. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s
  let cut = max - 1
  const last = s.charCodeAt(cut - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut--
  return `${s.slice(0, cut)}…`
}

/**
 * A message's text: a string, or the text parts of an array (chat `text`, responses
 * `input_text`/`output_text`, Gemini's `parts`; its thought summaries left out).
 */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content
  const parts = list(content)
    .map(p => (obj(p)?.thought === true ? undefined : str(obj(p)?.text)))
    .filter((t): t is string => t !== undefined)
  return parts.length > 0 ? parts.join('\n') : undefined
}

/** The last user message's text of a list of messages. */
function lastUser(messages: unknown): string | undefined {
  const users = list(messages).filter(m => obj(m)?.role === 'user')
  return users.length > 0 ? textOf(obj(users[users.length - 1])?.content) : undefined
}

/** Gemini's last user turn's text parts: a turn with no role is the user's. */
function lastUserTurn(contents: unknown): string | undefined {
  const users = list(contents).filter(c => (obj(c)?.role ?? 'user') === 'user')
  return users.length > 0 ? textOf(obj(users[users.length - 1])?.parts) : undefined
}

/** What was asked: the last user message (chat, Anthropic), the responses input, the completion prompt, the text embedded. */
export function promptOf(request: Obj | undefined): string {
  const body = requestBody(request)
  if (!body) return ''
  if ('messages' in body) return lastUser(body.messages) ?? ''
  if ('contents' in body) return lastUserTurn(body.contents) ?? ''
  const input = body.input ?? body.prompt
  if (typeof input === 'string') return input
  // Responses: an array of messages; completions and embeddings: an array of strings.
  return (
    lastUser(input) ??
    list(input)
      .filter(x => typeof x === 'string')
      .join('\n')
  )
}

/** What came back: by the body's shape, so a result without its request still reads. */
export function answerOf(body: Obj | undefined): string {
  if (!body) return ''
  const data = list(body.data)
  if (body.object === 'list' && data.length > 0) {
    const dims = data.map(d => list(obj(d)?.embedding).length)
    return dims.map(n => `(embedding, ${n} dimensions)`).join('\n')
  }
  if (body.object === 'response' || Array.isArray(body.output)) {
    const texts = list(body.output).flatMap(o => (obj(o)?.type === 'message' ? [textOf(obj(o)?.content) ?? ''] : []))
    return texts.join('\n')
  }
  // Gemini's candidates: each one's text parts.
  const candidates = list(body.candidates).map(obj)
  if (candidates.length > 0) return candidates.map(c => textOf(obj(c?.content)?.parts) ?? '').join('\n')
  const choices = list(body.choices).map(obj)
  if (choices.length > 0) return choices.map(c => str(c?.text) ?? textOf(obj(c?.message)?.content) ?? '').join('\n')
  // Anthropic's messages: their text blocks.
  return textOf(body.content) ?? ''
}

/** Why a line failed: its error's code and message, or the response's status and error. */
function failureOf(line: Obj, body: Obj | undefined, statusCode: unknown): string | undefined {
  const err = obj(line.error) ?? obj(body?.error)
  if (err) return [str(err.code) ?? str(err.type), str(err.message)].filter(Boolean).join(': ') || 'error'
  if (typeof statusCode === 'number' && statusCode >= 400) return `HTTP ${statusCode}`
  if (body?.status === 'incomplete') {
    const reason = str(obj(body.incomplete_details)?.reason)
    return reason ? `incomplete: ${reason}` : 'incomplete'
  }
  return undefined
}

/**
 * The row for one request line (undefined when the request file is not known)
 * and its result or error line (undefined when there is none yet).
 */
export function readableRow(request: Obj | undefined, result: Obj | undefined): ReadableRow {
  const response = obj(result?.response)
  const body = responseBody(result)
  const id = lineId(result) ?? lineId(request) ?? ''
  const failed =
    anthropicFailure(result) ?? geminiFailure(result) ?? (result && failureOf(result, body, response?.status_code))
  const status = result ? (failed ?? 'ok') : 'no result'
  const model = responseModel(body) ?? str(requestBody(request)?.model) ?? ''
  const [input, output] = tokensOf(body)
  return [
    id,
    status,
    model,
    inert(shorten(promptOf(request), PROMPT_CHARS)),
    inert(shorten(answerOf(body), ANSWER_CHARS)),
    num(input),
    num(output)
  ]
}

/** The input and output tokens a response body reports, as it reports them; Gemini's as cost/usage.ts reads them. */
function tokensOf(body: Obj | undefined): [unknown, unknown] {
  const meta = obj(body?.usageMetadata)
  if (meta) {
    const u = bodyUsage(meta)
    return [u?.input, u?.output]
  }
  const usage = obj(body?.usage)
  return [usage?.input_tokens ?? usage?.prompt_tokens, usage?.output_tokens ?? usage?.completion_tokens]
}
