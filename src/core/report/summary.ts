import type { Failure } from '../errors'
import { isFinal } from '../state/state'
import { FileLine, fileLines } from './file-summary'
import { renderPlan } from './plan'
import type { Preview } from '../plans/preview'
import type { BatchRow } from './batch-rows'
import type { SourceFile } from '../requests/source'
import { Spent, spentText } from '../cost/spend'
import { bar, count, plural, usd, utc } from '../format'

/** Where the summary's links point. */
export interface Links {
  /** `GITHUB_SERVER_URL`/owner/repo. */
  readonly repository: string
  /** What result files are linked at: the results commit, else the branch; undefined for none. */
  readonly ref: string | undefined
  /** The batch's page on the provider's dashboard; undefined when it has none the action knows. */
  readonly batchUrl: ((id: string) => string) | undefined
}

export interface RunReport {
  /** The provider's label (`OpenAI`, `Anthropic`); absent when the settings were not read. */
  readonly provider?: string
  readonly mode: string
  readonly dryRun: boolean
  readonly rows: readonly BatchRow[]
  /** Settled batches (final, collected) the run did not touch: counted, not listed, so a big state shows what moved. */
  readonly unlisted?: number
  /** What a dry run would submit, workspace-relative. */
  readonly wouldSubmit: readonly string[]
  readonly invalid: readonly SourceFile[]
  readonly failures: readonly Failure[]
  /** Files with no batch yet that the run did not submit, and why (warnings). */
  readonly waiting?: readonly Failure[]
  /** What was published where, and announcements that did not get through. */
  readonly notes?: readonly string[]
  /** Why the run failed as a whole, if it did. */
  readonly error?: string
  /** The plan and its estimate, when the run made one. */
  readonly preview?: Preview
  /** Whether a submit cancels what it supersedes (for the plan's wording). */
  readonly cancelSuperseded?: boolean
  /** Batches whose file changed or was deleted while they ran: tracked until they end, or dropped in this run. */
  readonly superseded?: readonly BatchRow[]
  /** Whether a superseded batch's partial output is downloaded. */
  readonly keepSuperseded?: boolean
  /** Batches made, and what the batches collected in this run used and cost. */
  readonly submitted?: number
  readonly spent?: Spent
  readonly commitSha?: string
  readonly pullRequest?: { readonly number: number; readonly url: string; readonly operation: string }
  readonly links?: Links
  /**
   * Files whose listed batches are all for content the file no longer holds, not superseded (a
   * collect leaves them alone): the file is missing, or changed. Said in the file's status.
   */
  readonly stale?: ReadonlyMap<string, 'missing' | 'changed'>
}

/** GitHub refuses a step summary over 1 MiB (docs: workflow commands, "Adding a job summary"); stay well under it. */
const MAX_SUMMARY = 900 * 1024
/** Files shown at once; the rest are folded under a <details>. */
const SHOWN = 100
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
const code = (s: string | null): string => (s ? `\`${cell(s)}\`` : '')
const link = (text: string, url: string | undefined): string => (url ? `[${text}](${url})` : text)

function resultLink(path: string | null, links: Links | undefined): string {
  if (!path) return ''
  return link(code(path), links?.ref ? `${links.repository}/blob/${links.ref}/${path}` : undefined)
}

function batchLinks(l: FileLine, links: Links | undefined): string {
  const ids = l.batches.map(b => link(code(b.batch_id), links?.batchUrl?.(b.batch_id)))
  return ids.length > 3 ? `${ids.slice(0, 2).join(' ')} +${ids.length - 2} more` : ids.join(' ')
}

const STALE = { missing: 'its file is missing', changed: 'for earlier content of the file' } as const

function line(l: FileLine, links: Links | undefined, stale: 'missing' | 'changed' | undefined): string {
  const progress =
    l.total > 0
      ? `${bar(l.ok, l.failed, l.total)} ${count(l.ok)} ok · ${count(l.failed)} failed · ${count(l.total)}`
      : ''
  const words = stale ? `${l.status}<br>${STALE[stale]}` : l.status
  const status = l.expiresAt !== undefined ? `${words}<br>expires ${utc(l.expiresAt)}` : words
  const cost =
    l.cost === undefined
      ? l.finished && l.tokens !== undefined
        ? 'no price known'
        : ''
      : `${usd(l.cost)}${l.costUnknown && l.finished ? ' +?' : ''}`
  const results = [resultLink(l.outputPath, links), resultLink(l.errorPath, links)].filter(Boolean).join('<br>')
  const tokens = l.tokens === undefined ? '' : count(l.tokens)
  return `| ${code(l.file)} | ${progress} | ${status} | ${tokens} | ${cost} | ${results} | ${batchLinks(l, links)} |`
}

const HEAD = [
  '| File | Progress | Status | Tokens | Cost (Batch price) | Results | Batches |',
  '|---|---|---|---|---|---|---|'
]

