/**
 * retry-failed: lines that failed for a reason that may pass (expiry, timeouts,
 * 429, 5xx) go again as follow-up batches of just those lines, and their
 * results are merged into the file's results, round after round.
 */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { FakeBatch } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { request, requestFile } from '../helpers/runner'

const bed = useBed()
const CONTENT = requestFile(6, 'a')
const SHA = createHash('sha256').update(CONTENT).digest('hex')
const run = (event: 'push' | 'schedule', inputs: Record<string, string> = {}) =>
  bed.ws.run({ event, env: bed.env(), inputs: { 'retry-failed': '2', ...inputs } })
const round = (k: number): FakeBatch[] =>
  bed.batchesFor('a.jsonl').filter(b => (b.metadata!.oba_round ?? '0') === String(k))
const input = (b: FakeBatch) => bed.openai.files.get(b.input_file_id)!
const ids = (file: string) =>
  bed.ws.exists(file)
    ? bed.ws
        .read(file)
        .trim()
        .split('\n')
        .map(l => (JSON.parse(l) as { custom_id: string }).custom_id)
    : []
const lines = (...ns: number[]) => ns.map(n => `${request(`a-${n}`)}\n`).join('')

describe('retry-failed', () => {
  it('retries the lines that may pass, round after round, and merges their results in place', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await run('push')
    bed.openai.complete(round(0)[0]!.id, {
      failWith: { 'a-2': 500, 'a-4': 'request_timeout', 'a-5': 429 },
      failIds: ['a-3']
    })

    const first = await run('schedule')
    expect(first.code).toBe(0)
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-6'])
    expect(ids('results/a.errors.jsonl')).toEqual(['a-2', 'a-3', 'a-4', 'a-5'])
    expect(first.outputs.submitted).toBe('1')
    const [r1] = round(1)
    expect(r1!.metadata).toMatchObject({ oba_path: 'a.jsonl', oba_sha256: SHA, oba_part: '1/1', oba_round: '1' })
    expect(input(r1!).filename).toBe(`a.retry1.${SHA}.jsonl`)
    // The request lines themselves, byte for byte; never the 400.
    expect(input(r1!).content.toString()).toBe(lines(2, 4, 5))
    expect(first.stdout).toContain(
      'batches/a.jsonl: 3 requests failed for a reason that may pass; retry 1 of at most 2.'
    )

    bed.openai.complete(r1!.id, { failWith: { 'a-5': 503 } })
    const second = await run('schedule')
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-2', 'a-4', 'a-6'])
    expect(ids('results/a.errors.jsonl')).toEqual(['a-3', 'a-5'])
    // a-5's newest error stands: the 503 of the retry, not the 429 before it.
    expect(bed.ws.read('results/a.errors.jsonl')).toContain('"status_code":503')
    expect(bed.ws.read('results/a.errors.jsonl')).not.toContain('"status_code":429')
    expect(bed.github.files().get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
    expect(input(round(2)[0]!).content.toString()).toBe(lines(5))
    expect(
      JSON.parse(second.outputs.batches!).map((b: { round: number; status: string }) => [b.round, b.status])
    ).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'validating']
    ])

    bed.openai.complete(round(2)[0]!.id)
    const third = await run('schedule')
    expect(third.outputs.submitted).toBe('0')
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-2', 'a-4', 'a-5', 'a-6'])
    expect(ids('results/a.errors.jsonl')).toEqual(['a-3'])
    expect(bed.openai.batches.size).toBe(3)
  })

  it('retries the requests an expired batch never ran, and removes the errors file once all pass', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await run('push')
    bed.openai.finish(round(0)[0]!.id, 'expired', { done: 2 })
    await run('schedule')
    expect(ids('results/a.errors.jsonl')).toEqual(['a-3', 'a-4', 'a-5', 'a-6'])
    bed.openai.complete(round(1)[0]!.id)
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6'])
    expect(bed.ws.exists('results/a.errors.jsonl')).toBe(false)
    expect(bed.github.files().has('results/a.errors.jsonl')).toBe(false)
    // No batch points at the errors file that is gone, in the outputs or the summary.
    expect(JSON.parse(r.outputs.batches!).map((b: { error_path: string | null }) => b.error_path)).toEqual([null, null])
    expect(r.summary).not.toContain('a.errors.jsonl')
  })

  it('stops after retry-failed rounds, and makes none by default', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await run('push')
    bed.openai.complete(round(0)[0]!.id, { failWith: { 'a-1': 500 } })
    await run('schedule', { 'retry-failed': '0' })
    expect(round(1)).toEqual([])
    expect(ids('results/a.errors.jsonl')).toEqual(['a-1'])

    bed.ws.write('batches/a.jsonl', requestFile(3, 'b'))
    await run('push', { 'retry-failed': '1' })
    bed.openai.complete(bed.batchesFor('a.jsonl').find(b => b.status === 'validating')!.id, {
      failWith: { 'b-1': 500 }
    })
    await run('schedule', { 'retry-failed': '1' })
    const retry = bed.batchesFor('a.jsonl').filter(b => b.metadata!.oba_round === '1')
    expect(retry).toHaveLength(1)
    bed.openai.complete(retry[0]!.id, { failWith: { 'b-1': 500 } })
    const r = await run('schedule', { 'retry-failed': '1' })
    expect(r.outputs.submitted).toBe('0')
    expect(bed.batchesFor('a.jsonl').filter(b => b.metadata!.oba_round === '2')).toEqual([])
    expect(ids('results/a.errors.jsonl')).toEqual(['b-1'])
  })

  it('makes one retry batch however runs stop, and finds it again without the state', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await run('push')
    bed.openai.complete(round(0)[0]!.id, { failWith: { 'a-2': 500 } })
    // Killed once the retry batch is made, before the state is saved.
    bed.openai.tap('POST', /^\/v1\/batches$/, 'answered', () => bed.ws.kill())
    const killed = await run('schedule')
    expect(killed.signal).toBe('SIGKILL')
    expect(round(1)).toHaveLength(1)
    // The next run collects again (the state was not saved) and finds the batch before making one.
    const again = await run('schedule')
    expect(again.code).toBe(0)
    expect(round(1)).toHaveLength(1)
    expect(bed.openai.requests('POST', /^\/v1\/files$/)).toHaveLength(2)

    bed.cache.entries.length = 0
    bed.openai.complete(round(1)[0]!.id)
    const rebuilt = await run('schedule')
    expect(rebuilt.code).toBe(0)
    expect(rebuilt.stdout).toContain(`found batch ${round(1)[0]!.id}`)
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6'])
    expect(bed.openai.batches.size).toBe(2)
  })

  it('looks for a retry batch whose create answer was lost, and for its upload', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await run('push')
    bed.openai.complete(round(0)[0]!.id, { failWith: { 'a-2': 500 } })
    bed.openai.inject('POST', /^\/v1\/files$/, { kind: 'lost' })
    bed.openai.inject('POST', /^\/v1\/batches$/, { kind: 'lost' })
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(round(1)).toHaveLength(1)
    expect([...bed.openai.files.values()].filter(f => f.filename.includes('.retry1.'))).toHaveLength(1)
    expect(JSON.parse(r.outputs.batches!).find((b: { round: number }) => b.round === 1).batch_id).toBe(round(1)[0]!.id)
  })

  it('announces each round, saying while a retry of the file is under way', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    const hook = { 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret }
    await run('push', hook)
    bed.openai.complete(round(0)[0]!.id, { failWith: { 'a-2': 500 } })
    await run('schedule', hook)
    bed.openai.complete(round(1)[0]!.id)
    await run('schedule', hook)
    const shape = bed.webhook.events().map(e => [e!.data.id, e!.data.round, e!.data.retry_pending, e!.data.error_path])
    expect(shape).toEqual([
      [round(0)[0]!.id, 0, true, 'results/a.errors.jsonl'],
      [round(1)[0]!.id, 1, false, null]
    ])
  })

  it('retries a file collected while retries were off, once they are on, and looks at its errors once', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    // Its files are kept at OpenAI: a retry round is made from them (delete-remote-files would delete them once done).
    const off = { 'retry-failed': '0', 'delete-remote-files': 'false' }
    await run('push', off)
    bed.openai.complete(round(0)[0]!.id, { failWith: { 'a-3': 500 } })
    bed.openai.complete(bed.batchesFor('b.jsonl')[0]!.id, { failIds: ['b-1'] })
    await run('schedule', off)
    expect(round(1)).toEqual([])

    const on = await run('schedule', { 'retry-failed': '1' })
    expect(on.code).toBe(0)
    expect(input(round(1)[0]!).content.toString()).toBe(lines(3))
    expect(bed.batchesFor('b.jsonl')).toHaveLength(1)
    // b's errors (a 400) were looked at once, and are not downloaded again.
    const errorsOfB = bed.batchesFor('b.jsonl')[0]!.error_file_id!
    const downloads = () => bed.openai.requests('GET', new RegExp(`^/v1/files/${errorsOfB}/content$`)).length
    const before = downloads()
    await run('schedule', { 'retry-failed': '1' })
    expect(downloads()).toBe(before)
  })
})

