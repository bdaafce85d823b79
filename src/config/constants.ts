/** Names that must match action.yml. */
export const Inputs = {
  ApiKey: 'openai-api-key',
  BaseUrl: 'openai-base-url',
  Mode: 'mode',
  SourceDir: 'source-dir',
  TargetDir: 'target-dir',
  Endpoint: 'endpoint',
  CompletionWindow: 'completion-window',
  Metadata: 'metadata',
  CacheKey: 'cache-key',
  CancelSuperseded: 'cancel-superseded',
  MaxConcurrency: 'max-concurrency',
  DryRun: 'dry-run',
  Results: 'results',
  GithubToken: 'github-token',
  CommitMessage: 'commit-message',
  ArtifactName: 'artifact-name',
  ArtifactRetentionDays: 'artifact-retention-days',
  WebhookUrl: 'webhook-url',
  WebhookSecret: 'webhook-secret',
  DispatchEvent: 'dispatch-event',
  BatchIds: 'batch-ids',
  ResultsOrder: 'results-order',
  MaxBatchBytes: 'max-batch-bytes',
  RetryFailed: 'retry-failed'
} as const

export const Outputs = {
  Submitted: 'submitted',
  Completed: 'completed',
  Pending: 'pending',
  Failed: 'failed',
  ResultsChanged: 'results-changed',
  Batches: 'batches',
  CommitSha: 'commit-sha'
} as const

/**
 * The action's own keys in each batch's metadata: with them the state can be
 * rebuilt from OpenAI alone. OpenAI allows 16 keys, so users get the rest.
 */
export const MetadataKeys = {
  Scope: 'oba_scope',
  Path: 'oba_path',
  Sha256: 'oba_sha256',
  Part: 'oba_part',
  /** The retry round, on follow-up batches of failed lines only. */
  Round: 'oba_round'
} as const

/** https://platform.openai.com/docs/api-reference/batch/create (metadata) */
export const MetadataLimits = { keys: 16, keyLength: 64, valueLength: 512 } as const

/** The Batch API's documented input limits (CreateBatchRequest.input_file_id). */
export const BatchLimits = { maxRequests: 50_000, maxBytes: 200 * 1000 * 1000 } as const

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
