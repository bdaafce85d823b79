import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import { runAction } from '../../src/phases/pipeline'
import { count, fakes, portsOf, requests, settingsFor, useWorkspace } from '../fixtures/context'

const ws = useWorkspace()
const scheduled = (inputs: Record<string, string> = {}) => settingsFor(ws, inputs, { GITHUB_EVENT_NAME: 'schedule' })

describe('a scheduled run under auto: the waiting files', () => {
  it('are submitted, under their own heading', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = scheduled()
    const f = fakes()
    const out = await runAction(settings, portsOf(settings, f))
    expect(f.log.lines.filter(l => l.level === 'group').map(l => l.message)).toContain('Submit waiting files')
    expect(out).toMatchObject({ mode: 'collect', submitted: 1, problems: [], waiting: [] })
  })

  it('that fail are warnings naming the file, and do not fail the step', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = scheduled()
    const f = fakes()
    f.api.fail('createBatch', new ApiError('OpenAI refused the request (400): bad.', { status: 400, retryable: false }))
    const out = await runAction(settings, portsOf(settings, f))
    expect(out.problems).toEqual([])
    expect(out.waiting).toEqual([{ file: 'batches/a.jsonl', message: expect.stringContaining('(400): bad.') }])
    expect(f.log.lines.filter(l => l.level === 'error')).toEqual([])
    expect(f.log.lines).toContainEqual(
      expect.objectContaining({ level: 'warning', where: { file: 'batches/a.jsonl' } })
    )
  })

  it('still stop the run on an error that stops every run: a refused key', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = scheduled()
    const f = fakes()
    f.api.fail('uploadFile', new ApiError('OpenAI refused the API key (401).', { status: 401, retryable: false }))
    await expect(runAction(settings, portsOf(settings, f))).rejects.toThrow('refused the API key')
  })
})

describe('an explicit mode: collect', () => {
  it('names each waiting file, says how to submit it, and uploads nothing', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    const settings = scheduled({ mode: 'collect' })
    const f = fakes()
    const out = await runAction(settings, portsOf(settings, f))
    expect(count(f.api.calls, 'uploadFile')).toBe(0)
    expect(out.problems).toEqual([])
    expect(out.waiting).toEqual([
      {
        file: 'batches/a.jsonl',
        message: expect.stringContaining('run with mode: submit or sync, or use mode: auto')
      }
    ])
    expect(f.log.lines).toContainEqual(
      expect.objectContaining({ level: 'warning', where: { file: 'batches/a.jsonl', title: 'Not submitted' } })
    )
  })
})
