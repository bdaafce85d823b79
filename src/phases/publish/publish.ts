import * as path from 'node:path'
import { Change, defaultMessage } from '../../core/report/changes'
import { commitResults, CommitOutcome } from './commit'
import { pullRequestFor, PullResult } from './pull-request'
import type { LiveContext } from '../step'
import type { TrackedBatch } from '../../core/state/state'
import { plural } from '../../core/format'

export interface Published {
  readonly commitSha: string | undefined
  /** Lines for the job summary: what went where, and what did not fit. */
  readonly notes: readonly string[]
  /** With results: pull-request, the pull request the results went to. */
  readonly pullRequest?: PullResult
}

type PublishContext = Pick<LiveContext, 'settings' | 'repo' | 'pulls' | 'artifacts' | 'clock' | 'log' | 'prices'>

const files = (n: number): string => plural(n, 'result file')

/** Notes on what a commit did with files too big for GitHub; returns the files left to the artifact. */
function bigFiles(ctx: PublishContext, out: CommitOutcome, notes: string[]): string[] {
  for (const f of out.compressed)
    notes.push(`\`${f}\` is over GitHub's 40 MiB blob limit: committed gzip-compressed as \`${f}.gz\`.`)
  for (const f of out.leftOut) {
    const message =
      `${f} is over GitHub's 40 MiB blob limit even compressed: ` +
      `left out of the commit and uploaded as the artifact '${ctx.settings.artifactName}'.`
    ctx.log.warning(message)
    notes.push(message)
  }
  return [...out.leftOut]
}

/** The results committed to the run's branch, or to a results branch with its pull request. */
async function commit(ctx: PublishContext, changes: readonly Change[], collected: readonly TrackedBatch[]) {
  const { settings } = ctx
  const base = settings.run.branch
  const how = `results: ${settings.results}`
  if (!base)
    throw new Error(`${how} needs a run on a branch; this one is not (GITHUB_REF). Use results: artifact here.`)
  if (!ctx.repo)
    throw new Error(`${how} needs a token: set the github-token input (its default is the job's GITHUB_TOKEN).`)
  const repo = await ctx.repo()
  const message = settings.commitMessage || defaultMessage(changes, settings.provider.label)
  const opts = { workspace: settings.workspace, tempDir: settings.tempDir, message, clock: ctx.clock, log: ctx.log }
  if (settings.results === 'pull-request') {
    const { out, pull } = await pullRequestFor(ctx, repo, changes, collected, { ...opts, base })
    return { out, pull, where: `\`${pull?.branch}\`` }
  }
  return { out: await commitResults(repo, changes, { ...opts, branch: base }), pull: undefined, where: `\`${base}\`` }
}

/**
 * Gets the results this run changed off the runner: a commit, a pull request,
 * an artifact, or a commit and an artifact. Throws when they could not be
 * published, so the batches are collected again on the next run.
 */
export async function publish(
  ctx: PublishContext,
  changes: readonly Change[],
  collected: readonly TrackedBatch[] = []
): Promise<Published> {
  const { settings, log } = ctx
  const notes: string[] = []
  if (changes.length === 0 || settings.results === 'none') return { commitSha: undefined, notes }
  let commitSha: string | undefined
  let pullRequest: PullResult | undefined
  let forArtifact: string[] = []
  if (settings.results === 'commit' || settings.results === 'both' || settings.results === 'pull-request') {
    const { out, pull, where } = await commit(ctx, changes, collected)
    commitSha = out.sha
    pullRequest = pull
    const removed = changes.filter(c => c.removed).length
    const gone = removed > 0 ? `, removing ${files(removed)} that no longer apply` : ''
    if (out.sha) notes.push(`Committed ${files(changes.length - removed)} to ${where} as ${out.sha}${gone}.`)
    if (pull) notes.push(`The results are in pull request #${pull.number} (${pull.operation}): ${pull.url}`)
    forArtifact = bigFiles(ctx, out, notes)
  }
  if (settings.results === 'artifact' || settings.results === 'both')
    forArtifact = changes.filter(c => c.changed && !c.removed).map(c => c.path)
  if (forArtifact.length > 0) {
    const store = await ctx.artifacts()
    const abs = forArtifact.map(f => path.join(settings.workspace, f))
    const id = await store.upload(settings.artifactName, abs, settings.workspace, settings.artifactRetentionDays)
    notes.push(`Uploaded ${files(abs.length)} as the artifact '${settings.artifactName}'${id ? ` (id ${id})` : ''}.`)
    log.info(notes.at(-1)!)
  }
  return { commitSha, notes, ...(pullRequest ? { pullRequest } : {}) }
}
