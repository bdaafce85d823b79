import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  errorText,
  finalErrors,
  readErrors,
  requestLines,
  retryableIndex,
  selectRequests
} from '../../src/io/failed-lines'
import { isRetryableLine } from '../../src/core/requests/result-line'
import { indexLines } from '../../src/io/line-index'
import { request } from '../helpers/runner'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-failed-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const write = (name: string, lines: string[]) => {
  fs.writeFileSync(path.join(dir, name), lines.map(l => `${l}\n`).join(''))
  return path.join(dir, name)
}
const read = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
const status = (id: string, code: number, round = 0) =>
  JSON.stringify({ id: `r${round}_${id}`, custom_id: id, response: { status_code: code, body: {} }, error: null })
const error = (id: string, code: string, round = 0) =>
  JSON.stringify({ id: `r${round}_${id}`, custom_id: id, response: null, error: { code, message: code } })
const ok = (id: string) =>
  JSON.stringify({ id: `ok_${id}`, custom_id: id, response: { status_code: 200, body: {} }, error: null })

describe('isRetryableLine', () => {
  it('retries expiry, timeouts, 429 and 5xx, and nothing the request itself got wrong', () => {
    const yes = [
      error('a', 'batch_expired'),
      error('a', 'request_timeout'),
      status('a', 429),
      status('a', 500),
      status('a', 503)
    ]
    const no = [
      status('a', 400),
      status('a', 401),
      status('a', 404),
      error('a', 'batch_cancelled'),
      '{}',
      '{"error":null,"response":null}'
    ]
    expect(yes.map(l => isRetryableLine(JSON.parse(l)))).toEqual(yes.map(() => true))
    expect(no.map(l => isRetryableLine(JSON.parse(l)))).toEqual(no.map(() => false))
    expect(isRetryableLine(undefined)).toBe(false)
  })
})

describe('finalErrors', () => {
  it('keeps for each id its newest error, and none once a retry succeeded', async () => {
    const round0 = write('e0', [
      status('a', 500),
      status('b', 400),
      error('c', 'batch_expired'),
      error('d', 'batch_expired')
    ])
    const round1 = write('e1', [status('a', 503, 1), error('d', 'request_timeout', 1)])
    const retried = write('o1', [ok('c')])
    const out = path.join(dir, 'out')
    expect(await finalErrors([round0, round1], [retried], out)).toBe(3)
    expect(read(out)).toEqual([status('b', 400), status('a', 503, 1), error('d', 'request_timeout', 1)])
  })

  it('keeps lines without a custom_id as they are', async () => {
    const round0 = write('e0', ['{"error":{"code":"x"}}', status('a', 500)])
    const out = path.join(dir, 'out')
    expect(await finalErrors([round0], [write('o1', [ok('a')])], out)).toBe(1)
    expect(read(out)).toEqual(['{"error":{"code":"x"}}'])
  })
})

describe('the requests to retry', () => {
  it('are the request lines, byte for byte and in order, whose error may pass on a retry', async () => {
    const errors = write('errors', [status('c', 500), status('a', 400), error('b', 'batch_expired'), 'not json'])
    expect((await readErrors(errors, { countRetryable: true, retrying: false, keep: 0 })).retryable).toBe(2)
    const requests = write(
      'requests.jsonl',
      ['a', 'b', 'c', 'd'].map(id => request(id))
    )
    const out = path.join(dir, 'retry.jsonl')
    expect(await selectRequests(requests, await retryableIndex(errors), out)).toBe(2)
    expect(read(out)).toEqual([request('b'), request('c')])
  })
})

describe('errorText', () => {
  it("says the status, the error's code (else its type) and its message, whichever the line has", () => {
    const body = (error: unknown) => ({ custom_id: 'a', response: { status_code: 400, body: { error } }, error: null })
    expect(errorText(body({ message: 'No such model', type: 'invalid_request_error', code: 'model_not_found' }))).toBe(
      '400 model_not_found: No such model'
    )
    expect(errorText(body({ message: 'Bad', type: 'invalid_request_error', code: null }))).toBe(
      '400 invalid_request_error: Bad'
    )
    expect(errorText(JSON.parse(error('a', 'batch_expired')))).toBe('batch_expired: batch_expired')
    expect(errorText(JSON.parse(status('a', 500)))).toBe('500: no message')
    expect(errorText({})).toBe('no message')
  })
})

