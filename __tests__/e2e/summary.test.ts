/**
 * A summary people read: per file one line with its progress, status in
 * words, expiry, usage, cost and links; superseded batches shown; counts that
 * count each batch once.
 */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const run = (event: string, inputs: Record<string, string> = {}) => bed.ws.run({ event, env: bed.env(), inputs })
const utc = (s: number) => `${new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`

describe('the job summary', () => {
  it('follows a file from pending to collected, with its expiry, then its tokens, cost and links', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    const pushed = await run('push')
    const [b] = bed.batchesFor('a.jsonl')
    // The fake stands for OpenAI: its batches link to OpenAI's dashboard.
    expect(pushed.summary).toContain(
      `| \`batches/a.jsonl\` |  | validating<br>expires ${utc(b!.expires_at)} |  |  |  | [\`${b!.id}\`](https://platform.openai.com/batches/${b!.id}) |`
    )
    expect(pushed.summary).toContain('**1 file, 1 batch**: 1 validating.\n')
    expect(pushed.summary).toContain('This run: submitted 1 batch.')

    bed.openai.complete(b!.id, { failIds: ['a-3'] })
    const collected = await run('schedule')
    const sha = collected.outputs['commit-sha']!
    const blob = (p: string) => `[\`${p}\`](https://github.com/octo/batches/blob/${sha}/${p})`
    expect(collected.summary).toMatch(
      new RegExp(
        `\\| \`batches/a\\.jsonl\` \\| ▓▓▓▓▓▓▓▒▒▒ 2 ok · 1 failed · 3 \\| completed \\| 30 \\| \\$[\\d.e-]+ \\| ${escape(blob('results/a.jsonl'))}<br>${escape(blob('results/a.errors.jsonl'))} \\|`
      )
    )
    expect(collected.summary).toContain('**1 file, 1 batch**: 1 completed. Requests: 2 ok, 1 failed, of 3.')
    expect(collected.summary).toContain(
      `results commit [\`${sha.slice(0, 7)}\`](https://github.com/octo/batches/commit/${sha})`
    )
  })

  it('shows the batch a change superseded, cancelled, instead of dropping it', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await run('push')
    const [old] = bed.batchesFor('a.jsonl')
    bed.ws.write('batches/a.jsonl', requestFile(4, 'a'))
    const r = await run('push')
    expect(r.summary).toContain('### Superseded')
    expect(r.summary).toContain(
      `- [\`${old!.id}\`](https://platform.openai.com/batches/${old!.id}) of \`batches/a.jsonl\` (cancelling): its file changed; tracked until it ends.`
    )
  })

  it('counts a batch once when its file is collected again with a retry round', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await run('push')
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id, { failWith: { 'a-2': 500 } })
    const first = await run('schedule', { 'retry-failed': '1' })
    expect([first.outputs.completed, first.outputs.submitted]).toEqual(['1', '1'])
    const retry = bed.batchesFor('a.jsonl').find(b => b.metadata?.oba_round === '1')!
    bed.openai.complete(retry.id)
    const second = await run('schedule', { 'retry-failed': '1' })
    expect(second.outputs.completed).toBe('1')
    // The retry's own tokens, not the first round's again: one request of 10 + 5.
    expect(JSON.parse(second.outputs.usage!).total_tokens).toBe(15)
    expect(second.summary).toContain('▓▓▓▓▓▓▓▓▓▓ 3 ok · 0 failed · 3 | completed, 1 retry round |')
  })
})

describe('batches of files that changed or went', () => {
  it('says in a collect that a batch is for a missing file, or for earlier content of its file', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    await run('push')
    const [a] = bed.batchesFor('a.jsonl')
    const [b] = bed.batchesFor('b.jsonl')
    bed.ws.remove('batches/a.jsonl')
    bed.ws.write('batches/b.jsonl', requestFile(3, 'b'))
    // mode: collect, as a scheduled auto run would submit b.jsonl's new content and supersede its batch.
    const r = await run('schedule', { mode: 'collect' })
    expect(r.code).toBe(0)
    expect(r.summary).toMatch(/\| `batches\/a\.jsonl` \|  \| validating<br>its file is missing<br>expires /)
    expect(r.summary).toMatch(/\| `batches\/b\.jsonl` \|  \| validating<br>for earlier content of the file<br>expires /)
    expect(r.stdout).toContain(`Batch ${a!.id} of batches/a.jsonl: its file is missing; its results are not collected.`)
    expect(r.stdout).toContain(
      `b.jsonl: batch ${b!.id} is for earlier content of the file; its results are not collected.`
    )
    expect(r.stdout).not.toContain(`batch ${a!.id} is for earlier content`)
  })
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe('GitHub Enterprise Server', () => {
  it('links to GITHUB_SERVER_URL and calls GITHUB_API_URL, never github.com', async () => {
    const env = { ...bed.env(), GITHUB_SERVER_URL: 'https://ghe.example.com' }
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await bed.ws.run({ event: 'push', env })
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await bed.ws.run({
      event: 'schedule',
      env,
      inputs: { 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret }
    })
    expect(r.code).toBe(0)
    const sha = r.outputs['commit-sha']!
    expect(r.summary).toContain(`(https://ghe.example.com/octo/batches/blob/${sha}/results/a.jsonl)`)
    expect(r.summary).not.toContain('https://github.com')
    expect(bed.webhook.events()[0]!.data.run_url).toBe('https://ghe.example.com/octo/batches/actions/runs/1002')
    // Every GitHub call went to the API URL the runner gave (the fake), or the commit would not be there.
    expect(bed.github.files().has('results/a.jsonl')).toBe(true)
  })
})
