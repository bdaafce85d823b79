/**
 * Publishing and announcing, end to end: dist/index.js against fakes of the
 * GitHub API, the artifact service and a webhook receiver that verifies each
 * delivery with the openai SDK.
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { useBed } from '../helpers/bed'
import { parse } from 'yaml'
import { requestFile, ROOT } from '../helpers/runner'
import { unzip } from '../helpers/zip'

const bed = useBed()
const push = () => bed.ws.run({ event: 'push', env: bed.env() })
const schedule = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  bed.ws.run({ event: 'schedule', env: { ...bed.env(), ...env }, inputs })
const hook = () => ({ 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret })
const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/** Pushes request files and finishes their batches. */
async function finished(files: Record<string, string>, fail: string[] = []): Promise<void> {
  for (const [p, content] of Object.entries(files)) bed.ws.write(`batches/${p}`, content)
  await push()
  for (const b of bed.openai.batches.values()) bed.openai.complete(b.id, { failIds: fail })
}

describe('results: commit', () => {
  it('commits the changed result files to the branch in one Verified commit', async () => {
    await finished({ 'a.jsonl': requestFile(3, 'a'), 'sub/b.jsonl': requestFile(2, 'b') }, ['a-2'])
    const before = bed.github.head().sha
    const r = await schedule()
    expect(r.code).toBe(0)
    const head = bed.github.head()
    expect(r.outputs['commit-sha']).toBe(head.sha)
    expect(head.parents).toEqual([before])
    expect(head.verified).toBe(true)
    const files = bed.github.files()
    expect([...files.keys()].sort()).toEqual(['results/a.errors.jsonl', 'results/a.jsonl', 'results/sub/b.jsonl'])
    for (const f of files.keys()) expect(files.get(f)).toBe(bed.ws.read(f))
    const ids = bed.batchesFor('a.jsonl').map(b => b.id)
    expect(head.message).toMatch(/^Add OpenAI batch results \(2 batches\)\n\n- results\/a.errors.jsonl/)
    expect(head.message).toContain(`- results/a.jsonl (${ids[0]})`)
    expect(r.summary).toContain(`Committed 3 result files to \`main\` as ${head.sha}.`)
  })

  it('makes no commit when no result changed', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    await schedule()
    const commits = bed.github.commits.size
    const r = await schedule()
    expect(r.outputs['commit-sha']).toBe('')
    expect(bed.github.commits.size).toBe(commits)
  })

  it('uses the commit-message input', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    await schedule({ 'commit-message': 'chore: nightly results' })
    expect(bed.github.head().message).toBe('chore: nightly results')
  })

  it('rebuilds the commit on the new head when the branch moved meanwhile', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    let other = ''
    bed.github.beforeNextUpdate = () => (other = bed.github.commitFiles('main', { 'README.md': 'pushed meanwhile' }))
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('main moved while committing')
    const head = bed.github.head()
    expect(head.parents).toEqual([other])
    expect(bed.github.files().get('README.md')).toBe('pushed meanwhile')
    expect(bed.github.files().get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
  })

  it('names the permission to add when the token may not push, and commits on the next run', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    bed.github.readOnly = true
    const r = await schedule()
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('add `permissions: contents: write` to the workflow or the job')
    // The file by its place in the repository, not the runner's folder.
    expect(r.summary).toContain('Could not publish the results: Storing results/a.jsonl: GitHub answered 403')
    expect(JSON.stringify([r.annotations, r.summary])).not.toContain(bed.ws.root)
    expect(r.outputs.completed).toBe('0')
    bed.github.readOnly = false
    const again = await schedule()
    expect(again.code).toBe(0)
    expect(again.outputs.completed).toBe('1')
    expect(bed.github.files().get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
  })

  it('commits a result over 40 MiB gzip-compressed', async () => {
    bed.ws.write('batches/big.jsonl', requestFile(45000, 'big'))
    await push()
    bed.openai.complete(bed.batchesFor('big.jsonl')[0]!.id, { padBytes: 1000 })
    const r = await schedule()
    expect(r.code).toBe(0)
    const raw = fs.readFileSync(path.join(bed.ws.dir, 'results/big.jsonl'))
    expect(raw.length).toBeGreaterThan(40 * 1024 * 1024)
    const blob = bed.github.blobs.get(
      [...bed.github.trees.get(bed.github.head().tree)!].find(([p]) => p === 'results/big.jsonl.gz')![1]
    )!
    expect(gunzipSync(blob).equals(raw)).toBe(true)
    expect(bed.github.files().has('results/big.jsonl')).toBe(false)
    expect(r.summary).toContain('committed gzip-compressed as `results/big.jsonl.gz`')
  })

  it('uploads a result too big even compressed as an artifact, and says so', async () => {
    bed.ws.write('batches/big.jsonl', requestFile(45000, 'big'))
    await push()
    bed.openai.complete(bed.batchesFor('big.jsonl')[0]!.id, { padBytes: 1600, randomPad: true })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining("results/big.jsonl is over GitHub's 40 MiB blob limit even compressed")
    })
    expect(bed.github.files().has('results/big.jsonl')).toBe(false)
    const [artifact] = bed.cache.artifacts
    expect(artifact?.name).toBe('openai-batch-results')
    expect(
      unzip(artifact!.zip!)
        .get('results/big.jsonl')!
        .equals(fs.readFileSync(path.join(bed.ws.dir, 'results/big.jsonl')))
    ).toBe(true)
  })
})

