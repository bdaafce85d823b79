/**
 * A fake of the GitHub REST API on 127.0.0.1, for the real `@actions/github`
 * client: the Git Data endpoints a commit needs (refs, commits, blobs, trees)
 * repository_dispatch, and pull request comments (the issues comments API).
 * Trees are kept flat: path → blob sha.
 */
import { createHash } from 'node:crypto'
import * as http from 'node:http'
import { Loopback, loopback } from './loopback'

export interface FakeCommit {
  sha: string
  tree: string
  parents: string[]
  message: string
  /** GitHub signs a commit made through the API with no author given. */
  verified: boolean
}

const sha1 = (s: string | Buffer): string => createHash('sha1').update(s).digest('hex')

export class FakeGitHub {
  readonly blobs = new Map<string, Buffer>()
  readonly trees = new Map<string, Map<string, string>>()
  readonly commits = new Map<string, FakeCommit>()
  readonly refs = new Map<string, string>()
  readonly dispatches: { event_type: string; client_payload: unknown }[] = []
  /** Comments on issues and pull requests, in the order made. */
  readonly comments: { id: number; issue: number; body: string; updates: number }[] = []
  /** Answer comment writes with 403, as a token without `pull-requests: write` gets. */
  noComments = false
  /** Answer pull request creation with 403, as a token without `pull-requests: write` gets. */
  noPulls = false
  /** Answer pull request creation with GitHub's 403 for a repository whose settings keep workflows from opening them. */
  actionsMayNotOpenPulls = false
  /** Pull requests: open ones and others, with what was added to them. */
  readonly pulls: {
    number: number
    head: string
    base: string
    title: string
    body: string
    draft: boolean
    state: 'open' | 'closed'
    labels: string[]
    assignees: string[]
    reviewers: string[]
  }[] = []
  /** Branches whose updates GitHub refuses: by branch protection, or by a ruleset. */
  readonly protectedBranches = new Map<string, 'protection' | 'ruleset'>()
  /** Answer reads of a branch (GET /branches/{branch}) with 403, as a token that may not see its protection gets. */
  hideBranches = false
  readonly log: { method: string; path: string; auth?: string }[] = []
  /** Answer writes with 403, as a token without `contents: write` gets. */
  readOnly = false
  /** Called once before the next ref update: a concurrent push. */
  beforeNextUpdate: (() => void) | undefined
  /** The blob size GitHub's API refuses above. */
  readonly maxBlob = 40 * 1024 * 1024
  private readonly taps: { method: string; path: RegExp; fn: () => void }[] = []
  private server: Loopback | undefined
  url = ''

  constructor(
    readonly repository = 'octo/batches',
    readonly token = 'ghs_fake_token'
  ) {
    this.commitFiles('main', {}, 'Initial commit')
  }

  /** Calls `fn` once, when the next matching request arrives (a test kills the action there). */
  tap(method: string, path: RegExp, fn: () => void): void {
    this.taps.push({ method, path, fn })
  }

  async start(): Promise<string> {
    this.server = await loopback((req, res) => this.handle(req, res))
    this.url = `${this.server.origin}`
    return this.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  env(): Record<string, string> {
    return {
      GITHUB_API_URL: this.url,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REPOSITORY: this.repository,
      'INPUT_GITHUB-TOKEN': this.token
    }
  }

  private tree(entries: Map<string, string>): string {
    const sha = sha1(
      [...entries]
        .sort()
        .map(([p, s]) => `${p}:${s}`)
        .join('\n')
    )
    this.trees.set(sha, entries)
    return sha
  }

  /** Pushes a commit on `branch` setting `files` (content by path), as another push would. */
  commitFiles(branch: string, files: Record<string, string>, message = 'Another push'): string {
    const parent = this.refs.get(branch)
    const entries = new Map(parent ? this.trees.get(this.commits.get(parent)!.tree) : [])
    for (const [p, content] of Object.entries(files)) {
      const blob = sha1(content)
      this.blobs.set(blob, Buffer.from(content))
      entries.set(p, blob)
    }
    const c: FakeCommit = {
      sha: '',
      tree: this.tree(entries),
      parents: parent ? [parent] : [],
      message,
      verified: false
    }
    c.sha = sha1(`${c.tree}${c.parents.join()}${message}${this.commits.size}`)
    this.commits.set(c.sha, c)
    this.refs.set(branch, c.sha)
    return c.sha
  }

  /** The files of the branch's head: path → content. */
  files(branch = 'main'): Map<string, string> {
    const tree = this.trees.get(this.commits.get(this.refs.get(branch)!)!.tree)!
    return new Map([...tree].map(([p, s]) => [p, this.blobs.get(s)!.toString()]))
  }

  head(branch = 'main'): FakeCommit {
    return this.commits.get(this.refs.get(branch)!)!
  }

  private send(res: http.ServerResponse, status: number, body?: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body === undefined ? '' : JSON.stringify(body))
  }

