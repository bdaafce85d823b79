import type { Settings } from '../config/settings'
import { isUsable } from '../core/state/batches'
import { mapLimit } from '../core/concurrency'
import type { SourceFile } from '../core/requests/source'
import type { State } from '../core/state/state'
import { scanSources } from '../io/request-files'
import type { Log } from '../ports/log'
import { plural } from '../core/format'

/**
 * Finds the request files and hashes them; checks the lines only of content
 * without a usable batch, and annotates every bad line.
 */
export async function scan(settings: Settings, loaded: State | undefined, log: Log): Promise<SourceFile[]> {
  const submitted = new Set(loaded?.batches.filter(isUsable).map(b => `${b.path}\n${b.sha256}`))
  const { sources, notices } = await scanSources(
    settings.workspace,
    settings.sourceDir,
    settings.check,
    (items, fn) => mapLimit(items, settings.maxConcurrency, fn),
    (p, sha) => submitted.has(`${p}\n${sha}`)
  )
  for (const { message, level, ...where } of notices) log[level](message, where)
  log.info(
    `${plural(sources.length, 'request file')} under ${settings.sourceDir}/, ` +
      `${sources.filter(f => f.checked).length} new or changed.`
  )
  // A collect submits nothing: an invalid file fails only the runs that would submit it; the others warn.
  const annotate = settings.mode === 'collect' ? log.warning : log.error
  for (const f of sources)
    for (const p of f.problems) annotate(p.message, { file: f.file, startLine: p.line, title: 'Invalid batch request' })
  return sources
}
