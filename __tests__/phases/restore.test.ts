import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import { CLOCK_SKEW_SECONDS } from '../../src/core/limits'
import { planSubmit } from '../../src/core/plans/submit'
import { batchMetadata } from '../../src/core/remote/records'
import { emptyState } from '../../src/core/state/state'
import { serializeState } from '../../src/core/state/saved'
import { discover, freshPlan, restore, watchOutside } from '../../src/phases/restore'
import {
  contextFor,
  count,
  fakes,
  liveContext,
  portsOf,
  requests,
  settingsFor,
  stateOf,
  tracked,
  useWorkspace
} from '../fixtures/context'
import { memoryLog, memoryStorage } from '../fixtures/ports'

const ws = useWorkspace()

describe('restore', () => {
  it('returns the saved state of this scope', async () => {
    const state = { ...emptyState('octo/repo:batches'), asOf: 42, batches: [tracked({ batchId: 'batch_1' })] }
    const log = memoryLog()
    expect((await restore(memoryStorage(serializeState(state)), 'octo/repo:batches', log))?.state).toEqual(state)
    expect(log.text()).toBe('State: 1 tracked batch.')
  })

  it("ignores another scope's state, with a warning, so it is rebuilt from OpenAI", async () => {
    const log = memoryLog()
    const other = serializeState({ ...emptyState('octo/repo:other'), batches: [tracked({ batchId: 'batch_1' })] })
    expect(await restore(memoryStorage(other), 'octo/repo:batches', log)).toBeUndefined()
    expect(log.lines).toEqual([
      {
        level: 'warning',
        message:
          "Ignoring the saved state: the saved state belongs to 'octo/repo:other', not 'octo/repo:batches'. It will be rebuilt from the batches at the provider."
      }
    ])
  })

  it('ignores a state it cannot read, with a warning', async () => {
    const log = memoryLog()
    expect(await restore(memoryStorage('{"version": 1}'), 'octo/repo:batches', log)).toBeUndefined()
    expect(log.text('warning')).toContain('the saved state has schema version 1, this action reads 2')
  })

  it('says nothing when there is no saved state', async () => {
    const log = memoryLog()
    expect(await restore(memoryStorage(), 'octo/repo:batches', log)).toBeUndefined()
    expect(log.lines).toEqual([])
  })
})

describe('discover', () => {
  it("adopts only this scope's usable batches for the files' present content", async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const ctx = await liveContext(settings, f)
    const sha = ctx.sources[0]!.sha256
    const slot = { path: 'a.jsonl', sha256: sha, part: 1, parts: 1 }
    const mine = f.api.addBatch(batchMetadata({}, settings.scope, slot), { status: 'in_progress' })
    f.api.addBatch(batchMetadata({}, 'octo/other:batches', slot))
    f.api.addBatch(batchMetadata({}, settings.scope, { ...slot, sha256: 'earlier content' }))
    f.api.addBatch(batchMetadata({}, settings.scope, slot), { status: 'cancelled' })
    f.api.addBatch({ purpose: 'not ours' })

    const now = f.clock.now()
    const found = await discover(
      { api: f.api, log: f.log, now, scope: settings.scope, provider: settings.provider },
      stateOf(settings, []),
      ctx.sources,
      0
    )
    expect(found.batches).toEqual([
      expect.objectContaining({
        batchId: mine.id,
        path: 'a.jsonl',
        sha256: sha,
        status: 'in_progress',
        collected: false
      })
    ])
    expect(found.asOf).toBe(now)
    expect(f.log.text()).toBe(`a.jsonl: found batch ${mine.id} (in_progress) at OpenAI.`)
  })

  it('keeps what the state tracks and adds no second batch for a slot it has', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const ctx = await liveContext(settings, f)
    const sha = ctx.sources[0]!.sha256
    const known = tracked({ batchId: 'batch_known', sha256: sha, status: 'in_progress' })
    f.api.addBatch(batchMetadata({}, settings.scope, { path: 'a.jsonl', sha256: sha, part: 1, parts: 1 }))

    const found = await discover(
      { api: f.api, log: f.log, now: f.clock.now(), scope: settings.scope, provider: settings.provider },
      stateOf(settings, [known]),
      ctx.sources,
      0
    )
    expect(found.batches).toEqual([known])
  })
})