  /** The pulls API, as far as opening and updating one pull request goes. */
  private pullsApi(method: string, p: string, url: URL, body: Record<string, unknown>, res: http.ServerResponse): void {
    const [owner] = this.repository.split('/')
    const view = (x: FakeGitHub['pulls'][number]) => ({
      number: x.number,
      html_url: `https://github.com/${this.repository}/pull/${x.number}`,
      state: x.state,
      title: x.title,
      body: x.body
    })
    if (method === 'GET' && p === '/pulls') {
      const head = url.searchParams.get('head')
      const base = url.searchParams.get('base')
      const state = url.searchParams.get('state') ?? 'open'
      return this.send(
        res,
        200,
        this.pulls
          .filter(
            x => `${owner}:${x.head}` === head && (!base || x.base === base) && (state === 'all' || x.state === state)
          )
          .map(view)
      )
    }
    if (method === 'POST' && p === '/pulls') {
      if (this.noPulls) return this.send(res, 403, { message: 'Resource not accessible by integration' })
      if (this.actionsMayNotOpenPulls)
        return this.send(res, 403, {
          message: 'GitHub Actions is not permitted to create or approve pull requests.',
          documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request'
        })
      if (!this.refs.has(String(body.head)))
        return this.send(res, 422, { message: 'Validation Failed: head does not exist' })
      if (this.pulls.some(x => x.state === 'open' && x.head === body.head && x.base === body.base))
        return this.send(res, 422, { message: `A pull request already exists for ${owner}:${String(body.head)}.` })
      const pr = {
        number: this.pulls.length + 1,
        head: String(body.head),
        base: String(body.base),
        title: String(body.title),
        body: String(body.body),
        draft: body.draft === true,
        state: 'open' as const,
        labels: [],
        assignees: [],
        reviewers: []
      }
      this.pulls.push(pr)
      return this.send(res, 201, view(pr))
    }
    const m = /^\/(?:pulls|issues)\/(\d+)(?:\/(\w+))?$/.exec(p)
    const pr = m ? this.pulls.find(x => x.number === Number(m[1])) : undefined
    if (!pr) return this.send(res, 404, { message: 'Not Found' })
    if (method === 'PATCH' && !m![2]) {
      Object.assign(pr, { title: String(body.title ?? pr.title), body: String(body.body ?? pr.body) })
      return this.send(res, 200, view(pr))
    }
    if (method === 'POST' && m![2] === 'labels') pr.labels.push(...(body.labels as string[]))
    else if (method === 'POST' && m![2] === 'assignees') pr.assignees.push(...(body.assignees as string[]))
    else if (method === 'POST' && m![2] === 'requested_reviewers') pr.reviewers.push(...(body.reviewers as string[]))
    else return this.send(res, 404, { message: `Not Found: ${method} ${p}` })
    return this.send(res, 201, view(pr))
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {}
    const url = new URL(req.url ?? '/', 'http://x')
    this.log.push({ method: req.method ?? '', path: url.pathname, auth: req.headers.authorization })
    const tap = this.taps.findIndex(t => t.method === req.method && t.path.test(url.pathname))
    if (tap >= 0) this.taps.splice(tap, 1)[0]!.fn()
    if (req.headers.authorization !== `token ${this.token}` && req.headers.authorization !== `Bearer ${this.token}`)
      return this.send(res, 401, { message: 'Bad credentials' })
    const prefix = `/repos/${this.repository}`
    if (!url.pathname.startsWith(prefix)) return this.send(res, 404, { message: 'Not Found' })
    const p = decodeURIComponent(url.pathname.slice(prefix.length))
    if (this.readOnly && req.method !== 'GET')
      return this.send(res, 403, { message: 'Resource not accessible by integration' })
    let m: RegExpExecArray | null
    if (req.method === 'GET' && (m = /^\/git\/ref\/heads\/(.+)$/.exec(p))) {
      const sha = this.refs.get(m[1]!)
      if (!sha) return this.send(res, 404, { message: 'Not Found' })
      return this.send(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } })
    }
    if (req.method === 'GET' && (m = /^\/branches\/(.+)$/.exec(p))) {
      const sha = this.refs.get(m[1]!)
      if (this.hideBranches) return this.send(res, 403, { message: 'Resource not accessible by integration' })
      if (!sha) return this.send(res, 404, { message: 'Branch not found' })
      return this.send(res, 200, { name: m[1], commit: { sha }, protected: this.protectedBranches.has(m[1]!) })
    }
    if (req.method === 'GET' && (m = /^\/git\/commits\/(\w+)$/.exec(p))) {
      const c = this.commits.get(m[1]!)
      if (!c) return this.send(res, 404, { message: 'Not Found' })
      return this.send(res, 200, {
        sha: c.sha,
        tree: { sha: c.tree },
        parents: c.parents.map(sha => ({ sha })),
        message: c.message
      })
    }
    if (req.method === 'POST' && p === '/git/blobs') {
      const content = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8')
      if (content.length > this.maxBlob) return this.send(res, 422, { message: 'content is too large' })
      const sha = sha1(content)
      this.blobs.set(sha, content)
      return this.send(res, 201, { sha })
    }
    if (req.method === 'POST' && p === '/git/trees') {
      const base = this.trees.get(String(body.base_tree))
      if (!base) return this.send(res, 422, { message: 'base_tree is not a valid tree' })
      const entries = new Map(base)
      for (const e of body.tree as { path: string; sha: string | null; mode: string; type: string }[]) {
        if (e.mode !== '100644' || e.type !== 'blob') return this.send(res, 422, { message: 'unexpected mode or type' })
        if (e.sha === null) {
          if (!entries.delete(e.path))
            return this.send(res, 422, { message: `GitRPC::BadObjectState: no ${e.path} to delete` })
        } else if (!this.blobs.has(e.sha)) return this.send(res, 422, { message: 'tree.sha is not a valid blob' })
        else entries.set(e.path, e.sha)
      }
      return this.send(res, 201, { sha: this.tree(entries) })
    }
    if (req.method === 'POST' && p === '/git/commits') {
      const parents = body.parents as string[]
      const c: FakeCommit = {
        sha: '',
        tree: String(body.tree),
        parents,
        message: String(body.message),
        verified: !body.author && !body.committer
      }
      c.sha = sha1(`${c.tree}${parents.join()}${c.message}${this.commits.size}`)
      this.commits.set(c.sha, c)
      return this.send(res, 201, { sha: c.sha, verification: { verified: c.verified } })
    }
    if (req.method === 'POST' && p === '/git/refs') {
      const name = String(body.ref).replace(/^refs\/heads\//, '')
      if (this.refs.has(name)) return this.send(res, 422, { message: 'Reference already exists' })
      if (!this.commits.has(String(body.sha))) return this.send(res, 422, { message: 'Object does not exist' })
      this.refs.set(name, String(body.sha))
      return this.send(res, 201, { ref: `refs/heads/${name}`, object: { sha: body.sha, type: 'commit' } })
    }
    if (req.method === 'PATCH' && (m = /^\/git\/refs\/heads\/(.+)$/.exec(p))) {
      this.beforeNextUpdate?.()
      this.beforeNextUpdate = undefined
      const current = this.refs.get(m[1]!)
      const next = this.commits.get(String(body.sha))
      if (!current || !next) return this.send(res, 422, { message: 'Reference does not exist' })
      // GitHub's own words for both kinds of refusal.
      const guard = this.protectedBranches.get(m[1]!)
      if (guard === 'protection')
        return this.send(res, 422, {
          message: `Protected branch update failed for refs/heads/${m[1]}.`,
          documentation_url: 'https://docs.github.com/articles/about-protected-branches'
        })
      if (guard === 'ruleset')
        return this.send(res, 422, {
          message: 'Repository rule violations found\n\nChanges must be made through a pull request.\n\n'
        })
      if (!body.force && !next.parents.includes(current))
        return this.send(res, 422, { message: 'Update is not a fast forward' })
      this.refs.set(m[1]!, next.sha)
      return this.send(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha: next.sha, type: 'commit' } })
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(p))) {
      const issue = Number(m[1])
      if (req.method === 'GET')
        return this.send(
          res,
          200,
          this.comments.filter(c => c.issue === issue).map(c => ({ id: c.id, body: c.body }))
        )
      if (this.noComments) return this.send(res, 403, { message: 'Resource not accessible by integration' })
      const c = { id: 1000 + this.comments.length, issue, body: String(body.body), updates: 0 }
      this.comments.push(c)
      return this.send(res, 201, { id: c.id, body: c.body })
    }
    if (req.method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(p))) {
      if (this.noComments) return this.send(res, 403, { message: 'Resource not accessible by integration' })
      const c = this.comments.find(x => x.id === Number(m![1]))
      if (!c) return this.send(res, 404, { message: 'Not Found' })
      c.body = String(body.body)
      c.updates++
      return this.send(res, 200, { id: c.id, body: c.body })
    }
    if (p === '/pulls' || /^\/pulls\/\d+/.test(p) || /^\/issues\/\d+\/(labels|assignees)$/.test(p))
      return this.pullsApi(req.method ?? '', p, url, body, res)
    if (req.method === 'POST' && p === '/dispatches') {
      this.dispatches.push({ event_type: String(body.event_type), client_payload: body.client_payload })
      return this.send(res, 204)
    }
    this.send(res, 404, { message: `Not Found: ${req.method} ${p}` })
  }
}
