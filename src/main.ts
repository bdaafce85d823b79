import * as core from '@actions/core'
import type { Outcome } from './phases/pipeline'
import { lazyBatchApi } from './ports/batch-api'
import { systemClock } from './ports/clock'
import { Outputs } from './config/constants'
import { renderSummary, RunReport } from './core/report'
import { readSettings, Settings } from './config/settings'
import { ReadOnlyStorage } from './ports/state-storage'

async function execute(settings: Settings): Promise<Outcome> {
  // Loaded when used: importing the SDKs up front costs time on every run.
  const { createCacheStorage } = await import('./adapters/cache-storage')
  const cache = createCacheStorage({
    dir: settings.stateDir,
    prefix: settings.cacheKey,
    runId: settings.run.runId,
    runAttempt: settings.run.runAttempt
  })
  const { apiKey, baseUrl } = settings
  const api = apiKey
    ? lazyBatchApi(async () => (await import('./adapters/openai-client')).createOpenAIBatchApi({ apiKey, baseUrl }))
    : undefined
  const { githubToken, run } = settings
  const repo = githubToken ? async () => (await import('./adapters/github-client')).createGitHubRepo(githubToken, run.repository) : undefined
  const artifacts = async () => (await import('./adapters/artifact-client')).createArtifactStore()
  const { runAction } = await import('./phases/pipeline')
  return runAction(settings, { api, storage: settings.dryRun ? new ReadOnlyStorage(cache) : cache, clock: systemClock, repo, artifacts })
}

function setOutputs(o: Outcome): void {
  core.setOutput(Outputs.Submitted, o.submitted)
  core.setOutput(Outputs.Completed, o.completed)
  core.setOutput(Outputs.Pending, o.pending)
  core.setOutput(Outputs.Failed, o.failed)
  core.setOutput(Outputs.ResultsChanged, o.resultsChanged)
  core.setOutput(Outputs.Batches, JSON.stringify(o.rows))
  core.setOutput(Outputs.CommitSha, o.commitSha ?? '')
}

/** The action: the one place that fails the step. */
export async function run(): Promise<void> {
  let report: RunReport = { mode: '', dryRun: false, rows: [], wouldSubmit: [], invalid: [], failures: [] }
  try {
    const settings = readSettings(name => core.getInput(name), process.env)
    for (const secret of [settings.apiKey, settings.githubToken, settings.webhookSecret]) if (secret) core.setSecret(secret)
    report = { ...report, mode: settings.mode, dryRun: settings.dryRun }
    core.debug(`Settings: ${JSON.stringify({ ...settings, apiKey: '***', githubToken: '***', webhookSecret: '***' })}`)
    const outcome = await execute(settings)
    report = outcome
    setOutputs(outcome)
    const problems = [
      ...outcome.invalid.map(f => `${f.file} is invalid (see the annotations); it was not uploaded.`),
      ...outcome.failures.map(f => f.message)
    ]
    if (problems.length > 0) core.setFailed(problems.join('\n'))
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    report = { ...report, error: message }
    core.setFailed(message)
  } finally {
    try {
      await core.summary.addRaw(renderSummary(report)).write()
    } catch (e) {
      // Outside a runner there is no summary file; the run's result stands.
      core.debug(`No job summary: ${(e as Error).message}`)
    }
  }
}
