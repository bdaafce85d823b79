import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import { batchMetadata } from '../../src/core/remote/records'
import type { State } from '../../src/core/state/state'
import { parseState } from '../../src/core/state/saved'
import { announceStep } from '../../src/phases/announce'
import { cleanStep } from '../../src/phases/clean'
import { collectStep } from '../../src/phases/collect/collect'
import { liveSteps, planSteps, runAction } from '../../src/phases/pipeline'
import { planStep } from '../../src/phases/plan'
import { retryStep } from '../../src/phases/retry'
import { resubmitStep, submitStep } from '../../src/phases/submit'
import { nameWaitingStep, submitWaitingStep } from '../../src/phases/waiting'
import {
  contextFor,
  count,
  fakes,
  portsOf,
  requests,
  resultLines,
  settingsFor,
  useWorkspace,
  writes
} from '../fixtures/context'

const ws = useWorkspace()

/** The last state the storage kept. */
function saved(texts: readonly string[], scope: string): State {
  const parsed = parseState(texts.at(-1)!, scope)
  if ('reason' in parsed) throw new Error(parsed.reason)
  return parsed.state
}

describe('liveSteps', () => {
  const names = (inputs: Record<string, string>) => liveSteps(settingsFor(ws, inputs)).map(s => s.name)

  it('submits only, in submit mode, whatever else is set', () => {
    expect(liveSteps(settingsFor(ws, { mode: 'submit' }))).toEqual([submitStep])
    expect(
      liveSteps(
        settingsFor(ws, {
          mode: 'submit',
          'retry-failed': '2',
          'webhook-url': 'https://hooks.example/x',
          'dispatch-event': 'e'
        })
      )
    ).toEqual([submitStep])
  })

  it('collects, then submits again what the token limit refused, in collect mode', () => {
    expect(liveSteps(settingsFor(ws, { mode: 'collect' }))).toEqual([
      nameWaitingStep,
      collectStep,
      resubmitStep,
      cleanStep
    ])
  })

  it('submits the waiting files first in a collect chosen by auto, and only names them in one asked for', () => {
    const schedule = (inputs: Record<string, string>) =>
      liveSteps(settingsFor(ws, inputs, { GITHUB_EVENT_NAME: 'schedule' }))
    expect(schedule({})).toEqual([submitWaitingStep, collectStep, resubmitStep, cleanStep])
    expect(schedule({ mode: 'collect' })).toEqual([nameWaitingStep, collectStep, resubmitStep, cleanStep])
  })

  it('deletes finished files at OpenAI after the retries, unless delete-remote-files is off', () => {
    expect(liveSteps(settingsFor(ws, { mode: 'collect', 'delete-remote-files': 'false' }))).toEqual([
      nameWaitingStep,
      collectStep,
      resubmitStep
    ])
  })

  it('retries failed lines only when retry-failed is above 0', () => {
    expect(liveSteps(settingsFor(ws, { mode: 'collect', 'retry-failed': '0' }))).not.toContain(retryStep)
    expect(liveSteps(settingsFor(ws, { mode: 'collect', 'retry-failed': '1' }))).toEqual([
      nameWaitingStep,
      collectStep,
      retryStep,
      resubmitStep,
      cleanStep
    ])
  })

  it.each<Record<string, string>>([{ 'webhook-url': 'https://hooks.example/x' }, { 'dispatch-event': 'oba-batch' }])(
    'announces, last, only when a channel is set: %j',
    inputs => {
      expect(liveSteps(settingsFor(ws, { mode: 'collect', ...inputs }))).toEqual([
        nameWaitingStep,
        collectStep,
        resubmitStep,
        cleanStep,
        announceStep
      ])
      expect(liveSteps(settingsFor(ws, { mode: 'collect' }))).not.toContain(announceStep)
    }
  )

  it('submits first in sync mode, then collects, retries and announces', () => {
    expect(liveSteps(settingsFor(ws, { mode: 'sync' }))).toEqual([submitStep, collectStep, cleanStep])
    expect(names({ mode: 'sync', 'retry-failed': '3', 'webhook-url': 'https://hooks.example/x' })).toEqual([
      'Submit',
      'Collect results',
      'Retry failed lines',
      'Delete finished remote files',
      'Announce'
    ])
  })

  it('plans only, in a dry run, unless it collects', () => {
    expect(planSteps(settingsFor(ws, { mode: 'submit', 'dry-run': 'true' }))).toEqual([planStep])
    expect(planSteps(settingsFor(ws, { mode: 'sync', 'dry-run': 'true' }))).toEqual([planStep])
    expect(planSteps(settingsFor(ws, { mode: 'collect', 'dry-run': 'true' }))).toEqual([])
  })
})

