/** readable-results: csv: a CSV a person reads beside each results file, committed, moved and removed with it. */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'
import { parseCsv } from '../helpers/csv'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const inputs = { 'readable-results': 'csv' }
const run = (event: string, del = 'true') =>
  bed.ws.run({ event, env: bed.env(), inputs: { ...inputs, 'delete-remote-files': del } })
const HEADER = 'custom_id,status,model,prompt,answer,input_tokens,output_tokens\n'

/** a.jsonl's three requests collected: a-2 failed, a-3 answered with commas, quotes, a newline and non-ASCII. */
async function collected(del = 'true'): Promise<void> {
  bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
  await run('push', del)
  const [b] = bed.batchesFor('a.jsonl')
  // The fake returns the output in reverse order; the CSV follows the request file.
  bed.openai.complete(b!.id, { failIds: ['a-2'], answers: { 'a-3': 'Oui, "trois"\net 東京 🚀' } })
  const r = await run('schedule', del)
  expect(r.code).toBe(0)
}

describe('readable-results: csv', () => {
  it('commits results/a.csv beside results/a.jsonl: one row per request, in input order', async () => {
    await collected()
    const files = bed.github.files()
    expect(files.has('results/a.jsonl')).toBe(true)
    const csv = files.get('results/a.csv')
    expect(csv).toBe(
      HEADER +
        'a-1,ok,gpt-4o-mini,say a-1,(simulated answer to a-1),10,5\n' +
        'a-2,invalid_request_error: Invalid request,gpt-4o-mini,say a-2,,,\n' +
        'a-3,ok,gpt-4o-mini,say a-3,"Oui, ""trois""\net 東京 🚀",10,5\n'
    )
    expect(parseCsv(csv!)[3]).toEqual(['a-3', 'ok', 'gpt-4o-mini', 'say a-3', 'Oui, "trois"\net 東京 🚀', '10', '5'])
    expect(bed.github.head().message).toContain('- results/a.csv (')
  })

  // Downloaded again while OpenAI keeps the files; moved as committed once they are deleted.
  it.each(['true', 'false'])('moves with its request file when renamed (delete-remote-files: %s)', async del => {
    await collected(del)
    const csv = bed.github.files().get('results/a.csv')
    expect(csv).toContain('\na-3,ok,')
    fs.renameSync(path.join(bed.ws.dir, 'batches/a.jsonl'), path.join(bed.ws.dir, 'batches/b.jsonl'))
    await run('push', del)
    expect((await run('schedule', del)).code).toBe(0)
    const files = bed.github.files()
    expect(files.get('results/b.csv')).toBe(csv)
    expect(files.has('results/a.csv')).toBe(false)
    expect(bed.ws.exists('results/a.csv')).toBe(false)
  })

  it('is removed with the results of a deleted request file', async () => {
    await collected()
    fs.rmSync(path.join(bed.ws.dir, 'batches/a.jsonl'))
    await run('push')
    expect((await run('schedule')).code).toBe(0)
    const files = bed.github.files()
    expect(['results/a.jsonl', 'results/a.csv'].map(f => files.has(f))).toEqual([false, false])
    expect(bed.github.head().message).toContain('- results/a.csv (removed: its request file was deleted)')
  })

  it('writes no CSV by default', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await bed.ws.run({ event: 'push', env: bed.env() })
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    await bed.ws.run({ event: 'schedule', env: bed.env() })
    expect(bed.github.files().has('results/a.jsonl')).toBe(true)
    expect(bed.github.files().has('results/a.csv')).toBe(false)
  })
})
