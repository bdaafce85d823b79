import type { Change } from '../../core/report/changes'
import { pullBody } from '../../core/report/pull-body'
import type { TrackedBatch } from '../../core/state/state'
import type { PullRequest } from '../../ports/pulls'
import type { Repo } from '../../ports/repo'
import { commitResults, CommitOptions, CommitOutcome } from './commit'
import type { LiveContext } from '../step'

/** The pull request the results went to, and what the run did to it. */
export interface PullResult extends PullRequest {
  readonly operation: 'created' | 'updated'
  readonly branch: string
}

/**
 * Commits the results to the results branch and opens its pull request into
 * the run's branch, or updates the one open. While that pull request is open,
 * the branch holds results not merged yet, so the commit goes on top of it;
 * once merged, closed or deleted, the branch starts again from the base.
 */
export async function pullRequestFor(
  ctx: Pick<LiveContext, 'settings' | 'pulls' | 'prices' | 'log'>,
  repo: Repo,
  changes: readonly Change[],
  collected: readonly TrackedBatch[],
  opts: Omit<CommitOptions, 'branch' | 'onto'> & { base: string }
): Promise<{ out: CommitOutcome; pull: PullResult | undefined }> {
  const { settings, log } = ctx
  const p = settings.resultsPull
  if (!ctx.pulls)
    throw new Error(
      "results: pull-request needs a token: set the github-token input (its default is the job's GITHUB_TOKEN)."
    )
  const pulls = await ctx.pulls()
  const branch = p.branch || `openai-batch-results/${opts.base}`
  const open = await pulls.find(branch, opts.base)
  const exists = await repo.hasBranch(branch)
  const onto = open && exists ? undefined : { branch: opts.base, exists }
  const out = await commitResults(repo, changes, { ...opts, branch, onto })
  if (!out.sha && !open) {
    log.info(`The results are already on ${opts.base}; no pull request needed.`)
    return { out, pull: undefined }
  }
  const prices = collected.some(b => b.usage) ? await ctx.prices() : undefined
  const body = pullBody(changes, collected, {
    runUrl: settings.run.runUrl,
    provider: settings.provider.label,
    price: prices?.price,
    priceSource: prices?.source
  })
  if (open) {
    await pulls.update(open.number, { title: p.title, body })
    log.info(`Updated pull request #${open.number} with the results.`)
    return { out, pull: { ...open, operation: 'updated', branch } }
  }
  const made = await pulls.create({ head: branch, base: opts.base, title: p.title, body, draft: p.draft })
  await pulls.decorate(made.number, p)
  log.info(`Opened pull request #${made.number} with the results: ${made.url}`)
  return { out, pull: { ...made, operation: 'created', branch } }
}
