import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { countRetryable, finalErrors, isRetryableLine, retryableIndex, selectRequests } from '../../src/io/failed-lines'
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
    expect(await countRetryable(errors)).toBe(2)
    const requests = write(
      'requests.jsonl',
      ['a', 'b', 'c', 'd'].map(id => request(id))
    )
    const out = path.join(dir, 'retry.jsonl')
    expect(await selectRequests(requests, await retryableIndex(errors), out)).toBe(2)
    expect(read(out)).toEqual([request('b'), request('c')])
  })
})