describe('max-cost on retry rounds', () => {
  it('estimates a retry round before its upload, refuses one over the budget, and makes it once the budget allows', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await run('push', { 'max-cost': '5' })
    bed.openai.complete(round(0)[0]!.id, { failWith: { 'a-2': 500 } })

    const refused = await run('schedule', { 'max-cost': '0.00000001' })
    expect(refused.code).toBe(1)
    // The results of round 0 are collected and published all the same; the round is not uploaded.
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-3', 'a-4', 'a-5', 'a-6'])
    expect(round(1)).toEqual([])
    expect(bed.openai.requests('POST', /^\/v1\/files$/)).toHaveLength(1)
    const errors = refused.annotations.filter(a => a.level === 'error' && a.file === 'batches/a.jsonl')
    expect(errors.map(a => a.message)).toEqual([
      expect.stringMatching(
        /retry 1: not uploaded: its estimate \$[\d.e-]+ would take the run's estimate over max-cost \$0\.0000000?1\d* \(\$0\.00 before it\)/
      )
    ])

    const allowed = await run('schedule', { 'max-cost': '5' })
    expect(allowed.code).toBe(0)
    expect(round(1)).toHaveLength(1)
    expect(input(round(1)[0]!).content.toString()).toBe(lines(2))
    expect(allowed.stdout).toMatch(
      /batches\/a\.jsonl: the retry is estimated at \$[\d.e-]+; the run's estimate is \$[\d.e-]+, within max-cost \$5\.00\./
    )
  })
})
