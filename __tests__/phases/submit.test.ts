import { describe, expect, it } from '@jest/globals'
import type { Settings } from '../../src/config/settings'
import { ApiError } from '../../src/core/errors'
import { uploadName } from '../../src/core/paths'
import type { State } from '../../src/core/state/state'
import { resubmitStep, submitStep } from '../../src/phases/submit'
import {
  count,
  Fakes,
  fakes,
  fresh,
  liveContext,
  progress,
  requests,
  settingsFor,
  stateOf,
  tracked,
  useWorkspace
} from '../fixtures/context'
import { contentOf } from '../fixtures/ports'

const ws = useWorkspace()

/** One submit over the fakes; `loaded` is the state the run restored (and starts from). */
async function submit(settings: Settings, f: Fakes, state: State, loaded?: State) {
  const ctx = await liveContext(settings, f, { loaded })
  return { ctx, out: await submitStep.run(ctx, progress(state)) }
}

describe('submitStep', () => {
  it('uploads a new file once and creates one batch with the action metadata', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws, { metadata: 'team=research' })
    const f = fakes()
    const { ctx, out } = await submit(settings, f, fresh(settings))

    expect(count(f.api.calls, 'uploadFile')).toBe(1)
    expect(count(f.api.calls, 'createBatch')).toBe(1)
    const [batch] = [...f.api.batches.values()]
    const src = ctx.sources[0]!
    expect(batch!.metadata).toEqual({
      team: 'research',
      oba_scope: 'octo/repo:batches',
      oba_path: 'a.jsonl',
      oba_sha256: src.sha256,
      oba_part: '1/1'
    })
    expect(contentOf(f.api, batch!.inputFileId)).toBe(requests('r1', 'r2'))
    expect(out.created?.map(b => b.batchId)).toEqual([batch!.id])
    expect(out.state.batches).toEqual([
      expect.objectContaining({
        batchId: batch!.id,
        path: 'a.jsonl',
        sha256: src.sha256,
        status: 'validating',
        collected: false
      })
    ])
    expect(out.failures).toEqual([])
  })

  it('does nothing for a file whose content was submitted before', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const first = await submit(settings, f, fresh(settings))
    f.api.calls.length = 0

    const again = await submit(settings, f, first.out.state, first.out.state)
    expect(again.ctx.sources[0]!.checked).toBe(false)
    expect(f.api.calls).toEqual([])
    expect(again.out.state).toEqual(first.out.state)
    expect(again.out.created).toEqual([])
  })

  it('reuses an upload already there under the same name with the same bytes', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const src = (await liveContext(settings, f)).sources[0]!
    const earlier = f.api.addFile(uploadName(src, 0, 1), requests('r1', 'r2'))

    const { out } = await submit(settings, f, fresh(settings))
    expect(count(f.api.calls, 'uploadFile')).toBe(0)
    expect(out.state.batches.map(b => b.inputFileId)).toEqual([earlier.id])
    expect(f.log.text('info')).toContain(`this content was uploaded before as ${earlier.id}; reusing it.`)
  })

  it('uploads again when the upload of that name has other bytes', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const src = (await liveContext(settings, f)).sources[0]!
    const partial = f.api.addFile(uploadName(src, 0, 1), requests('r1'))

    const { out } = await submit(settings, f, fresh(settings))
    expect(count(f.api.calls, 'uploadFile')).toBe(1)
    expect(out.state.batches[0]!.inputFileId).not.toBe(partial.id)
  })

  it('does not create a second batch when the answer to the create was lost', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    f.api.loseAnswer('createBatch', new ApiError('Connection reset by peer.', { retryable: true }))

    const { out } = await submit(settings, f, fresh(settings))
    expect(count(f.api.calls, 'createBatch')).toBe(1)
    expect(f.api.batches.size).toBe(1)
    const [only] = [...f.api.batches.keys()]
    expect(out.state.batches.map(b => b.batchId)).toEqual([only])
    expect(out.created?.map(b => b.batchId)).toEqual([only])
    expect(f.clock.slept).toEqual([1000])
    expect(f.log.text('info')).toContain('it had taken effect; using it.')
    expect(out.failures).toEqual([])
  })

  it('does not upload twice when the answer to the upload was lost', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    f.api.loseAnswer('uploadFile', new ApiError('Request timed out.', { retryable: true }))

    const { out } = await submit(settings, f, fresh(settings))
    expect(count(f.api.calls, 'uploadFile')).toBe(1)
    expect(f.api.files.size).toBe(1)
    expect(out.state.batches.map(b => b.inputFileId)).toEqual([...f.api.files.keys()])
  })

  it('creates again after a retryable failure that did not take effect', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    f.api.fail('createBatch', new ApiError('OpenAI answered 503.', { status: 503, retryable: true }))

    const { out } = await submit(settings, f, fresh(settings))
    expect(count(f.api.calls, 'createBatch')).toBe(2)
    expect(f.api.batches.size).toBe(1)
    expect(out.state.batches).toHaveLength(1)
  })

  it('fails only the file a 400 was about; the other still gets its batch', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    ws.write('batches/b.jsonl', requests('r2'))
    // One at a time, so the first create is a.jsonl's.
    const settings = settingsFor(ws, { 'max-concurrency': '1' })
    const f = fakes()
    f.api.fail(
      'createBatch',
      new ApiError('OpenAI refused the request (400): invalid endpoint.', { status: 400, retryable: false })
    )

    const { out } = await submit(settings, f, fresh(settings))
    expect(out.failures).toEqual([
      { file: 'batches/a.jsonl', message: 'batches/a.jsonl: OpenAI refused the request (400): invalid endpoint.' }
    ])
    expect(f.log.lines.filter(l => l.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'batches/a.jsonl: OpenAI refused the request (400): invalid endpoint.',
        where: { file: 'batches/a.jsonl' }
      }
    ])
    expect(out.state.batches.map(b => b.path)).toEqual(['b.jsonl'])
    expect(out.created?.map(b => b.path)).toEqual(['b.jsonl'])
  })

  it('stops the run at a 401: it throws, and no other file is tried', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    ws.write('batches/b.jsonl', requests('r2'))
    const settings = settingsFor(ws, { 'max-concurrency': '1' })
    const f = fakes()
    f.api.fail('uploadFile', new ApiError('OpenAI refused the API key (401).', { status: 401, retryable: false }))

    const ctx = await liveContext(settings, f)
    await expect(submitStep.run(ctx, progress(fresh(settings)))).rejects.toThrow('OpenAI refused the API key (401).')
    expect(count(f.api.calls, 'uploadFile')).toBe(1)
    expect(count(f.api.calls, 'createBatch')).toBe(0)
    expect(f.log.text('error')).toBe('')
  })

  describe('a changed file', () => {
    async function change(inputs: Record<string, string>, beforeSecond?: (f: Fakes, old: string) => void) {
      ws.write('batches/a.jsonl', requests('r1'))
      const settings = settingsFor(ws, inputs)
      const f = fakes()
      const first = await submit(settings, f, fresh(settings))
      const old = first.out.state.batches[0]!.batchId
      beforeSecond?.(f, old)
      ws.write('batches/a.jsonl', requests('r1', 'r2'))
      f.api.calls.length = 0
      const second = await submit(settings, f, first.out.state, first.out.state)
      return { f, old, second }
    }

    it('cancels the superseded unfinished batch with cancel-superseded: true, and tracks it, marked, until it ends', async () => {
      const { f, old, second } = await change({ 'cancel-superseded': 'true' })
      expect(f.api.batches.get(old)!.status).toBe('cancelled')
      expect(count(f.api.calls, 'cancelBatch')).toBe(1)
      expect(f.log.text('info')).toContain(`Cancelled batch ${old}: a.jsonl has changed since it was created.`)
      const mine = second.out.state.batches.filter(b => !b.superseded)
      expect(mine.map(b => b.batchId)).toEqual(second.out.created?.map(b => b.batchId))
      expect(mine[0]!.sha256).toBe(second.ctx.sources[0]!.sha256)
      expect(second.out.state.batches.filter(b => b.superseded)).toEqual([
        expect.objectContaining({ batchId: old, superseded: 'changed', collected: false })
      ])
      expect(second.out.superseded?.map(b => b.batchId)).toEqual([old])
    })

    it('leaves it running with cancel-superseded: false, tracked as superseded all the same', async () => {
      const { f, old, second } = await change({ 'cancel-superseded': 'false' })
      expect(f.api.batches.get(old)!.status).toBe('validating')
      expect(count(f.api.calls, 'cancelBatch')).toBe(0)
      expect(second.out.state.batches.find(b => b.batchId === old)).toMatchObject({
        status: 'validating',
        superseded: 'changed'
      })
      expect(second.out.state.batches).toHaveLength(2)
    })

    it('keeps tracking a superseded batch that finished, uncollected, since the state last saw it: its output was paid for', async () => {
      const { old, second } = await change(
        { 'cancel-superseded': 'true' },
        (f, old) => void f.api.finish(old, 'completed')
      )
      expect(second.out.state.batches.find(b => b.batchId === old)).toMatchObject({
        status: 'completed',
        superseded: 'changed',
        collected: false
      })
    })

    it('leaves alone a superseded batch that finished since the state last saw it', async () => {
      const { f, old } = await change({ 'cancel-superseded': 'true' }, (f, old) => void f.api.finish(old, 'completed'))
      expect(f.api.batches.get(old)!.status).toBe('completed')
      expect(count(f.api.calls, 'cancelBatch')).toBe(0)
    })

    it('keeps the new batch when the cancel fails, with a warning', async () => {
      const { f, old, second } = await change(
        { 'cancel-superseded': 'true' },
        f => void f.api.fail('cancelBatch', new ApiError('OpenAI answered 500.', { status: 500, retryable: true }))
      )
      expect(f.api.batches.get(old)!.status).toBe('validating')
      expect(f.log.text('warning')).toContain(
        `Could not cancel the superseded batch ${old} of a.jsonl: OpenAI answered 500.`
      )
      expect(second.out.state.batches.filter(b => !b.superseded)).toHaveLength(1)
      expect(second.out.failures).toEqual([])
    })
  })

  it('stops tracking the collected batches of a deleted file', async () => {
    ws.write('batches/b.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const state = stateOf(settings, [
      tracked({ batchId: 'batch_gone', path: 'gone.jsonl', status: 'completed', collected: true })
    ])
    const { out } = await submit(settings, f, state, state)
    expect(out.state.batches.map(b => b.path)).toEqual(['b.jsonl'])
    expect(out.superseded).toEqual([expect.objectContaining({ batchId: 'batch_gone' })])
  })

  it("tracks a deleted file's unfinished batch, cancelled and marked deleted, until it ends", async () => {
    ws.write('batches/b.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const first = await submit(settings, f, fresh(settings))
    const id = first.out.state.batches[0]!.batchId
    ws.remove('batches/b.jsonl')
    const { out } = await submit(settings, f, first.out.state, first.out.state)
    expect(f.log.text('info')).toContain(`Cancelled batch ${id}: b.jsonl was deleted.`)
    expect(out.state.batches).toEqual([
      expect.objectContaining({ batchId: id, status: 'cancelled', superseded: 'deleted' })
    ])
  })
})

