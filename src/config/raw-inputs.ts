import { baseUrlEnv } from '../core/providers'
import { InputDefaults, Inputs } from './constants'
import type { Env } from './event'
import { echoInput, rawSchema } from './input-schema'

/** The inputs as the schema parses them: the part of the settings that depends on nothing else. */

export type Input = (name: keyof typeof InputDefaults) => string

export type RawInputs = ReturnType<typeof parseInputs>

/** The inputs the schema parses, each with action.yml's default when empty. */
export function parseInputs(input: Input, env: Env) {
  const raw = {
    mode: input(Inputs.Mode),
    maxConcurrency: input(Inputs.MaxConcurrency),
    maxBatchBytes: input(Inputs.MaxBatchBytes),
    retryFailed: input(Inputs.RetryFailed),
    endpoint: input(Inputs.Endpoint),
    completionWindow: input(Inputs.CompletionWindow),
    cacheKey: input(Inputs.CacheKey),
    cancelSuperseded: input(Inputs.CancelSuperseded),
    dryRun: input(Inputs.DryRun),
    results: input(Inputs.Results),
    resultsOrder: input(Inputs.ResultsOrder),
    readableResults: input(Inputs.ReadableResults),
    rerunKey: input(Inputs.RerunKey),
    artifactRetentionDays: input(Inputs.ArtifactRetentionDays),
    artifactName: input(Inputs.ArtifactName),
    webhookUrl: input(Inputs.WebhookUrl),
    dispatchEvent: input(Inputs.DispatchEvent),
    batchIds: input(Inputs.BatchIds),
    maxCost: input(Inputs.MaxCost),
    resultsBranch: input(Inputs.ResultsBranch),
    draft: input(Inputs.Draft),
    keepOrphanResults: input(Inputs.KeepOrphanResults),
    keepSuperseded: input(Inputs.KeepSuperseded),
    deleteRemoteFiles: input(Inputs.DeleteRemoteFiles),
    remoteFilesExpireAfter: input(Inputs.RemoteFilesExpireAfter),
    labels: input(Inputs.Labels),
    assignees: input(Inputs.Assignees),
    reviewers: input(Inputs.Reviewers),
    teamReviewers: input(Inputs.TeamReviewers),
    provider: input(Inputs.Provider),
    azureApiVersion: input(Inputs.AzureApiVersion),
    azureCredential: input(Inputs.AzureCredential),
    maxRequestsPerBatch: input(Inputs.MaxRequestsPerBatch),
    model: input(Inputs.Model),
    baseUrl:
      aliased(input, Inputs.BaseUrl, Inputs.BaseUrlAlias, 'URLs') || env[baseUrlEnv(input(Inputs.Provider))] || ''
  }
  const parsed = rawSchema.safeParse(raw)
  if (!parsed.success) throw new Error(parsed.error.issues.map(i => echoInput(i, raw)).join('\n'))
  return parsed.data
}

/**
 * An input given under its name or its alias (#24). Both with different values is
 * refused, as the action cannot know which was meant; the values are not echoed:
 * a key is a secret, and a URL may carry a token.
 */
export function aliased(
  input: Input,
  name: keyof typeof InputDefaults,
  alias: keyof typeof InputDefaults,
  what: string
) {
  const [given, old] = [input(name), input(alias)]
  if (given && old && given !== old)
    throw new Error(
      `Inputs '${name}' and '${alias}' hold two different ${what}: give one ('${alias}' is an alias of '${name}').`
    )
  return given || old
}

/** The fields `keys` of `o`. */
export const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map(k => [k, o[k]])) as Pick<T, K>
