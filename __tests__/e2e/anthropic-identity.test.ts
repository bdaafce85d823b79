/**
 * Anthropic, end to end, for what its batches do not say (#24 item 3): an
 * unfinished batch found after a lost cache is waited for, and checked once it
 * ends; another tool's batch is never collected or cancelled; batch-ids
 * watches an outside batch; a pull request's plan estimates Claude lines.
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { claudeFile, claudeRequest, useAnthropicBed } from '../helpers/anthropic-e2e'

const bed = useAnthropicBed()

const run = (event: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  bed.ws.run({ event, inputs, env: { ...bed.env(), ...env } })
const creates = () => bed.anthropic.requests('POST', /^\/v1\/messages\/batches$/)
const cancels = () => bed.anthropic.requests('POST', /\/cancel$/)
const loseCache = () => void (bed.cache.entries.length = 0)
const ids = (file: string) =>
  bed.ws
    .read(file)
    .trim()
    .split('\n')
    .map(l => (JSON.parse(l) as { custom_id: string }).custom_id)

/** A batch another tool made in the same workspace: its custom_ids are its own. */
const otherTools = (n: number) =>
  bed.anthropic.createBatch({
    requests: Array.from({ length: n }, (_, i) => JSON.parse(claudeRequest(`theirs-${i + 1}`)) as unknown)
  })

describe('after a lost cache', () => {
  it('waits for an unfinished batch of as many requests, and collects it once its tag says it is the file’s', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(3))
    await run('push')
    const [b] = bed.batches()
    loseCache()
    const waiting = await run('schedule')
    expect(waiting.code).toBe(0)
    expect(creates()).toHaveLength(1)
    expect(waiting.stdout).toContain(
      `a.jsonl: batch ${b!.id} at Anthropic (in_progress, 3 requests) may be this file's: ` +
        'Anthropic shows whose a batch is only once it ends, so the file waits for it instead of being submitted twice.'
    )
    expect(waiting.outputs.pending).toBe('1')
    bed.anthropic.end(b!.id)
    const done = await run('schedule')
    expect(done.code).toBe(0)
    expect(done.stdout).toContain(`a.jsonl: batch ${b!.id} has ended, and its custom_ids say it is this file's.`)
    expect(ids('results/a.jsonl')).toEqual(['q-1', 'q-2', 'q-3'])
    expect(creates()).toHaveLength(1)
  })

  it("lets another tool's batch go untouched when it ends, and submits the file then", async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(3))
    const theirs = otherTools(3)
    const first = await run('schedule')
    expect(first.code).toBe(0)
    expect(creates()).toEqual([])
    expect(first.stdout).toContain(`a.jsonl: batch ${theirs.id}`)
    bed.anthropic.end(theirs.id)
    const second = await run('schedule')
    expect(second.stdout).toContain(`a.jsonl: batch ${theirs.id} has ended, and is not this file's after all`)
    expect(fs.existsSync(path.join(bed.ws.dir, 'results/a.jsonl'))).toBe(false)
    const third = await run('schedule')
    expect(third.outputs.submitted).toBe('1')
    expect(creates()).toHaveLength(1)
    expect(cancels()).toEqual([])
  })

  it("never cancels another tool's batch when the file changes while it is waited for", async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(3))
    otherTools(3)
    await run('schedule')
    bed.ws.write('batches/a.jsonl', claudeFile(4))
    const r = await run('push')
    expect(r.code).toBe(0)
    expect(cancels()).toEqual([])
    expect(creates()).toHaveLength(1)
  })
})

describe('batch-ids', () => {
  it('collects an outside batch by its msgbatch_ id, its custom_ids as they are', async () => {
    const theirs = otherTools(2)
    bed.anthropic.end(theirs.id)
    const r = await run('schedule', { 'batch-ids': theirs.id })
    expect(r.code).toBe(0)
    expect(ids(`results/batches/${theirs.id}.jsonl`).sort()).toEqual(['theirs-1', 'theirs-2'])
  })
})

describe('a pull request', () => {
  it('plans the Claude lines with an approximate estimate and spends nothing', async () => {
    bed.ws.write('batches/a.jsonl', claudeFile(3))
    const eventPath = path.join(bed.ws.root, 'event.json')
    fs.writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }))
    const r = await run('pull_request', {}, { GITHUB_EVENT_PATH: eventPath, GITHUB_REF: 'refs/pull/7/merge' })
    expect(r.code).toBe(0)
    expect(creates()).toEqual([])
    const [c] = bed.github.comments
    expect(c!.body).toContain('Anthropic batches: plan for `batches/`')
    expect(c!.body).toContain('| `batches/a.jsonl` | 1 | 3 | claude-haiku-4-5 |')
    expect(c!.body).toContain('~')
    expect(r.outputs['estimated-cost']).toMatch(/^0\.\d+$/)
  })
})