/** The totals at the top: files and batches by status, requests, and this run's spend. */
function totals(r: RunReport, lines: readonly FileLine[]): string[] {
  const byStatus = new Map<string, number>()
  for (const row of r.rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1)
  const statuses = [...byStatus].map(([s, n]) => `${count(n)} ${s.replace('_', ' ')}`).join(', ')
  const total = lines.reduce((n, l) => n + l.total, 0)
  const ok = lines.reduce((n, l) => n + l.ok, 0)
  const failed = lines.reduce((n, l) => n + l.failed, 0)
  // A batch still validating has no counts yet: say nothing rather than 0 of 0.
  const requests = total > 0 ? ` Requests: ${count(ok)} ok, ${count(failed)} failed, of ${count(total)}.` : ''
  const more = r.unlisted
    ? ` Not listed: ${plural(r.unlisted, 'settled batch', 'settled batches')} this run did not touch ` +
      '(final, results collected).'
    : ''
  const out = [
    `**${plural(lines.length, 'file')}, ${plural(r.rows.length, 'batch', 'batches')}**: ${statuses}.${requests}${more}`
  ]
  const run: string[] = []
  if (r.submitted) run.push(`submitted ${plural(r.submitted, 'batch', 'batches')}`)
  const s = r.spent
  if (s && (s.usage.input > 0 || s.usage.output > 0)) {
    run.push(`collected ${spentText(s)}`)
  }
  if (r.pullRequest)
    run.push(
      `results in pull request ${link(`#${r.pullRequest.number}`, r.pullRequest.url)} (${r.pullRequest.operation})`
    )
  if (r.commitSha && r.links)
    run.push(`results commit ${link(code(r.commitSha.slice(0, 7)), `${r.links.repository}/commit/${r.commitSha}`)}`)
  if (run.length > 0) out.push('', `This run: ${run.join('; ')}.`)
  return [...out, '']
}

function table(r: RunReport, lines: readonly FileLine[]): string[] {
  const out = [...totals(r, lines), ...HEAD]
  let size = out.join('\n').length
  for (const [i, l] of lines.entries()) {
    if (i === SHOWN)
      out.push('', `<details><summary>${plural(lines.length - SHOWN, 'more file')}</summary>`, '', ...HEAD)
    const text = line(l, r.links, r.stale?.get(l.file))
    size += text.length + 1
    if (size > MAX_SUMMARY) {
      out.push('', `…and ${plural(lines.length - i, 'more file')} (see the \`batches\` output).`)
      break
    }
    out.push(text)
  }
  if (lines.length > SHOWN) out.push('', '</details>')
  return out
}

/** A failure, its file named once: most messages already start with it. */
function failureLine(f: Failure): string {
  const own = f.message.startsWith(`${f.file}: `) ? f.message.slice(f.file.length + 2) : f.message
  return `- ${code(f.file)}: ${cell(own)}`
}

function problems(r: RunReport): string[] {
  const out: string[] = []
  if (r.invalid.length > 0) {
    out.push('### Invalid request files (not uploaded)', '')
    for (const f of r.invalid)
      for (const p of f.problems) out.push(`- ${code(f.file)}${p.line ? ` line ${p.line}` : ''}: ${cell(p.message)}`)
    out.push('')
  }
  if (r.failures.length > 0) out.push('### Failures', '', ...r.failures.map(failureLine), '')
  if (r.waiting?.length) out.push('### Waiting for a batch (not submitted)', '', ...r.waiting.map(failureLine), '')
  return out
}

function supersededLine(b: BatchRow, r: RunReport): string {
  const id = link(code(b.batch_id), r.links?.batchUrl?.(b.batch_id))
  // Dropped in this run: its results, if any, were collected before the change.
  if (!b.superseded) return `- ${id} of ${code(b.file)} (${b.status}): no longer tracked; its file changed or is gone.`
  const why = b.superseded === 'deleted' ? 'its file was deleted' : 'its file changed'
  const counts = b.request_counts?.total
    ? `, ${count(b.request_counts.completed)} of ${count(b.request_counts.total)} requests done`
    : ''
  const then = !isFinal(b.status)
    ? 'tracked until it ends'
    : b.output_path
      ? `partial output in ${resultLink(b.output_path, r.links)}`
      : b.request_counts?.completed && !r.keepSuperseded
        ? 'its partial output is not downloaded (`keep-superseded: true` keeps it)'
        : 'nothing to keep'
  return `- ${id} of ${code(b.file)} (${b.status}${counts}): ${why}; ${then}.`
}

function superseded(r: RunReport): string[] {
  if (!r.superseded?.length) return []
  return ['### Superseded', '', ...r.superseded.map(b => supersededLine(b, r)), '']
}

/** The job summary, as Markdown. */
export function renderSummary(r: RunReport): string {
  const mode = r.mode ? ` (${r.mode}${r.dryRun ? ', dry run' : ''})` : ''
  const out: string[] = [`## ${r.provider ? `${r.provider} batches` : 'Batches'}${mode}`, '']
  if (r.error) out.push(`> [!CAUTION]`, `> ${cell(r.error)}`, '')
  if (r.preview)
    out.push(
      renderPlan(r.preview, {
        cancelSuperseded: r.cancelSuperseded ?? true,
        title: r.dryRun || r.mode === 'plan' ? 'Plan' : 'Estimate',
        subject: r.mode === 'plan' ? 'A merge' : r.dryRun ? 'Without dry-run, this run' : 'This run',
        // Listed once, in the summary's own section below.
        invalid: false
      })
    )
  else if (r.dryRun)
    out.push(r.wouldSubmit.length ? `Would submit: ${r.wouldSubmit.map(code).join(', ')}` : 'Nothing to submit.', '')
  out.push(...problems(r))
  if (r.notes && r.notes.length > 0) out.push(...r.notes.map(n => `- ${cell(n)}`), '')
  out.push(...superseded(r))
  if (r.rows.length === 0)
    out.push(
      r.unlisted
        ? `No batch moved in this run; ${plural(r.unlisted, 'settled batch', 'settled batches')} tracked, not listed.`
        : 'No batches tracked.'
    )
  else out.push(...table(r, fileLines(r.rows)))
  return `${out.join('\n')}\n`
}