describe('results: artifact', () => {
  it('uploads the changed files as an artifact and commits nothing', async () => {
    await finished({ 'a.jsonl': requestFile(3, 'a') }, ['a-1'])
    const commits = bed.github.commits.size
    const before = Date.now()
    const r = await schedule({ results: 'artifact', 'artifact-name': 'nightly', 'artifact-retention-days': '5' })
    const after = Date.now()
    expect(r.code).toBe(0)
    expect(bed.github.commits.size).toBe(commits)
    expect(bed.cache.artifacts.map(a => a.name)).toEqual(['nightly'])
    // @actions/artifact asks for upload time + 5 calendar days, local time: a daylight-saving
    // change moves that by an hour, while 4 or 6 days (or no expiry) miss by a day or more.
    const expires = Date.parse(bed.cache.artifacts[0]!.expiresAt ?? '')
    expect(expires).toBeGreaterThanOrEqual(before + 5 * DAY - HOUR)
    expect(expires).toBeLessThanOrEqual(after + 5 * DAY + HOUR)
    const files = unzip(bed.cache.artifacts[0]!.zip!)
    expect([...files.keys()].sort()).toEqual(['results/a.errors.jsonl', 'results/a.jsonl'])
    expect(files.get('results/a.jsonl')!.toString()).toBe(bed.ws.read('results/a.jsonl'))
  })

  it('does both with results: both, and neither with none', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    await schedule({ results: 'both' })
    // No artifact-retention-days: no expiry is asked for, so the repository's default applies.
    expect(bed.cache.artifacts.map(a => [a.name, a.expiresAt])).toEqual([['openai-batch-results', undefined]])
    expect(unzip(bed.cache.artifacts[0]!.zip!).get('results/a.jsonl')!.toString()).toBe(bed.ws.read('results/a.jsonl'))
    expect(bed.github.files().get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    await push()
    bed.openai.complete(bed.batchesFor('b.jsonl')[0]!.id)
    const commits = bed.github.commits.size
    const r = await schedule({ results: 'none' })
    expect(r.outputs['results-changed']).toBe('true')
    expect(bed.github.commits.size).toBe(commits)
    expect(bed.cache.artifacts).toHaveLength(1)
  })
})

