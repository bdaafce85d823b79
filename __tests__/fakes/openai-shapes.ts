/** The shapes and rules of OpenAI's Files and Batches API (shared/openai-spec) that the fake answers with. */
import * as fs from 'node:fs'
import type * as http from 'node:http'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))

export interface FakeFile {
  id: string
  object: 'file'
  bytes: number
  created_at: number
  expires_at: number | null
  filename: string
  purpose: string
  status: 'processed'
  status_details: null
  content: Buffer
  /** Served from this file on disk instead of `content` (for results too big to hold). */
  contentPath?: string
}

/** Batch.usage, as the spec has it. */
export interface BatchUsage {
  input_tokens: number
  input_tokens_details: { cached_tokens: number }
  output_tokens: number
  output_tokens_details: { reasoning_tokens: number }
  total_tokens: number
}

export interface FakeBatch {
  id: string
  object: 'batch'
  endpoint: string
  model: string | null
  errors: {
    object: 'list'
    data: { code: string; message: string; param: string | null; line: number | null }[]
  } | null
  input_file_id: string
  completion_window: string
  status: string
  output_file_id: string | null
  error_file_id: string | null
  created_at: number
  in_progress_at: number | null
  expires_at: number
  finalizing_at: number | null
  completed_at: number | null
  failed_at: number | null
  expired_at: number | null
  cancelling_at: number | null
  cancelled_at: number | null
  request_counts: { total: number; completed: number; failed: number }
  /** Tokens of the batch's requests; OpenAI reports it on batches created after September 7, 2025. */
  usage?: BatchUsage
  metadata: Record<string, string> | null
}

/** What to do to a request that matches. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** Close the connection without handling the request. */
  | { kind: 'reset' }
  /** Handle the request (it takes effect), then close the connection without answering. */
  | { kind: 'lost' }
  /** Answer file content with its full length announced, then cut it off half way. */
  | { kind: 'truncate' }

export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  /** The address the call came from (a proxy's, when it came through one). */
  from?: string
  /** A JSON request body. */
  json?: unknown
  /** The fields of a multipart request body (a file field as `'<binary>'`). */
  form?: Record<string, unknown>
  status?: number
  /** performance.now() when the request arrived, and when its answer was sent (for the bench). */
  at?: number
  answeredAt?: number
  /** The JSON answer, when there was one. */
  response?: unknown
}

/** The endpoints the spec's CreateBatchRequest allows: read from it, not copied from the action. */
export const ENDPOINTS: readonly string[] = (
  JSON.parse(fs.readFileSync(path.join(HERE, '..', 'fixtures', 'openai-spec', 'batch-files.openapi.json'), 'utf8')) as {
    components: { schemas: { CreateBatchRequest: { properties: { endpoint: { enum: string[] } } } } }
  }
).components.schemas.CreateBatchRequest.properties.endpoint.enum
export const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled'])

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null
  ) {
    super(message)
  }
}

/** A file as the API shows it: without its content. */
export function publicFile(f: FakeFile): Omit<FakeFile, 'content'> {
  const { content: _content, ...rest } = f
  return rest
}

/**
 * Cursor pagination as OpenAI does it: newest first (by created_at, the later
 * made first within a second) unless order=asc; `after` is the id of the last
 * item of the page before, and the page says whether more follow.
 */
export function listPage<T extends { id: string; created_at: number }>(
  items: T[],
  url: URL,
  maxLimit: number,
  isFile: boolean
): unknown {
  const limit = Number(url.searchParams.get('limit') ?? (isFile ? 10000 : 20))
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    throw new HttpError(400, `limit must be between 1 and ${maxLimit}`, null, 'limit')
  const sorted = items
    .map((x, i) => ({ x, i }))
    .sort((a, b) => b.x.created_at - a.x.created_at || b.i - a.i)
    .map(e => e.x)
  if (url.searchParams.get('order') === 'asc') sorted.reverse()
  const after = url.searchParams.get('after')
  const at = after ? sorted.findIndex(x => x.id === after) : -1
  if (after && at < 0)
    throw new HttpError(400, `Invalid 'after': no object with id '${after}'.`, 'invalid_value', 'after')
  const start = at + 1
  const page = sorted.slice(start, start + limit)
  const data = isFile ? page.map(f => publicFile(f as unknown as FakeFile)) : page
  return {
    object: 'list',
    data,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: start + limit < sorted.length
  }
}

/** Checks a POST /v1/batches body as the API does; returns its metadata. */
export function checkCreateBatch(body: Record<string, unknown>): Record<string, string> | null {
  for (const k of ['input_file_id', 'endpoint', 'completion_window'])
    if (typeof body[k] !== 'string')
      throw new HttpError(400, `Missing required parameter: '${k}'.`, 'missing_required_parameter', k)
  const allowed = new Set(['input_file_id', 'endpoint', 'completion_window', 'metadata', 'output_expires_after'])
  for (const k of Object.keys(body))
    if (!allowed.has(k)) throw new HttpError(400, `Unrecognized request argument supplied: ${k}`, null, k)
  if (!ENDPOINTS.includes(body.endpoint as string))
    throw new HttpError(400, `Invalid value for 'endpoint'.`, 'invalid_value', 'endpoint')
  if (body.completion_window !== '24h')
    throw new HttpError(400, `Invalid value for 'completion_window'.`, 'invalid_value', 'completion_window')
  const metadata = (body.metadata ?? null) as Record<string, unknown> | null
  if (metadata !== null) {
    const keys = Object.keys(metadata)
    if (keys.length > 16)
      throw new HttpError(
        400,
        `Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with ${keys.length} properties instead.`,
        'object_above_max_properties',
        'metadata'
      )
    for (const k of keys) {
      if (k.length > 64)
        throw new HttpError(400, `Invalid 'metadata': key too long.`, 'string_above_max_length', 'metadata')
      const v = metadata[k]
      if (typeof v !== 'string')
        throw new HttpError(400, `Invalid 'metadata.${k}': expected a string.`, 'invalid_type', 'metadata')
      if (v.length > 512)
        throw new HttpError(400, `Invalid 'metadata.${k}': string too long.`, 'string_above_max_length', 'metadata')
    }
  }
  return metadata as Record<string, string> | null
}
