/**
 * Publishing where teams can: results as a pull request (for branches no one
 * may push to), and a protected branch that fails at once with one message.
 */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const push = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'push', env: bed.env(), inputs })
const schedule = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'schedule', env: bed.env(), inputs })
const BRANCH = 'openai-batch-results/main'
const pr = { results: 'pull-request', labels: 'batch, results', reviewers: 'octocat', draft: 'true' }

/** Request files submitted and their batches completed. */
async function finished(files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) bed.ws.write(`batches/${name}`, content)
  await push()
  for (const b of bed.openai.batches.values()) if (b.status === 'validating') bed.openai.complete(b.id)
}

describe('results: pull-request', () => {
  it('names the permission to add when the token may not open pull requests, and loses nothing', async () => {
    await finished({ 'a.jsonl': requestFile(2, 'a') })
    bed.github.noPulls = true
    const refused = await schedule(pr)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain(
      'add `permissions: contents: write` and `pull-requests: write` to the workflow or the job'
    )
    // Not published: its files stay at OpenAI, and the next run opens the pull request.
    expect(bed.openai.requests('DELETE', /^\/v1\/files\//)).toHaveLength(0)
    bed.github.noPulls = false
    const r = await schedule(pr)
    expect(r.code).toBe(0)
    expect(bed.github.pulls).toHaveLength(1)
    expect(bed.github.files(BRANCH).has('results/a.jsonl')).toBe(true)
  })

  it('names the repository setting when GitHub Actions may not open pull requests, not a permission', async () => {
    await finished({ 'a.jsonl': requestFile(2, 'a') })
    bed.github.actionsMayNotOpenPulls = true
    const refused = await schedule(pr)
    expect(refused.code).toBe(1)
    const error = refused.annotations.find(a => a.level === 'error')!.message
    expect(error).toContain('GitHub answered 403 (GitHub Actions is not permitted to create or approve pull requests.')
    expect(error).toContain(
      'Allow it in octo/batches: Settings → Actions → General → Workflow permissions,' +
        ' "Allow GitHub Actions to create and approve pull requests"'
    )
    expect(error).not.toContain('permissions: contents: write')
    expect(refused.summary).toContain('Settings → Actions → General → Workflow permissions')
    bed.github.actionsMayNotOpenPulls = false
    const r = await schedule(pr)
    expect(r.code).toBe(0)
    expect(bed.github.pulls).toHaveLength(1)
  })

  it('commits to a results branch and opens one pull request into the run branch, leaving the branch alone', async () => {
    await finished({ 'a.jsonl': requestFile(2, 'a') })
    const main = bed.github.head().sha
    const r = await schedule(pr)
    expect(r.code).toBe(0)
    expect(bed.github.head().sha).toBe(main)
    const head = bed.github.head(BRANCH)
    expect(head.parents).toEqual([main])
    expect(head.verified).toBe(true)
    expect(bed.github.files(BRANCH).get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
    expect(bed.github.pulls).toEqual([
      expect.objectContaining({
        number: 1,
        head: BRANCH,
        base: 'main',
        title: 'OpenAI batch results',
        draft: true,
        state: 'open',
        labels: ['batch', 'results'],
        reviewers: ['octocat']
      })
    ])
    expect(bed.github.pulls[0]!.body).toContain('| `results/a.jsonl` | added |')
    expect(r.outputs).toMatchObject({
      'pull-request-number': '1',
      'pull-request-url': 'https://github.com/octo/batches/pull/1',
      'pull-request-operation': 'created',
      'commit-sha': head.sha
    })
    expect(r.summary).toContain('results in pull request [#1](https://github.com/octo/batches/pull/1) (created)')
  })

  it('adds later results to the open pull request instead of opening another', async () => {
    await finished({ 'a.jsonl': requestFile(2, 'a') })
    await schedule(pr)
    const first = bed.github.head(BRANCH).sha
    await finished({ 'b.jsonl': requestFile(2, 'b') })
    const r = await schedule(pr)
    expect(r.outputs['pull-request-operation']).toBe('updated')
    expect(bed.github.pulls).toHaveLength(1)
    expect(bed.github.head(BRANCH).parents).toEqual([first])
    expect([...bed.github.files(BRANCH).keys()].filter(f => f.startsWith('results/')).sort()).toEqual([
      'results/a.jsonl',
      'results/b.jsonl'
    ])
    expect(bed.github.pulls[0]!.body).toContain('| `results/b.jsonl` | added |')
    // Labels and reviewers are asked for once, when it is opened.
    expect(bed.github.pulls[0]!.reviewers).toEqual(['octocat'])
  })

  it('starts again from the base once the pull request was merged and its branch deleted', async () => {
    await finished({ 'a.jsonl': requestFile(2, 'a') })
    await schedule(pr)
    // Merged: main gets the results, the pull request closes, the branch goes.
    bed.github.commitFiles(
      'main',
      Object.fromEntries([...bed.github.files(BRANCH)].filter(([f]) => f.startsWith('results/'))),
      'Merge pull request #1'
    )
    bed.github.pulls[0]!.state = 'closed'
    bed.github.refs.delete(BRANCH)
    await finished({ 'b.jsonl': requestFile(2, 'b') })
    const r = await schedule(pr)
    expect(r.outputs).toMatchObject({ 'pull-request-number': '2', 'pull-request-operation': 'created' })
    expect(bed.github.head(BRANCH).parents).toEqual([bed.github.head('main').sha])
  })
})

describe('a protected branch', () => {
  const branchReads = () => bed.github.log.filter(l => l.method === 'GET' && l.path.includes('/branches/'))

  it.each(['commit', 'both'])(
    'is named on the push that submits with results: %s, and the batch made',
    async results => {
      bed.github.protectedBranches.set('main', 'protection')
      bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
      const r = await push({ results })
      expect(r.code).toBe(0)
      expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
      const said =
        `main is protected: GitHub may refuse the results commit (results: ${results}) when these batches finish.` +
        ' Use `results: pull-request` (or artifact), or a github-token allowed to bypass the protection.'
      expect(r.annotations.filter(a => a.level === 'warning')).toEqual([{ level: 'warning', message: said }])
      expect(r.summary).toContain(`- ${said}`)
      expect(branchReads()).toHaveLength(1)
    }
  )

  it('is not named with results: pull-request, nor when the token may not see the branch', async () => {
    bed.github.protectedBranches.set('main', 'protection')
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const r = await push(pr)
    expect(r.code).toBe(0)
    expect(branchReads()).toHaveLength(0)
    bed.github.hideBranches = true
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    const hidden = await push()
    expect(hidden.code).toBe(0)
    expect(bed.batchesFor('b.jsonl')).toHaveLength(1)
    expect(branchReads()).toHaveLength(1)
    for (const run of [r, hidden]) {
      expect(run.annotations.filter(a => a.level !== 'notice')).toEqual([])
      expect(run.summary).not.toContain('is protected')
    }
  })

  it.each([
    ['branch protection', 'protection' as const, 'Protected branch update failed for refs/heads/main.'],
    ['a ruleset', 'ruleset' as const, 'Repository rule violations found']
  ])(
    'refused by %s fails at once with one message saying what to do, and the results are fetched again',
    async (_, guard, said) => {
      await finished({ 'a.jsonl': requestFile(2, 'a') })
      bed.github.protectedBranches.set('main', guard)
      const r = await schedule()
      expect(r.code).toBe(1)
      expect(
        bed.github.log.filter(l => l.method === 'PATCH' && decodeURIComponent(l.path).endsWith('/git/refs/heads/main'))
      ).toHaveLength(1)
      expect(r.stdout).toContain(`GitHub refused to move main: the branch is protected (${said}`)
      expect(r.stdout).toContain(
        'Use results: pull-request (or artifact), or a github-token allowed to bypass the protection.'
      )
      expect(r.stdout).not.toContain('kept moving')
      expect(r.outputs.completed).toBe('0')

      bed.github.protectedBranches.clear()
      const again = await schedule()
      expect(again.code).toBe(0)
      expect(again.outputs.completed).toBe('1')
      expect(bed.github.files().get('results/a.jsonl')).toBe(bed.ws.read('results/a.jsonl'))
    }
  )
})
