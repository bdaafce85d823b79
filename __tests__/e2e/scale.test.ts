/**
 * Beyond the API's limits: a request file over max-batch-bytes (or 50,000
 * requests) goes as several batches, and its results come back as one file,
 * in input order, once every part is final.
 */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { FakeOpenAI } from '../fakes/openai'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const CONTENT = requestFile(7, 'a') // 7 lines of 146 bytes
const SMALL = { 'max-batch-bytes': '1000', 'max-concurrency': '1' } // 6 lines a part at most
const push = (inputs: Record<string, string> = SMALL) => bed.ws.run({ event: 'push', env: bed.env(), inputs })
const schedule = () => bed.ws.run({ event: 'schedule', env: bed.env(), inputs: SMALL })
const parts = () => bed.batchesFor('a.jsonl').sort((x, y) => x.metadata!.oba_part!.localeCompare(y.metadata!.oba_part!))

describe('split files', () => {
  it('uploads big files and their parts byte for byte, four at a time through the same read buffers', async () => {
    // Sizes that are not whole megabytes, so every upload ends in a short chunk
    // (the spare's copy) and the pool's buffers pass from one upload to the next.
    const files = [0, 1, 2, 3, 4, 5].map(k => {
      const pad = String.fromCharCode(97 + k).repeat(3000 + 517 * k)
      return Array.from({ length: 700 + 90 * k }, (_, i) => requestFile(1, `f${k}-${i}`).replace('say', pad)).join('')
    })
    files.forEach((c, k) => bed.ws.write(`batches/f${k}.jsonl`, c))
    const r = await push({ 'max-batch-bytes': '1500000', 'max-concurrency': '4' })
    expect(r.code).toBe(0)
    for (const [k, c] of files.entries()) {
      const sent = bed
        .batchesFor(`f${k}.jsonl`)
        .sort((x, y) => Number(x.metadata!.oba_part!.split('/')[0]) - Number(y.metadata!.oba_part!.split('/')[0]))
        .map(b => bed.openai.files.get(b.input_file_id)!.content)
      expect(sent.length).toBeGreaterThan(1)
      expect(createHash('sha256').update(Buffer.concat(sent)).digest('hex')).toBe(
        createHash('sha256').update(c).digest('hex')
      )
    }
  })

  it('submits a file over max-batch-bytes as parts cut at line boundaries', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    const r = await push()
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('2')
    const sha = createHash('sha256').update(CONTENT).digest('hex')
    expect(parts().map(b => [b.metadata!.oba_part, b.metadata!.oba_sha256])).toEqual([
      ['1/2', sha],
      ['2/2', sha]
    ])
    const uploaded = parts().map(b => bed.openai.files.get(b.input_file_id)!)
    expect(uploaded.map(f => f.filename)).toEqual([`a.part1of2.${sha}.jsonl`, `a.part2of2.${sha}.jsonl`])
    expect(uploaded.map(f => f.content.toString()).join('')).toBe(CONTENT)
    expect(uploaded.every(f => f.content.length <= 1000 && f.content.toString().endsWith('\n'))).toBe(true)
    expect(JSON.parse(r.outputs.batches!).map((b: { part: string }) => b.part)).toEqual(['1/2', '2/2'])
  })

  it('merges the results of every part into one file in input order, once all are final', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await push()
    const [one, two] = parts()
    bed.openai.complete(two!.id, { failIds: ['a-7'] })
    const waiting = await schedule()
    expect(waiting.outputs.pending).toBe('1')
    expect(bed.ws.list('results')).toEqual([])
    bed.openai.complete(one!.id, { failIds: ['a-2'] })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('2')
    const ids = (f: string) =>
      bed.ws
        .read(f)
        .trim()
        .split('\n')
        .map(l => (JSON.parse(l) as { custom_id: string }).custom_id)
    expect(ids('results/a.jsonl')).toEqual(['a-1', 'a-3', 'a-4', 'a-5', 'a-6'])
    expect(ids('results/a.errors.jsonl')).toEqual(['a-2', 'a-7'])
    expect(bed.ws.read('results/a.jsonl')).toBe(
      FakeOpenAI.results('/v1/chat/completions', CONTENT, { failIds: ['a-2', 'a-7'], inOrder: true }).output
    )
    expect(bed.github.files().get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
  })

  it('joins the parts as returned with results-order: as-returned', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await push()
    for (const b of parts()) bed.openai.complete(b.id)
    // Read now: once published, the files are deleted at OpenAI (delete-remote-files).
    const returned = parts()
      .map(b => bed.openai.files.get(b.output_file_id!)!.content.toString())
      .join('')
    await bed.ws.run({ event: 'schedule', env: bed.env(), inputs: { ...SMALL, 'results-order': 'as-returned' } })
    expect(bed.ws.read('results/a.jsonl')).toBe(returned)
  })

  it('supersedes every part when the file changes', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await push()
    const old = parts().map(b => b.id)
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    const r = await push()
    expect(r.outputs.submitted).toBe('1')
    expect(old.map(id => bed.openai.batch(id).status)).toEqual(['cancelling', 'cancelling'])
  })

  it('creates only the missing parts after a crash between them', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    bed.openai.tap('POST', /^\/v1\/batches$/, 'answered', () => bed.ws.kill())
    const killed = await push()
    expect(killed.signal).toBe('SIGKILL')
    expect(bed.openai.batches.size).toBe(1)
    const r = await push()
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('1')
    expect(parts().map(b => b.metadata!.oba_part)).toEqual(['1/2', '2/2'])
  })

  it('points the errors of a part that failed validation at lines of the whole file', async () => {
    bed.ws.write('batches/a.jsonl', CONTENT)
    await push()
    const [one, two] = parts()
    bed.openai.complete(one!.id)
    bed.openai.failValidation(two!.id, [{ code: 'invalid_request', message: 'Bad line.', line: 1 }])
    const r = await schedule()
    expect(r.annotations).toContainEqual({
      level: 'error',
      file: 'batches/a.jsonl',
      line: 7,
      message: expect.stringContaining('invalid_request: Bad line.')
    })
  })

  it('cuts a file of more than 50,000 requests by count', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(50_001, 'a'))
    const r = await push({})
    expect(r.outputs.submitted).toBe('2')
    expect(
      parts().map(b => bed.openai.files.get(b.input_file_id)!.content.toString().trimEnd().split('\n').length)
    ).toEqual([50_000, 1])
  })
})

