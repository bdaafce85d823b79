import { describe, expect, it } from '@jest/globals'
import type { Channel } from '../../src/core/state/state'
import { announceStep } from '../../src/phases/announce'
import { fakes, liveContext, progress, settingsFor, stateOf, tracked, useWorkspace } from '../fixtures/context'

const ws = useWorkspace()

const channels = { 'webhook-url': 'https://hooks.example/oba', 'dispatch-event': 'oba-batch', mode: 'collect' }
const done = tracked({
  batchId: 'batch_done',
  status: 'completed',
  collected: true,
  outputFileId: 'file-out',
  requestCounts: { total: 2, completed: 2, failed: 0 }
})

describe('announceStep', () => {
  it('sends each collected final batch once on each channel, and records it', async () => {
    const settings = settingsFor(ws, channels)
    const f = fakes()
    const state = stateOf(settings, [done])
    const out = await announceStep.run(await liveContext(settings, f), progress(state, { commitSha: 'c0ffee' }))

    expect(f.webhook.sent).toEqual([
      {
        id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
        object: 'event',
        type: 'batch.completed',
        created_at: f.clock.now(),
        data: {
          id: 'batch_done',
          provider: 'openai',
          status: 'completed',
          source_file: 'batches/a.jsonl',
          part: '1/1',
          round: 0,
          retry_pending: false,
          request_counts: { total: 2, completed: 2, failed: 0 },
          usage: null,
          cost: null,
          output_path: 'results/a.jsonl',
          error_path: null,
          superseded: null,
          commit_sha: 'c0ffee',
          run_url: 'https://github.com/octo/repo/actions/runs/0'
        }
      }
    ])
    expect(f.repo.dispatches).toEqual([{ eventType: 'oba-batch', payload: { ...f.webhook.sent[0] } }])
    expect(out.state.batches[0]!.announced).toEqual(['webhook', 'dispatch'])
    expect(out.notes).toEqual([])

    const again = await announceStep.run(await liveContext(settings, f), progress(out.state))
    expect(f.webhook.sent).toHaveLength(1)
    expect(f.repo.dispatches).toHaveLength(1)
    expect(again.state).toEqual(out.state)
  })

  it('announces no batch that is unfinished or not collected yet', async () => {
    const settings = settingsFor(ws, channels)
    const f = fakes()
    const state = stateOf(settings, [
      tracked({ batchId: 'batch_running', status: 'in_progress' }),
      tracked({ batchId: 'batch_uncollected', path: 'b.jsonl', status: 'completed', collected: false })
    ])
    const out = await announceStep.run(await liveContext(settings, f), progress(state))
    expect(f.webhook.sent).toEqual([])
    expect(f.repo.dispatches).toEqual([])
    expect(out.state).toEqual(state)
  })

  it('says a retry of the file is under way while a later round is not final', async () => {
    const settings = settingsFor(ws, { 'webhook-url': 'https://hooks.example/oba' })
    const f = fakes()
    const state = stateOf(settings, [done, tracked({ batchId: 'batch_retry', round: 1, status: 'in_progress' })])
    await announceStep.run(await liveContext(settings, f), progress(state))
    expect(f.webhook.sent.map(e => [e.data.id, e.data.retry_pending])).toEqual([['batch_done', true]])
  })

  it.each<[Channel, Channel]>([
    ['webhook', 'dispatch'],
    ['dispatch', 'webhook']
  ])(
    'leaves a batch unannounced on %s when its sender throws, with a note, and does not fail',
    async (broken, working) => {
      const settings = settingsFor(ws, channels)
      const f = fakes()
      if (broken === 'webhook') f.webhook.fail(new Error('the receiver answered 503'))
      else f.repo.fail('dispatch', new Error('the receiver answered 503'))
      const state = stateOf(settings, [done])

      const out = await announceStep.run(await liveContext(settings, f), progress(state))
      const note = `Could not announce batch_done (${broken}): the receiver answered 503. It is tried again on the next run.`
      expect(out.notes).toEqual([note])
      expect(f.log.text('warning')).toBe(note)
      expect(out.failures).toBeUndefined()
      expect(out.state.batches[0]!.announced).toEqual([working])

      // The next run tries the channel again.
      const again = await announceStep.run(await liveContext(settings, f), progress(out.state))
      expect(again.state.batches[0]!.announced).toEqual([working, broken])
      expect(again.notes).toEqual([])
    }
  )

  it('does not dispatch without a token', async () => {
    const settings = settingsFor(ws, { 'dispatch-event': 'oba-batch', 'github-token': '' })
    const f = fakes()
    const state = stateOf(settings, [done])
    const out = await announceStep.run(await liveContext(settings, f), progress(state))
    expect(f.repo.calls).toEqual([])
    expect(out).toEqual({ state, notes: [] })
  })
})

describe('announceStep without a token', () => {
  it('says dispatch-event needs a github-token instead of skipping it silently', async () => {
    const settings = settingsFor(ws, { 'dispatch-event': 'oba-batch', mode: 'collect', 'github-token': '' })
    const f = fakes()
    await announceStep.run(
      await liveContext(settings, f),
      progress(stateOf(settings, [tracked({ batchId: 'batch_done', status: 'completed', collected: true })]))
    )
    expect(f.log.lines).toContainEqual({
      level: 'warning',
      message: 'dispatch-event needs a github-token to send repository_dispatch events; none is sent.'
    })
    expect(f.repo.dispatches).toEqual([])
  })
})

describe('announceStep with usage', () => {
  it("carries the usage in the shape of OpenAI's Batch.usage and its cost at the Batch price", async () => {
    const settings = settingsFor(ws, { 'webhook-url': 'https://hooks.example/oba', mode: 'collect' })
    const f = fakes()
    const usage = { input: 1_000_000, cachedInput: 0, output: 1_000_000, reasoning: 10 }
    const b = tracked({ batchId: 'batch_done', status: 'completed', collected: true, usage, model: 'gpt-4o-mini' })
    await announceStep.run(await liveContext(settings, f), progress(stateOf(settings, [b])))
    const { data } = f.webhook.sent[0]!
    expect(data.usage).toEqual({
      input_tokens: 1e6,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 1e6,
      output_tokens_details: { reasoning_tokens: 10 },
      total_tokens: 2e6
    })
    // gpt-4o-mini: $0.15 and $0.60 a million tokens, halved.
    expect(data.cost).toBeCloseTo(0.375, 9)
  })
})
