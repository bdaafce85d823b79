import { batchEvent, BatchEvent, EventContext, markAnnounced, toAnnounce } from '../core/report/events'
import type { Channel } from '../core/state/state'
import type { Step } from './step'
import { errorMessage } from '../core/errors'

/**
 * Announces every collected final batch not yet announced, on each channel the
 * settings name. Each delivery is recorded in the state, so no later run repeats
 * it. Last in a run, so an event can say whether a retry of its file is under way.
 */
export const announceStep: Step = {
  name: 'Announce',
  async run(ctx, so) {
    const { settings, repo, webhook, clock, log } = ctx
    let state = so.state
    const notes: string[] = []
    const priced = (['webhook', 'dispatch'] as const).some(c => toAnnounce(state, c).some(b => b.usage))
    const prices = priced ? await ctx.prices() : undefined
    const events: EventContext = {
      provider: settings.provider.kind,
      sourceDir: settings.sourceDir,
      targetDir: settings.targetDir,
      keepSuperseded: settings.keepSuperseded,
      commitSha: so.commitSha,
      runUrl: settings.run.runUrl,
      price: prices?.price
    }
    const dispatch = settings.dispatchEvent
    if (dispatch && !repo)
      log.warning(`dispatch-event needs a github-token to send repository_dispatch events; none is sent.`)
    const channels: [Channel, ((e: BatchEvent) => Promise<void>) | undefined][] = [
      ['webhook', webhook ? e => webhook.send(e) : undefined],
      ['dispatch', dispatch && repo ? async e => (await repo()).dispatch(dispatch, { ...e }) : undefined]
    ]
    for (const [channel, send] of channels) {
      if (!send) continue
      for (const b of toAnnounce(state, channel)) {
        const event = batchEvent(b, state, events, clock.now())
        try {
          await send(event)
          log.info(`Announced ${event.type} for ${b.batchId} (${channel}).`)
          state = markAnnounced(state, b.batchId, channel)
        } catch (e) {
          // A receiver that is down must not fail the run: it gets the event on a later run.
          const message =
            `Could not announce ${b.batchId} (${channel}): ${errorMessage(e)}. ` + 'It is tried again on the next run.'
          log.warning(message)
          notes.push(message)
        }
      }
    }
    return { state, notes }
  }
}
