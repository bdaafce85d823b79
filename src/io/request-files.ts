import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { CheckOptions, Problem, RequestChecker, RequestFacts } from '../core/requests/validate'
import type { SourceFile } from '../core/requests/source'
import type { Where } from '../ports/log'
import { contentHasher, sha256File } from './hash'
import { eachLine } from './chunks'
import { byText } from '../core/format'

/** Something about the folder worth saying, though nothing is wrong with a request file: a warning, or a notice. */
export type Notice = { message: string; level: 'warning' | 'notice' } & Where

/** Names of files that look like request files but are not read: only `*.jsonl` is. */
const LOOKALIKE = /\.(jsonl|json|ndjson)$/i

/** Folders looked into at most when naming where `.jsonl` files are: a hint does not walk a big checkout whole. */
const LOOK_INTO = 2000
/** Folders named at most. */
const NAMED = 5

/**
 * Workspace folders that hold `*.jsonl` files, the top-most of each tree and
 * shallow ones first (`.` for the workspace itself), for a source-dir that is
 * not there. Hidden folders, `node_modules` and the `skip` folders are left out.
 */
export async function foldersWithRequestFiles(workspace: string, skip: readonly string[]): Promise<string[]> {
  const found: string[] = []
  const queue = ['']
  for (let looked = 0; queue.length > 0 && looked < LOOK_INTO && found.length < NAMED; looked++) {
    const rel = queue.shift()!
    const entries = await fs.readdir(path.join(workspace, rel), { withFileTypes: true }).catch(() => [])
    entries.sort((a, b) => byText(a.name, b.name))
    if (entries.some(e => e.isFile() && e.name.endsWith('.jsonl'))) {
      found.push(rel || '.')
      if (rel !== '') continue
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !skip.includes(child))
        queue.push(child)
    }
  }
  return found.slice(0, NAMED)
}

/** Lists `*.jsonl` files below `dir`, sorted, as POSIX paths relative to it; `missing` when `dir` is not there. */
async function listRequestFiles(
  dir: string,
  workspace: string
): Promise<{ files: string[]; problems: Map<string, Problem>; notices: Notice[]; missing: boolean }> {
  const files: string[] = []
  const problems = new Map<string, Problem>()
  const notices: Notice[] = []
  const realWorkspace = await fs.realpath(workspace)
  let missing = false
  async function walk(rel: string): Promise<void> {
    let entries
    try {
      entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || rel !== '') throw e
      missing = true
      return
    }
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        if (entry.name.endsWith('.jsonl'))
          notices.push({
            level: 'warning',
            message: `${child} is a folder, not a request file; the .jsonl files inside it are read as usual.`,
            file: path.relative(workspace, path.join(dir, child))
          })
        await walk(child)
      } else if (entry.name.endsWith('.jsonl') && (entry.isFile() || entry.isSymbolicLink())) {
        if (entry.isSymbolicLink()) {
          const real = await fs.realpath(path.join(dir, child)).catch(() => '')
          const inside = real !== '' && !path.relative(realWorkspace, real).startsWith('..')
          const stat = real ? await fs.stat(real) : undefined
          if (!inside || !stat?.isFile()) {
            problems.set(child, {
              message: 'This symbolic link points outside the workspace or to no file; replace it with the file itself.'
            })
          }
        }
        files.push(child)
      } else if (LOOKALIKE.test(entry.name))
        notices.push({
          level: 'notice',
          message: `${child} is not read: only files named *.jsonl are request files.`,
          file: path.relative(workspace, path.join(dir, child))
        })
    }
  }
  await walk('')
  files.sort()
  notices.sort((a, b) => byText(a.file ?? '', b.file ?? ''))
  return { files, problems, notices, missing }
}

/**
 * Hashes a request file and checks every line in one read, holding one line at
 * a time and the ids' hashes. A file whose ids repeat a hash is read again to
 * name the duplicates.
 */
export async function readRequestFile(
  abs: string,
  opts: CheckOptions
): Promise<{ sha256: string; bytes: number; facts: RequestFacts }> {
  const hash = contentHasher(opts.rerunKey)
  const checker = new RequestChecker(opts)
  let bytes = 0
  let lineNo = 0
  await eachLine(
    abs,
    line => checker.line(line, ++lineNo),
    chunk => {
      hash.update(chunk)
      bytes += chunk.length
    }
  )
  if (checker.end(bytes)) {
    lineNo = 0
    await eachLine(abs, line => checker.again(line, ++lineNo))
  }
  return { sha256: hash.digest('hex'), bytes, facts: checker.facts() }
}

/**
 * Finds and hashes every request file below `sourceDir` (workspace-relative).
 * Only content not `known` to have been checked has its lines checked, so a
 * run with nothing new costs little more than one read of the bytes.
 */
export async function scanSources(
  workspace: string,
  sourceDir: string,
  opts: CheckOptions,
  map: <T, R>(items: readonly T[], fn: (item: T) => Promise<R>) => Promise<R[]>,
  known: (path: string, sha256: string) => boolean
): Promise<{ sources: SourceFile[]; notices: Notice[]; missing: boolean }> {
  const root = path.join(workspace, sourceDir)
  const { files, problems, notices, missing } = await listRequestFiles(root, workspace)
  const sources = await map(files, async rel => {
    const abs = path.join(root, rel)
    const file = `${sourceDir}/${rel}`
    const linkProblem = problems.get(rel)
    if (linkProblem)
      return {
        path: rel,
        file,
        abs,
        sha256: '',
        bytes: 0,
        checked: true,
        requests: 0,
        parts: [],
        endpoint: undefined,
        model: undefined,
        problems: [linkProblem]
      }
    const hashed = await sha256File(abs, opts.rerunKey)
    if (hashed && known(rel, hashed.sha256))
      return {
        path: rel,
        file,
        abs,
        ...hashed,
        checked: false,
        requests: 0,
        parts: [],
        endpoint: undefined,
        model: undefined,
        problems: []
      }
    const { sha256, bytes, facts } = await readRequestFile(abs, opts)
    return { path: rel, file, abs, sha256, bytes, checked: true, ...facts }
  })
  return { sources, notices, missing }
}

/** Checks the lines of a file that the scan only hashed. */
export async function checkSource(src: SourceFile, opts: CheckOptions): Promise<SourceFile> {
  if (src.checked) return src
  const { sha256, bytes, facts } = await readRequestFile(src.abs, opts)
  return { ...src, sha256, bytes, checked: true, ...facts }
}