describe('announcing', () => {
  it('posts one signed event per final batch, which the openai SDK verifies, and never again', async () => {
    await finished({ 'a.jsonl': requestFile(3, 'a') }, ['a-1'])
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    const before = Math.floor(Date.now() / 1000)
    const r = await schedule(hook())
    const after = Math.ceil(Date.now() / 1000)
    expect(r.code).toBe(0)
    expect(bed.webhook.deliveries.map(d => d.error)).toEqual([undefined])
    const [event] = bed.webhook.events()
    const a = bed.batchesFor('a.jsonl')[0]!
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      object: 'event',
      type: 'batch.completed',
      created_at: expect.any(Number),
      data: {
        id: a.id,
        provider: 'openai',
        status: 'completed',
        source_file: 'batches/a.jsonl',
        part: '1/1',
        round: 0,
        retry_pending: false,
        request_counts: { total: 3, completed: 2, failed: 1 },
        // The two answered requests, as the fake reports them (10 prompt tokens, 4 cached; 5 completion, 1 reasoning).
        usage: {
          input_tokens: 20,
          input_tokens_details: { cached_tokens: 8 },
          output_tokens: 10,
          output_tokens_details: { reasoning_tokens: 2 },
          total_tokens: 30
        },
        cost: expect.any(Number),
        output_path: 'results/a.jsonl',
        error_path: 'results/a.errors.jsonl',
        superseded: null,
        commit_sha: r.outputs['commit-sha'],
        run_url: 'https://github.com/octo/batches/actions/runs/1002'
      }
    })
    // Made during this run, in Unix seconds (as OpenAI's events are), not milliseconds.
    expect(event!.created_at).toBeGreaterThanOrEqual(before)
    expect(event!.created_at).toBeLessThanOrEqual(after)
    expect(bed.webhook.deliveries[0]!.headers['webhook-id']).toBe(event!.id)
    await push()
    bed.openai.finish(bed.batchesFor('b.jsonl')[0]!.id, 'expired')
    await schedule(hook())
    await schedule(hook())
    expect(bed.webhook.events().map(e => [e!.data.id, e!.type])).toEqual([
      [a.id, 'batch.completed'],
      [bed.batchesFor('b.jsonl')[0]!.id, 'batch.expired']
    ])
  })

  it('warns while the receiver is down and delivers on the next run', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    bed.webhook.down = true
    const r = await schedule(hook())
    expect(r.code).toBe(0)
    expect(r.annotations.some(a => a.level === 'warning' && a.message.includes('the receiver answered 503'))).toBe(true)
    expect(bed.webhook.events()).toHaveLength(0)
    bed.webhook.down = false
    await schedule(hook())
    await schedule(hook())
    expect(bed.webhook.events()).toHaveLength(1)
  })

  it('sends a repository_dispatch with the same event', async () => {
    await finished({ 'a.jsonl': requestFile(2) })
    await schedule({ 'dispatch-event': 'batch-finished' })
    expect(bed.github.dispatches).toEqual([
      {
        event_type: 'batch-finished',
        client_payload: expect.objectContaining({
          object: 'event',
          type: 'batch.completed',
          data: expect.objectContaining({ id: bed.batchesFor('a.jsonl')[0]!.id })
        })
      }
    ])
  })

  it('refuses a plain-http webhook to anywhere but this machine', async () => {
    const r = await schedule({ 'webhook-url': 'http://example.com/hook' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Input 'webhook-url' must be an https:// URL")
  })
})

