import type { Change } from './changes'
import { costKnown, PriceOf, spent, spentText } from '../cost/spend'
import type { TrackedBatch } from '../state/state'
import { plural } from '../format'

/** The results pull request's body: each result file and its batches, and what they used and cost. */
export function pullBody(
  changes: readonly Change[],
  collected: readonly TrackedBatch[],
  opts: { runUrl: string; provider: string; price: PriceOf | undefined; priceSource: string | undefined }
): string {
  const rows = changes.map(
    c =>
      `| \`${c.path}\` | ${c.removed ? 'removed' : c.existed ? 'updated' : 'added'} | ${
        c.batchId
          ? c.batchId
              .split(', ')
              .map(id => `\`${id}\``)
              .join(' ')
          : 'its request file was deleted'
      } |`
  )
  const out = [
    `Results of ${opts.provider} batches, collected by [this run](${opts.runUrl}).`,
    '',
    '| Result file | Change | Batches |',
    '|---|---|---|',
    ...rows,
    ''
  ]
  const s = spent(collected, opts.price)
  if (s.usage.input > 0 || s.usage.output > 0) {
    out.push(`${plural(collected.length, 'batch', 'batches')}: ${spentText(s)}.`, '')
    if (opts.priceSource && costKnown(s)) out.push(`<sub>Prices from ${opts.priceSource}.</sub>`, '')
  }
  out.push('Merge to keep the results. A later run adds its results here while this pull request is open.')
  return `${out.join('\n')}\n`
}
