/** Remote storage kept clean: a finished batch's files are deleted at OpenAI once its results are published, and uploads expire as a backstop. */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'
import { requestProblems } from '../helpers/spec'

const bed = useBed()
const run = (event: string, inputs: Record<string, string> = {}) => bed.ws.run({ event, env: bed.env(), inputs })
const deletes = () => bed.openai.requests('DELETE', /^\/v1\/files\//).map(r => r.path.replace('/v1/files/', ''))
const downloads = () => bed.openai.requests('GET', /\/content$/)

/** a.jsonl pushed and its batch completed with one failed line: the files it has at OpenAI. */
async function finished(inputs: Record<string, string> = {}) {
  bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
  await run('push', inputs)
  const [a] = bed.batchesFor('a.jsonl')
  // A 500 on a line: an error a retry round may get past.
  const b = bed.openai.complete(a!.id, { failWith: { 'a-2': 500 } })
  return { id: a!.id, files: [b.input_file_id, b.output_file_id!, b.error_file_id!] }
}

describe('delete-remote-files', () => {
  it("deletes a batch's input, output and error files once its results are committed, and says so", async () => {
    const { files } = await finished()
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(bed.github.files().has('results/a.jsonl')).toBe(true)
    expect(deletes().sort()).toEqual([...files].sort())
    expect(files.map(f => bed.openai.files.has(f))).toEqual([false, false, false])
    expect(r.summary).toContain('Deleted 3 files at OpenAI, of 1 finished batch (delete-remote-files).')
    expect(r.stdout).toContain('::group::Delete finished remote files')
    // Nothing is fetched from them again, nor deleted twice; with nothing to delete, the step prints no heading.
    const before = downloads().length
    const next = await run('schedule')
    expect(next.code).toBe(0)
    expect(next.stdout).not.toContain('::group::Delete finished remote files')
    expect(downloads()).toHaveLength(before)
    expect(deletes()).toHaveLength(3)
  })

  it('keeps them while the results are not published, and deletes them once they are', async () => {
    const { files } = await finished()
    bed.github.protectedBranches.set('main', 'protection')
    const refused = await run('schedule')
    expect(refused.code).toBe(1)
    expect(deletes()).toEqual([])
    bed.github.protectedBranches.delete('main')
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(deletes().sort()).toEqual([...files].sort())
  })

  it('keeps them while a retry round can still need the error file, and deletes every round once the last is in', async () => {
    const inputs = { 'retry-failed': '1' }
    await finished(inputs)
    await run('schedule', inputs) // collects round 0, makes round 1
    expect(deletes()).toEqual([])
    const retry = [...bed.openai.batches.values()].find(b => b.metadata?.oba_round === '1')!
    bed.openai.complete(retry.id)
    const r = await run('schedule', inputs)
    expect(r.code).toBe(0)
    expect(deletes()).toHaveLength(5) // round 0: input, output, error; round 1: input, output
  })

  it('keeps everything with delete-remote-files: false', async () => {
    const { files } = await finished({ 'delete-remote-files': 'false' })
    await run('schedule', { 'delete-remote-files': 'false' })
    expect(deletes()).toEqual([])
    expect(files.every(f => bed.openai.files.has(f))).toBe(true)
  })

  it('moves the committed results of a renamed file whose files were deleted, downloading nothing', async () => {
    await finished()
    await run('schedule')
    const before = downloads().length
    fs.mkdirSync(path.join(bed.ws.dir, 'batches/sub'))
    fs.renameSync(path.join(bed.ws.dir, 'batches/a.jsonl'), path.join(bed.ws.dir, 'batches/sub/b.jsonl'))
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(downloads()).toHaveLength(before)
    const files = bed.github.files()
    expect(
      ['results/a.jsonl', 'results/a.errors.jsonl', 'results/sub/b.jsonl', 'results/sub/b.errors.jsonl'].map(f =>
        files.has(f)
      )
    ).toEqual([false, false, true, true])
  })

  it('rebuilds a lost cache from the batches themselves: the committed results stand, and nothing is submitted again', async () => {
    await finished()
    await run('schedule')
    const commits = bed.github.commits.size
    bed.cache.entries.length = 0
    const pushed = await run('push')
    const r = await run('schedule')
    expect([pushed.code, r.code]).toEqual([0, 0])
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)).toHaveLength(1)
    expect(r.stdout).toContain('are gone at OpenAI (deleted once published, or expired); the results in results stand.')
    expect(bed.github.commits.size).toBe(commits)
  })
})

describe('remote-files-expire-after', () => {
  it('sends expires_after with each upload and output_expires_after with each batch, as the published spec has them', async () => {
    await finished({ 'remote-files-expire-after': '7d' })
    const [upload] = bed.openai.requests('POST', /^\/v1\/files$/)
    const [create] = bed.openai.requests('POST', /^\/v1\/batches$/)
    expect(upload!.form!.expires_after).toEqual({ anchor: 'created_at', seconds: 7 * 86_400 })
    expect(create!.json).toMatchObject({ output_expires_after: { anchor: 'created_at', seconds: 7 * 86_400 } })
    expect([...requestProblems(upload!), ...requestProblems(create!)]).toEqual([])
  })

  it('sends neither with none, and refuses a duration outside 1h to 30d before uploading anything', async () => {
    await finished({ 'remote-files-expire-after': 'none' })
    expect(bed.openai.requests('POST', /^\/v1\/files$/)[0]!.form!.expires_after).toBeUndefined()
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)[0]!.json).not.toHaveProperty('output_expires_after')
    bed.ws.write('batches/b.jsonl', requestFile(1, 'b'))
    const r = await run('push', { 'remote-files-expire-after': '31d' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      "Input 'remote-files-expire-after' must be from 1h to 30d, the range OpenAI accepts; got '31d'."
    )
    expect(bed.openai.requests('POST', /^\/v1\/files$/)).toHaveLength(1)
  })
})

describe('a full file storage', () => {
  it('gets a fix-it message naming what frees it', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(1, 'a'))
    const message =
      'You have exceeded your file storage quota. Organizations are limited to 100 GB of files. Please delete old files or attempt with a smaller file size.'
    bed.openai.inject('POST', /^\/v1\/files$/, { kind: 'status', status: 400, message })
    const r = await run('push')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`OpenAI answered 400 (${message}). The file storage is full`)
    expect(r.stdout).toContain('keep delete-remote-files on and remote-files-expire-after set')
  })
})
