import { describe, expect, it } from '@jest/globals'
import type { Settings } from '../../src/config/settings'
import { ApiError } from '../../src/core/errors'
import { CLOCK_SKEW_SECONDS } from '../../src/core/limits'
import { batchMetadata, RemoteBatch } from '../../src/core/remote/records'
import type { BatchApi, CreateBatch } from '../../src/ports/batch-api'
import { createPart, CreateDeps, settleAll } from '../../src/phases/create'
import { metadataWatch } from '../../src/phases/metadata'
import { createOnce } from '../../src/phases/once'
import { count, Fakes, fakes, liveContext, requests, settingsFor, stateOf, useWorkspace } from '../fixtures/context'
import { contentOf, fakeClock, MemoryBatchApi, memoryLog } from '../fixtures/ports'

const ws = useWorkspace()

describe('createOnce', () => {
  /** An attempt that throws `errors` in turn, then answers 'made'; and a find that answers `found` in turn. */
  function calls(errors: unknown[], found: (string | undefined)[] = []) {
    const n = { attempts: 0, finds: 0 }
    const attempt = async () => {
      n.attempts++
      if (errors.length > 0) throw errors.shift()
      return 'made'
    }
    const find = async () => {
      n.finds++
      return found.shift()
    }
    return { n, attempt, find }
  }
  const lost = () => new ApiError('Connection reset.', { retryable: true })

  it('answers what the first attempt made, without looking or waiting', async () => {
    const clock = fakeClock()
    const c = calls([])
    expect(await createOnce('Creating x', { clock, log: memoryLog() }, c.attempt, c.find)).toBe('made')
    expect(c.n).toEqual({ attempts: 1, finds: 0 })
    expect(clock.slept).toEqual([])
  })

  it('after a retryable failure, uses what it finds the attempt made', async () => {
    const clock = fakeClock()
    const log = memoryLog()
    const c = calls([lost()], ['found'])
    expect(await createOnce('Creating x', { clock, log }, c.attempt, c.find)).toBe('found')
    expect(c.n).toEqual({ attempts: 1, finds: 1 })
    expect(clock.slept).toEqual([1000])
    expect(log.text()).toBe(
      'Creating x: Connection reset. Checking whether it took effect before trying again.\nCreating x: it had taken effect; using it.'
    )
  })

  it('tries again when it finds nothing', async () => {
    const clock = fakeClock()
    const c = calls([lost()], [undefined])
    expect(await createOnce('Creating x', { clock, log: memoryLog() }, c.attempt, c.find)).toBe('made')
    expect(c.n).toEqual({ attempts: 2, finds: 1 })
  })

  it.each([
    ['a 400', new ApiError('Bad request.', { status: 400, retryable: false })],
    ['a 401', new ApiError('Refused key.', { status: 401, retryable: false })],
    ['an error that is not the API', new Error('EACCES: permission denied')]
  ])('throws %s at once, without looking', async (_, error) => {
    const clock = fakeClock()
    const c = calls([error])
    await expect(createOnce('Creating x', { clock, log: memoryLog() }, c.attempt, c.find)).rejects.toBe(error)
    expect(c.n).toEqual({ attempts: 1, finds: 0 })
    expect(clock.slept).toEqual([])
  })

  it('gives up after five attempts, backing off between them', async () => {
    const clock = fakeClock()
    const errors = Array.from({ length: 5 }, (_, i) => new ApiError(`lost ${i + 1}`, { status: 503, retryable: true }))
    const c = calls([...errors])
    await expect(createOnce('Creating x', { clock, log: memoryLog() }, c.attempt, c.find)).rejects.toThrow('lost 5')
    expect(c.n).toEqual({ attempts: 5, finds: 4 })
    expect(clock.slept).toEqual([1000, 2000, 4000, 8000])
  })
})

/** An "OpenAI-compatible" API that drops metadata. */
class NoMetadata extends MemoryBatchApi {
  override createBatch(req: CreateBatch): Promise<RemoteBatch> {
    return super.createBatch({ ...req, metadata: {} })
  }
}

