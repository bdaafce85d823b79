import { describe, expect, it } from '@jest/globals'
import type { Settings } from '../../../src/config/settings'
import { ApiError } from '../../../src/core/errors'
import type { State } from '../../../src/core/state/state'
import { collectStep } from '../../../src/phases/collect/collect'
import { submitStep } from '../../../src/phases/submit'
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
} from '../../fixtures/context'

const ws = useWorkspace()

/** Submits every request file; returns the state and each file's batch id by path. */
async function submitted(settings: Settings, f: Fakes): Promise<{ state: State; ids: Map<string, string> }> {
  const out = await submitStep.run(await liveContext(settings, f), progress(fresh(settings)))
  return { state: out.state, ids: new Map(out.state.batches.map(b => [b.path, b.batchId])) }
}

const collect = async (settings: Settings, f: Fakes, state: State) =>
  collectStep.run(await liveContext(settings, f), progress(state))

/** a.jsonl and b.jsonl submitted and completed, checked one at a time (in the state's order: a.jsonl's first). */
async function twoFinished() {
  ws.write('batches/a.jsonl', requests('r1'))
  ws.write('batches/b.jsonl', requests('r2'))
  const settings = settingsFor(ws, { 'max-concurrency': '1' })
  const f = fakes()
  const { state, ids } = await submitted(settings, f)
  const [a, b] = [ids.get('a.jsonl')!, ids.get('b.jsonl')!]
  f.api.finish(a, 'completed', { output: resultLines(['r1']) })
  f.api.finish(b, 'completed', { output: resultLines(['r2']) })
  return { settings, f, state, a, b }
}

