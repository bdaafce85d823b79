import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { writeReadable } from '../../src/io/readable-csv'
import { parseCsv } from '../helpers/csv'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-csv-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const file = (name: string, lines: unknown[]) => {
  const f = path.join(dir, name)
  fs.writeFileSync(f, lines.map(l => JSON.stringify(l)).join('\n') + '\n')
  return f
}
const request = (id: string, content: string) => ({
  custom_id: id,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }
})
const answer = (id: string, content: string) => ({
  custom_id: id,
  response: {
    status_code: 200,
    body: {
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ message: { role: 'assistant', content } }],
      usage: { prompt_tokens: 3, completion_tokens: 2 }
    }
  },
  error: null
})
const failure = (id: string) => ({
  custom_id: id,
  response: { status_code: 400, body: { error: { code: 'bad', message: 'no, "never"' } } },
  error: null
})
const HEADER = ['custom_id', 'status', 'model', 'prompt', 'answer', 'input_tokens', 'output_tokens']
const opts = (requests: string | undefined, results: string[]) => ({
  requests,
  results,
  dest: path.join(dir, 'out', 'a.csv'),
  tempDir: path.join(dir, 'tmp')
})

describe('writeReadable', () => {
  it('writes one row per request, in the request file’s order, quoting commas, quotes and newlines', async () => {
    const requests = file('a.jsonl', [request('a-1', 'one, "1"'), request('a-2', 'two\nlines'), request('a-3', 'três')])
    // Out of order, and one failed: the CSV follows the request file.
    const results = file('res.jsonl', [answer('a-3', 'trois, "3"\n🚀'), answer('a-1', 'un')])
    const errors = file('err.jsonl', [failure('a-2')])
    const o = opts(requests, [results, errors, path.join(dir, 'missing.jsonl')])
    expect(await writeReadable(o)).toEqual({ changed: true, existed: false })
    const text = fs.readFileSync(o.dest, 'utf8')
    expect(text).toBe(
      'custom_id,status,model,prompt,answer,input_tokens,output_tokens\n' +
        'a-1,ok,gpt-4o-mini,"one, ""1""",un,3,2\n' +
        'a-2,"bad: no, ""never""",gpt-4o-mini,"two\nlines",,,\n' +
        'a-3,ok,gpt-4o-mini,três,"trois, ""3""\n🚀",3,2\n'
    )
    expect(parseCsv(text)).toEqual([
      HEADER,
      ['a-1', 'ok', 'gpt-4o-mini', 'one, "1"', 'un', '3', '2'],
      ['a-2', 'bad: no, "never"', 'gpt-4o-mini', 'two\nlines', '', '', ''],
      ['a-3', 'ok', 'gpt-4o-mini', 'três', 'trois, "3"\n🚀', '3', '2']
    ])
    expect(fs.readdirSync(o.tempDir)).toEqual([])
    // The same again changes nothing.
    expect(await writeReadable(o)).toEqual({ changed: false, existed: true })
  })

  it('says a request has no result; a result no request names follows at the end', async () => {
    const requests = file('a.jsonl', [request('a-1', 'p1'), request('a-2', 'p2')])
    const results = file('res.jsonl', [answer('zz', 'stray'), answer('a-2', 'two')])
    const o = opts(requests, [results])
    await writeReadable(o)
    const rows = parseCsv(fs.readFileSync(o.dest, 'utf8'))
    expect(rows.map(r => r.slice(0, 5))).toEqual([
      HEADER.slice(0, 5),
      ['a-1', 'no result', 'gpt-4o-mini', 'p1', ''],
      ['a-2', 'ok', 'gpt-4o-mini', 'p2', 'two'],
      ['zz', 'ok', 'gpt-4o-mini', '', 'stray']
    ])
  })

  it('without the request file: the results’ order, then the errors', async () => {
    const results = file('res.jsonl', [answer('b', 'B'), answer('a', 'A')])
    const errors = file('err.jsonl', [failure('c')])
    const o = opts(undefined, [results, errors])
    await writeReadable(o)
    expect(parseCsv(fs.readFileSync(o.dest, 'utf8')).map(r => r.slice(0, 2))).toEqual([
      ['custom_id', 'status'],
      ['b', 'ok'],
      ['a', 'ok'],
      ['c', 'bad: no, "never"']
    ])
  })

  it('reads result lines longer than its read buffer, and the shorter ones after them', async () => {
    // 100 KB of answer: past the 64 KB the writer reads result lines into, so the buffer grows.
    const long = `${'é'.repeat(50_000)}end`
    const requests = file('a.jsonl', [request('a-1', 'p1'), request('a-2', 'p2'), request('a-3', 'p3')])
    const results = file('res.jsonl', [answer('a-2', 'short'), answer('a-1', long), answer('a-3', 'tiny')])
    const o = opts(requests, [results])
    await writeReadable(o)
    const rows = parseCsv(fs.readFileSync(o.dest, 'utf8'))
    expect(rows.map(r => [r[0], r[1], r[4]!.length, r[4]!.slice(0, 5)])).toEqual([
      ['custom_id', 'status', 6, 'answe'],
      ['a-1', 'ok', 1000, 'ééééé'],
      ['a-2', 'ok', 5, 'short'],
      ['a-3', 'ok', 4, 'tiny']
    ])
  })

  it('writes rows past its 64 KB buffer, and a row longer than the buffer, whole and in order', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `r-${i}`)
    const requests = file('a.jsonl', [...ids.map(id => request(id, `ask ${id}`)), request('big', 'why')])
    // About 1 KB a row: the buffer is written out four times over.
    const results = file(
      'res.jsonl',
      ids.map(id => answer(id, `${'x'.repeat(990)}${id}`))
    )
    // A row of 100 KB: its error message is not cut.
    const errors = file('err.jsonl', [{ ...failure('big'), error: { code: 'huge', message: 'y'.repeat(100_000) } }])
    const o = opts(requests, [results, errors])
    await writeReadable(o)
    const rows = parseCsv(fs.readFileSync(o.dest, 'utf8'))
    expect(rows).toHaveLength(302)
    expect(rows.slice(1, -1).map(r => [r[0], r[3], r[4]!.slice(990)])).toEqual(ids.map(id => [id, `ask ${id}`, id]))
    expect(rows[301]!.slice(0, 1)).toEqual(['big'])
    expect(rows[301]![1]).toBe(`huge: ${'y'.repeat(100_000)}`)
  })

  it('removes the CSV when there are no results', async () => {
    const o = opts(undefined, [path.join(dir, 'none.jsonl')])
    fs.mkdirSync(path.dirname(o.dest), { recursive: true })
    fs.writeFileSync(o.dest, 'old')
    expect(await writeReadable(o)).toEqual({ changed: true, existed: true, removed: true })
    expect(fs.existsSync(o.dest)).toBe(false)
  })
})
