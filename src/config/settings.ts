import * as path from 'node:path'
import { MetadataLimits } from '../core/limits'
import type { Provider } from '../core/providers'
import type { CheckOptions } from '../core/requests/validate'
import { InputDefaults, Inputs } from './constants'
import { Env, RunContext, runContext } from './event'
import { folders, parseMetadata } from './input-values'
import { ModelPrice, parseModelPrices } from '../core/cost/model-prices'
import { azureAuth, noApiKey, providerSettings } from './provider-settings'
import { aliased, Input, parseInputs, pick } from './raw-inputs'

export type { RunContext }

export type Mode = 'submit' | 'collect' | 'sync' | 'plan'
export type ResultsTarget = 'commit' | 'pull-request' | 'artifact' | 'both' | 'none'

/** Everything the action was asked to do, read once from inputs and environment. */
export interface Settings {
  /** The provider's API key; '' only in a plan or a dry run, or with an Azure Entra token instead. */
  readonly apiKey: string
  /** OpenAI-compatible base URL; undefined means the SDK default. */
  readonly baseUrl: string | undefined
  /** The Batch API the action talks to, with its limits and quirks. */
  readonly provider: Provider
  /**
   * The `model` input, without a `models/` prefix: the model of every Gemini batch (its lines name none);
   * for other providers, the model every line must name. Undefined when empty (refused for Gemini).
   */
  readonly model: string | undefined
  /** Azure OpenAI: the classic API's api-version (undefined: the v1 API) and the Entra sign-in that replaces a key. */
  readonly azure: {
    readonly apiVersion: string | undefined
    /** A token given as is (azure-ad-token). */
    readonly adToken: string | undefined
    /** Where tokens come from: `azure-cli`, the session azure/login leaves on the runner; undefined for none. */
    readonly credential: 'azure-cli' | undefined
  }
  /** The mode this run carries out (`auto` already resolved from the event). */
  readonly mode: Mode
  /**
   * Whether `mode` came from `auto`: a scheduled (collect) run under auto also submits the files
   * still waiting for a batch, where an explicit `mode: collect` only names them.
   */
  readonly auto: boolean
  /** The workspace all paths are relative to. */
  readonly workspace: string
  /** Request files, workspace-relative, POSIX separators. */
  readonly sourceDir: string
  /** Results, workspace-relative, POSIX separators. */
  readonly targetDir: string
  /** The Batch endpoint every request must use; undefined to infer it from the requests. */
  readonly endpoint: string | undefined
  readonly completionWindow: string
  /** The user's own batch metadata. */
  readonly metadata: Readonly<Record<string, string>>
  /** Prefix of the state's cache key. */
  readonly cacheKey: string
  readonly cancelSuperseded: boolean
  /** Keep the results of a request file that was deleted (else the next commit removes them). */
  readonly keepOrphanResults: boolean
  /** Download a superseded batch's partial output once it ends (else it is only reported). */
  readonly keepSuperseded: boolean
  /** Delete a finished batch's files at OpenAI once its results are published. */
  readonly deleteRemoteFiles: boolean
  /** Seconds after which uploads and batch outputs expire at OpenAI; undefined sends none. */
  readonly remoteFilesExpireAfter: number | undefined
  readonly maxConcurrency: number
  /** Bytes in one batch: a bigger request file is submitted in parts. */
  readonly maxBatchBytes: number
  /** How request files are checked and cut into parts. */
  readonly check: CheckOptions
  /** Rounds of follow-up batches for lines that failed for a retryable reason (0: none). */
  readonly retryFailed: number
  readonly dryRun: boolean
  /** This run only plans (a dry run, or mode plan): nothing is uploaded, created or saved. */
  readonly planOnly: boolean
  /** US dollars one run may submit for (input, and output where bounded); undefined for no limit. */
  readonly maxCost: number | undefined
  /** The user's prices, in front of the price list: `name=model` or `name=input/output` (Batch prices). */
  readonly modelPrices: readonly ModelPrice[]
  /** Identifies this repository + source folder in batch metadata, so several can share a project. */
  readonly scope: string
  /** Where the state file lives: the same literal path on every run (the cache version hashes it). */
  readonly stateDir: string
  /** Scratch space for downloads, outside the workspace so no partial file is ever visible there. */
  readonly tempDir: string
  /** Where results go beyond the runner's disk. */
  readonly results: ResultsTarget
  /** For commits and repository_dispatch; '' when not given. */
  readonly githubToken: string
  /** The commit message; '' for the default, which lists files and batch ids. */
  readonly commitMessage: string
  /** With results: pull-request, the pull request the results go to, named as create-pull-request names them. */
  readonly resultsPull: {
    /** The branch the results are committed to; '' for `openai-batch-results/<the run's branch>`. */
    readonly branch: string
    readonly title: string
    readonly draft: boolean
    readonly labels: readonly string[]
    readonly assignees: readonly string[]
    readonly reviewers: readonly string[]
    readonly teamReviewers: readonly string[]
  }
  readonly artifactName: string
  /** Days to keep the artifact; undefined for the repository's default. */
  readonly artifactRetentionDays: number | undefined
  /** Receives one POST per batch that reaches a final state. */
  readonly webhookUrl: string | undefined
  /** Signs webhook deliveries ('' for unsigned). */
  readonly webhookSecret: string
  /** When set, a repository_dispatch of this type per final batch. */
  readonly dispatchEvent: string | undefined
  /** Batches created elsewhere to watch, collect and announce. */
  readonly batchIds: readonly string[]
  /** `input`: result lines in the order of the request file; `as-returned`: as OpenAI wrote them. */
  readonly resultsOrder: 'input' | 'as-returned'
  /** `csv`: beside each results file, a CSV of its requests and answers a person reads. */
  readonly readableResults: 'none' | 'csv'
  readonly run: RunContext
}

