/** The repository, as far as publishing results goes; `adapters/github-client.ts` implements it over GitHub's API. */

export interface TreeEntry {
  /** Repository-relative path. */
  readonly path: string
  /** A blob's sha, or null to delete the path. */
  readonly sha: string | null
}

export interface Repo {
  /** The branch's head commit and its tree. */
  head(branch: string): Promise<{ commit: string; tree: string }>
  hasBranch(branch: string): Promise<boolean>
  /** Whether GitHub marks the branch protected; undefined when the token may not know (403, 404). */
  isProtected(branch: string): Promise<boolean | undefined>
  /** Stores a file's bytes as a blob; returns its sha. `path` is where it goes in the repository, for messages. */
  createBlob(abs: string, path: string): Promise<string>
  createTree(baseTree: string, entries: readonly TreeEntry[]): Promise<string>
  /** A commit with no author given, so GitHub signs it for the token's app (Verified). */
  createCommit(message: string, tree: string, parent: string): Promise<string>
  /**
   * Fast-forwards the branch (makes it with `create`, moves it anyway with
   * `force`); false when it moved meanwhile. A protected branch is refused
   * with an error saying what to do instead.
   */
  moveBranch(branch: string, commit: string, opts?: { create?: boolean; force?: boolean }): Promise<boolean>
  dispatch(eventType: string, payload: Record<string, unknown>): Promise<void>
}
