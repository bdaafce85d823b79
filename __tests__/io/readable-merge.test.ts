import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { RowBuffer } from '../../src/io/csv-rows'
import { finalErrors } from '../../src/io/failed-lines'
import { orderByInput } from '../../src/io/order'
import { writeReadable } from '../../src/io/readable-csv'
import { mergeRows } from '../../src/io/readable-merge'
import { parseCsv } from '../helpers/csv'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-merge-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

let named = 0
const file = (lines: unknown[], name = `f${named++}.jsonl`) => {
  const f = path.join(dir, name)
  fs.writeFileSync(f, lines.map(l => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n')
  return f
}
const request = (id: string) => ({
  custom_id: id,
  body: { model: 'm', messages: [{ role: 'user', content: `ask ${id}` }] }
})
const answer = (id: string, text = `answer ${id}`) => ({
  custom_id: id,
  response: { status_code: 200, body: { object: 'chat.completion', choices: [{ message: { content: text } }] } },
  error: null
})
const failure = (id: string, message = 'nope') => ({
  custom_id: id,
  response: { status_code: 400, body: { error: { code: 'bad', message } } },
  error: null
})

/** What the side-by-side walk writes, and whether it kept to it. */
async function merged(requests: string | undefined, files: string[]): Promise<{ ok: boolean; csv: string }> {
  const out = path.join(dir, `m${named++}.csv`)
  const sink = await fs.promises.open(out, 'w')
  const rows = new RowBuffer(sink)
  const ok = await mergeRows(requests, files, rows)
  await rows.flush()
  await sink.close()
  return { ok, csv: fs.readFileSync(out, 'utf8') }
}

/** The CSV writeReadable makes, by the walk where it can (or by the index only when `inOrder` is false). */
async function csv(requests: string | undefined, files: string[], inOrder?: boolean): Promise<string> {
  const dest = path.join(dir, `w${named++}.csv`)
  await writeReadable({ requests, results: files, dest, tempDir: path.join(dir, 'tmp'), inOrder })
  return fs.readFileSync(dest, 'utf8')
}

/** The walk's CSV is the index's, byte for byte; returns its rows' ids and statuses. */
async function sameAsIndex(requests: string | undefined, files: string[]): Promise<string[][]> {
  const walk = await csv(requests, files)
  expect(walk).toBe(await csv(requests, files, false))
  return parseCsv(walk)
    .slice(1)
    .map(r => [r[0]!, r[1]!, r[4]!])
}

describe('mergeRows', () => {
  it('joins files in the request file’s order with no index: no result, errors only, strays at the end', async () => {
    const requests = file(['a', 'b', 'c', 'd', 'e'].map(request))
    const results = file([answer('a'), answer('c'), answer('e'), answer('stray')])
    const errors = file([failure('b'), failure('late')])
    expect((await merged(requests, [results, errors])).ok).toBe(true)
    expect(await sameAsIndex(requests, [results, errors])).toEqual([
      ['a', 'ok', 'answer a'],
      ['b', 'bad: nope', ''],
      ['c', 'ok', 'answer c'],
      // d: in neither file.
      ['d', 'no result', ''],
      ['e', 'ok', 'answer e'],
      ['stray', 'ok', 'answer stray'],
      ['late', 'bad: nope', '']
    ])
  })

  it('takes ids found in the errors file only, and skips empty and unparsable request lines', async () => {
    const requests = file([request('a'), '', 'not json', request('b'), { body: 'no id' }])
    const errors = file([failure('a'), '', failure('b')])
    expect((await merged(requests, [errors])).ok).toBe(true)
    expect(await sameAsIndex(requests, [errors])).toEqual([
      ['a', 'bad: nope', ''],
      ['b', 'bad: nope', ''],
      ['', 'no result', '']
    ])
  })

  it('joins a retry round’s results and errors as the collect merges them', async () => {
    const ids = ['a', 'b', 'c', 'd']
    const requests = file(ids.map(request))
    // Round 0: b and d failed; round 1 retried them, d passing and b failing again.
    const round0 = file([answer('c'), answer('a')])
    const round1 = file([answer('d', 'd on retry')])
    const errors0 = file([failure('d', 'first'), failure('b', 'first')])
    const errors1 = file([failure('b', 'second')])
    const results = path.join(dir, 'results.jsonl')
    const errors = path.join(dir, 'errors.jsonl')
    await orderByInput(requests, [round0, round1], results)
    const standing = path.join(dir, 'standing.jsonl')
    await finalErrors([errors0, errors1], [round1], standing)
    await orderByInput(requests, [standing], errors)
    expect((await merged(requests, [results, errors])).ok).toBe(true)
    expect(await sameAsIndex(requests, [results, errors])).toEqual([
      ['a', 'ok', 'answer a'],
      ['b', 'bad: second', ''],
      ['c', 'ok', 'answer c'],
      ['d', 'ok', 'd on retry']
    ])
  })

  it('a stray line amid the results: the walk fails, and the index writes the rows', async () => {
    const requests = file(['a', 'b'].map(request))
    const results = file([answer('a'), answer('stray'), answer('b')])
    expect((await merged(requests, [results])).ok).toBe(false)
    expect(await sameAsIndex(requests, [results])).toEqual([
      ['a', 'ok', 'answer a'],
      ['b', 'ok', 'answer b'],
      ['stray', 'ok', 'answer stray']
    ])
  })

  it('files out of order: found at the end of the walk, or when a result comes after a request missed it', async () => {
    const requests = file(['a', 'b', 'c'].map(request))
    // a's line is left over at the end, after a request was given nothing.
    const swapped = file([answer('b'), answer('c'), answer('a')])
    expect((await merged(requests, [swapped])).ok).toBe(false)
    // a has an error first, but the index takes its result: the results file comes first.
    const later = file([answer('b'), answer('a')])
    const errors = file([failure('a')])
    expect((await merged(requests, [later, errors])).ok).toBe(false)
    expect(await sameAsIndex(requests, [later, errors])).toEqual([
      ['a', 'ok', 'answer a'],
      ['b', 'ok', 'answer b'],
      ['c', 'no result', ''],
      ['a', 'bad: nope', '']
    ])
    expect(await sameAsIndex(requests, [swapped])).toEqual([
      ['a', 'ok', 'answer a'],
      ['b', 'ok', 'answer b'],
      ['c', 'ok', 'answer c']
    ])
    // The second a would take the line the first a missed: found as it is taken.
    const twice = file(['a', 'b', 'a'].map(request))
    const early = file([answer('b'), answer('a')])
    expect((await merged(twice, [early])).ok).toBe(false)
    expect(await sameAsIndex(twice, [early])).toEqual([
      ['a', 'ok', 'answer a'],
      ['b', 'ok', 'answer b'],
      ['a', 'no result', '']
    ])
  })

  it('repeated ids take their lines in turn, as the index does', async () => {
    const requests = file(['a', 'a', 'b', 'a'].map(request))
    const results = file([answer('a', 'a1'), answer('a', 'a2'), answer('b')])
    const errors = file([failure('a'), failure('a', 'extra')])
    expect((await merged(requests, [results, errors])).ok).toBe(true)
    expect(await sameAsIndex(requests, [results, errors])).toEqual([
      ['a', 'ok', 'a1'],
      ['a', 'ok', 'a2'],
      ['b', 'ok', 'answer b'],
      ['a', 'bad: nope', ''],
      ['a', 'bad: extra', '']
    ])
  })

  it('without the request file: every line, results before errors', async () => {
    const results = file([answer('b'), answer('a')])
    const errors = file([failure('c')])
    expect((await merged(undefined, [results, errors])).ok).toBe(true)
    expect(await sameAsIndex(undefined, [results, errors])).toEqual([
      ['b', 'ok', 'answer b'],
      ['a', 'ok', 'answer a'],
      ['c', 'bad: nope', '']
    ])
  })

  it('writes what the index writes for shuffled, missing, repeated and stray lines (200 seeded cases)', async () => {
    let seed = 26
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    let walked = 0
    for (let round = 0; round < 200; round++) {
      const ids = Array.from({ length: 1 + rand(8) }, () => `r${rand(6)}`)
      const requests = file(ids.map(request))
      const res: unknown[] = []
      const err: unknown[] = []
      for (const id of ids) [res, err, [], res][rand(4)]!.push(id === 'r0' ? answer(id, `${round}`) : failure(id))
      if (rand(3) === 0) res.push(answer('stray'))
      // Half the cases keep the request file's order; in the others two lines swap places.
      if (rand(2) === 0 && res.length > 1) {
        const [i, j] = [rand(res.length), rand(res.length)]
        ;[res[i], res[j]] = [res[j], res[i]]
      }
      const files = [file(res.length ? res : ['']), file(err.length ? err : [''])]
      walked += (await merged(requests, files)).ok ? 1 : 0
      await sameAsIndex(requests, files)
    }
    // Both kinds were met.
    expect(walked).toBeGreaterThan(50)
    expect(walked).toBeLessThan(200)
  })
})
