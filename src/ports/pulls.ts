/** Pull requests and their comments; `adapters/github-client.ts` implements them over GitHub's API. */

export interface PullRequest {
  readonly number: number
  readonly url: string
}

export interface PullRequests {
  /** The open pull request from `head` into `base`, if there is one. */
  find(head: string, base: string): Promise<PullRequest | undefined>
  create(p: { head: string; base: string; title: string; body: string; draft: boolean }): Promise<PullRequest>
  update(n: number, p: { title: string; body: string }): Promise<void>
  /** Adds labels and assignees, and asks for reviews; each only when given. */
  decorate(
    n: number,
    p: {
      labels: readonly string[]
      assignees: readonly string[]
      reviewers: readonly string[]
      teamReviewers: readonly string[]
    }
  ): Promise<void>
  /** Updates the comment on pull request `issue` whose body holds `marker`, or makes one; says which. */
  upsertComment(issue: number, marker: string, body: string): Promise<'created' | 'updated'>
}