describe('readErrors', () => {
  const lines = () =>
    write('errors', [status('a', 400), status('b', 500), error('c', 'request_timeout'), status('d', 404), ''])

  it('counts every line, and keeps the first few with what failed', async () => {
    const read = await readErrors(lines(), { countRetryable: false, retrying: false, keep: 2 })
    expect(read).toEqual({
      failed: 4,
      retryable: 0,
      first: [
        { id: 'a', text: '400: no message' },
        { id: 'b', text: '500: no message' }
      ]
    })
  })

  it('leaves out the lines a retry round sends again, and counts them as retryable', async () => {
    const read = await readErrors(lines(), { countRetryable: true, retrying: true, keep: 3 })
    expect(read).toEqual({
      failed: 2,
      retryable: 2,
      first: [
        { id: 'a', text: '400: no message' },
        { id: 'd', text: '404: no message' }
      ]
    })
    // The last round: they failed for good.
    expect(await readErrors(lines(), { countRetryable: true, retrying: false, keep: 0 })).toEqual({
      failed: 4,
      retryable: 2,
      first: []
    })
  })

  it('counts only the ids `only` holds, and nothing for a file that is not there', async () => {
    const only = await indexLines([write('new', [status('d', 404, 1), status('b', 500, 1)])])
    const read = await readErrors(lines(), { only, countRetryable: false, retrying: false, keep: 3 })
    expect(read.failed).toBe(2)
    expect(read.first.map(l => l.id)).toEqual(['b', 'd'])
    expect(await readErrors(path.join(dir, 'none'), { countRetryable: true, retrying: false, keep: 3 })).toEqual({
      failed: 0,
      retryable: 0,
      first: []
    })
  })
})

describe("Gemini's error lines", () => {
  const gemini = (key: string, status: string) =>
    JSON.stringify({ key, error: { code: 14, message: `${status} now`, status } })
  const blocked = (key: string) => JSON.stringify({ key, response: { promptFeedback: { blockReason: 'SAFETY' } } })
  const geminiRequest = (key: string) => JSON.stringify({ key, request: { contents: [{ parts: [{ text: key }] }] } })

  it('say their status and message, or the block reason', () => {
    expect(errorText(JSON.parse(gemini('a', 'UNAVAILABLE')))).toBe('UNAVAILABLE: UNAVAILABLE now')
    expect(errorText(JSON.parse(blocked('b')))).toBe('blocked: SAFETY')
  })

  it('are retried by key when their status may pass, and counted with their keys', async () => {
    const errors = write('errors', [gemini('a', 'INVALID_ARGUMENT'), gemini('b', 'UNAVAILABLE'), blocked('c')])
    const requests = write('requests.jsonl', ['a', 'b', 'c'].map(geminiRequest))
    const out = path.join(dir, 'retry.jsonl')
    expect(await selectRequests(requests, await retryableIndex(errors), out)).toBe(1)
    expect(read(out)).toEqual([geminiRequest('b')])
    const r = await readErrors(errors, { countRetryable: true, retrying: true, keep: 5 })
    expect(r).toEqual({
      failed: 2,
      retryable: 1,
      first: [
        { id: 'a', text: 'INVALID_ARGUMENT: INVALID_ARGUMENT now' },
        { id: 'c', text: 'blocked: SAFETY' }
      ]
    })
    expect([...(await requestLines(requests, ['c', 'a'])).entries()].sort()).toEqual([
      ['a', 1],
      ['c', 3]
    ])
  })

  it('keep the newest error of each key', async () => {
    const first = write('r0', [gemini('a', 'UNAVAILABLE'), gemini('b', 'UNAVAILABLE')])
    const second = write('r1', [gemini('a', 'INTERNAL')])
    const ok = write('ok', [JSON.stringify({ key: 'b', response: { candidates: [{}] } })])
    const out = path.join(dir, 'final')
    expect(await finalErrors([first, second], [ok], out)).toBe(1)
    expect(read(out)).toEqual([gemini('a', 'INTERNAL')])
  })
})

describe('requestLines', () => {
  it('finds the line numbers of the ids asked for, counting every line', async () => {
    const file = path.join(dir, 'requests.jsonl')
    fs.writeFileSync(file, [request('a'), request('b'), '', request('c'), request('é')].join('\n'))
    const found = await requestLines(file, ['c', 'a', 'é', 'zz'])
    expect([...found.entries()].sort()).toEqual([
      ['a', 1],
      ['c', 4],
      ['é', 5]
    ])
  })
})