describe('outside batches', () => {
  function outside(lines: number): string {
    const input = bed.openai.addFile(requestFile(lines, 'o'))
    return bed.openai.createBatch({ input_file_id: input, endpoint: '/v1/chat/completions', completion_window: '24h' })
      .id
  }
  /** The text the fake serves for an output or error file. */
  const served = (fileId: string | null): string => bed.openai.files.get(fileId!)!.content.toString('utf8')

  it('watches batch-ids, collects them under batches/ and announces them', async () => {
    const id = outside(2)
    const first = await schedule({ 'batch-ids': id, ...hook() })
    expect(first.outputs.pending).toBe('1')
    const b = bed.openai.complete(id, { failIds: ['o-2'] })
    const r = await schedule(hook())
    expect(r.code).toBe(0)
    expect(bed.ws.read(`results/batches/${id}.jsonl`)).toBe(served(b.output_file_id))
    expect(bed.ws.read(`results/batches/${id}.errors.jsonl`)).toBe(served(b.error_file_id))
    expect(bed.github.files().get(`results/batches/${id}.jsonl`)).toBe(bed.ws.read(`results/batches/${id}.jsonl`))
    expect(bed.webhook.events().map(e => [e!.data.id, e!.data.source_file, e!.data.output_path])).toEqual([
      [id, null, `results/batches/${id}.jsonl`]
    ])
  })

  it('runs examples/workflows/await-batch.yml as written, without a warning on any run', async () => {
    type Step = { uses?: string; with?: Record<string, string> }
    const workflow = parse(fs.readFileSync(path.join(ROOT, 'examples/workflows/await-batch.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Step[] }>
    }
    const step = Object.values(workflow.jobs)
      .flatMap(j => j.steps)
      .find(s => s.uses?.startsWith('openai-batch-action/'))!
    const id = outside(2)
    /** The step's inputs as the runner gives them on `event`: the expressions filled in, the batch id only by hand. */
    const inputs = (event: string) => {
      const values: Record<string, string> = {
        'secrets.OPENAI_API_KEY': bed.openai.apiKey,
        'github.event.inputs.batch_id': event === 'workflow_dispatch' ? id : '',
        'secrets.BATCH_WEBHOOK_URL': bed.webhook.url,
        'secrets.BATCH_WEBHOOK_SECRET': bed.webhook.secret
      }
      return Object.fromEntries(
        Object.entries(step.with!).map(([k, v]) => [
          k,
          String(v).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => {
            if (!(e in values)) throw new Error(`the example uses ${e}: give it a value here`)
            return values[e]!
          })
        ])
      )
    }
    const runs = [await bed.ws.run({ event: 'workflow_dispatch', env: bed.env(), inputs: inputs('workflow_dispatch') })]
    runs.push(await schedule(inputs('schedule')))
    bed.openai.complete(id)
    runs.push(await schedule(inputs('schedule')), await schedule(inputs('schedule')))
    expect(runs.map(r => r.code)).toEqual([0, 0, 0, 0])
    expect(runs.flatMap(r => r.annotations)).toEqual([])
    for (const r of runs) expect(r.summary).not.toContain('not in the workspace')
    expect(bed.webhook.events().map(e => e!.data.id)).toEqual([id])
  })

  const relayed = (id: string) => {
    const eventPath = path.join(bed.ws.root, 'event.json')
    fs.writeFileSync(
      eventPath,
      JSON.stringify({
        action: 'openai',
        client_payload: { id: 'evt_1', object: 'event', type: 'batch.completed', data: { id } }
      })
    )
    return bed.ws.run({ event: 'repository_dispatch', env: { ...bed.env(), GITHUB_EVENT_PATH: eventPath } })
  }

  it('collects at once its own batch named by an OpenAI webhook event relayed as a repository_dispatch, even with a lost state', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await bed.ws.run({ event: 'push', env: bed.env() })
    const [a] = bed.batchesFor('a.jsonl')
    bed.openai.complete(a!.id)
    bed.cache.entries.length = 0
    const r = await relayed(a!.id)
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(bed.github.files().has('results/a.jsonl')).toBe(true)
  })

  it("leaves alone a relayed event's batch that is not this folder's, unless batch-ids names it", async () => {
    const id = outside(2)
    bed.openai.complete(id)
    const r = await relayed(id)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      `Batch ${id} of the relayed event is not this action's; it is left alone (batch-ids watches one).`
    )
    expect(bed.ws.exists(`results/batches/${id}.jsonl`)).toBe(false)
    expect(bed.openai.requests('GET', /\/content$/)).toHaveLength(0)
  })

  it('fails naming a batch id that does not exist', async () => {
    const r = await schedule({ 'batch-ids': 'batch_nope' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Cannot watch batch batch_nope')
  })
})
