import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { orderByInput } from '../../src/io/order'
import { request } from '../helpers/runner'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-order-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const write = (name: string, lines: string[]) => {
  fs.writeFileSync(path.join(dir, name), lines.map(l => `${l}\n`).join(''))
  return path.join(dir, name)
}
const result = (id: string, extra = '') =>
  JSON.stringify({
    id: `batch_req_${id}`,
    custom_id: id,
    response: { status_code: 200, body: { text: `answer ${id}${extra}` } }
  })

describe('orderByInput', () => {
  it('puts result lines in the order of the requests, skipping ids without a result', async () => {
    const requests = write(
      'requests.jsonl',
      ['a', 'b', 'c', 'd'].map(id => request(id))
    )
    const results = write('results.jsonl', [result('d'), result('b'), result('a')])
    const out = path.join(dir, 'out.jsonl')
    expect(await orderByInput(requests, [results], out)).toBe(3)
    expect(fs.readFileSync(out, 'utf8')).toBe([result('a'), result('b'), result('d')].map(l => `${l}\n`).join(''))
  })

  it('merges several result files, and keeps lines it cannot place at the end, as they came', async () => {
    const requests = write(
      'requests.jsonl',
      ['a', 'b', 'c'].map(id => request(id))
    )
    const one = write('one.jsonl', [result('c'), 'not json', result('stranger')])
    const two = write('two.jsonl', [result('a'), result('b', ' with a longer body '.repeat(50))])
    const out = path.join(dir, 'out.jsonl')
    expect(await orderByInput(requests, [one, two], out)).toBe(5)
    expect(fs.readFileSync(out, 'utf8').split('\n').slice(0, -1)).toEqual([
      result('a'),
      result('b', ' with a longer body '.repeat(50)),
      result('c'),
      'not json',
      result('stranger')
    ])
  })

  it('handles lines that straddle read chunks, and a last line without a newline', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i}`)
    const requests = write(
      'requests.jsonl',
      ids.map(id => request(id))
    )
    const shuffled = [...ids].reverse().map(id => result(id, 'x'.repeat(700)))
    fs.writeFileSync(path.join(dir, 'results.jsonl'), shuffled.join('\n'))
    const out = path.join(dir, 'out.jsonl')
    expect(await orderByInput(requests, [path.join(dir, 'results.jsonl')], out)).toBe(3000)
    const got = fs
      .readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map(l => (JSON.parse(l) as { custom_id: string }).custom_id)
    expect(got).toEqual(ids)
  })

  it('copies lines longer than its buffer whole, between short ones', async () => {
    const requests = write(
      'requests.jsonl',
      ['a', 'b', 'c'].map(id => request(id))
    )
    const long = result('b', 'y'.repeat(3 * 1024 * 1024 + 17))
    const exact = result('c', 'z'.repeat(1024 * 1024 - result('c').length - 1))
    const results = write('results.jsonl', [exact, long, result('a')])
    const out = path.join(dir, 'out.jsonl')
    expect(await orderByInput(requests, [results], out)).toBe(3)
    expect(fs.readFileSync(out, 'utf8')).toBe(`${result('a')}\n${long}\n${exact}\n`)
  })
})