describe('runAction', () => {
  it('runs the steps under their headings and saves the state a first run made', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'sync' })
    const f = fakes()

    const outcome = await runAction(settings, portsOf(settings, f))
    expect(f.log.lines.filter(l => l.level === 'group').map(l => l.message)).toEqual([
      'Restore state',
      'Scan request files',
      'Rebuild state from OpenAI',
      'Submit',
      'Collect results',
      // Nothing is finished yet: the delete step is idle, and prints no heading.
      'Save state'
    ])
    expect(outcome).toMatchObject({
      mode: 'sync',
      submitted: 1,
      pending: 1,
      completed: 0,
      resultsChanged: false,
      failures: []
    })
    expect(f.storage.saved).toHaveLength(1)
    expect(saved(f.storage.saved, settings.scope).batches.map(b => b.path)).toEqual(['a.jsonl'])
  })

  it('saves nothing when the run changed nothing, and saves again when it did', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const submit = settingsFor(ws, { mode: 'submit' })
    const f = fakes()
    await runAction(submit, portsOf(submit, f))
    expect(f.storage.saved).toHaveLength(1)
    f.api.calls.length = 0

    const unchanged = await runAction(submit, portsOf(submit, f))
    expect(unchanged.submitted).toBe(0)
    expect(f.storage.saved).toHaveLength(1)
    expect(
      f.log.lines
        .filter(l => l.level === 'group')
        .map(l => l.message)
        .slice(-1)
    ).toEqual(['Submit'])
    expect(f.api.calls).toEqual([])

    const id = saved(f.storage.saved, submit.scope).batches[0]!.batchId
    f.api.finish(id, 'completed', { output: resultLines(['r1']) })
    const collect = settingsFor(ws, { mode: 'collect' })
    const collected = await runAction(collect, portsOf(collect, f))
    expect(collected).toMatchObject({
      completed: 1,
      pending: 0,
      resultsChanged: true,
      commitSha: f.repo.branches.get('main')
    })
    expect(f.storage.saved).toHaveLength(2)
    expect(saved(f.storage.saved, submit.scope).batches[0]).toMatchObject({
      batchId: id,
      status: 'completed',
      collected: true
    })
  })

  it('rebuilds a lost state from OpenAI and creates no second batch', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'submit' })
    const f = fakes()
    const sha = (await contextFor(settings, portsOf(settings, f))).sources[0]!.sha256
    const earlier = f.api.addBatch(
      batchMetadata({}, settings.scope, { path: 'a.jsonl', sha256: sha, part: 1, parts: 1 })
    )

    const outcome = await runAction(settings, portsOf(settings, f))
    expect(outcome.submitted).toBe(0)
    expect(count(f.api.calls, 'createBatch')).toBe(0)
    expect(saved(f.storage.saved, settings.scope)).toMatchObject({
      asOf: f.clock.now(),
      batches: [expect.objectContaining({ batchId: earlier.id })]
    })
  })

  it('saves nothing in a dry run, whose storage keeps nothing, and writes nothing at OpenAI', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'sync', 'dry-run': 'true' })
    const f = fakes()

    const outcome = await runAction(settings, portsOf(settings, f))
    expect(outcome).toMatchObject({ dryRun: true, wouldSubmit: ['batches/a.jsonl'], submitted: 0 })
    expect(f.storage.saved).toEqual([])
    expect(writes(f.api.calls)).toEqual([])
    expect(f.log.lines.filter(l => l.level === 'group').map(l => l.message)).not.toContain('Save state')
  })

  it('hands a dry run state to the storage all the same: keeping nothing is the storage port', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'submit', 'dry-run': 'true' })
    const f = fakes()
    await runAction(settings, { ...portsOf(settings, f), storage: f.storage })
    expect(f.storage.saved).toHaveLength(1)
  })

  it('plans from the files alone in a dry run without a key', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { 'dry-run': 'true' }, { OPENAI_API_KEY: undefined })
    const f = fakes()
    const outcome = await runAction(settings, portsOf(settings, f))
    expect(outcome.wouldSubmit).toEqual(['batches/a.jsonl'])
    expect(f.api.calls).toEqual([])
  })

  it('does not run the other steps, nor save, when a step stops the run', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'sync' })
    const f = fakes()
    f.api.fail('uploadFile', new ApiError('OpenAI refused the API key (401).', { status: 401, retryable: false }))
    await expect(runAction(settings, portsOf(settings, f))).rejects.toThrow('OpenAI refused the API key (401).')
    expect(f.log.lines.filter(l => l.level === 'group').map(l => l.message)).not.toContain('Collect results')
    expect(f.storage.saved).toEqual([])
  })

  it('reports an invalid file and uploads nothing of it', async () => {
    ws.write('batches/bad.jsonl', 'not json\n')
    const settings = settingsFor(ws, { mode: 'submit' })
    const f = fakes()
    const outcome = await runAction(settings, portsOf(settings, f))
    expect(outcome.invalid.map(s => s.file)).toEqual(['batches/bad.jsonl'])
    expect(writes(f.api.calls)).toEqual([])
    expect(f.log.lines.filter(l => l.level === 'error').map(l => l.where?.file)).toEqual(['batches/bad.jsonl'])
  })
})
