import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Settings } from '../../../src/config/settings'
import { Change, defaultMessage } from '../../../src/core/report/changes'
import { MAX_BLOB_BYTES } from '../../../src/core/limits'
import { commitResults } from '../../../src/phases/publish/commit'
import { publish } from '../../../src/phases/publish/publish'
import { count, Fakes, fakes, portsOf, settingsFor, useWorkspace } from '../../fixtures/context'

const ws = useWorkspace()

/** A result file written in the workspace, and the change that says so. */
function written(rel: string, content: string | Buffer, existed = false): Change {
  ws.write(rel, content)
  return { path: rel, batchId: 'batch_1', removed: false, existed, changed: true }
}
const removed = (rel: string): Change => ({
  path: rel,
  batchId: 'batch_1',
  removed: true,
  existed: true,
  changed: true
})

const publishWith = (settings: Settings, f: Fakes, changes: readonly Change[]) =>
  publish({ ...portsOf(settings, f), settings }, changes)

const commitOpts = (settings: Settings, f: Fakes) => ({
  workspace: settings.workspace,
  tempDir: settings.tempDir,
  branch: 'main',
  message: 'Add results',
  clock: f.clock,
  log: f.log
})

describe('publish', () => {
  it('does nothing with results: none, or with no changes', async () => {
    const f = fakes()
    const change = written('results/a.jsonl', 'x\n')
    expect(await publishWith(settingsFor(ws, { results: 'none' }), f, [change])).toEqual({
      commitSha: undefined,
      notes: []
    })
    expect(await publishWith(settingsFor(ws), f, [])).toEqual({ commitSha: undefined, notes: [] })
    expect(f.repo.calls).toEqual([])
    expect(f.artifacts.uploads).toEqual([])
  })

  it("commits the changed files in one commit on the run's branch, with the default message", async () => {
    const f = fakes()
    const changes = [written('results/a.jsonl', 'a\n'), written('results/b.jsonl', 'b\n')]
    const out = await publishWith(settingsFor(ws), f, changes)

    const head = f.repo.branches.get('main')!
    expect(out).toEqual({ commitSha: head, notes: [`Committed 2 result files to \`main\` as ${head}.`] })
    expect(f.repo.files()).toEqual(
      new Map([
        ['results/a.jsonl', 'a\n'],
        ['results/b.jsonl', 'b\n']
      ])
    )
    expect(f.repo.commits.get(head)!.message).toBe(defaultMessage(changes, 'OpenAI'))
    expect(count(f.repo.calls, 'createCommit')).toBe(1)
    expect(f.artifacts.uploads).toEqual([])
  })

  it('uses commit-message when given', async () => {
    const f = fakes()
    const out = await publishWith(settingsFor(ws, { 'commit-message': 'chore: results' }), f, [
      written('results/a.jsonl', 'a\n')
    ])
    expect(f.repo.commits.get(out.commitSha!)!.message).toBe('chore: results')
  })

  it('needs a run on a branch to commit', async () => {
    const f = fakes()
    const settings = settingsFor(ws, {}, { GITHUB_REF: 'refs/tags/v1' })
    await expect(publishWith(settings, f, [written('results/a.jsonl', 'a\n')])).rejects.toThrow(
      'results: commit needs a run on a branch'
    )
  })

  it('needs a token to commit', async () => {
    const f = fakes()
    const settings = settingsFor(ws, { 'github-token': '' })
    await expect(publishWith(settings, f, [written('results/a.jsonl', 'a\n')])).rejects.toThrow(
      'results: commit needs a token'
    )
  })

  it('uploads the changed files that are there as the artifact with results: artifact', async () => {
    const f = fakes()
    const settings = settingsFor(ws, { results: 'artifact', 'artifact-name': 'out', 'artifact-retention-days': '3' })
    const unchanged: Change = { ...written('results/same.jsonl', 's\n', true), changed: false }
    const out = await publishWith(settings, f, [
      written('results/a.jsonl', 'a\n'),
      removed('results/a.errors.jsonl'),
      unchanged
    ])

    expect(f.artifacts.uploads).toEqual([
      { name: 'out', files: [path.join(ws.dir, 'results/a.jsonl')], root: ws.dir, retentionDays: 3 }
    ])
    expect(out).toEqual({ commitSha: undefined, notes: ["Uploaded 1 result file as the artifact 'out' (id 1)."] })
    expect(f.repo.calls).toEqual([])
  })

  it('commits and uploads with results: both', async () => {
    const f = fakes()
    const out = await publishWith(settingsFor(ws, { results: 'both' }), f, [written('results/a.jsonl', 'a\n')])
    expect(out.commitSha).toBe(f.repo.branches.get('main'))
    expect(out.notes).toHaveLength(2)
    expect(f.artifacts.uploads.map(u => u.files)).toEqual([[path.join(ws.dir, 'results/a.jsonl')]])
  })

  it('puts a file over the blob limit even compressed in the artifact, with a warning, and commits the rest', async () => {
    const f = fakes()
    const big = written('results/big.jsonl', randomBytes(MAX_BLOB_BYTES + 1024))
    const out = await publishWith(settingsFor(ws), f, [big, written('results/a.jsonl', 'a\n')])

    expect([...f.repo.files().keys()]).toEqual(['results/a.jsonl'])
    expect(f.artifacts.uploads.map(u => u.files)).toEqual([[path.join(ws.dir, 'results/big.jsonl')]])
    expect(f.log.text('warning')).toContain("results/big.jsonl is over GitHub's 40 MiB blob limit even compressed")
    expect(out.notes).toHaveLength(3)
  })
})

