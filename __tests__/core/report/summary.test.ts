import { describe, expect, it } from '@jest/globals'
import { fileLines } from '../../../src/core/report/file-summary'
import { renderSummary, RunReport } from '../../../src/core/report/summary'
import { BatchRow, batchRows } from '../../../src/core/report/batch-rows'
import { openaiUsage } from '../../../src/core/cost/spend'
import { NO_USAGE } from '../../../src/core/cost/usage'
import { batch } from '../../fixtures/records'

const usage = (input: number, output: number) => openaiUsage({ input, cachedInput: 0, output, reasoning: 0 })
const row = (i: number, o: Partial<BatchRow> = {}): BatchRow => ({
  file: `batches/f${i}.jsonl`,
  part: '1/1',
  round: 0,
  batch_id: `batch_${i}`,
  input_file_id: `file-${i}`,
  status: 'completed',
  request_counts: { total: 3, completed: 2, failed: 1 },
  output_path: `results/f${i}.jsonl`,
  error_path: `results/f${i}.errors.jsonl`,
  model: 'gpt-4o-mini',
  usage: usage(30, 15),
  cost: 0.25,
  expires_at: null,
  superseded: null,
  ...o
})
const links = {
  repository: 'https://github.com/octo/repo',
  ref: 'main',
  batchUrl: (id: string) => `https://platform.openai.com/batches/${id}`
}
const report = (o: Partial<RunReport>): RunReport => ({
  mode: 'sync',
  dryRun: false,
  rows: [],
  wouldSubmit: [],
  invalid: [],
  failures: [],
  links,
  ...o
})

describe('batchRows', () => {
  it('gives result paths only once results are written, and usage, cost and expiry when known', () => {
    const rows = batchRows(
      [
        batch('b.jsonl', 's', { batchId: 'batch_b', outputFileId: 'file-o', expiresAt: 99 }),
        batch('a.jsonl', 's', {
          batchId: 'batch_a',
          status: 'completed',
          collected: true,
          outputFileId: 'file-o',
          usage: { ...NO_USAGE, input: 10 },
          model: 'm'
        })
      ],
      { sourceDir: 'batches', targetDir: 'results' },
      (model, u) => ({ model, input: u.input / 10, output: 0 })
    )
    expect(rows.map(r => [r.file, r.output_path, r.usage?.input_tokens ?? null, r.cost, r.expires_at])).toEqual([
      ['batches/a.jsonl', 'results/a.jsonl', 10, 0.5, null],
      ['batches/b.jsonl', null, null, null, 99]
    ])
  })
})

describe('fileLines', () => {
  it('nets a file over its parts and retry rounds: a retry answers what failed before', () => {
    const [l] = fileLines([
      row(1, { part: '1/2', request_counts: { total: 10, completed: 7, failed: 3 } }),
      row(1, { part: '2/2', batch_id: 'batch_1b', request_counts: { total: 10, completed: 10, failed: 0 } }),
      row(1, { round: 1, batch_id: 'batch_1r', request_counts: { total: 3, completed: 2, failed: 1 } })
    ])
    expect(l).toMatchObject({
      total: 20,
      ok: 19,
      failed: 1,
      status: 'completed, 1 retry round',
      finished: true,
      tokens: 135,
      cost: 0.75
    })
  })

  it('is as far as its slowest part, and says when results are being written', () => {
    const [l] = fileLines([
      row(1, {
        part: '1/2',
        status: 'finalizing',
        usage: null,
        cost: null,
        output_path: null,
        error_path: null,
        expires_at: 2000
      }),
      row(1, {
        part: '2/2',
        status: 'in_progress',
        usage: null,
        cost: null,
        output_path: null,
        error_path: null,
        expires_at: 1000
      })
    ])
    expect(l).toMatchObject({
      status: 'in progress (0 of 2 parts done)',
      finished: false,
      expiresAt: 1000,
      tokens: undefined,
      cost: undefined
    })
    expect(fileLines([row(1, { status: 'finalizing', usage: null, cost: null })])[0]!.status).toBe(
      'finalizing: results are being written'
    )
  })

  it('names partial results of an expired or cancelled batch, and a retry under way', () => {
    expect(fileLines([row(1, { status: 'expired' })])[0]!.status).toBe('expired (partial results)')
    expect(fileLines([row(1, { status: 'cancelled' })])[0]!.status).toBe('cancelled (partial results)')
    expect(fileLines([row(1), row(1, { round: 2, status: 'validating' })])[0]!.status).toBe('retry 2: validating')
  })
})

