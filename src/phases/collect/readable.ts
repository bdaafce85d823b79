import * as path from 'node:path'
import type { Change } from '../../core/report/changes'
import type { SourceFile } from '../../core/requests/source'
import { writeReadable } from '../../io/readable-csv'
import type { LiveContext } from '../step'

/**
 * The CSV of a file's results (readable-results: csv), made from the results
 * and errors files just written: a change like them, or none when it is off.
 */
export async function readableChanges(
  ctx: LiveContext,
  src: SourceFile | undefined,
  paths: { output: string; errors: string; csv: string },
  batchId: string
): Promise<Change[]> {
  const { settings } = ctx
  if (settings.readableResults !== 'csv') return []
  const abs = (rel: string) => path.join(settings.workspace, rel)
  const w = await writeReadable({
    requests: src?.abs,
    results: [abs(paths.output), abs(paths.errors)],
    dest: abs(paths.csv),
    tempDir: settings.tempDir,
    inOrder: settings.resultsOrder === 'input'
  })
  if (w.removed && !w.changed) return []
  return [{ path: paths.csv, batchId, removed: w.removed === true, existed: w.existed, changed: w.changed }]
}
