import { planWaiting } from '../core/plans/submit'
import type { Progress } from '../core/step-result'
import type { Log } from '../ports/log'
import { freshPlan } from './restore'
import type { Context, Step } from './step'
import { submit } from './submit'

/**
 * A collect run meets files that are new or changed and have no batch yet: their push run failed,
 * was refused for max-cost, was cancelled by the concurrency group, or never ran (a `paths:`
 * filter). Nothing waits silently: one of the two steps below deals with them, chosen from the mode.
 */

/** Nothing waiting: the step is passed over, and its heading not printed. */
const idle = (ctx: Context, so: Progress): boolean => planWaiting(ctx.sources, so.state).submit.length === 0

/** The plan against the freshest state: another run may have submitted them since the state was saved. */
const planFor = (ctx: Context, so: Progress) =>
  freshPlan(
    ctx,
    so.state,
    s => planWaiting(ctx.sources, s),
    p => p.submit.length > 0
  )

/** A log whose errors are warnings: annotated all the same, without saying the step failed. */
const warningsOnly = (log: Log): Log => ({ ...log, error: log.warning })

/**
 * Under `mode: auto`, a scheduled run submits the waiting files as a push would: validated, within
 * max-cost. What it could not submit is a warning naming the file, not a failure: a schedule that
 * runs every half hour must not turn red each time for work it does on the side.
 */
export const submitWaitingStep: Step = {
  name: 'Submit waiting files',
  idle,
  async run(ctx, so) {
    const { state, plan } = await planFor(ctx, so)
    const done = await submit({ ...ctx, log: warningsOnly(ctx.log) }, plan, state)
    return { ...done, failures: [], waiting: done.failures ?? [] }
  }
}

/** What an explicit `mode: collect` says of a file it does not submit. */
export const notSubmitted = (file: string): string =>
  `${file} is new or changed and has no batch yet; a collect run does not submit it. ` +
  'To submit it, run with mode: submit or sync, or use mode: auto (its scheduled runs submit waiting files).'

/** An explicit `mode: collect` submits nothing of its own: it names each waiting file, and says how to submit it. */
export const nameWaitingStep: Step = {
  name: 'Files waiting for a submit',
  idle,
  async run(ctx, so) {
    const { state, plan } = await planFor(ctx, so)
    const waiting = plan.submit.map(({ file }) => {
      const message = notSubmitted(file)
      ctx.log.warning(message, { file, title: 'Not submitted' })
      return { file, message }
    })
    return { state, waiting }
  }
}
