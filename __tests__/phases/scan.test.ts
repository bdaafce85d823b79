import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import { annotateProblems, scan } from '../../src/phases/scan'
import { request, requests, settingsFor, stateOf, tracked, useWorkspace } from '../fixtures/context'
import { memoryLog } from '../fixtures/ports'
import { src } from '../fixtures/records'

const ws = useWorkspace()
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

describe('scan', () => {
  it('finds the request files below source-dir, sorted, hashed and checked', async () => {
    ws.write('batches/b.jsonl', requests('r1', 'r2'))
    ws.write('batches/daily/a.jsonl', requests('r3'))
    ws.write('batches/notes.txt', 'not a request file')
    ws.write('elsewhere/c.jsonl', requests('r4'))
    const settings = settingsFor(ws)
    const log = memoryLog()

    const { sources } = await scan(settings, undefined, log)
    expect(sources.map(s => [s.path, s.file, s.checked, s.requests, s.parts.length, s.endpoint, s.model])).toEqual([
      ['b.jsonl', 'batches/b.jsonl', true, 2, 1, '/v1/chat/completions', 'gpt-4o-mini'],
      ['daily/a.jsonl', 'batches/daily/a.jsonl', true, 1, 1, '/v1/chat/completions', 'gpt-4o-mini']
    ])
    expect(sources[0]!.sha256).toBe(sha256(requests('r1', 'r2')))
    expect(log.text('info')).toBe('2 request files under batches/, 2 new or changed.')
  })

  it('only hashes content that has a usable batch, and checks content whose batch was cancelled', async () => {
    ws.write('batches/a.jsonl', requests('r1'))
    ws.write('batches/b.jsonl', requests('r2'))
    const settings = settingsFor(ws)
    const loaded = stateOf(settings, [
      tracked({ batchId: 'batch_a', path: 'a.jsonl', sha256: sha256(requests('r1')), status: 'in_progress' }),
      tracked({ batchId: 'batch_b', path: 'b.jsonl', sha256: sha256(requests('r2')), status: 'cancelled' })
    ])
    const log = memoryLog()

    const { sources } = await scan(settings, loaded, log)
    expect(sources.map(s => [s.path, s.checked, s.parts.length])).toEqual([
      ['a.jsonl', false, 0],
      ['b.jsonl', true, 1]
    ])
    expect(sources[0]!.sha256).toBe(sha256(requests('r1')))
    expect(log.text('info')).toBe('2 request files under batches/, 1 new or changed.')
  })

  it('annotates every bad line as an error at its line', async () => {
    ws.write('batches/bad.jsonl', `${request('r1')}\nnot json\n${request('r1')}\n`)
    const settings = settingsFor(ws)
    const log = memoryLog()

    const [bad] = (await scan(settings, undefined, log)).sources
    expect(bad!.problems.map(p => p.line)).toEqual([2, 3])
    const errors = log.lines.filter(l => l.level === 'error')
    expect(errors.map(l => l.where)).toEqual([
      { file: 'batches/bad.jsonl', startLine: 2, title: 'Invalid batch request' },
      { file: 'batches/bad.jsonl', startLine: 3, title: 'Invalid batch request' }
    ])
    expect(errors[1]!.message).toContain("custom_id 'r1' is used again (first on line 1)")
  })

  it('warns about a folder named like a request file, and reads the files inside it', async () => {
    ws.write('batches/odd.jsonl/inner.jsonl', requests('r1'))
    const log = memoryLog()
    const { sources } = await scan(settingsFor(ws), undefined, log)
    expect(sources.map(s => s.path)).toEqual(['odd.jsonl/inner.jsonl'])
    expect(log.lines.filter(l => l.level === 'warning')).toEqual([
      {
        level: 'warning',
        message: 'odd.jsonl is a folder, not a request file; the .jsonl files inside it are read as usual.',
        where: { file: 'batches/odd.jsonl' }
      }
    ])
  })

  it('finds nothing, without an error but with a warning naming the folder, when source-dir does not exist', async () => {
    expect(fs.existsSync(`${ws.dir}/batches`)).toBe(false)
    const log = memoryLog()
    const said =
      'The source folder batches is not in the workspace: no request file is read. Check source-dir, and that the checkout has it.'
    expect(await scan(settingsFor(ws), undefined, log)).toEqual({ sources: [], notes: [said] })
    expect(log.text('info')).toBe('0 request files under batches/, 0 new or changed.')
    expect(log.text('warning')).toBe(said)
  })

  it('names the folders that hold .jsonl files when source-dir does not exist, top-most first', async () => {
    ws.write('data/requests/a.jsonl', requests('r1'))
    ws.write('data/requests/deeper/b.jsonl', requests('r1'))
    ws.write('prompts/x/c.jsonl', requests('r1'))
    ws.write('results/a.jsonl', '{}\n')
    ws.write('.git/x.jsonl', '{}\n')
    ws.write('node_modules/p/y.jsonl', '{}\n')
    const log = memoryLog()
    const { notes } = await scan(settingsFor(ws), undefined, log)
    expect(notes).toEqual([
      'The source folder batches is not in the workspace: no request file is read.' +
        ' Folders that hold .jsonl files: `data/requests`, `prompts/x`. Check source-dir, and that the checkout has it.'
    ])
    expect(log.text('warning')).toBe(notes[0])
  })

  it('only logs a missing source-dir in a collect that watches batch-ids', async () => {
    for (const inputs of [{ mode: 'collect', 'batch-ids': 'batch_1' }, { mode: 'collect' }] as Record<
      string,
      string
    >[]) {
      const log = memoryLog()
      expect(await scan(settingsFor(ws, inputs), undefined, log)).toEqual({ sources: [], notes: [] })
      expect(log.lines.filter(l => l.level !== 'info')).toEqual([])
      expect(log.text('info')).toContain(
        'There is no source folder batches: this run only watches the batches of batch-ids.'
      )
    }
  })

  it('names, in a notice, files that look like request files but are not named *.jsonl', async () => {
    ws.write('batches/a.JSONL', requests('r1'))
    ws.write('batches/sub/b.json', '{}')
    ws.write('batches/notes.txt', 'x')
    const log = memoryLog()
    expect((await scan(settingsFor(ws), undefined, log)).sources).toEqual([])
    expect(log.lines.filter(l => l.level === 'notice')).toEqual([
      {
        level: 'notice',
        message: 'a.JSONL is not read: only files named *.jsonl are request files.',
        where: { file: 'batches/a.JSONL' }
      },
      {
        level: 'notice',
        message: 'sub/b.json is not read: only files named *.jsonl are request files.',
        where: { file: 'batches/sub/b.json' }
      }
    ])
  })

  it('warns of an invalid file in a collect, which submits nothing, and annotates it as an error elsewhere', async () => {
    ws.write('batches/bad.jsonl', 'not json\n')
    for (const [mode, level] of [
      ['collect', 'warning'],
      ['submit', 'error'],
      ['plan', 'error']
    ] as const) {
      const log = memoryLog()
      await scan(settingsFor(ws, { mode }), undefined, log)
      expect(log.lines.filter(l => l.where?.title === 'Invalid batch request').map(l => l.level)).toEqual([level])
    }
  })

  it('cuts a file over max-batch-bytes into parts', async () => {
    ws.write('batches/big.jsonl', requests(...Array.from({ length: 20 }, (_, i) => `r${i}`)))
    const [big] = (await scan(settingsFor(ws, { 'max-batch-bytes': '1000' }), undefined, memoryLog())).sources
    expect(big!.parts.length).toBeGreaterThan(1)
    expect(big!.parts.reduce((n, p) => n + p.requests, 0)).toBe(20)
    expect(big!.parts.every(p => p.end - p.start <= 1000)).toBe(true)
  })

  it("checks Anthropic's lines with provider anthropic: an invalid file is named at its line, its neighbour is fine", async () => {
    const claude = (id: string) =>
      JSON.stringify({
        custom_id: id,
        params: { model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }
      })
    ws.write('batches/good.jsonl', `${claude('q-1')}\n${claude('q-2')}\n`)
    ws.write('batches/openai.jsonl', `${claude('q-1')}\n${request('r1')}\n`)
    const settings = settingsFor(ws, { provider: 'anthropic' }, { ANTHROPIC_API_KEY: 'sk-ant-test' })
    const { sources } = await scan(settings, undefined, memoryLog())
    expect(sources.map(s => [s.path, s.requests, s.endpoint, s.model, s.problems.map(p => p.line)])).toEqual([
      ['good.jsonl', 2, '/v1/messages', 'claude-haiku-4-5', []],
      ['openai.jsonl', 2, '/v1/messages', 'claude-haiku-4-5', [2]]
    ])
    expect(sources[1]!.problems[0]!.message).toContain("This line has OpenAI's Batch shape")
  })

  it("checks Gemini's lines with provider gemini: the file's model is the model input's, a repeated key is named", async () => {
    const gemini = (key: string) =>
      JSON.stringify({ key, request: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] } })
    ws.write('batches/good.jsonl', `${gemini('q-1')}\n${gemini('q-2')}\n`)
    ws.write('batches/twice.jsonl', `${gemini('q-1')}\n${gemini('q-1')}\n${request('r1')}\n`)
    const settings = settingsFor(ws, { provider: 'gemini', model: 'gemini-2.5-flash' }, { GEMINI_API_KEY: 'AIza-test' })
    const { sources } = await scan(settings, undefined, memoryLog())
    expect(sources.map(s => [s.path, s.requests, s.endpoint, s.model, s.problems.map(p => p.line)])).toEqual([
      ['good.jsonl', 2, undefined, 'gemini-2.5-flash', []],
      ['twice.jsonl', 3, undefined, 'gemini-2.5-flash', [2, 3]]
    ])
    expect(sources[1]!.problems.map(p => p.message)).toEqual([
      expect.stringContaining("key 'q-1' is used again (first on line 1)"),
      expect.stringContaining("This line has OpenAI's Batch shape (custom_id, method, url, body); Gemini's Batch Mode")
    ])
  })
})

