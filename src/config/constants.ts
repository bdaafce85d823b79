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
  RetryFailed: 'retry-failed',
  MaxCost: 'max-cost',
  ResultsBranch: 'results-branch',
  Title: 'title',
  Labels: 'labels',
  Assignees: 'assignees',
  Reviewers: 'reviewers',
  TeamReviewers: 'team-reviewers',
  Draft: 'draft',
  KeepOrphanResults: 'keep-orphan-results',
  KeepSuperseded: 'keep-superseded'
} as const

export const Outputs = {
  Submitted: 'submitted',
  Completed: 'completed',
  Pending: 'pending',
  Failed: 'failed',
  ResultsChanged: 'results-changed',
  Batches: 'batches',
  CommitSha: 'commit-sha',
  PullRequestNumber: 'pull-request-number',
  PullRequestUrl: 'pull-request-url',
  PullRequestOperation: 'pull-request-operation',
  Usage: 'usage',
  Cost: 'cost'
} as const

type InputName = (typeof Inputs)[keyof typeof Inputs]

/**
 * What an empty input means: action.yml's defaults, for the runs that do not
 * go through it (a local run, `@github/local-action`, the tests).
 * `github-token` defaults to the job's token in action.yml; without a runner there is none.
 */
export const InputDefaults: Readonly<Record<InputName, string>> = {
  'openai-api-key': '',
  'openai-base-url': '',
  mode: 'auto',
  'source-dir': 'batches',
  'target-dir': 'results',
  endpoint: '',
  'completion-window': '24h',
  metadata: '',
  'cache-key': 'openai-batch-state',
  'cancel-superseded': 'true',
  'max-concurrency': '4',
  'max-batch-bytes': '180000000',
  'retry-failed': '0',
  'dry-run': 'false',
  'results-order': 'input',
  results: 'commit',
  'github-token': '',
  'commit-message': '',
  'artifact-name': 'openai-batch-results',
  'artifact-retention-days': '',
  'webhook-url': '',
  'webhook-secret': '',
  'dispatch-event': '',
  'batch-ids': '',
  'max-cost': '',
  'results-branch': '',
  title: 'OpenAI batch results',
  labels: '',
  assignees: '',
  reviewers: '',
  'team-reviewers': '',
  draft: 'false',
  'keep-orphan-results': 'false',
  'keep-superseded': 'false'
}
