import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import type { Settings } from '../../src/config/settings'
import type { State } from '../../src/core/state/state'
import { collectStep } from '../../src/phases/collect/collect'
import { retryStep } from '../../src/phases/retry'
import type { Step } from '../../src/phases/step'
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
  useWorkspace,
  writes
} from '../fixtures/context'
import { contentOf } from '../fixtures/ports'

const ws = useWorkspace()

const step = async (s: Step, settings: Settings, f: Fakes, state: State) =>
  s.run(await liveContext(settings, f), progress(state))

/**
 * a.jsonl with r1..r4 submitted and round 0 finished: r1 ok, r2 failed with
 * 500, r3 with 429, r4 with 400; then collected.
 */
async function roundZero(settings: Settings, f: Fakes, errors = resultLines(['r2', 500], ['r3', 429], ['r4', 400])) {
  ws.write('batches/a.jsonl', requests('r1', 'r2', 'r3', 'r4'))
  const submitted = await step(submitStep, settings, f, fresh(settings))
  const id = submitted.state.batches[0]!.batchId
  f.api.finish(id, 'completed', { output: resultLines(['r1']), errors })
  const collected = await step(collectStep, settings, f, submitted.state)
  expect(collected.failures).toEqual([])
  return { id, state: collected.state }
}

describe('retryStep', () => {
  it('sends the lines that failed with 500 and 429 again, as round 1 with oba_round 1; the 400 stays', async () => {
    const settings = settingsFor(ws, { 'retry-failed': '2', results: 'none' })
    const f = fakes()
    const { state } = await roundZero(settings, f)
    expect(state.batches[0]!.retryable).toBe(2)

    const ctx = await liveContext(settings, f)
    const out = await retryStep.run(ctx, progress(state))
    expect(out.failures).toEqual([])
    expect(out.created).toHaveLength(1)
    const retry = f.api.batches.get(out.created![0]!.batchId)!
    expect(retry.metadata).toEqual({
      oba_scope: settings.scope,
      oba_path: 'a.jsonl',
      oba_sha256: ctx.sources[0]!.sha256,
      oba_part: '1/1',
      oba_round: '1'
    })
    expect(contentOf(f.api, retry.inputFileId)).toBe(requests('r2', 'r3'))
    expect(f.api.files.get(retry.inputFileId)!.filename).toBe(`a.retry1.${ctx.sources[0]!.sha256}.jsonl`)
    expect(out.state.batches.map(b => b.round ?? 0)).toEqual([0, 1])
    expect(f.log.text('info')).toContain(
      'batches/a.jsonl: 2 requests failed for a reason that may pass; retry 1 of at most 2.'
    )
    // The lines to retry were cut into the temp folder, and nothing is left there.
    expect(fs.readdirSync(settings.tempDir)).toEqual([])
  })

  it('merges a final retry into the results: what passed joins the output, what still fails stays in the errors', async () => {
    const settings = settingsFor(ws, { 'retry-failed': '2', results: 'none' })
    const f = fakes()
    const { state } = await roundZero(settings, f)
    const retried = await step(retryStep, settings, f, state)
    f.api.finish(retried.created![0]!.batchId, 'completed', {
      output: resultLines(['r3']),
      errors: resultLines(['r2', 503])
    })

    const out = await step(collectStep, settings, f, retried.state)
    expect(ws.read('results/a.jsonl')).toBe(resultLines(['r1'], ['r3']))
    expect(ws.read('results/a.errors.jsonl')).toBe(resultLines(['r2', 503], ['r4', 400]))
    expect(out.state.batches.map(b => [b.round ?? 0, b.collected, b.retryable])).toEqual([
      [0, true, 2],
      [1, true, 1]
    ])
  })

  it('does not send a line that failed with 400 again', async () => {
    const settings = settingsFor(ws, { 'retry-failed': '2', results: 'none' })
    const f = fakes()
    const { state } = await roundZero(settings, f, resultLines(['r4', 400]))
    expect(state.batches[0]!.retryable).toBe(0)
    f.api.calls.length = 0

    const out = await step(retryStep, settings, f, state)
    expect(out).toEqual({ state })
    expect(f.api.calls).toEqual([])
  })

  it.each([
    ['1', []],
    ['2', [2]]
  ])(
    'makes no more rounds than retry-failed (%s): a round 1 that failed again is retried only with room left',
    async (rounds, made) => {
      const settings = settingsFor(ws, { 'retry-failed': rounds, results: 'none' })
      const f = fakes()
      const { state } = await roundZero(settings, f)
      const first = await step(retryStep, settings, f, state)
      f.api.finish(first.created![0]!.batchId, 'completed', { errors: resultLines(['r2', 500], ['r3', 500]) })
      const collected = await step(collectStep, settings, f, first.state)
      expect(collected.state.batches.map(b => b.retryable)).toEqual([2, 2])
      f.api.calls.length = 0

      const out = await step(retryStep, settings, f, collected.state)
      expect((out.created ?? []).map(b => b.round)).toEqual(made)
      expect(count(f.api.calls, 'createBatch')).toBe(made.length)
    }
  )

  it('marks a file collected while retries were off as leaving nothing to retry, when none of its errors may pass', async () => {
    const off = settingsFor(ws, { results: 'none' })
    const f = fakes()
    const { id, state } = await roundZero(off, f, resultLines(['r2', 400]))
    expect(state.batches[0]!.retryable).toBeUndefined()

    const on = settingsFor(ws, { 'retry-failed': '1', results: 'none' })
    f.api.calls.length = 0
    const out = await step(retryStep, on, f, state)
    expect(out.state.batches).toEqual([expect.objectContaining({ batchId: id, retryable: 0 })])
    expect(out.created).toEqual([])
    expect(writes(f.api.calls)).toEqual([])
  })

  it('makes a retry that cannot be submitted a failure of its file', async () => {
    const settings = settingsFor(ws, { 'retry-failed': '1', results: 'none' })
    const f = fakes()
    const { state } = await roundZero(settings, f)
    f.api.fail('download', new Error('socket hang up'))

    const out = await step(retryStep, settings, f, state)
    expect(out.failures).toEqual([
      { file: 'batches/a.jsonl', message: 'batches/a.jsonl: could not submit retry 1: socket hang up' }
    ])
    expect(out.state.batches).toHaveLength(1)
  })
})
