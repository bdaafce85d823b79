import { describe, expect, it } from '@jest/globals'
import { BatchRow, batchRows, renderSummary, RunReport } from '../../src/core/report'
import { emptyState } from '../../src/core/state'

const row = (i: number): BatchRow => ({
  file: `batches/f${i}.jsonl`,
  part: '1/1',
  round: 0,
  batch_id: `batch_${i}`,
  input_file_id: `file-${i}`,
  status: 'completed',
  request_counts: { total: 3, completed: 2, failed: 1 },
  output_path: `results/f${i}.jsonl`,
  error_path: `results/f${i}.errors.jsonl`
})
const report = (o: Partial<RunReport>): RunReport => ({ mode: 'sync', dryRun: false, rows: [], wouldSubmit: [], invalid: [], failures: [], ...o })

describe('batchRows', () => {
  it('gives result paths only once results are written', () => {
    const base = { sha256: 's', part: 1, parts: 1, inputFileId: 'file-1', createdAt: 1, outputFileId: 'file-o', errorFileId: null }
    const rows = batchRows(
      {
        ...emptyState('s'),
        batches: [
          { ...base, path: 'b.jsonl', batchId: 'batch_b', status: 'in_progress', collected: false },
          { ...base, path: 'a.jsonl', batchId: 'batch_a', status: 'completed', collected: true }
        ]
      },
      'batches',
      'results'
    )
    expect(rows).toEqual([
      { file: 'batches/a.jsonl', part: '1/1', round: 0, batch_id: 'batch_a', input_file_id: 'file-1', status: 'completed', request_counts: null, output_path: 'results/a.jsonl', error_path: null },
      { file: 'batches/b.jsonl', part: '1/1', round: 0, batch_id: 'batch_b', input_file_id: 'file-1', status: 'in_progress', request_counts: null, output_path: null, error_path: null }
    ])
  })
})

describe('renderSummary', () => {
  it('has one row per batch with counts and result paths', () => {
    const md = renderSummary(report({ rows: [row(1)] }))
    expect(md).toContain('| `batches/f1.jsonl` | `batch_1` | completed | 2 / 1 / 3 | `results/f1.jsonl`<br>`results/f1.errors.jsonl` |')
  })

  it('names the part and the retry round of a batch', () => {
    const md = renderSummary(report({ rows: [{ ...row(1), round: 2, part: '1/3' }, { ...row(2), round: 1 }] }))
    expect(md).toContain('| `batches/f1.jsonl` (retry 2, part 1/3) | `batch_1` |')
    expect(md).toContain('| `batches/f2.jsonl` (retry 1) | `batch_2` |')
  })

  it('shows the error that ended the run, invalid files and failures', () => {
    const md = renderSummary(
      report({
        error: 'No OpenAI API key.',
        invalid: [{ path: 'x.jsonl', file: 'batches/x.jsonl', abs: '', sha256: '', bytes: 0, checked: true, requests: 0, parts: [], endpoint: undefined, model: undefined, problems: [{ line: 3, message: 'Not valid | JSON' }] }],
        failures: [{ file: 'batches/y.jsonl', message: 'boom' }]
      })
    )
    expect(md).toContain('> No OpenAI API key.')
    expect(md).toContain('- `batches/x.jsonl` line 3: Not valid \\| JSON')
    expect(md).toContain('- `batches/y.jsonl`: boom')
  })

  it('says what a dry run would submit', () => {
    expect(renderSummary(report({ dryRun: true, wouldSubmit: ['batches/a.jsonl'] }))).toContain('Would submit: `batches/a.jsonl`')
  })

  it('stays under GitHub’s 1 MiB summary limit however many batches there are', () => {
    const md = renderSummary(report({ rows: Array.from({ length: 20000 }, (_, i) => row(i)) }))
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024)
    expect(md).toMatch(/…and \d+ more batches \(see the `batches` output\)\./)
  })
})