describe('the enqueued-token limit', () => {
  it('submits a batch refused for the token limit again on a later run, a scheduled one too', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await push({})
    const [first] = bed.batchesFor('a.jsonl')
    bed.openai.failValidation(first!.id, [
      { code: 'token_limit_exceeded', message: 'Enqueued token limit reached for gpt-4o-mini.', line: null }
    ])
    const r = await bed.ws.run({ event: 'schedule', env: bed.env() })
    expect(r.code).toBe(0)
    expect(r.annotations).toContainEqual({
      level: 'warning',
      file: 'batches/a.jsonl',
      message: expect.stringContaining('submitted again on a later run')
    })
    expect(r.outputs.submitted).toBe('1')
    const again = bed.batchesFor('a.jsonl').filter(b => b.id !== first!.id)
    expect(again).toHaveLength(1)
    bed.openai.complete(again[0]!.id)
    const done = await bed.ws.run({ event: 'schedule', env: bed.env() })
    expect(done.outputs.completed).toBe('1')
    expect(done.outputs.submitted).toBe('0')
    expect(bed.ws.exists('results/a.jsonl')).toBe(true)
    expect(JSON.parse(done.outputs.batches!).map((b: { batch_id: string }) => b.batch_id)).toEqual([again[0]!.id])
  })

  it('gives up on a batch that failed for its requests: the same content is not sent again', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await push({})
    bed.openai.failValidation(bed.batchesFor('a.jsonl')[0]!.id, [
      { code: 'invalid_model', message: 'No such model.', line: 1 }
    ])
    await bed.ws.run({ event: 'schedule', env: bed.env() })
    const r = await push({})
    expect(r.outputs.submitted).toBe('0')
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
  })
})
