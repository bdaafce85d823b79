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