/** The deps of a step's creates, over the fakes. */
const depsOf = (settings: Settings, f: Fakes, api: BatchApi = f.api): CreateDeps => ({
  api,
  clock: f.clock,
  log: f.log,
  settings,
  runStart: f.clock.now() - CLOCK_SKEW_SECONDS
})

describe('createPart', () => {
  it('uploads the bytes of its part only, named for the part, and creates its batch with oba_part i/n', async () => {
    const lines = requests(...Array.from({ length: 12 }, (_, i) => `r${i}`))
    ws.write('batches/big.jsonl', lines)
    const settings = settingsFor(ws, { 'max-batch-bytes': '1000' })
    const f = fakes()
    const src = (await liveContext(settings, f)).sources[0]!
    expect(src.parts).toHaveLength(2)

    const b = await createPart(src, 1, new Map(), depsOf(settings, f))
    const upload = f.api.files.get(b.inputFileId)!
    expect(upload.filename).toBe(`big.part2of2.${src.sha256}.jsonl`)
    expect(contentOf(f.api, b.inputFileId)).toBe(lines.slice(src.parts[1]!.start, src.parts[1]!.end))
    expect(f.api.batches.get(b.batchId)!.metadata).toMatchObject({ oba_path: 'big.jsonl', oba_part: '2/2' })
    expect(b).toMatchObject({ path: 'big.jsonl', sha256: src.sha256, part: 2, parts: 2, collected: false })
    expect(f.log.text()).toContain(`batches/big.jsonl (part 2/2): batch ${b.batchId} created (validating).`)
  })

  it('tracks a batch that comes back without the action metadata (a compatible API that drops it) by its slot, marked untagged', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const api = new NoMetadata(f.clock)
    const src = (await liveContext(settings, f)).sources[0]!
    const b = await createPart(src, 0, new Map(), depsOf(settings, f, api))
    expect(b).toMatchObject({
      path: 'a.jsonl',
      sha256: src.sha256,
      part: 1,
      parts: 1,
      collected: false,
      status: 'validating',
      untagged: true
    })
    expect(f.log.text('info')).toContain(
      `batches/a.jsonl: batch ${b.batchId} carries no metadata of ours; it is tracked in the saved state, and by its upload's name a.${src.sha256}.jsonl.`
    )
    expect([...api.batches.values()].map(x => x.status)).toEqual(['validating'])
  })

  it('finds a lost create without metadata by the upload it was made from', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const api = new NoMetadata(f.clock)
    api.loseAnswer('createBatch', new ApiError('Connection reset by peer.', { retryable: true }))
    const src = (await liveContext(settings, f)).sources[0]!
    const b = await createPart(src, 0, new Map(), depsOf(settings, f, api))
    expect(api.batches.size).toBe(1)
    expect(b).toMatchObject({ batchId: [...api.batches.keys()][0], path: 'a.jsonl', sha256: src.sha256 })
  })
})

describe('createPart through metadataWatch, from a provider that refuses metadata', () => {
  /** Refuses a create that carries metadata, as some compatible APIs do. */
  class RefusesMetadata extends MemoryBatchApi {
    override createBatch(req: CreateBatch): Promise<RemoteBatch> {
      if (Object.keys(req.metadata).length > 0)
        return Promise.reject(
          new ApiError("Creating a batch: the API answered 400 (Unknown parameter: 'metadata'.).", {
            status: 400,
            retryable: false
          })
        )
      return super.createBatch(req)
    }
  }

  it('makes one batch when the answer to the create without metadata is lost, and finds it by its upload', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { provider: 'compatible', 'openai-base-url': 'https://llm.example/v1' })
    const f = fakes()
    const api = new RefusesMetadata(f.clock)
    api.loseAnswer('createBatch', new ApiError('Connection reset by peer.', { retryable: true }))
    const src = (await liveContext(settings, f)).sources[0]!
    const b = await createPart(src, 0, new Map(), depsOf(settings, f, metadataWatch(api, settings.provider, f.log)))
    expect([...api.batches.keys()]).toEqual([b.batchId])
    expect(b).toMatchObject({ path: 'a.jsonl', sha256: src.sha256, untagged: true })
    expect(f.log.text('warning')).toContain('the Batch API at llm.example refused the batch metadata')
    expect(f.log.text('info')).toContain('it had taken effect; using it.')
  })
})

