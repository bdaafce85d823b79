import { CustomIdLimits } from '../limits'
import { ANTHROPIC_EXAMPLE, GEMINI_HINT, isGeminiShaped, isObject, quote } from './line-messages'
import { ResultBytes } from './results-size'

/**
 * One line of an Anthropic request file, `{"custom_id": ..., "params": {...}}`,
 * checked as Anthropic's Message Batches would take it
 * (https://docs.anthropic.com/en/api/creating-message-batches), so a file it
 * would refuse, whole, is refused here at its line instead, before anything is sent.
 */

/** The one endpoint Message Batches serve: a line holds no url, so this is every Anthropic file's. */
export const ANTHROPIC_ENDPOINT = '/v1/messages'

/** Anthropic's rule for a custom_id. */
const ID = /^[a-zA-Z0-9_-]{1,64}$/

const TAG_PREFIX_LENGTH = CustomIdLimits.tagPrefix

/** The custom_id's length left to the user: Anthropic takes 64, and the action's tag takes 12 (remote/tags.ts). */
export const MAX_ANTHROPIC_ID = CustomIdLimits.anthropic - TAG_PREFIX_LENGTH

/** What a line holds: Message Batches refuse a request with any other field. */
const FIELDS = new Set(['custom_id', 'params'])

/** Where the docs say why the ids are shorter than Anthropic's own limit. */
const DOCS = 'docs/providers.md#anthropic'

/** What one line says of itself: its problems, and what the file's facts and the id log take from it. */
export interface AnthropicLine {
  readonly problems: readonly string[]
  /** The custom_id to check for uniqueness: any non-empty string, valid or not, as OpenAI lines do. */
  readonly id: string | undefined
  readonly model: string | undefined
  /** Its results line's bytes, estimated from max_tokens; 0 when the line has none to go by. */
  readonly resultsBytes: number
}

/** Checks the JSON object of one line. */
export function checkAnthropicLine(req: Record<string, unknown>): AnthropicLine {
  const shape = shapeProblem(req)
  if (shape) return { problems: [shape], id: undefined, model: undefined, resultsBytes: 0 }
  const problems: string[] = []
  const id = idProblem(req.custom_id)
  if (id) problems.push(id)
  const extra = Object.keys(req).filter(k => !FIELDS.has(k))
  if (extra.length > 0)
    problems.push(
      `${extra.slice(0, 3).join(', ')} ${extra.length === 1 ? 'is not a field' : 'are not fields'} of a ` +
        'Message Batches request, which holds custom_id and params only: move it into params, or remove it.'
    )
  const params = req.params
  const given = typeof req.custom_id === 'string' && req.custom_id !== '' ? req.custom_id : undefined
  if (!isObject(params)) {
    problems.push('params must be a JSON object: the Messages API request (model, max_tokens, messages).')
    return { problems, id: given, model: undefined, resultsBytes: 0 }
  }
  problems.push(...paramsProblems(params))
  const model = typeof params.model === 'string' && params.model !== '' ? params.model : undefined
  const maxTokens = typeof params.max_tokens === 'number' && params.max_tokens >= 1 ? params.max_tokens : 0
  const resultsBytes = maxTokens > 0 ? ResultBytes.textEnvelope + maxTokens * ResultBytes.perToken : 0
  return { problems, id: given, model, resultsBytes }
}

/** A line in another shape than `{custom_id, params}`: one message for the line, not one a field. */
function shapeProblem(req: Record<string, unknown>): string | undefined {
  if ('params' in req) return undefined
  if ('method' in req || 'url' in req || 'body' in req)
    return (
      "This line has OpenAI's Batch shape (custom_id, method, url, body); Anthropic's Message Batches take " +
      `custom_id and params, e.g. ${ANTHROPIC_EXAMPLE}: put the body under "params", with no method or url.`
    )
  if (isGeminiShaped(req))
    return `Not a Message Batches request: a line holds custom_id and params, e.g. ${ANTHROPIC_EXAMPLE}.${GEMINI_HINT}`
  if ('custom_id' in req) return 'No params; add "params", the Messages API request: model, max_tokens and messages.'
  const has = Object.keys(req).slice(0, 5).join(', ') || 'no fields'
  const hint =
    'model' in req || 'messages' in req
      ? ' It looks like the request itself: put it under "params", with a custom_id beside it.'
      : ''
  return `Not a Message Batches request: a line holds custom_id and params, e.g. ${ANTHROPIC_EXAMPLE}; this one has ${has}.${hint}`
}

function idProblem(id: unknown): string | undefined {
  if (id === undefined) return 'No custom_id; add a "custom_id" string unique in this file.'
  if (typeof id !== 'string') return `custom_id must be a string; got ${quote(id)}.`
  if (id === '') return 'custom_id is empty; give every request a unique non-empty id.'
  if (!ID.test(id.slice(0, 64)))
    return `custom_id ${quote(id)} may hold only letters, digits, _ and - (Anthropic's rule: ^[a-zA-Z0-9_-]{1,64}$).`
  if (id.length > MAX_ANTHROPIC_ID)
    return (
      `custom_id ${quote(id)} is ${id.length} characters, over ${MAX_ANTHROPIC_ID}: Anthropic takes ${CustomIdLimits.anthropic}, and the ` +
      `action prefixes ${TAG_PREFIX_LENGTH} characters of its own to find its batches again, so at most ` +
      `${MAX_ANTHROPIC_ID} here (see ${DOCS}).`
    )
  return undefined
}

function paramsProblems(params: Record<string, unknown>): string[] {
  const problems: string[] = []
  if (typeof params.model !== 'string' || params.model === '')
    problems.push('params.model must name the model, e.g. "claude-haiku-4-5".')
  const max = params.max_tokens
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    problems.push(
      'params.max_tokens must be a whole number of at least 1, the most tokens the reply may take; ' +
        `got ${quote(max ?? 'nothing')}.`
    )
  if (!Array.isArray(params.messages))
    problems.push(
      'params.messages must be an array of messages, e.g. [{"role": "user", "content": "Hello"}]; ' +
        `got ${quote(params.messages ?? 'nothing')}.`
    )
  if (params.stream === true)
    problems.push('params.stream is true, and a batch cannot stream: remove it (results come whole when it ends).')
  return problems
}