describe('renderSummary', () => {
  it('puts totals at the top and one line a file with a progress bar, cost and links', () => {
    const md = renderSummary(
      report({
        rows: [
          row(1),
          row(2, {
            status: 'in_progress',
            request_counts: { total: 4, completed: 1, failed: 0 },
            usage: null,
            cost: null,
            output_path: null,
            error_path: null,
            expires_at: 1_764_684_000
          })
        ],
        submitted: 1,
        spent: { usage: { input: 30, cachedInput: 10, output: 15, reasoning: 0 }, cost: 0.25, unknown: 0, batches: 1 },
        commitSha: 'abcdef1234567'
      })
    )
    expect(md).toContain('**2 files, 2 batches**: 1 completed, 1 in progress. Requests: 3 ok, 1 failed, of 7.')
    expect(md).toContain(
      'This run: submitted 1 batch; collected 30 input tokens (10 cached) and 15 output tokens, $0.25 at the Batch price; results commit [`abcdef1`](https://github.com/octo/repo/commit/abcdef1234567).'
    )
    expect(md).toContain(
      '| `batches/f1.jsonl` | ▓▓▓▓▓▓▓▒▒▒ 2 ok · 1 failed · 3 | completed | 45 | $0.25 | [`results/f1.jsonl`](https://github.com/octo/repo/blob/main/results/f1.jsonl)<br>[`results/f1.errors.jsonl`](https://github.com/octo/repo/blob/main/results/f1.errors.jsonl) | [`batch_1`](https://platform.openai.com/batches/batch_1) |'
    )
    expect(md).toContain(
      '| `batches/f2.jsonl` | ▓▓▓░░░░░░░ 1 ok · 0 failed · 4 | in progress<br>expires 2025-12-02 14:00 UTC |  |  |  | [`batch_2`](https://platform.openai.com/batches/batch_2) |'
    )
  })

  it('shows superseded batches instead of dropping them', () => {
    const md = renderSummary(
      report({ rows: [row(1)], superseded: [row(9, { status: 'cancelling', file: 'batches/old.jsonl' })] })
    )
    expect(md).toContain('### Superseded')
    expect(md).toContain(
      '- [`batch_9`](https://platform.openai.com/batches/batch_9) of `batches/old.jsonl` (cancelling): no longer tracked; its file changed or is gone.'
    )
  })

  it('says what became of a batch superseded while it ran: tracked, kept, or not downloaded', () => {
    const counts = { total: 4, completed: 3, failed: 0 }
    const sup = (i: number, o: Partial<BatchRow>) =>
      row(i, {
        file: 'batches/a.jsonl',
        output_path: null,
        error_path: null,
        request_counts: counts,
        superseded: 'changed',
        ...o
      })
    const lines = (keepSuperseded: boolean, ...rows: BatchRow[]) =>
      renderSummary(report({ superseded: rows, keepSuperseded }))
        .split('\n')
        .filter(l => l.startsWith('- '))
    expect(
      lines(
        false,
        sup(1, { status: 'cancelling' }),
        sup(2, { status: 'cancelled', superseded: 'deleted' }),
        sup(3, { status: 'failed', request_counts: null })
      )
    ).toEqual([
      '- [`batch_1`](https://platform.openai.com/batches/batch_1) of `batches/a.jsonl` (cancelling, 3 of 4 requests done): its file changed; tracked until it ends.',
      '- [`batch_2`](https://platform.openai.com/batches/batch_2) of `batches/a.jsonl` (cancelled, 3 of 4 requests done): its file was deleted; its partial output is not downloaded (`keep-superseded: true` keeps it).',
      '- [`batch_3`](https://platform.openai.com/batches/batch_3) of `batches/a.jsonl` (failed): its file changed; nothing to keep.'
    ])
    expect(
      lines(true, sup(4, { status: 'cancelled', output_path: 'results/a.jsonl.superseded/batch_4.jsonl' }))
    ).toEqual([
      '- [`batch_4`](https://platform.openai.com/batches/batch_4) of `batches/a.jsonl` (cancelled, 3 of 4 requests done): its file changed; partial output in [`results/a.jsonl.superseded/batch_4.jsonl`](https://github.com/octo/repo/blob/main/results/a.jsonl.superseded/batch_4.jsonl).'
    ])
  })

  it('says no price is known for a finished file whose model has none, and links nothing it cannot', () => {
    const md = renderSummary(
      report({
        rows: [row(1, { cost: null })],
        links: { repository: 'https://ghe.example/o/r', ref: undefined, batchUrl: undefined }
      })
    )
    expect(md).toContain(
      '| completed | 45 | no price known | `results/f1.jsonl`<br>`results/f1.errors.jsonl` | `batch_1` |'
    )
  })

  it('shows the error that ended the run, invalid files and failures, with no empty heading', () => {
    const md = renderSummary(
      report({
        mode: '',
        error: 'No OpenAI API key.',
        invalid: [
          {
            path: 'x.jsonl',
            file: 'batches/x.jsonl',
            abs: '',
            sha256: '',
            bytes: 0,
            checked: true,
            requests: 0,
            parts: [],
            endpoint: undefined,
            model: undefined,
            problems: [{ line: 3, message: 'Not valid | JSON' }]
          }
        ],
        failures: [{ file: 'batches/y.jsonl', message: 'boom' }]
      })
    )
    expect(md.startsWith('## Batches\n')).toBe(true)
    expect(renderSummary(report({ provider: 'Anthropic' }))).toMatch(/^## Anthropic batches/)
    expect(md).toContain('> No OpenAI API key.')
    expect(md).toContain('- `batches/x.jsonl` line 3: Not valid \\| JSON')
    expect(md).toContain('- `batches/y.jsonl`: boom')
  })

  it('lists the files waiting for a batch under their own heading, apart from the failures', () => {
    const md = renderSummary(
      report({
        mode: 'collect',
        waiting: [{ file: 'batches/a.jsonl', message: 'not submitted | run with mode: sync' }]
      })
    )
    expect(md).toContain(
      '### Waiting for a batch (not submitted)\n\n- `batches/a.jsonl`: not submitted \\| run with mode: sync\n'
    )
    expect(md).not.toContain('### Failures')
    expect(renderSummary(report({ waiting: [] }))).not.toContain('Waiting for a batch')
  })

  it('says what a dry run would submit', () => {
    expect(renderSummary(report({ dryRun: true, wouldSubmit: ['batches/a.jsonl'] }))).toContain(
      'Would submit: `batches/a.jsonl`'
    )
  })

  it('folds the files past the first hundred, and stays under GitHub’s 1 MiB limit however many there are', () => {
    const few = renderSummary(report({ rows: Array.from({ length: 150 }, (_, i) => row(i)) }))
    expect(few).toContain('<details><summary>50 more files</summary>')
    expect(few).toContain('| `batches/f149.jsonl` |')
    const many = renderSummary(report({ rows: Array.from({ length: 20000 }, (_, i) => row(i)) }))
    expect(Buffer.byteLength(many)).toBeLessThan(1024 * 1024)
    expect(many).toMatch(/…and [\d,]+ more files \(see the `batches` output\)\.\n\n<\/details>/)
  })
})