describe('settleAll', () => {
  /** Our batch for a.jsonl, and one another run made `age` seconds earlier (or later, when negative) for the same content. */
  async function race(age: number, shareUpload = false) {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws)
    const f = fakes()
    const deps = depsOf(settings, f)
    const src = (await liveContext(settings, f)).sources[0]!
    const mine = await createPart(src, 0, new Map(), deps)
    const metadata = batchMetadata({}, settings.scope, { path: 'a.jsonl', sha256: src.sha256, part: 1, parts: 1 })
    const theirs = f.api.addBatch(metadata, {
      createdAt: mine.createdAt - age,
      ...(shareUpload ? { inputFileId: mine.inputFileId } : {})
    })
    f.api.calls.length = 0
    return { f, deps, mine, theirs, state: stateOf(settings, [mine]) }
  }

  it("cancels our batch and deletes our upload when another run's batch for the same content is older", async () => {
    const { f, deps, mine, theirs, state } = await race(10)
    const out = await settleAll(deps, state, [mine])
    expect(out.state.batches).toEqual([expect.objectContaining({ batchId: theirs.id, path: 'a.jsonl' })])
    expect(out.created).toEqual([])
    expect(f.api.batches.get(mine.batchId)!.status).toBe('cancelled')
    expect(f.api.files.has(mine.inputFileId)).toBe(false)
    expect(f.log.text()).toContain(
      `a.jsonl: another run created ${theirs.id} for the same content first; cancelling our ${mine.batchId}.`
    )
  })

  it('keeps the upload when the batch that stands uses it', async () => {
    const { f, deps, mine, state } = await race(10, true)
    await settleAll(deps, state, [mine])
    expect(f.api.files.has(mine.inputFileId)).toBe(true)
    expect(count(f.api.calls, 'deleteFile')).toBe(0)
  })

  it('keeps our batch when it is the older one: the other run cancels its own', async () => {
    const { f, deps, mine, state } = await race(-10)
    const out = await settleAll(deps, state, [mine])
    expect(out).toEqual({ state, created: [mine] })
    expect(f.api.calls).toEqual(['recentBatches'])
  })

  it('settles all the same when the cancel fails, with a warning', async () => {
    const { f, deps, mine, theirs, state } = await race(10)
    f.api.fail('cancelBatch', new ApiError('OpenAI answered 500.', { status: 500, retryable: true }))
    const out = await settleAll(deps, state, [mine])
    expect(out.state.batches.map(b => b.batchId)).toEqual([theirs.id])
    expect(f.log.text('warning')).toBe(`Could not cancel the duplicate batch ${mine.batchId}: OpenAI answered 500.`)
  })

  it("tells another run's batch without metadata apart by its upload's name, and cancels ours when it is younger", async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { provider: 'compatible', 'openai-base-url': 'https://llm.example/v1' })
    const f = fakes()
    const api = new NoMetadata(f.clock)
    const deps = depsOf(settings, f, metadataWatch(api, settings.provider, f.log))
    const src = (await liveContext(settings, f)).sources[0]!
    const mine = await createPart(src, 0, new Map(), deps)
    const theirs = api.addBatch(
      {},
      { createdAt: mine.createdAt - 10, inputFileId: api.addFile(`a.${src.sha256}.jsonl`, requests('r1')).id }
    )
    api.addBatch({}, { createdAt: mine.createdAt - 20, inputFileId: api.addFile('input.jsonl', requests('r1')).id })
    const out = await settleAll(deps, stateOf(settings, [mine]), [mine])
    expect(out.state.batches).toEqual([
      expect.objectContaining({ batchId: theirs.id, path: 'a.jsonl', untagged: true })
    ])
    expect(api.batches.get(mine.batchId)!.status).toBe('cancelled')
  })

  it('looks at nothing when the step made nothing', async () => {
    const settings = settingsFor(ws)
    const f = fakes()
    const state = stateOf(settings, [])
    expect(await settleAll(depsOf(settings, f), state, [])).toEqual({ state, created: [] })
    expect(f.api.calls).toEqual([])
  })
})