describe('annotateProblems', () => {
  const file = (name: string, lines: number[]) =>
    src(name, 's', { problems: lines.map(line => ({ line, message: `problem at ${line}` })) })

  it('gives every invalid file one annotation first, then other lines while GitHub shows them, and logs the rest', () => {
    const log = memoryLog()
    const files = [file('a.jsonl', [1, 2, 3, 4, 5, 6, 7, 8]), file('b.jsonl', [4]), file('c.jsonl', [9, 10])]
    annotateProblems([src('ok.jsonl', 's'), ...files], log.error, log)
    const errors = log.lines.filter(l => l.level === 'error')
    expect(errors.slice(0, 3).map(l => [l.where?.file, l.where?.startLine, l.message])).toEqual([
      ['batches/a.jsonl', 1, 'problem at 1 (more problems in this file: see the log and the job summary)'],
      ['batches/b.jsonl', 4, 'problem at 4'],
      ['batches/c.jsonl', 9, 'problem at 9 (more problems in this file: see the log and the job summary)']
    ])
    // 8 annotations in all: the three verdicts, then a.jsonl's lines 2 to 6.
    expect(errors.map(l => `${l.where?.file}:${l.where?.startLine}`).slice(3)).toEqual(
      [2, 3, 4, 5, 6].map(n => `batches/a.jsonl:${n}`)
    )
    expect(log.text('info').split('\n')).toEqual([
      'batches/a.jsonl:7: problem at 7',
      'batches/a.jsonl:8: problem at 8',
      'batches/c.jsonl:10: problem at 10'
    ])
  })
})
