import type { Failure } from './errors'
import { renderPlan } from './plan-report'
import type { Preview } from './preview'
import { resultPaths, slotLabel } from './paths'
import type { SourceFile } from './source'
import { hasErrors, roundOf, State } from './state'

/** One tracked batch as the `batches` output and the job summary show it. */
export interface BatchRow {
  readonly file: string
  /** Which part of the file this batch is, as `i/n` (`1/1` for most). */
  readonly part: string
  /** 0 for the file's own requests; k for the k-th retry of its failed lines. */
  readonly round: number
  readonly batch_id: string
  readonly input_file_id: string
  readonly status: string
  readonly request_counts: { total: number; completed: number; failed: number } | null
  /** Workspace-relative, once written. */
  readonly output_path: string | null
  readonly error_path: string | null
}

export function batchRows(state: State, sourceDir: string, targetDir: string): BatchRow[] {
  return [...state.batches]
    .sort((a, b) => a.path.localeCompare(b.path) || roundOf(a) - roundOf(b) || a.part - b.part)
    .map(b => {
      const paths = resultPaths(targetDir, b.path)
      return {
        file: b.outside ? `batch-ids: ${b.batchId}` : `${sourceDir}/${b.path}`,
        part: `${b.part}/${b.parts}`,
        round: roundOf(b),
        batch_id: b.batchId,
        input_file_id: b.inputFileId,
        status: b.status,
        request_counts: b.requestCounts ?? null,
        output_path: b.collected && b.outputFileId ? paths.output : null,
        error_path: b.collected && hasErrors(b) ? paths.errors : null
      }
    })
}

export interface RunReport {
  readonly mode: string
  readonly dryRun: boolean
  readonly rows: readonly BatchRow[]
  /** What a dry run would submit, workspace-relative. */
  readonly wouldSubmit: readonly string[]
  readonly invalid: readonly SourceFile[]
  readonly failures: readonly Failure[]
  /** What was published where, and announcements that did not get through. */
  readonly notes?: readonly string[]
  /** Why the run failed as a whole, if it did. */
  readonly error?: string
  /** The plan and its estimate, when the run made one. */
  readonly preview?: Preview
  /** Whether a submit cancels what it supersedes (for the plan's wording). */
  readonly cancelSuperseded?: boolean
}

/** GitHub refuses a step summary over 1 MiB; stay well under it. */
const MAX_SUMMARY = 900 * 1024
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
const code = (s: string | null): string => (s ? `\`${cell(s)}\`` : '')

/** The job summary, as Markdown. */
export function renderSummary(r: RunReport): string {
  const out: string[] = [`## OpenAI batches (${r.mode}${r.dryRun ? ', dry run' : ''})`, '']
  if (r.error) out.push(`> [!CAUTION]`, `> ${cell(r.error)}`, '')
  if (r.preview) out.push(renderPlan(r.preview, { cancelSuperseded: r.cancelSuperseded ?? true, title: r.dryRun || r.mode === 'plan' ? 'Plan' : 'Estimate' }))
  else if (r.dryRun) out.push(r.wouldSubmit.length ? `Would submit: ${r.wouldSubmit.map(code).join(', ')}` : 'Nothing to submit.', '')
  if (r.invalid.length > 0) {
    out.push('### Invalid request files (not uploaded)', '')
    for (const f of r.invalid)
      for (const p of f.problems) out.push(`- ${code(f.file)}${p.line ? ` line ${p.line}` : ''}: ${cell(p.message)}`)
    out.push('')
  }
  if (r.failures.length > 0) {
    out.push('### Failures', '')
    for (const f of r.failures) out.push(`- ${code(f.file)}: ${cell(f.message)}`)
    out.push('')
  }
  if (r.notes && r.notes.length > 0) out.push(...r.notes.map(n => `- ${cell(n)}`), '')
  if (r.rows.length === 0) out.push('No batches tracked.')
  else {
    out.push('| File | Batch | Status | Requests (ok / failed / total) | Results |', '|---|---|---|---|---|')
    let size = out.join('\n').length
    for (const [i, row] of r.rows.entries()) {
      const c = row.request_counts
      const results = [code(row.output_path), code(row.error_path)].filter(Boolean).join('<br>')
      const [part, parts] = row.part.split('/').map(Number) as [number, number]
      const line = `| ${code(row.file)}${slotLabel(row.round, part, parts)} | ${code(row.batch_id)} | ${row.status} | ${c ? `${c.completed} / ${c.failed} / ${c.total}` : ''} | ${results} |`
      size += line.length + 1
      if (size > MAX_SUMMARY) {
        out.push('', `…and ${r.rows.length - i} more batches (see the \`batches\` output).`)
        break
      }
      out.push(line)
    }
  }
  return `${out.join('\n')}\n`
}
