/**
 * The shapes and rules of Anthropic's Message Batches API that FakeAnthropic
 * (anthropic.ts) answers with; where each comes from is in that file's header.
 */
import type * as http from 'node:http'

/** Where a request went and what came of it. */
export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  /** A JSON request body. */
  json?: unknown
  /** Bytes of the request body read (a refused body is still counted). */
  bodyBytes?: number
  status?: number
  /** The address the request came from (a proxy's, when it went through one). */
  from?: string
  /** The JSON answer, when there was one. */
  response?: unknown
}

export type ProcessingStatus = 'in_progress' | 'canceling' | 'ended'

export interface RequestCounts {
  processing: number
  succeeded: number
  errored: number
  canceled: number
  expired: number
}

/** MessageBatch, as the API shows it. Times are RFC 3339 strings. */
export interface MessageBatch {
  id: string
  type: 'message_batch'
  processing_status: ProcessingStatus
  request_counts: RequestCounts
  ended_at: string | null
  created_at: string
  expires_at: string
  cancel_initiated_at: string | null
  archived_at: string | null
  results_url: string | null
}

/** One entry of a create body's `requests`. */
export interface BatchRequest {
  custom_id: string
  params: Record<string, unknown>
}

/** What the fake holds of a batch: the public object, plus its requests and (once ended) its results file. */
export interface FakeMessageBatch extends MessageBatch {
  requests: BatchRequest[]
  /** The results file's JSONL, once the batch has ended. */
  results: string | null
}

/** The `type` of an API error (shared.ts ErrorType, plus the 413's `request_too_large` from the errors page). */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error'

/** The status each error type comes with (platform.claude.com/docs/en/api/errors). */
export const STATUS_OF: Record<ErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  timeout_error: 504,
  api_error: 500,
  overloaded_error: 529
}

/** The error type a status comes with, for faults given by status alone. */
export function typeOfStatus(status: number): ErrorType {
  const found = (Object.keys(STATUS_OF) as ErrorType[]).find(t => STATUS_OF[t] === status)
  return found ?? (status >= 500 ? 'api_error' : 'invalid_request_error')
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string
  ) {
    super(message)
  }
}

/** ErrorResponse (shared.ts): the body of every error answer, and a batch result's `error`. */
export function errorBody(type: ErrorType, message: string, requestId: string | null) {
  return { type: 'error' as const, error: { type, message }, request_id: requestId }
}

export const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/

export interface Limits {
  /** Requests in one batch (docs: "up to 100,000 requests"). */
  maxRequests: number
  /** Bytes of a create body (docs, errors page: "Batch API 256 MB"; more is a 413 request_too_large). */
  maxBodyBytes: number
  /** The largest list page (`limit` is 1 to 1000, 20 by default). */
  maxPage: number
}

export const LIMITS: Limits = { maxRequests: 100_000, maxBodyBytes: 256 * 1024 * 1024, maxPage: 1000 }

/**
 * Checks a create body as the API does when the batch is created: the shape
 * of `requests` and each custom_id. A request's `params` are only checked to
 * be an object here; the API validates them asynchronously, and a bad one
 * ends as an errored result (paramsProblem).
 */
export function checkCreate(body: unknown, limits: Limits): BatchRequest[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'invalid_request_error', 'The request body must be a JSON object.')
  for (const k of Object.keys(body))
    if (k !== 'requests') throw new ApiError(400, 'invalid_request_error', `${k}: Extra inputs are not permitted`)
  const requests = (body as { requests?: unknown }).requests
  if (requests === undefined) throw new ApiError(400, 'invalid_request_error', 'requests: Field required')
  if (!Array.isArray(requests))
    throw new ApiError(400, 'invalid_request_error', 'requests: Input should be a valid list')
  if (requests.length === 0)
    throw new ApiError(
      400,
      'invalid_request_error',
      'requests: List should have at least 1 item after validation, not 0'
    )
  if (requests.length > limits.maxRequests)
    throw new ApiError(
      400,
      'invalid_request_error',
      `requests: List should have at most ${limits.maxRequests} items after validation, not ${requests.length}`
    )
  const seen = new Set<string>()
  requests.forEach((r: unknown, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw new ApiError(400, 'invalid_request_error', `requests.${i}: Input should be a valid dictionary`)
    for (const k of Object.keys(r))
      if (k !== 'custom_id' && k !== 'params')
        throw new ApiError(400, 'invalid_request_error', `requests.${i}.${k}: Extra inputs are not permitted`)
    const { custom_id: id, params } = r as { custom_id?: unknown; params?: unknown }
    if (typeof id !== 'string')
      throw new ApiError(400, 'invalid_request_error', `requests.${i}.custom_id: Field required (a string)`)
    if (!CUSTOM_ID.test(id))
      throw new ApiError(
        400,
        'invalid_request_error',
        `requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`
      )
    if (seen.has(id))
      throw new ApiError(
        400,
        'invalid_request_error',
        `Duplicate custom_id '${id}' at requests.${i}: each custom_id must be unique within the batch.`
      )
    seen.add(id)
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw new ApiError(400, 'invalid_request_error', `requests.${i}.params: Input should be a valid dictionary`)
  })
  return requests as BatchRequest[]
}

/** What the API's asynchronous validation finds wrong with a request's params, if anything. */
export function paramsProblem(params: Record<string, unknown>): string | null {
  if (typeof params.model !== 'string') return 'model: Field required'
  if (typeof params.max_tokens !== 'number' || !Number.isInteger(params.max_tokens) || params.max_tokens < 1)
    return 'max_tokens: Field required (a positive integer)'
  if (!Array.isArray(params.messages)) return 'messages: Field required'
  if (params.stream === true) return 'stream: streaming is not supported in the Message Batches API'
  return null
}

/** Usage of a succeeded result (messages.ts Usage); fixed numbers unless a test gives others. */
export interface Usage {
  input_tokens: number
  output_tokens: number
  cache_creation_input_tokens: number | null
  cache_read_input_tokens: number | null
  cache_creation: { ephemeral_1h_input_tokens: number; ephemeral_5m_input_tokens: number } | null
  inference_geo: string | null
  output_tokens_details: { thinking_tokens: number } | null
  server_tool_use: { web_fetch_requests: number; web_search_requests: number } | null
  service_tier: 'standard' | 'priority' | 'batch' | null
  speed: 'standard' | 'fast' | null
}

export const USAGE: Usage = {
  input_tokens: 12,
  output_tokens: 7,
  cache_creation_input_tokens: 3,
  cache_read_input_tokens: 5,
  cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 3 },
  inference_geo: null,
  output_tokens_details: { thinking_tokens: 0 },
  server_tool_use: null,
  service_tier: 'batch',
  speed: null
}

/** A succeeded result's Message (messages.ts Message): "answer to <custom_id>". */
export function message(customId: string, params: Record<string, unknown>, usage: Usage) {
  return {
    id: `msg_${customId}`,
    type: 'message' as const,
    role: 'assistant' as const,
    model: typeof params.model === 'string' ? params.model : 'unknown',
    content: [{ type: 'text' as const, text: `answer to ${customId}`, citations: null }],
    stop_reason: 'end_turn' as const,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage
  }
}