/** Resolves `mode: auto` from the event that started the run. */
export function resolveMode(mode: Mode | 'auto', eventName: string): Mode {
  if (mode !== 'auto') return mode
  if (eventName === 'pull_request_target')
    throw new Error(
      `${Inputs.Mode}: auto does not run on pull_request_target, which hands the base repository's secrets ` +
        "and write token to a run about the pull request's files. " +
        `Run the plan on: pull_request; or set ${Inputs.Mode} explicitly if this workflow is safe.`
    )
  if (eventName === 'pull_request') return 'plan'
  if (eventName === 'push') return 'submit'
  if (eventName === 'schedule' || eventName === 'repository_dispatch') return 'collect'
  return 'sync'
}

export function readSettings(getInput: (name: string) => string, env: Env): Settings {
  const input: Input = name => getInput(name) || InputDefaults[name]
  const raw = parseInputs(input, env)
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const { sourceDir, targetDir } = folders(workspace, input)
  const api = providerSettings(raw, input)
  const fromEnv = api.provider.env.apiKeys.map(name => env[name]).find(Boolean)
  const apiKey = aliased(input, Inputs.ApiKey, Inputs.ApiKeyAlias, 'keys') || fromEnv || ''
  const azure = azureAuth(api.provider, input(Inputs.AzureAdToken) || undefined, raw.azureCredential || undefined)
  const run = runContext(env, workspace)
  const mode = resolveMode(raw.mode, run.eventName)
  const planOnly = raw.dryRun || mode === 'plan'
  // A plan needs no key: a pull request from a fork gets no secrets, and is planned from the saved state.
  if (apiKey === '' && !azure.adToken && !azure.credential && !planOnly) throw new Error(noApiKey(api.provider))
  const tempRoot = path.resolve(env.RUNNER_TEMP || path.join(workspace, '..', '.openai-batch-temp'))
  return {
    apiKey,
    baseUrl: api.baseUrl,
    provider: api.provider,
    model: api.model,
    azure: { apiVersion: raw.azureApiVersion || undefined, ...azure },
    mode,
    auto: raw.mode === 'auto',
    workspace,
    sourceDir,
    targetDir,
    endpoint: raw.endpoint || undefined,
    completionWindow: raw.completionWindow,
    metadata: parseMetadata(input(Inputs.Metadata), { retries: raw.retryFailed > 0 }),
    cacheKey: raw.cacheKey,
    cancelSuperseded: raw.cancelSuperseded,
    keepOrphanResults: raw.keepOrphanResults,
    keepSuperseded: raw.keepSuperseded,
    deleteRemoteFiles: raw.deleteRemoteFiles,
    remoteFilesExpireAfter: api.remoteFilesExpireAfter,
    maxConcurrency: raw.maxConcurrency,
    maxBatchBytes: raw.maxBatchBytes,
    check: api.check,
    retryFailed: raw.retryFailed,
    dryRun: raw.dryRun,
    planOnly,
    maxCost: raw.maxCost,
    modelPrices: parseModelPrices(input(Inputs.ModelPrices), Inputs.ModelPrices),
    scope: `${run.repository}:${sourceDir}`.slice(-MetadataLimits.valueLength),
    stateDir: path.join(tempRoot, 'openai-batch-action', 'state'),
    tempDir: path.join(tempRoot, 'openai-batch-action', 'tmp'),
    results: raw.results,
    githubToken: input(Inputs.GithubToken),
    commitMessage: input(Inputs.CommitMessage),
    resultsPull: {
      branch: raw.resultsBranch,
      title: input(Inputs.Title),
      ...pick(raw, ['draft', 'labels', 'assignees', 'reviewers', 'teamReviewers'])
    },
    artifactName: raw.artifactName,
    artifactRetentionDays: raw.artifactRetentionDays,
    webhookUrl: raw.webhookUrl || undefined,
    webhookSecret: input(Inputs.WebhookSecret),
    dispatchEvent: raw.dispatchEvent || undefined,
    batchIds: raw.batchIds,
    resultsOrder: raw.resultsOrder,
    readableResults: raw.readableResults,
    run
  }
}