describe('commitResults', () => {
  it('deletes the result files the batches no longer have', async () => {
    const f = fakes()
    const settings = settingsFor(ws)
    await commitResults(
      f.repo,
      [written('results/a.jsonl', 'a\n'), written('results/a.errors.jsonl', 'e\n')],
      commitOpts(settings, f)
    )
    fs.rmSync(path.join(ws.dir, 'results/a.errors.jsonl'))

    const out = await commitResults(f.repo, [removed('results/a.errors.jsonl')], commitOpts(settings, f))
    expect(out.sha).toBe(f.repo.branches.get('main'))
    expect([...f.repo.files().keys()]).toEqual(['results/a.jsonl'])
  })

  it('makes no commit when the branch has the results already', async () => {
    const f = fakes()
    const settings = settingsFor(ws)
    const change = written('results/a.jsonl', 'a\n')
    const first = await commitResults(f.repo, [change], commitOpts(settings, f))

    const again = await commitResults(f.repo, [change], commitOpts(settings, f))
    expect(again).toEqual({ sha: undefined, leftOut: [], compressed: [] })
    expect(f.repo.branches.get('main')).toBe(first.sha)
    expect(f.log.text('info')).toContain('The results are already on the branch; nothing to commit.')
  })

  it('builds the commit again on the new head when the branch moved meanwhile', async () => {
    const f = fakes()
    f.repo.racing = 2
    const out = await commitResults(f.repo, [written('results/a.jsonl', 'a\n')], commitOpts(settingsFor(ws), f))

    expect(out.sha).toBe(f.repo.branches.get('main'))
    expect(f.repo.commits.get(out.sha!)!.parent).toMatch(/^commit-/)
    expect(f.repo.commits.get(f.repo.commits.get(out.sha!)!.parent!)!.message).toBe('someone else')
    expect(count(f.repo.calls, 'moveBranch')).toBe(3)
    expect(f.clock.slept).toEqual([1000, 2000])
    expect(f.repo.files().get('results/a.jsonl')).toBe('a\n')
  })

  it('gives up after five moves of the branch', async () => {
    const f = fakes()
    f.repo.racing = 5
    await expect(
      commitResults(f.repo, [written('results/a.jsonl', 'a\n')], commitOpts(settingsFor(ws), f))
    ).rejects.toThrow('Could not commit the results: main kept moving (5 attempts).')
    expect(f.clock.slept).toEqual([1000, 2000, 4000, 8000])
  })

  it('commits a file over the blob limit gzip-compressed, and removes the plain one the branch had', async () => {
    const f = fakes()
    const settings = settingsFor(ws)
    await commitResults(f.repo, [written('results/big.jsonl', 'small at first\n')], commitOpts(settings, f))
    const content = Buffer.alloc(MAX_BLOB_BYTES + 1024, 'a')
    const out = await commitResults(f.repo, [written('results/big.jsonl', content, true)], commitOpts(settings, f))

    expect(out).toMatchObject({ compressed: ['results/big.jsonl'], leftOut: [] })
    expect([...f.repo.files().keys()]).toEqual(['results/big.jsonl.gz'])
    const blob = f.repo.blobs.get(f.repo.trees.get(f.repo.commits.get(out.sha!)!.tree)!.get('results/big.jsonl.gz')!)!
    expect(gunzipSync(blob).equals(content)).toBe(true)
    expect(fs.readdirSync(settings.tempDir)).toEqual([])
  })

  it('removes a compressed copy the branch had once the file fits again', async () => {
    const f = fakes()
    const settings = settingsFor(ws)
    ws.write('results/big.jsonl.gz', 'an older compressed copy')
    await commitResults(
      f.repo,
      [written('results/big.jsonl', Buffer.alloc(MAX_BLOB_BYTES + 1024, 'a'))],
      commitOpts(settings, f)
    )
    const out = await commitResults(
      f.repo,
      [written('results/big.jsonl', 'small now\n', true)],
      commitOpts(settings, f)
    )
    expect(out.compressed).toEqual([])
    expect(f.repo.files()).toEqual(new Map([['results/big.jsonl', 'small now\n']]))
  })
})