describe('collectStep', () => {
  it("writes a completed batch's results to target-dir in the order of the requests", async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2', 'r3'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    const id = ids.get('a.jsonl')!
    f.api.finish(id, 'completed', { output: resultLines(['r3'], ['r1'], ['r2']) })

    const out = await collect(settings, f, state)
    expect(ws.read('results/a.jsonl')).toBe(resultLines(['r1'], ['r2'], ['r3']))
    expect(ws.exists('results/a.errors.jsonl')).toBe(false)
    expect(out.changes).toEqual([
      { path: 'results/a.jsonl', batchId: id, removed: false, existed: false, changed: true }
    ])
    expect(out.state.batches).toEqual([expect.objectContaining({ batchId: id, status: 'completed', collected: true })])
    expect(out.collected?.map(b => b.batchId)).toEqual([id])
    expect(out.failures).toEqual([])
  })

  it('writes them as OpenAI returned them with results-order: as-returned', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2', 'r3'))
    const settings = settingsFor(ws, { 'results-order': 'as-returned' })
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    f.api.finish(ids.get('a.jsonl')!, 'completed', { output: resultLines(['r3'], ['r1'], ['r2']) })

    await collect(settings, f, state)
    expect(ws.read('results/a.jsonl')).toBe(resultLines(['r3'], ['r1'], ['r2']))
  })

  it('writes the error lines beside the output, and publishes both in one commit', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    f.api.finish(ids.get('a.jsonl')!, 'completed', { output: resultLines(['r1']), errors: resultLines(['r2', 400]) })

    const out = await collect(settings, f, state)
    expect(ws.read('results/a.errors.jsonl')).toBe(resultLines(['r2', 400]))
    // Sorted by path.
    expect(out.changes?.map(c => c.path)).toEqual(['results/a.errors.jsonl', 'results/a.jsonl'])
    expect(out.commitSha).toBe(f.repo.branches.get('main'))
    expect(count(f.repo.calls, 'createCommit')).toBe(1)
    expect([...f.repo.files().keys()].sort()).toEqual(['results/a.errors.jsonl', 'results/a.jsonl'])
    expect(f.repo.files().get('results/a.jsonl')).toBe(resultLines(['r1']))
  })

  it('takes a rebuilt batch whose results target-dir holds byte for byte as collected and announced before', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    const id = ids.get('a.jsonl')!
    f.api.finish(id, 'completed', { output: resultLines(['r1']), errors: resultLines(['r2', 400]) })
    ws.write('results/a.jsonl', resultLines(['r1']))
    ws.write('results/a.errors.jsonl', resultLines(['r2', 400]))
    const rebuilt = { ...state, batches: state.batches.map(b => ({ ...b, rebuilt: true })) }
    f.repo.calls.splice(0) // the submit's branch check

    const out = await collect(settings, f, rebuilt)
    expect([out.changes, out.collected, out.commitSha, f.repo.calls]).toEqual([[], [], undefined, []])
    expect(out.state.batches).toEqual([
      expect.objectContaining({ batchId: id, collected: true, announced: ['webhook', 'dispatch'], rebuilt: undefined })
    ])
  })

  it('counts a rebuilt batch whose results differ, and a tracked one whose results are there already', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    ws.write('batches/b.jsonl', requests('r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    const [a, b] = [ids.get('a.jsonl')!, ids.get('b.jsonl')!]
    f.api.finish(a, 'completed', { output: resultLines(['r1']) })
    f.api.finish(b, 'completed', { output: resultLines(['r2']) })
    // a.jsonl's results were edited; b.jsonl's are there, but the state says no event went out for them.
    ws.write('results/a.jsonl', resultLines(['r1', 400]))
    ws.write('results/b.jsonl', resultLines(['r2']))
    const mixed = { ...state, batches: state.batches.map(x => (x.batchId === a ? { ...x, rebuilt: true } : x)) }

    const out = await collect(settings, f, mixed)
    expect(out.collected?.map(x => x.batchId).sort()).toEqual([a, b].sort())
    expect(out.state.batches.map(x => x.announced)).toEqual([undefined, undefined])
    expect(out.changes?.map(c => [c.path, c.changed])).toEqual([
      ['results/a.jsonl', true],
      ['results/b.jsonl', false]
    ])
  })

  it('annotates 3 failed lines a file and 8 in all, then one warning a file with the rest', async () => {
    const files = ['a', 'b', 'c']
    for (const p of files) ws.write(`batches/${p}.jsonl`, requests(...[1, 2, 3, 4, 5].map(n => `${p}${n}`)))
    const settings = settingsFor(ws, { 'max-concurrency': '1' })
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    for (const p of files)
      f.api.finish(ids.get(`${p}.jsonl`)!, 'completed', {
        output: resultLines([`${p}1`]),
        errors: resultLines([`${p}2`, 400], [`${p}3`, 400], [`${p}4`, 400], [`${p}5`, 400])
      })

    const out = await collect(settings, f, state)
    expect(out.failedRequests).toBe(12)
    const warnings = f.log.lines.filter(l => l.level === 'warning')
    const shown = (p: string, lines: number[]) =>
      lines.map(n => ({
        level: 'warning',
        message: `${p}${n}: 400: status 400`,
        where: { file: `batches/${p}.jsonl`, startLine: n, title: 'Request failed' }
      }))
    const rest = (p: string, text: string) => ({
      level: 'warning',
      message: `${text} in this file: see results/${p}.errors.jsonl`,
      where: { file: `batches/${p}.jsonl`, title: 'Requests failed' }
    })
    expect(warnings).toEqual([
      ...shown('a', [2, 3, 4]),
      rest('a', 'and 1 more failed request'),
      ...shown('b', [2, 3, 4]),
      rest('b', 'and 1 more failed request'),
      ...shown('c', [2, 3]),
      rest('c', 'and 2 more failed requests')
    ])
  })

  it('leaves a batch that is not final for a later run', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state } = await submitted(settings, f)

    const out = await collect(settings, f, state)
    expect(out.state).toEqual(state)
    expect(out.changes).toEqual([])
    expect(count(f.api.calls, 'download')).toBe(0)
  })

  it('goes on when a batch cannot be checked: a warning, and it is checked again next run', async () => {
    const { settings, f, state, a, b } = await twoFinished()
    // The batches are checked in the state's order: a.jsonl's first.
    f.api.fail('getBatch', new ApiError('OpenAI answered 502.', { status: 502, retryable: true }))

    const out = await collect(settings, f, state)
    expect(f.log.lines.filter(l => l.level === 'warning').map(l => l.message)).toEqual([
      `Could not check batch ${a} of a.jsonl: OpenAI answered 502.`
    ])
    expect(out.failures).toEqual([])
    expect(out.state.batches.find(x => x.batchId === a)).toMatchObject({ status: 'validating', collected: false })
    expect(out.state.batches.find(x => x.batchId === b)).toMatchObject({ status: 'completed', collected: true })
    expect(ws.exists('results/a.jsonl')).toBe(false)
    expect(ws.read('results/b.jsonl')).toBe(resultLines(['r2']))
  })

  it('stops the run when the check is refused for the key', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state } = await submitted(settings, f)
    f.api.fail('getBatch', new ApiError('OpenAI refused the API key (401).', { status: 401, retryable: false }))
    await expect(collect(settings, f, state)).rejects.toThrow('OpenAI refused the API key (401).')
  })

  it('makes a failed download a failure of that file, annotated as an error; the other file is collected', async () => {
    const { settings, f, state, a, b } = await twoFinished()
    f.api.fail('download', new ApiError('OpenAI answered 500.', { status: 500, retryable: true }))

    const out = await collect(settings, f, state)
    const message = `batches/a.jsonl: could not collect batch ${a}: OpenAI answered 500.`
    expect(out.failures).toEqual([{ file: 'batches/a.jsonl', message }])
    expect(f.log.lines.filter(l => l.level === 'error')).toEqual([
      { level: 'error', message, where: { file: 'batches/a.jsonl' } }
    ])
    expect(out.state.batches.find(x => x.batchId === a)).toMatchObject({ status: 'completed', collected: false })
    expect(out.state.batches.find(x => x.batchId === b)).toMatchObject({ collected: true })
    expect(out.changes?.map(c => c.path)).toEqual(['results/b.jsonl'])
  })

  it('annotates the lines a failed batch names, and collects it with no result files', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    // The submit asked whether the branch is protected; what follows is the collect's.
    f.repo.calls.splice(0)
    const id = ids.get('a.jsonl')!
    f.api.finish(id, 'failed')
    f.api.batches.set(id, {
      ...f.api.batches.get(id)!,
      errors: [{ code: 'invalid_request', message: 'model not found', line: 2 }]
    })

    const out = await collect(settings, f, state)
    expect(f.log.lines.filter(l => l.level === 'error')).toEqual([
      {
        level: 'error',
        message: `Batch ${id} failed: invalid_request: model not found`,
        where: { file: 'batches/a.jsonl', startLine: 2 }
      }
    ])
    expect(out.state.batches[0]).toMatchObject({ status: 'failed', collected: true })
    expect(out.changes).toEqual([])
    expect(f.repo.calls).toEqual([])
  })

  it('un-collects the batches and adds a failure when the results cannot be published', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    const id = ids.get('a.jsonl')!
    f.api.finish(id, 'completed', { output: resultLines(['r1']) })
    f.repo.fail('head', new Error('GitHub answered 502'))

    const out = await collect(settings, f, state)
    expect(out.state.batches).toEqual([expect.objectContaining({ batchId: id, status: 'completed', collected: false })])
    expect(out.failures).toEqual([{ file: 'results', message: 'Could not publish the results: GitHub answered 502' }])
    expect(out.collected).toBeUndefined()
    expect(out.commitSha).toBeUndefined()
    // The results are on the runner's disk; the next run fetches and publishes them again.
    expect(ws.read('results/a.jsonl')).toBe(resultLines(['r1']))

    const again = await collect(settings, f, out.state)
    expect(again.failures).toEqual([])
    expect(again.changes).toEqual([
      { path: 'results/a.jsonl', batchId: id, removed: false, existed: true, changed: false }
    ])
    expect(again.state.batches[0]!.collected).toBe(true)
    expect(f.repo.files().get('results/a.jsonl')).toBe(resultLines(['r1']))
  })

  it('counts failed requests in the run that publishes them, not one whose publish failed', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws)
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    f.api.finish(ids.get('a.jsonl')!, 'completed', { output: resultLines(['r1']), errors: resultLines(['r2', 400]) })
    f.repo.fail('head', new Error('GitHub answered 502'))

    const out = await collect(settings, f, state)
    expect(out.failedRequests).toBeUndefined()
    const again = await collect(settings, f, out.state)
    expect(again.failedRequests).toBe(1)
    expect((await collect(settings, f, again.state)).failedRequests).toBe(0)
  })

  it('with results: both, publishes again after a failed artifact upload but uploads only what that run changed', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { results: 'both' })
    const f = fakes()
    const { state, ids } = await submitted(settings, f)
    f.api.finish(ids.get('a.jsonl')!, 'completed', { output: resultLines(['r1']) })
    f.artifacts.fail(new Error('the artifact service answered 503'))

    const first = await collect(settings, f, state)
    expect(first.failures).toEqual([
      { file: 'results', message: 'Could not publish the results: the artifact service answered 503' }
    ])
    expect(first.state.batches[0]!.collected).toBe(false)
    // The commit went through before the upload failed.
    expect(f.repo.files().get('results/a.jsonl')).toBe(resultLines(['r1']))

    // The next run finds the same bytes on the branch: nothing changed, so nothing goes to the artifact.
    const again = await collect(settings, f, first.state)
    expect(again.failures).toEqual([])
    expect(again.state.batches[0]!.collected).toBe(true)
    expect(f.artifacts.uploads).toEqual([])
  })

  it('collects a batch named in batch-ids into results/batches/<id>.jsonl', async () => {
    const settings = settingsFor(ws, { 'batch-ids': 'batch_elsewhere', results: 'none' })
    const f = fakes()
    f.api.addBatch({}, { id: 'batch_elsewhere' })
    f.api.finish('batch_elsewhere', 'completed', { output: resultLines(['x1']) })

    const out = await collect(settings, f, fresh(settings))
    expect(ws.read('results/batches/batch_elsewhere.jsonl')).toBe(resultLines(['x1']))
    expect(out.state.batches).toEqual([
      expect.objectContaining({ batchId: 'batch_elsewhere', outside: true, collected: true })
    ])
  })
})
