/**
 * Failures a person sees (#23 item 4): the `failed-requests` output counts the
 * request lines that ended in an errors file in the run, after retries, and
 * the first few get a warning at their line of the request file.
 */
import { describe, expect, it } from '@jest/globals'
import type { FakeBatch } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { Annotation, parseAnnotations, requestFile, RunResult } from '../helpers/runner'

const bed = useBed()
const run = (event: 'push' | 'schedule', inputs: Record<string, string> = {}) =>
  bed.ws.run({ event, env: bed.env(), inputs })
const round = (k: number): FakeBatch[] =>
  bed.batchesFor('a.jsonl').filter(b => (b.metadata!.oba_round ?? '0') === String(k))
/** The run's warnings, with their titles. */
const warnings = (r: RunResult) => parseAnnotations(r.stdout, { titles: true }).filter(a => a.level === 'warning')
const failedLines = (r: RunResult) => warnings(r).filter(a => a.title === 'Request failed')
const at = (line: number, message: string): Annotation => ({
  level: 'warning',
  file: 'batches/a.jsonl',
  line,
  title: 'Request failed',
  message
})

describe('failed requests', () => {
  it('counts the failed lines and annotates each at its request line, with what OpenAI said', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(6, 'a'))
    const pushed = await run('push')
    expect(pushed.outputs['failed-requests']).toBe('0')
    bed.openai.complete(round(0)[0]!.id, { failIds: ['a-5'], failWith: { 'a-2': 503, 'a-3': 'request_timeout' } })

    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(r.outputs['failed-requests']).toBe('3')
    expect(failedLines(r)).toEqual([
      at(2, 'a-2: 503 server_error: Simulated 503'),
      at(3, 'a-3: request_timeout: Simulated request_timeout.'),
      at(5, 'a-5: 400 invalid_request_error: Invalid request')
    ])
    // Three lines, all shown: no count.
    expect(warnings(r)).toHaveLength(3)
    expect(r.stdout).toContain('batches/a.jsonl: 3 requests failed; their errors are in results/a.errors.jsonl.')

    // Collected once: the next run counts nothing again.
    const again = await run('schedule')
    expect(again.outputs['failed-requests']).toBe('0')
    expect(failedLines(again)).toEqual([])
  })

  it('annotates three lines of a file, then one warning with how many more', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(10, 'a'))
    await run('push')
    bed.openai.complete(round(0)[0]!.id, { failIds: ['a-9', 'a-7', 'a-2', 'a-4', 'a-8', 'a-3'] })

    const r = await run('schedule')
    expect(r.outputs['failed-requests']).toBe('6')
    const invalid = 'invalid_request_error: Invalid request'
    expect(warnings(r)).toEqual([
      at(2, `a-2: 400 ${invalid}`),
      at(3, `a-3: 400 ${invalid}`),
      at(4, `a-4: 400 ${invalid}`),
      {
        level: 'warning',
        file: 'batches/a.jsonl',
        title: 'Requests failed',
        message: 'and 3 more failed requests in this file: see results/a.errors.jsonl'
      }
    ])
  })

  it('with retry-failed, counts a line once it fails for good, and never one that passes on a retry', async () => {
    const inputs = { 'retry-failed': '1' }
    bed.ws.write('batches/a.jsonl', requestFile(6, 'a'))
    await run('push', inputs)
    bed.openai.complete(round(0)[0]!.id, { failIds: ['a-3'], failWith: { 'a-2': 500, 'a-4': 500 } })

    // a-2 and a-4 go again in retry 1: not failed yet.
    const first = await run('schedule', inputs)
    expect(first.outputs['failed-requests']).toBe('1')
    expect(failedLines(first)).toEqual([at(3, 'a-3: 400 invalid_request_error: Invalid request')])
    expect(round(1)).toHaveLength(1)

    // a-2 passes; a-4 fails again, and retry-failed allows no second round.
    bed.openai.complete(round(1)[0]!.id, { failWith: { 'a-4': 503 } })
    const second = await run('schedule', inputs)
    expect(second.outputs['failed-requests']).toBe('1')
    expect(failedLines(second)).toEqual([at(4, 'a-4: 503 server_error: Simulated 503')])
    // a-3, counted by the first run, is still in the errors file.
    expect(bed.ws.read('results/a.errors.jsonl')).toContain('"custom_id":"a-3"')
  })

  it('sets failed-requests to 0 on a settings error, like the other counts', async () => {
    const r = await run('schedule', { 'retry-failed': 'many' })
    expect(r.code).toBe(1)
    expect(r.outputs['failed-requests']).toBe('0')
  })
})
