/** What the outside systems allow, as they document it, and the windows the action looks back over. */

/** https://platform.openai.com/docs/api-reference/batch/create (metadata) */
export const MetadataLimits = { keys: 16, keyLength: 64, valueLength: 512 } as const

/**
 * Anthropic's custom_id: at most 64 characters (https://docs.anthropic.com/en/api/creating-message-batches),
 * of which the tag the action prefixes to find its batches again takes 12 (remote/tags.ts).
 */
export const CustomIdLimits = { anthropic: 64, tagPrefix: 12 } as const

/** The Batch API's documented input limits (CreateBatchRequest.input_file_id). */
export const BatchLimits = { maxRequests: 50_000, maxBytes: 200 * 1000 * 1000 } as const

/** The most batches one page of GET /batches holds (its `limit`, shared/openai-spec). */
export const BATCH_LIST_PAGE = 100

/** Endpoints CreateBatchRequest.endpoint accepts (shared/openai-spec). */
export const BatchEndpoints = [
  '/v1/responses',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/completions',
  '/v1/moderations',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/videos'
] as const

/** Batches are looked for this far back when the state has to be rebuilt from OpenAI. */
export const REBUILD_LOOKBACK_SECONDS = 30 * 24 * 3600
/** Clock skew allowed between the runner and OpenAI when looking for recent batches. */
export const CLOCK_SKEW_SECONDS = 15 * 60

/** GitHub's Git Data API refuses blobs larger than this. */
export const MAX_BLOB_BYTES = 40 * 1024 * 1024

/** A batch's page on OpenAI's dashboard. */
export const openaiBatchUrl = (id: string): string => `https://platform.openai.com/batches/${id}`