describe('discover, for a provider that may not keep metadata', () => {
  const compatible = (inputs: Record<string, string> = {}) =>
    settingsFor(ws, { provider: 'compatible', 'openai-base-url': 'https://llm.example/v1', ...inputs })

  it("adopts a batch without metadata that its upload's name ties to a file's present content, and leaves another tool's alone", async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = compatible()
    const f = fakes()
    const ctx = await liveContext(settings, f)
    const sha = ctx.sources[0]!.sha256
    const ours = f.api.addBatch(
      {},
      { inputFileId: f.api.addFile(`a.${sha}.jsonl`, requests('r1')).id, status: 'in_progress' }
    )
    f.api.addBatch({}, { inputFileId: f.api.addFile('input.jsonl', requests('r1')).id })
    f.api.addBatch(
      { oba_scope: 'octo/other:batches' },
      { inputFileId: f.api.addFile(`a.${sha}.jsonl`, requests('r1')).id }
    )

    const found = await discover(
      { api: f.api, log: f.log, now: f.clock.now(), scope: settings.scope, provider: settings.provider },
      stateOf(settings, []),
      ctx.sources,
      0
    )
    expect(found.batches).toEqual([
      expect.objectContaining({ batchId: ours.id, path: 'a.jsonl', sha256: sha, untagged: true })
    ])
    expect(f.log.text()).toBe(
      `a.jsonl: found batch ${ours.id} (in_progress) at the Batch API at llm.example by its upload's name.`
    )
  })

  it('lists no files when every batch without metadata is known, nor for a provider that keeps metadata', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const f = fakes()
    const settings = compatible()
    const ctx = await liveContext(settings, f)
    const b = f.api.addBatch({})
    const known = stateOf(settings, [tracked({ batchId: b.id })])
    await discover(
      { api: f.api, log: f.log, now: f.clock.now(), scope: settings.scope, provider: settings.provider },
      known,
      ctx.sources,
      0
    )
    const openai = settingsFor(ws)
    await discover(
      { api: f.api, log: f.log, now: f.clock.now(), scope: openai.scope, provider: openai.provider },
      stateOf(openai, []),
      ctx.sources,
      0
    )
    expect(count(f.api.calls, 'recentFiles')).toBe(0)
  })

  it('warns of files with the same name and content, and gives each one of their batches', async () => {
    ws.write('batches/x/a.jsonl', requests('r1'))
    ws.write('batches/y/a.jsonl', requests('r1'))
    const settings = compatible()
    const f = fakes()
    const ctx = await liveContext(settings, f)
    const upload = f.api.addFile(`a.${ctx.sources[0]!.sha256}.jsonl`, requests('r1')).id
    f.api.addBatch({}, { inputFileId: upload })
    f.api.addBatch({}, { inputFileId: upload })
    const found = await discover(
      { api: f.api, log: f.log, now: f.clock.now(), scope: settings.scope, provider: settings.provider },
      stateOf(settings, []),
      ctx.sources,
      0
    )
    expect(found.batches.map(b => b.path).sort()).toEqual(['x/a.jsonl', 'y/a.jsonl'])
    expect(f.log.text('warning')).toContain('x/a.jsonl, y/a.jsonl have the same name and content')
  })
})

describe('freshPlan', () => {
  const wouldCreate = (p: ReturnType<typeof planSubmit>) => p.submit.length > 0

  it('does not look at OpenAI when the plan would create nothing', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const loaded = stateOf(settings, [])
    const ctx = await liveContext(settings, f, { loaded })
    const out = await freshPlan(
      ctx,
      loaded,
      s => planSubmit(ctx.sources, s),
      () => false
    )
    expect(out.state).toBe(loaded)
    expect(f.api.calls).toEqual([])
  })

  it('does not look at OpenAI when no state was loaded (it was just rebuilt from there)', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const ctx = await liveContext(settings, f)
    const state = stateOf(settings, [])
    const out = await freshPlan(ctx, state, s => planSubmit(ctx.sources, s), wouldCreate)
    expect(out.plan.submit.map(s => s.path)).toEqual(['a.jsonl'])
    expect(f.api.calls).toEqual([])
  })

  it('does not look without an API (a dry run without a key)', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { 'dry-run': 'true' }, { OPENAI_API_KEY: undefined })
    const f = fakes()
    const loaded = stateOf(settings, [])
    const ctx = await contextFor(settings, portsOf(settings, f), { loaded })
    const out = await freshPlan(ctx, loaded, s => planSubmit(ctx.sources, s), wouldCreate)
    expect(out.plan.submit).toHaveLength(1)
    expect(f.api.calls).toEqual([])
  })

  it("looks when the plan would create and a state was loaded, from the state's asOf less the clock skew, and plans again", async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    ws.write('batches/b.jsonl', requests('r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const asOf = f.clock.now() - 3600
    const loaded = stateOf(settings, [], asOf)
    const ctx = await liveContext(settings, f, { loaded })
    const slot = (p: string) => ({ path: p, sha256: ctx.sources.find(s => s.path === p)!.sha256, part: 1, parts: 1 })
    // A run that crashed after the state was saved made a.jsonl's batch; b.jsonl's is older than the window looked at.
    const crashed = f.api.addBatch(batchMetadata({}, settings.scope, slot('a.jsonl')), {
      createdAt: asOf - CLOCK_SKEW_SECONDS + 1
    })
    f.api.addBatch(batchMetadata({}, settings.scope, slot('b.jsonl')), { createdAt: asOf - CLOCK_SKEW_SECONDS - 1 })

    const out = await freshPlan(ctx, loaded, s => planSubmit(ctx.sources, s), wouldCreate)
    expect(count(f.api.calls, 'recentBatches')).toBe(1)
    expect(out.state.batches.map(b => b.batchId)).toEqual([crashed.id])
    expect(out.state.asOf).toBe(f.clock.now())
    expect(out.plan.submit.map(s => s.path)).toEqual(['b.jsonl'])
  })
})

