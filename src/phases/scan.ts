import type { Settings } from '../config/settings'
import { isUsable } from '../core/state/batches'
import { mapLimit } from '../core/concurrency'
import type { SourceFile } from '../core/requests/source'
import type { State } from '../core/state/state'
import { foldersWithRequestFiles, scanSources } from '../io/request-files'
import type { Log } from '../ports/log'
import { plural } from '../core/format'

/**
 * A source-dir that is not there: a warning and a line of the summary, naming
 * the folders that do hold `.jsonl` files. A collect that only watches batches
 * of batch-ids (examples/workflows/await-batch.yml) has no request files to
 * read: it says so in the log only, not on every scheduled run.
 */
async function missingFolder(settings: Settings, loaded: State | undefined, log: Log): Promise<string[]> {
  const { sourceDir, mode, batchIds } = settings
  if (mode === 'collect' && (batchIds.length > 0 || (loaded?.batches ?? []).every(b => b.outside))) {
    log.info(`There is no source folder ${sourceDir}: this run only watches the batches of batch-ids.`)
    return []
  }
  const found = await foldersWithRequestFiles(settings.workspace, [settings.targetDir])
  const hint = found.length > 0 ? ` Folders that hold .jsonl files: ${found.map(f => `\`${f}\``).join(', ')}.` : ''
  const message =
    `The source folder ${sourceDir} is not in the workspace: no request file is read.${hint} ` +
    'Check source-dir, and that the checkout has it.'
  log.warning(message)
  return [message]
}

/**
 * Finds the request files and hashes them; checks the lines only of content
 * without a usable batch, and annotates every bad line. `notes` are lines for
 * the job summary.
 */
export async function scan(
  settings: Settings,
  loaded: State | undefined,
  log: Log
): Promise<{ sources: SourceFile[]; notes: string[] }> {
  const submitted = new Set(loaded?.batches.filter(isUsable).map(b => `${b.path}\n${b.sha256}`))
  const { sources, notices, missing } = await scanSources(
    settings.workspace,
    settings.sourceDir,
    settings.check,
    (items, fn) => mapLimit(items, settings.maxConcurrency, fn),
    (p, sha) => submitted.has(`${p}\n${sha}`)
  )
  for (const { message, level, ...where } of notices) log[level](message, where)
  const notes = missing ? await missingFolder(settings, loaded, log) : []
  log.info(
    `${plural(sources.length, 'request file')} under ${settings.sourceDir}/, ` +
      `${sources.filter(f => f.checked).length} new or changed.`
  )
  annotateProblems(sources, settings.mode === 'collect' ? log.warning : log.error, log)
  return { sources, notes }
}

/**
 * GitHub shows 10 error and 10 warning annotations a step (docs: "Workflow commands", annotations).
 * Two are left for the run's own messages; the rest go first to one verdict a file, so every invalid
 * file is seen, then to its other lines; what does not fit is logged, and listed in the summary.
 */
const ANNOTATIONS = 8

/** Annotates each invalid file's first problem, then its other problems while there is room; logs the rest. */
export function annotateProblems(sources: readonly SourceFile[], annotate: Log['error'], log: Log): void {
  const invalid = sources.filter(f => f.problems.length > 0)
  const title = 'Invalid batch request'
  for (const f of invalid) {
    const [first, ...rest] = f.problems
    const more = rest.length > 0 ? ' (more problems in this file: see the log and the job summary)' : ''
    annotate(first!.message + more, { file: f.file, startLine: first!.line, title })
  }
  let room = ANNOTATIONS - invalid.length
  for (const f of invalid)
    for (const p of f.problems.slice(1))
      if (p.line !== undefined && room > 0) {
        room--
        annotate(p.message, { file: f.file, startLine: p.line, title })
      } else log.info(`${f.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`)
}
