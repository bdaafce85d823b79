import * as path from 'node:path'
import { Change, defaultMessage } from '../core/changes'
import { commitResults } from './commit'
import type { LiveContext } from './step'

export interface Published {
  readonly commitSha: string | undefined
  /** Lines for the job summary: what went where, and what did not fit. */
  readonly notes: readonly string[]
}

const files = (n: number): string => `${n} result file${n === 1 ? '' : 's'}`

/**
 * Gets the results this run changed off the runner: a commit on the run's
 * branch, an artifact, or both. Throws when they could not be published, so
 * the batches are collected again on the next run.
 */
export async function publish(ctx: Pick<LiveContext, 'settings' | 'repo' | 'artifacts' | 'clock' | 'log'>, changes: readonly Change[]): Promise<Published> {
  const { settings, log } = ctx
  const notes: string[] = []
  if (changes.length === 0 || settings.results === 'none') return { commitSha: undefined, notes }
  let commitSha: string | undefined
  let forArtifact: string[] = []
  if (settings.results === 'commit' || settings.results === 'both') {
    const branch = settings.run.branch
    if (!branch) throw new Error(`results: commit needs a run on a branch; this one is not (GITHUB_REF). Use results: artifact here.`)
    if (!ctx.repo) throw new Error(`results: commit needs a token: set the github-token input (its default is the job's GITHUB_TOKEN).`)
    const out = await commitResults(await ctx.repo(), changes, {
      workspace: settings.workspace,
      tempDir: settings.tempDir,
      branch,
      message: settings.commitMessage || defaultMessage(changes),
      clock: ctx.clock,
      log
    })
    commitSha = out.sha
    const removed = changes.filter(c => c.removed).length
    const gone = removed > 0 ? `, removing ${files(removed)} that no longer apply` : ''
    if (out.sha) notes.push(`Committed ${files(changes.length - removed)} to \`${branch}\` as ${out.sha}${gone}.`)
    for (const f of out.compressed) notes.push(`\`${f}\` is over GitHub's 40 MiB blob limit: committed gzip-compressed as \`${f}.gz\`.`)
    for (const f of out.leftOut) {
      const message = `${f} is over GitHub's 40 MiB blob limit even compressed: left out of the commit and uploaded as the artifact '${settings.artifactName}'.`
      log.warning(message)
      notes.push(message)
    }
    forArtifact = [...out.leftOut]
  }
  if (settings.results === 'artifact' || settings.results === 'both') forArtifact = changes.filter(c => c.changed && !c.removed).map(c => c.path)
  if (forArtifact.length > 0) {
    const store = await ctx.artifacts()
    const abs = forArtifact.map(f => path.join(settings.workspace, f))
    const id = await store.upload(settings.artifactName, abs, settings.workspace, settings.artifactRetentionDays)
    notes.push(`Uploaded ${files(abs.length)} as the artifact '${settings.artifactName}'${id ? ` (id ${id})` : ''}.`)
    log.info(notes.at(-1)!)
  }
  return { commitSha, notes }
}