describe('watchOutside', () => {
  it('tracks the batches named in batch-ids and reports one OpenAI does not have as a failure', async () => {
    const settings = settingsFor(ws, { 'batch-ids': 'batch_there, batch_missing' })
    const f = fakes()
    f.api.addBatch({}, { id: 'batch_there', status: 'in_progress' })

    const out = await watchOutside(await liveContext(settings, f), stateOf(settings, []))
    expect(out.state.batches).toEqual([
      expect.objectContaining({
        batchId: 'batch_there',
        path: 'batches/batch_there.jsonl',
        sha256: '',
        outside: true,
        status: 'in_progress',
        collected: false
      })
    ])
    expect(out.failures).toEqual([
      { file: 'batch-ids: batch_missing', message: 'Cannot watch batch batch_missing: no batch batch_missing' }
    ])
    expect(f.log.text('info')).toBe(
      'Watching batch batch_there (in_progress); its results go to batches/batch_there.jsonl under the target folder.'
    )
  })

  it('does not ask for a batch the state tracks already', async () => {
    const settings = settingsFor(ws, { 'batch-ids': 'batch_known' })
    const f = fakes()
    const state = stateOf(settings, [tracked({ batchId: 'batch_known', outside: true })])
    const out = await watchOutside(await liveContext(settings, f), state)
    expect(out.state).toBe(state)
    expect(f.api.calls).toEqual([])
  })

  const relayed = (inputs: Record<string, string> = {}) => {
    const event = ws.write(
      '../event.json',
      JSON.stringify({ client_payload: { type: 'batch.completed', data: { id: 'batch_relayed' } } })
    )
    return settingsFor(
      ws,
      { mode: 'collect', ...inputs },
      { GITHUB_EVENT_NAME: 'repository_dispatch', GITHUB_EVENT_PATH: event }
    )
  }

  it("adopts the batch of an OpenAI webhook event relayed as a repository_dispatch when it is this folder's own", async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = relayed()
    const f = fakes()
    const ctx = await liveContext(settings, f)
    const src = ctx.sources[0]!
    f.api.addBatch(batchMetadata({}, settings.scope, { path: 'a.jsonl', sha256: src.sha256, part: 1, parts: 1 }), {
      id: 'batch_relayed',
      status: 'completed'
    })
    const out = await watchOutside(ctx, stateOf(settings, []))
    expect(out.state.batches).toEqual([
      expect.objectContaining({ batchId: 'batch_relayed', path: 'a.jsonl', sha256: src.sha256 })
    ])
    expect(out.state.batches[0]!.outside).toBeUndefined()
  })

  it("leaves alone a relayed event's batch of another tool or folder, and watches it when batch-ids names it", async () => {
    const f = fakes()
    f.api.addBatch({ oba_scope: 'someone/else:batches' }, { id: 'batch_relayed', status: 'completed' })
    const out = await watchOutside(await liveContext(relayed(), f), stateOf(relayed(), []))
    expect(out.state.batches).toEqual([])
    expect(f.log.text('info')).toContain(
      "Batch batch_relayed of the relayed event is another folder's (someone/else:batches); it is left alone"
    )
    const named = relayed({ 'batch-ids': 'batch_relayed' })
    const watched = await watchOutside(await liveContext(named, f), stateOf(named, []))
    expect(watched.state.batches).toEqual([expect.objectContaining({ batchId: 'batch_relayed', outside: true })])
  })

  it('stops the run on a refused key, like every other step', async () => {
    const settings = settingsFor(ws, { 'batch-ids': 'batch_x' })
    const f = fakes()
    f.api.fail('getBatch', new ApiError('OpenAI refused the API key (401).', { status: 401, retryable: false }))
    await expect(watchOutside(await liveContext(settings, f), stateOf(settings, []))).rejects.toThrow(
      'OpenAI refused the API key (401).'
    )
  })

  it('makes a batch it cannot get a failure of its batch-ids entry', async () => {
    const settings = settingsFor(ws, { 'batch-ids': 'batch_x' })
    const f = fakes()
    f.api.fail('getBatch', new ApiError('Not found.', { status: 404, retryable: false }))
    const out = await watchOutside(await liveContext(settings, f), stateOf(settings, []))
    expect(out.failures).toEqual([{ file: 'batch-ids: batch_x', message: 'Cannot watch batch batch_x: Not found.' }])
  })
})
