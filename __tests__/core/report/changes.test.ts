import { describe, expect, it } from '@jest/globals'
import { defaultMessage } from '../../../src/core/report/changes'

describe('defaultMessage', () => {
  it('counts every batch of a file, its parts and retries too, and lists the files', () => {
    const message = defaultMessage(
      [
        { path: 'results/a.jsonl', batchId: 'batch_1, batch_2', removed: false, existed: true, changed: true },
        { path: 'results/a.errors.jsonl', batchId: 'batch_1, batch_2', removed: true, existed: true, changed: true },
        { path: 'results/b.jsonl', batchId: 'batch_3', removed: false, existed: false, changed: true }
      ],
      'OpenAI'
    )
    expect(message).toBe(
      'Add OpenAI batch results (3 batches)\n\n- results/a.jsonl (batch_1, batch_2)\n- results/a.errors.jsonl (batch_1, batch_2, removed)\n- results/b.jsonl (batch_3)\n'
    )
    expect(
      defaultMessage(
        [{ path: 'results/b.jsonl', batchId: 'batch_3', removed: false, existed: false, changed: true }],
        'OpenAI'
      )
    ).toMatch(/^Add OpenAI batch results \(1 batch\)\n/)
  })
})

describe('defaultMessage, for results whose request file was deleted', () => {
  it('says so, and does not count them as a batch', () => {
    const msg = defaultMessage(
      [
        { path: 'results/a.jsonl', batchId: 'batch_1', removed: false, existed: false, changed: true },
        { path: 'results/gone.jsonl', batchId: '', removed: true, existed: true, changed: true }
      ],
      'Anthropic'
    )
    expect(msg).toBe(
      'Add Anthropic batch results (1 batch)\n\n- results/a.jsonl (batch_1)\n- results/gone.jsonl (removed: its request file was deleted)\n'
    )
  })
})
