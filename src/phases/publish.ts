import * as core from '@actions/core'
import * as path from 'node:path'
import type { Clock } from '../ports/clock'
import { Change, commitResults, defaultMessage } from './commit'
import type { Repo } from '../ports/repo'
import type { Settings } from '../config/settings'

/** Workflow artifacts; `artifact-client.ts` implements it with `@actions/artifact`. */
export interface ArtifactStore {
  /** Uploads `files` (absolute, below `root`) as one artifact; returns its id. */
  upload(name: string, files: readonly string[], root: string, retentionDays: number | undefined): Promise<number | undefined>
}

export interface PublishOutcome {
  readonly commitSha: string | undefined
  /** Lines for the job summary: what went where, and what did not fit. */
  readonly notes: readonly string[]
}

/**
 * Gets the results this run changed off the runner: a commit on the run's
 * branch, an artifact, or both. Throws when they could not be published, so
 * the batches are collected again on the next run.
 */
export async function publishPhase(
  changes: readonly Change[],
  deps: { settings: Settings; repo: (() => Promise<Repo>) | undefined; artifacts: () => Promise<ArtifactStore>; clock: Clock }
): Promise<PublishOutcome> {
  const { settings } = deps
  const notes: string[] = []
  if (changes.length === 0 || settings.results === 'none') return { commitSha: undefined, notes }
  let commitSha: string | undefined
  let forArtifact: string[] = []
  if (settings.results === 'commit' || settings.results === 'both') {
    const branch = settings.run.branch
    if (!branch) throw new Error(`results: commit needs a run on a branch; this one is not (GITHUB_REF). Use results: artifact here.`)
    if (!deps.repo) throw new Error(`results: commit needs a token: set the github-token input (its default is the job's GITHUB_TOKEN).`)
    const out = await commitResults(await deps.repo(), changes, {
      workspace: settings.workspace,
      tempDir: settings.tempDir,
      branch,
      message: settings.commitMessage || defaultMessage(changes),
      clock: deps.clock
    })
    commitSha = out.sha
    if (out.sha) notes.push(`Committed ${changes.length} result files to \`${branch}\` as ${out.sha}.`)
    for (const f of out.compressed) notes.push(`\`${f}\` is over GitHub's 40 MiB blob limit: committed gzip-compressed as \`${f}.gz\`.`)
    for (const f of out.leftOut) {
      const message = `${f} is over GitHub's 40 MiB blob limit even compressed: left out of the commit and uploaded as the artifact '${settings.artifactName}'.`
      core.warning(message)
      notes.push(message)
    }
    forArtifact = [...out.leftOut]
  }
  if (settings.results === 'artifact' || settings.results === 'both') forArtifact = changes.filter(c => c.changed && !c.removed).map(c => c.path)
  if (forArtifact.length > 0) {
    const store = await deps.artifacts()
    const files = forArtifact.map(f => path.join(settings.workspace, f))
    const id = await store.upload(settings.artifactName, files, settings.workspace, settings.artifactRetentionDays)
    notes.push(`Uploaded ${files.length} result files as the artifact '${settings.artifactName}'${id ? ` (id ${id})` : ''}.`)
    core.info(notes.at(-1)!)
  }
  return { commitSha, notes }
}
