import { GEMINI_EXAMPLE, isObject, quote } from './line-messages'
import { ResultBytes } from './results-size'

/**
 * One line of a Gemini request file, `{"key": ..., "request": {...}}`, checked as Gemini's Batch
 * Mode reads an input file (https://ai.google.dev/gemini-api/docs/batch-mode): `key` names the
 * line's result, `request` is a GenerateContentRequest. The batch names the model (the `model`
 * input), so a line holds none. A file Google would fail, whole or line by line, is named here at
 * its line instead, before anything is sent.
 */

/** What a line holds: the results are joined on `key`, and anything else would be dropped or refused. */
const FIELDS = new Set(['key', 'request'])

/** What one line says of itself: its problems, and what the id log and the results' size take from it. */
export interface GeminiLine {
  readonly problems: readonly string[]
  /** The key to check for uniqueness: any non-empty string. */
  readonly id: string | undefined
  /** Its results line's bytes, estimated from generationConfig.maxOutputTokens; 0 when it has none. */
  readonly resultsBytes: number
}

/** Checks the JSON object of one line. */
export function checkGeminiLine(req: Record<string, unknown>): GeminiLine {
  const shape = shapeProblem(req)
  if (shape) return { problems: [shape], id: undefined, resultsBytes: 0 }
  const problems: string[] = []
  const key = keyProblem(req.key)
  if (key) problems.push(key)
  const extra = Object.keys(req).filter(k => !FIELDS.has(k))
  if (extra.length > 0)
    problems.push(
      `${extra.slice(0, 3).join(', ')} ${extra.length === 1 ? 'is not a field' : 'are not fields'} of a ` +
        'Gemini batch line, which holds key and request only: move it into request, or remove it.'
    )
  const id = typeof req.key === 'string' && req.key !== '' ? req.key : undefined
  const request = req.request
  if (!isObject(request)) {
    problems.push(
      `request must be a JSON object: the GenerateContentRequest (contents, generationConfig, ...); got ${quote(request ?? 'nothing')}.`
    )
    return { problems, id, resultsBytes: 0 }
  }
  problems.push(...requestProblems(request))
  const max = isObject(request.generationConfig) ? request.generationConfig.maxOutputTokens : undefined
  const bound = typeof max === 'number' && max >= 1 ? max : 0
  return { problems, id, resultsBytes: bound > 0 ? ResultBytes.textEnvelope + bound * ResultBytes.perToken : 0 }
}

/** A line in another shape than `{key, request}`: one message for the line, not one a field. */
function shapeProblem(req: Record<string, unknown>): string | undefined {
  if ('request' in req) return undefined
  if ('method' in req || 'url' in req || 'body' in req)
    return (
      "This line has OpenAI's Batch shape (custom_id, method, url, body); Gemini's Batch Mode takes key and " +
      `request, e.g. ${GEMINI_EXAMPLE}: the id goes in "key" and the request under "request". ` +
      "Or set 'provider' to openai if the file is meant for OpenAI."
    )
  if ('params' in req)
    return (
      "This line has Anthropic's Message Batches shape (custom_id, params); Gemini's Batch Mode takes key and " +
      `request, e.g. ${GEMINI_EXAMPLE}. Or set 'provider' to anthropic if the file is meant for Anthropic.`
    )
  if ('key' in req)
    return 'No request; add "request", the GenerateContentRequest: at least "contents", e.g. [{"role": "user", "parts": [{"text": "Hello"}]}].'
  const has = Object.keys(req).slice(0, 5).join(', ') || 'no fields'
  const hint =
    'contents' in req
      ? ' It looks like the request itself: put it under "request", with a "key" beside it.'
      : 'custom_id' in req
        ? ' Its custom_id goes in "key".'
        : ''
  return `Not a Gemini batch request: a line holds key and request, e.g. ${GEMINI_EXAMPLE}; this one has ${has}.${hint}`
}

function keyProblem(key: unknown): string | undefined {
  if (key === undefined) return 'No key; add a "key" string unique in this file: the results are joined on it.'
  if (typeof key !== 'string') return `key must be a string; got ${quote(key)}.`
  if (key === '') return 'key is empty; give every request a unique non-empty key.'
  return undefined
}

function requestProblems(request: Record<string, unknown>): string[] {
  const problems: string[] = []
  if (!Array.isArray(request.contents))
    problems.push(
      'request.contents must be an array of turns, e.g. [{"role": "user", "parts": [{"text": "Hello"}]}]; ' +
        `got ${quote(request.contents ?? 'nothing')}.`
    )
  else if (request.contents.length === 0) problems.push('request.contents is empty; give at least one turn.')
  if (request.generationConfig !== undefined && !isObject(request.generationConfig))
    problems.push(`request.generationConfig must be a JSON object; got ${quote(request.generationConfig)}.`)
  return problems
}
