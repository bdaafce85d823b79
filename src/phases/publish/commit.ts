import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { backoffMs } from '../../core/backoff'
import type { Change } from '../../core/report/changes'
import { MAX_BLOB_BYTES } from '../../core/limits'
import type { Clock } from '../../ports/clock'
import type { Log } from '../../ports/log'
import type { Repo, TreeEntry } from '../../ports/repo'
import { exists } from '../../io/exists'

export interface CommitOutcome {
  /** The commit made, or undefined when there was nothing to commit. */
  readonly sha: string | undefined
  /** Files over the blob limit even compressed: published as an artifact instead. */
  readonly leftOut: readonly string[]
  /** Files committed gzip-compressed, as `<path>.gz`. */
  readonly compressed: readonly string[]
}

/** Moves of the branch that lost a race with another push, before giving up. */
const MAX_ATTEMPTS = 5

async function gzipTo(src: string, tempDir: string): Promise<{ file: string; bytes: number }> {
  await fs.mkdir(tempDir, { recursive: true })
  const file = path.join(tempDir, `${randomUUID()}.gz`)
  await pipeline(createReadStream(src), createGzip(), createWriteStream(file))
  return { file, bytes: (await fs.stat(file)).size }
}

/** Stores each changed file as a blob (gzip-compressed when over the limit) and says what the tree gets. */
async function entriesFor(repo: Repo, changes: readonly Change[], workspace: string, tempDir: string) {
  const entries: TreeEntry[] = []
  const leftOut: string[] = []
  const compressed: string[] = []
  for (const c of changes) {
    const abs = path.join(workspace, c.path)
    if (c.removed) {
      entries.push({ path: c.path, sha: null })
      continue
    }
    const gzInWorkspace = await exists(`${abs}.gz`)
    if ((await fs.stat(abs)).size <= MAX_BLOB_BYTES) {
      entries.push({ path: c.path, sha: await repo.createBlob(abs, c.path) })
      if (gzInWorkspace) entries.push({ path: `${c.path}.gz`, sha: null })
      continue
    }
    const gz = await gzipTo(abs, tempDir)
    try {
      if (gz.bytes <= MAX_BLOB_BYTES) {
        entries.push({ path: `${c.path}.gz`, sha: await repo.createBlob(gz.file, `${c.path}.gz`) })
        compressed.push(c.path)
      } else leftOut.push(c.path)
      if (c.existed) entries.push({ path: c.path, sha: null })
    } finally {
      await fs.rm(gz.file, { force: true })
    }
  }
  return { entries, leftOut, compressed }
}

export interface CommitOptions {
  readonly workspace: string
  readonly tempDir: string
  /** The branch the commit goes to. */
  readonly branch: string
  /** The branch whose head it is built on, when not `branch` itself: `branch` is then made, or moved to it. */
  readonly onto?: { readonly branch: string; readonly exists: boolean }
  readonly message: string
  readonly clock: Clock
  readonly log: Log
}

/**
 * One commit of the changed result files on top of the branch's head, through
 * the Git Data API. Built again on the new head when the branch moved meanwhile.
 */
export async function commitResults(
  repo: Repo,
  changes: readonly Change[],
  opts: CommitOptions
): Promise<CommitOutcome> {
  const { entries, leftOut, compressed } = await entriesFor(repo, changes, opts.workspace, opts.tempDir)
  if (entries.length === 0) return { sha: undefined, leftOut, compressed }
  const move = opts.onto ? (opts.onto.exists ? { force: true } : { create: true }) : {}
  for (let n = 0; ; n++) {
    const head = await repo.head(opts.onto?.branch ?? opts.branch)
    const tree = await repo.createTree(head.tree, entries)
    if (tree === head.tree) {
      opts.log.info('The results are already on the branch; nothing to commit.')
      return { sha: undefined, leftOut, compressed }
    }
    const sha = await repo.createCommit(opts.message, tree, head.commit)
    if (await repo.moveBranch(opts.branch, sha, move)) {
      opts.log.info(`Committed the results to ${opts.branch} as ${sha}.`)
      return { sha, leftOut, compressed }
    }
    if (n + 1 >= MAX_ATTEMPTS)
      throw new Error(`Could not commit the results: ${opts.branch} kept moving (${MAX_ATTEMPTS} attempts).`)
    opts.log.info(`${opts.branch} moved while committing; building the commit again on its new head.`)
    await opts.clock.sleep(backoffMs(n))
  }
}
