import { describe, expect, it } from '@jest/globals'
import type { Settings } from '../../src/config/settings'
import type { State } from '../../src/core/state/state'
import { tidySuperseded } from '../../src/core/plans/superseded'
import { announceStep } from '../../src/phases/announce'
import { collectStep } from '../../src/phases/collect/collect'
import { submitStep } from '../../src/phases/submit'
import {
  count,
  Fakes,
  fakes,
  fresh,
  liveContext,
  progress,
  requests,
  resultLines,
  settingsFor,
  useWorkspace
} from '../fixtures/context'

const ws = useWorkspace()

/** a.jsonl submitted, then changed and submitted again: its first batch is cancelled with two of three requests done. */
async function superseded(
  inputs: Record<string, string> = {}
): Promise<{ settings: Settings; f: Fakes; state: State; old: string }> {
  ws.write('batches/a.jsonl', requests('r1', 'r2', 'r3'))
  const settings = settingsFor(ws, { 'webhook-url': 'https://hooks.example/oba', ...inputs })
  const f = fakes()
  const first = await submitStep.run(await liveContext(settings, f), progress(fresh(settings)))
  const old = first.state.batches[0]!.batchId
  ws.write('batches/a.jsonl', requests('r1', 'r2', 'r3', 'r4'))
  const second = await submitStep.run(await liveContext(settings, f, { loaded: first.state }), progress(first.state))
  // OpenAI answers a cancel with `cancelling`; the batch ends later with what it finished.
  const state = {
    ...second.state,
    batches: second.state.batches.map(b => (b.batchId === old ? { ...b, status: 'cancelling' as const } : b))
  }
  f.api.finish(old, 'cancelled', { output: resultLines(['r1'], ['r2']) })
  return { settings, f, state, old }
}

const collect = async (settings: Settings, f: Fakes, state: State) =>
  collectStep.run(await liveContext(settings, f), progress(state))

describe('a superseded batch, once it ends', () => {
  it('is reported with its counts but not downloaded by default', async () => {
    const { settings, f, state, old } = await superseded()
    f.api.calls.length = 0
    const out = await collect(settings, f, state)
    expect(count(f.api.calls, 'download')).toBe(0)
    expect(ws.list('results')).toEqual([])
    expect(out.changes).toEqual([])
    expect(out.superseded).toEqual([
      expect.objectContaining({ batchId: old, status: 'cancelled', collected: true, superseded: 'changed' })
    ])
    expect(f.log.text('info')).toContain(
      `batches/a.jsonl changed while batch ${old} ran; it ended cancelled (2 of 2 requests done) (keep-superseded keeps its partial output).`
    )
  })

  it('has its partial output kept beside the results with keep-superseded, in the same commit as the rest', async () => {
    const { settings, f, state, old } = await superseded({ 'keep-superseded': 'true' })
    const out = await collect(settings, f, state)
    const kept = `results/a.jsonl.superseded/${old}.jsonl`
    expect(ws.read(kept)).toBe(resultLines(['r1'], ['r2']))
    expect(out.changes).toEqual([{ path: kept, batchId: old, removed: false, existed: false, changed: true }])
    expect([...f.repo.files().keys()]).toEqual([kept])
  })

  it('is announced once as batch.cancelled, saying it was superseded, then forgotten by the next run', async () => {
    const { settings, f, state, old } = await superseded({ 'keep-superseded': 'true' })
    const collected = await collect(settings, f, state)
    const ctx = await liveContext(settings, f)
    const announced = await announceStep.run(ctx, progress(collected.state))
    expect(f.webhook.sent).toEqual([
      expect.objectContaining({
        type: 'batch.cancelled',
        data: expect.objectContaining({
          id: old,
          superseded: 'changed',
          output_path: `results/a.jsonl.superseded/${old}.jsonl`,
          error_path: null
        })
      })
    ])
    const again = await announceStep.run(ctx, progress(announced.state))
    expect(f.webhook.sent).toHaveLength(1)
    // Announced on the one channel there is: the next run forgets it; without that, it stays.
    expect(tidySuperseded(ctx.sources, again.state, ['webhook']).batches.map(b => b.batchId)).not.toContain(old)
    expect(tidySuperseded(ctx.sources, again.state, ['webhook', 'dispatch']).batches.map(b => b.batchId)).toContain(old)
  })

  it('is looked at while it runs, and left alone once settled', async () => {
    const { settings, f, state, old } = await superseded()
    f.api.calls.length = 0
    const first = await collect(settings, f, state)
    expect(count(f.api.calls, 'getBatch')).toBe(2) // the new batch and the superseded one
    expect(first.superseded?.map(b => b.batchId)).toEqual([old])
    f.api.calls.length = 0
    const second = await collect(settings, f, first.state)
    expect(second.superseded).toEqual([])
    expect(count(f.api.calls, 'getBatch')).toBe(1)
  })
})
