import * as core from '@actions/core'
import { actionsLog } from './adapters/actions-log'
import { systemClock } from './adapters/system-clock'
import { Outputs } from './config/constants'
import { redacted, secretsOf } from './config/secrets'
import { readSettings, Settings } from './config/settings'
import { errorMessage } from './core/errors'
import { dollars } from './core/format'
import type { Outcome } from './core/report/outcome'
import { renderSummary, RunReport } from './core/report/summary'
import { rowsJson } from './core/report/batch-rows'
import { costKnown, openaiUsage } from './core/cost/spend'
import { withModelPriceList } from './core/cost/model-prices'
import { lazyBatchApi, type BatchApi } from './ports/batch-api'
import { ReadOnlyStorage } from './ports/state-storage'
import type { Ports } from './phases/step'

/** The adapters behind the ports; the SDKs are loaded when first used, since importing them costs time on every run. */
async function connect(settings: Settings): Promise<Ports> {
  const { createCacheStorage } = await import('./adapters/cache-storage')
  const cache = createCacheStorage({
    dir: settings.stateDir,
    prefix: settings.cacheKey,
    runId: settings.run.runId,
    runAttempt: settings.run.runAttempt,
    log: actionsLog
  })
  const { apiKey, baseUrl, provider, githubToken, run, webhookUrl, webhookSecret } = settings
  const azure = { apiVersion: settings.azure.apiVersion, token: entraTokens(settings.azure) }
  // One adapter a provider family, chosen once; each is loaded only when a call is made.
  const common = { apiKey, baseUrl, clock: systemClock, log: actionsLog }
  const adapters: Record<string, () => Promise<BatchApi>> = {
    anthropic: async () =>
      (await import('./adapters/anthropic-client')).createAnthropicBatchApi({ ...common, tmpDir: settings.tempDir }),
    // settings.ts refuses gemini without a model.
    gemini: async () =>
      (await import('./adapters/gemini-client')).createGeminiBatchApi({
        ...common,
        model: settings.model ?? '',
        tmpDir: settings.tempDir
      })
  }
  const load =
    adapters[provider.kind] ??
    (async () => (await import('./adapters/openai-client')).createOpenAIBatchApi({ ...common, provider, azure }))
  const api = apiKey || azure.token ? lazyBatchApi(load) : undefined
  let github: ReturnType<typeof import('./adapters/github-client').createGitHub> | undefined
  const gh = async () =>
    (github ??= (await import('./adapters/github-client')).createGitHub(githubToken, run.repository))
  const { createWebhookSender } = await import('./adapters/webhook-sender')
  return {
    api,
    // A plan or a dry run reads the state like any run and keeps nothing.
    storage: settings.planOnly ? new ReadOnlyStorage(cache) : cache,
    clock: systemClock,
    log: actionsLog,
    repo: githubToken ? async () => (await gh()).repo : undefined,
    pulls: githubToken ? async () => (await gh()).pulls : undefined,
    artifacts: async () => (await import('./adapters/artifact-client')).createArtifactStore(),
    webhook: webhookUrl ? createWebhookSender(webhookUrl, webhookSecret, systemClock) : undefined,
    tokenizer: async () => (await import('./adapters/tokenizer')).tokenizer,
    prices: async () =>
      withModelPriceList(
        settings.modelPrices,
        (await import('./adapters/prices')).createPriceList(baseUrl, provider.prices)
      )
  }
}

/** Azure's Entra tokens: the one given, or the Azure CLI's (its library loaded on the first call). */
function entraTokens({ adToken, credential }: Settings['azure']): (() => Promise<string>) | undefined {
  if (credential === 'azure-cli') {
    let tokens: Promise<() => Promise<string>> | undefined
    const deps = { clock: systemClock, log: actionsLog }
    return async () => (await (tokens ??= import('./adapters/azure-identity').then(m => m.azureCliTokens(deps))))()
  }
  return adToken ? async () => adToken : undefined
}

const COUNT_OUTPUTS = [Outputs.Submitted, Outputs.Completed, Outputs.Pending, Outputs.Failed, Outputs.FailedRequests]

function setOutputs(o: Outcome): void {
  core.setOutput(Outputs.Submitted, o.submitted)
  core.setOutput(Outputs.Completed, o.completed)
  core.setOutput(Outputs.Pending, o.pending)
  core.setOutput(Outputs.Failed, o.failed)
  core.setOutput(Outputs.FailedRequests, o.failedRequests)
  core.setOutput(Outputs.ResultsChanged, o.resultsChanged)
  core.setOutput(Outputs.Batches, rowsJson([...o.rows, ...(o.superseded ?? []).filter(r => r.superseded)]))
  core.setOutput(Outputs.CommitSha, o.commitSha ?? '')
  core.setOutput(Outputs.PullRequestNumber, o.pullRequest?.number ?? '')
  core.setOutput(Outputs.PullRequestUrl, o.pullRequest?.url ?? '')
  core.setOutput(Outputs.PullRequestOperation, o.pullRequest?.operation ?? '')
  core.setOutput(Outputs.Usage, JSON.stringify(openaiUsage(o.spent.usage)))
  core.setOutput(Outputs.Cost, costKnown(o.spent) ? dollars(o.spent.cost) : '')
  const estimate = o.preview?.total?.cost
  core.setOutput(
    Outputs.EstimatedCost,
    estimate?.input === undefined ? '' : dollars(estimate.input + (estimate.output ?? 0))
  )
}

/** The action: the one place that fails the step. */
export async function run(): Promise<void> {
  let counted = false
  let report: RunReport = { mode: '', dryRun: false, rows: [], wouldSubmit: [], invalid: [], failures: [] }
  try {
    const settings = readSettings(name => core.getInput(name), process.env)
    for (const secret of secretsOf(settings)) actionsLog.mask(secret)
    report = { ...report, provider: settings.provider.label, mode: settings.mode, dryRun: settings.dryRun }
    core.debug(`Settings: ${JSON.stringify(redacted(settings))}`)
    const { runAction } = await import('./phases/pipeline')
    const outcome = await runAction(settings, await connect(settings))
    report = { ...outcome, provider: settings.provider.label }
    setOutputs(outcome)
    counted = true
    if (outcome.problems.length > 0) core.setFailed(outcome.problems.join('\n'))
  } catch (e) {
    const message = errorMessage(e)
    // A run stopped before its outcome (a settings error) still sets its counts, for `if: always()` steps.
    if (!counted) for (const name of COUNT_OUTPUTS) core.setOutput(name, 0)
    report = { ...report, error: message }
    core.setFailed(message)
  } finally {
    try {
      await core.summary.addRaw(renderSummary(report)).write()
    } catch (e) {
      // Outside a runner there is no summary file; the run's result stands.
      core.debug(`No job summary: ${errorMessage(e)}`)
    }
  }
}