describe('resubmitStep', () => {
  it('submits again the content a batch was refused for under the enqueued-token limit', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'collect' })
    const f = fakes()
    const sha = (await liveContext(settings, f)).sources[0]!.sha256
    const refused = tracked({
      batchId: 'batch_refused',
      sha256: sha,
      status: 'failed',
      collected: true,
      errors: [{ code: 'token_limit_exceeded', message: 'Enqueued token limit reached.' }]
    })
    const state = stateOf(settings, [refused], f.clock.now())
    const ctx = await liveContext(settings, f, { loaded: state })

    const out = await resubmitStep.run(ctx, progress(state))
    expect(count(f.api.calls, 'createBatch')).toBe(1)
    expect(out.created).toHaveLength(1)
    // The refused batch is superseded by the new one for the same slot.
    expect(out.state.batches.map(b => b.batchId)).toEqual(out.created?.map(b => b.batchId))
  })

  it('does nothing when no batch was refused for tokens', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { mode: 'collect' })
    const f = fakes()
    const sha = (await liveContext(settings, f)).sources[0]!.sha256
    const state = stateOf(settings, [
      tracked({
        batchId: 'batch_ok',
        sha256: sha,
        status: 'failed',
        collected: true,
        errors: [{ code: 'invalid_json' }]
      })
    ])
    // Idle: the pipeline passes over it, and prints no heading for it.
    expect(resubmitStep.idle!(await liveContext(settings, f, { loaded: state }), progress(state))).toBe(true)
    expect(f.api.calls).toEqual([])
  })
})
