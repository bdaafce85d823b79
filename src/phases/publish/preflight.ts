import { errorMessage } from '../../core/errors'
import type { LiveContext } from '../step'

/**
 * Before a submit whose results will be committed to the run's branch: when
 * GitHub marks that branch protected, the run says so now, not a day later
 * when the commit is refused (#23 item 3). One call; it never stops the submit.
 * Returns the line for the summary, if any.
 */
export async function protectedBranchNote(
  ctx: Pick<LiveContext, 'settings' | 'repo' | 'log'>
): Promise<string | undefined> {
  const { settings, log } = ctx
  const branch = settings.run.branch
  if (!branch || !ctx.repo || (settings.results !== 'commit' && settings.results !== 'both')) return undefined
  let guarded: boolean | undefined
  try {
    guarded = await (await ctx.repo()).isProtected(branch)
  } catch (e) {
    // Only a forecast: the batches are worth making whatever it says.
    log.warning(`Could not check whether ${branch} is protected: ${errorMessage(e)}`)
    return undefined
  }
  if (!guarded) return undefined
  const message =
    `${branch} is protected: GitHub may refuse the results commit (results: ${settings.results}) ` +
    'when these batches finish. Use `results: pull-request` (or artifact), ' +
    'or a github-token allowed to bypass the protection.'
  log.warning(message, { title: 'Protected branch' })
  return message
}
