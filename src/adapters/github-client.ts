import * as github from '@actions/github'
import * as fs from 'node:fs/promises'
import { Repo } from '../ports/repo'

/** The one file that imports `@actions/github`: the repository behind our Repo. */

interface HttpError {
  status?: number
  message?: string
}

/** What a 403 means the token lacks, by the kind of call. */
const LACKS = {
  contents: 'The token cannot write to {repo}: add `permissions: contents: write` to the workflow or the job, or pass a github-token that may push.',
  comments: 'The token cannot comment on pull requests of {repo}: add `permissions: pull-requests: write` to the workflow or the job.'
} as const

/** Rewords a GitHub API error into what the user should change. */
function explain(e: unknown, what: string, repository: string, lacks: keyof typeof LACKS = 'contents'): Error {
  const err = e as HttpError
  if (err.status === 403) return new Error(`${what}: GitHub answered 403 (${err.message}). ${LACKS[lacks].replace('{repo}', repository)}`)
  if (err.status === 404)
    return new Error(`${what}: GitHub answered 404 (${err.message}): the branch or ${repository} is not there, or the token may not see it.`)
  return new Error(`${what}: ${err.status ? `GitHub answered ${err.status} (${err.message})` : err.message ?? String(e)}`)
}

export function createGitHubRepo(token: string, repository: string): Repo {
  // GITHUB_API_URL points the client at GHES or, in tests, at a fake.
  const octokit = github.getOctokit(token)
  const [owner = '', repo = ''] = repository.split('/')
  const call = async <T>(what: string, fn: () => Promise<T>, lacks?: keyof typeof LACKS): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw explain(e, what, repository, lacks)
    }
  }
  return {
    head: branch =>
      call(`Reading branch ${branch}`, async () => {
        const ref = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })
        const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: ref.data.object.sha })
        return { commit: commit.data.sha, tree: commit.data.tree.sha }
      }),
    createBlob: abs =>
      call(`Storing ${abs}`, async () => {
        // Bounded by MAX_BLOB_BYTES: larger files never get here.
        const content = (await fs.readFile(abs)).toString('base64')
        return (await octokit.rest.git.createBlob({ owner, repo, content, encoding: 'base64' })).data.sha
      }),
    createTree: (baseTree, entries) =>
      call('Creating the results tree', async () => {
        const tree = entries.map(e => ({ path: e.path, mode: '100644' as const, type: 'blob' as const, sha: e.sha }))
        return (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree })).data.sha
      }),
    createCommit: (message, tree, parent) =>
      call('Creating the results commit', async () => (await octokit.rest.git.createCommit({ owner, repo, message, tree, parents: [parent] })).data.sha),
    moveBranch: async (branch, commit) => {
      try {
        await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit, force: false })
        return true
      } catch (e) {
        if ((e as HttpError).status === 422) return false
        throw explain(e, `Moving branch ${branch}`, repository)
      }
    },
    upsertComment: (issue, marker, body) =>
      call(`Commenting on pull request #${issue}`, async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 })
        const mine = comments.find(c => c.body?.includes(marker))
        if (mine) {
          await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body })
          return 'updated' as const
        }
        await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body })
        return 'created' as const
      }, 'comments'),
    dispatch: (eventType, payload) =>
      call(`Sending repository_dispatch ${eventType}`, async () => {
        await octokit.rest.repos.createDispatchEvent({ owner, repo, event_type: eventType, client_payload: payload })
      })
  }
}
