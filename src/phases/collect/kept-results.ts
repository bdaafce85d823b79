import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { presentIds } from '../../core/state/batches'
import type { Change } from '../../core/report/changes'
import { resultPaths } from '../../core/paths'
import type { SourceFile } from '../../core/requests/source'
import type { TrackedBatch } from '../../core/state/state'
import type { LiveContext } from '../step'
import { exists } from '../../io/exists'

/**
 * Results whose files OpenAI no longer has: deleted once published
 * (delete-remote-files), or expired. The committed results stand, and nothing
 * is downloaded from a deleted file.
 */

export interface Gathered {
  readonly changes: Change[]
  /** target-dir holds the results: what it holds stands. */
  readonly held: boolean
  readonly retryable: number | undefined
  readonly errorsRetried: boolean
  readonly tallied?: undefined
  readonly filesDeleted: true
}

/** A renamed file whose batches' files were deleted: its committed results move to its new result path. */
export async function moveCommitted(
  ctx: LiveContext,
  unit: readonly TrackedBatch[],
  src: SourceFile | undefined
): Promise<Gathered> {
  const { log, settings } = ctx
  const to = resultPaths(settings.targetDir, unit[0]!.path)
  const batchIds = unit.map(b => b.batchId).join(', ')
  const changes: Change[] = []
  for (const from of new Set(presentIds(unit.map(b => b.renamedFrom)))) {
    const old = resultPaths(settings.targetDir, from)
    for (const [a, b] of [
      [old.output, to.output],
      [old.errors, to.errors],
      [old.csv, to.csv]
    ] as const) {
      const [absA, absB] = [path.join(settings.workspace, a), path.join(settings.workspace, b)]
      if (!(await exists(absA))) continue
      await fs.mkdir(path.dirname(absB), { recursive: true })
      const existed = await exists(absB)
      await fs.rename(absA, absB)
      changes.push(
        { path: a, batchId: batchIds, removed: true, existed: true, changed: true },
        { path: b, batchId: batchIds, removed: false, existed, changed: true }
      )
    }
    log.info(
      `${src?.file ?? to.output}: renamed from ${from}; ` +
        `its results moved with it (their files at ${ctx.settings.provider.label} were deleted once published).`
    )
  }
  return {
    changes,
    held: false,
    retryable: undefined,
    errorsRetried: unit.some(b => b.errorsRetried),
    filesDeleted: true
  }
}

const goneAt = (ctx: LiveContext, file: string, unit: readonly TrackedBatch[]): string =>
  `${file}: the result files of batch ${unit.map(b => b.batchId).join(', ')} are gone at ${ctx.settings.provider.label} ` +
  '(deleted once published, or expired)'

/** A unit whose files are gone at OpenAI (a rebuilt state does not know they were deleted): target-dir stands. */
export async function keepCommitted(
  ctx: LiveContext,
  unit: readonly TrackedBatch[],
  src: SourceFile | undefined
): Promise<Gathered> {
  const { log, settings } = ctx
  const file = src?.file ?? `batch ${unit[0]!.batchId}`
  const paths = resultPaths(settings.targetDir, unit[0]!.path)
  const have =
    (await exists(path.join(settings.workspace, paths.output))) ||
    (await exists(path.join(settings.workspace, paths.errors)))
  if (have) log.info(`${goneAt(ctx, file, unit)}; the results in ${settings.targetDir} stand.`)
  else
    log.warning(`${goneAt(ctx, file, unit)}, and ${settings.targetDir} does not have them: they cannot be collected.`)
  return {
    changes: [],
    held: have,
    retryable: undefined,
    errorsRetried: unit.some(b => b.errorsRetried),
    filesDeleted: true
  }
}
