import { describe, expect, it } from '@jest/globals'
import { planStep } from '../../src/phases/plan'
import {
  contextFor,
  fakes,
  fresh,
  liveContext,
  portsOf,
  progress,
  requests,
  settingsFor,
  stateOf,
  useWorkspace,
  writes
} from '../fixtures/context'

const ws = useWorkspace()

describe('planStep', () => {
  it('lists what a submit would upload and writes nothing at OpenAI', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    ws.write('batches/b.jsonl', requests('r2'))
    const settings = settingsFor(ws, { 'dry-run': 'true' })
    const f = fakes()
    const sha = (await liveContext(settings, f)).sources.find(s => s.path === 'b.jsonl')!.sha256
    // b.jsonl has a batch already; the state was saved before it was made, so only OpenAI knows it.
    f.api.addBatch({ oba_scope: settings.scope, oba_path: 'b.jsonl', oba_sha256: sha, oba_part: '1/1' })
    const loaded = stateOf(settings, [], f.clock.now() - 60)

    const ctx = await contextFor(settings, portsOf(settings, f), { loaded })
    const out = await planStep.run(ctx, progress(loaded))
    expect(out.wouldSubmit).toEqual(['batches/a.jsonl'])
    expect(f.log.text('info')).toContain('Plan: would submit batches/a.jsonl.')
    // It looked (the state may be stale), and did nothing else.
    expect(f.api.calls).toEqual(['recentBatches'])
    expect(writes(f.api.calls)).toEqual([])
    expect(f.api.files.size).toBe(0)
  })

  it('plans from the state alone without an API (a dry run without a key)', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { 'dry-run': 'true' }, { OPENAI_API_KEY: undefined })
    const f = fakes()
    const ports = portsOf(settings, f)
    expect(ports.api).toBeUndefined()
    const out = await planStep.run(
      await contextFor(settings, ports, { loaded: fresh(settings) }),
      progress(fresh(settings))
    )
    expect(out.wouldSubmit).toEqual(['batches/a.jsonl'])
    expect(f.api.calls).toEqual([])
  })
})

describe('planStep on a pull request (mode plan)', () => {
  const eventFor = (n: number) => {
    ws.write('../event.json', JSON.stringify({ number: n, pull_request: { number: n } }))
    return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: `${ws.dir}/../event.json` }
  }

  it('comments the plan once and updates the same comment on the next run', async () => {
    ws.write('batches/a.jsonl', requests('r1', 'r2'))
    const settings = settingsFor(ws, {}, eventFor(3))
    expect(settings.mode).toBe('plan')
    const f = fakes()
    const run = async () =>
      planStep.run(
        await contextFor(settings, portsOf(settings, f), { loaded: fresh(settings) }),
        progress(fresh(settings))
      )
    const first = await run()
    expect(first.notes).toEqual(['The plan is on pull request #3.'])
    expect(first.preview?.submit.map(s => s.src.file)).toEqual(['batches/a.jsonl'])
    expect(f.repo.comments).toHaveLength(1)
    expect(f.repo.comments[0]!.body).toContain('A merge would submit 1 file (1 batch, 2 requests)')
    ws.write('batches/b.jsonl', requests('r3'))
    await run()
    expect(f.repo.comments).toHaveLength(1)
    expect(f.repo.comments[0]!.body).toContain('A merge would submit 2 files (2 batches, 3 requests)')
    expect(f.log.text('info')).toContain('The plan is on pull request #3 (comment updated).')
  })

  it('warns, and keeps the plan for the summary, when the comment is refused', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, {}, eventFor(3))
    const f = fakes()
    f.repo.fail('upsertComment', new Error('GitHub answered 403: add `permissions: pull-requests: write`'))
    const out = await planStep.run(
      await contextFor(settings, portsOf(settings, f), { loaded: fresh(settings) }),
      progress(fresh(settings))
    )
    expect(out.preview).toBeDefined()
    expect(f.log.lines).toContainEqual({ level: 'warning', message: expect.stringContaining('pull-requests: write') })
  })

  it('does not comment in a dry run of a submit, nor without a pull request', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    for (const settings of [
      settingsFor(ws, { 'dry-run': 'true', mode: 'submit' }, eventFor(3)),
      settingsFor(ws, { mode: 'plan' })
    ]) {
      const f = fakes()
      const out = await planStep.run(
        await contextFor(settings, portsOf(settings, f), { loaded: fresh(settings) }),
        progress(fresh(settings))
      )
      expect([out.notes, f.repo.comments]).toEqual([[], []])
    }
  })
})

describe('planStep without a key or a saved state', () => {
  it('says that content with a batch at OpenAI shows as new, in the log and the summary', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = settingsFor(ws, { 'dry-run': 'true' }, { OPENAI_API_KEY: undefined })
    const f = fakes()
    const out = await planStep.run(await contextFor(settings, portsOf(settings, f)), progress(fresh(settings)))
    expect(out.notes).toEqual([
      expect.stringContaining('No saved state and no OpenAI key: this plan is made from the request files alone')
    ])
    expect(f.log.text('warning')).toContain('content that already has a batch shows as new')
  })
})
