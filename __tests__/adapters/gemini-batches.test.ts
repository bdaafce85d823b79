/** How a Gemini batch, as an Operation or as the batch itself, in either spelling of its states, reads as ours. */
import { describe, expect, it } from '@jest/globals'
import { Ledger, type OperationJson } from '../../src/adapters/gemini-batches'
import { memoryLog } from '../fixtures/ports'

const T = '2026-01-02T03:04:05.123456789Z'
const AT = Math.floor(Date.parse(T) / 1000)

const op = (metadata: Record<string, unknown>, extra: Partial<OperationJson> = {}): OperationJson => ({
  name: 'batches/b1',
  metadata: { name: 'batches/b1', createTime: T, inputConfig: { fileName: 'files/in' }, ...metadata },
  ...extra
})

describe('Ledger.toBatch', () => {
  it('reads the states of the REST API and of @google/genai alike', () => {
    const ledger = new Ledger(memoryLog())
    const states: [string, string][] = [
      ['BATCH_STATE_PENDING', 'validating'],
      ['BATCH_STATE_RUNNING', 'in_progress'],
      ['BATCH_STATE_SUCCEEDED', 'completed'],
      ['BATCH_STATE_FAILED', 'failed'],
      ['BATCH_STATE_CANCELLED', 'cancelled'],
      ['BATCH_STATE_EXPIRED', 'expired'],
      ['JOB_STATE_PENDING', 'validating'],
      ['JOB_STATE_RUNNING', 'in_progress'],
      ['JOB_STATE_SUCCEEDED', 'completed'],
      ['JOB_STATE_FAILED', 'failed'],
      ['JOB_STATE_CANCELLED', 'cancelled'],
      ['JOB_STATE_EXPIRED', 'expired'],
      ['SOMETHING_NEW', 'in_progress']
    ]
    for (const [state, ours] of states) expect(ledger.toBatch(op({ state })).status).toBe(ours)
  })

  it('gives both result files when a final batch has a responses file but no counts', () => {
    const b = new Ledger(memoryLog()).toBatch(
      op({ state: 'BATCH_STATE_SUCCEEDED', output: { responsesFile: 'files/batch-b1' } })
    )
    expect(b).toMatchObject({
      id: 'batches/b1',
      inputFileId: 'files/in',
      createdAt: AT,
      outputFileId: 'batches/b1/succeeded',
      errorFileId: 'batches/b1/failed',
      requestCounts: { total: 0, completed: 0, failed: 0 },
      metadata: {}
    })
  })

  it('reads the batch resource itself, not wrapped in an Operation', () => {
    const b = new Ledger(memoryLog()).toBatch({
      name: 'batches/b2',
      model: 'models/gemini-2.5-pro',
      state: 'BATCH_STATE_SUCCEEDED',
      createTime: T,
      output: { responsesFile: 'files/batch-b2' },
      batchStats: { requestCount: '12', successfulRequestCount: '12' }
    })
    expect(b).toMatchObject({
      id: 'batches/b2',
      model: 'gemini-2.5-pro',
      requestCounts: { total: 12, completed: 12, failed: 0 },
      outputFileId: 'batches/b2/succeeded',
      errorFileId: 'batches/b2/failed'
    })
  })

  it('gives no result files before the end, nor without a responses file', () => {
    const ledger = new Ledger(memoryLog())
    const stats = { requestCount: '2', successfulRequestCount: '1', failedRequestCount: '1' }
    const running = ledger.toBatch(
      op({ state: 'BATCH_STATE_RUNNING', batchStats: stats, output: { responsesFile: 'files/batch-b1' } })
    )
    expect([running.outputFileId, running.errorFileId]).toEqual([null, null])
    const failed = ledger.toBatch(op({ state: 'BATCH_STATE_FAILED', batchStats: stats }))
    expect([failed.outputFileId, failed.errorFileId]).toEqual([null, null])
    const none = ledger.toBatch(
      op({ state: 'BATCH_STATE_EXPIRED', batchStats: { requestCount: '2' }, output: { responsesFile: 'files/x' } })
    )
    expect([none.outputFileId, none.errorFileId]).toEqual([null, null])
  })

  it('says why a batch failed, and only a failed one', () => {
    const ledger = new Ledger(memoryLog())
    const error = { code: 13, message: 'The input file could not be parsed.' }
    expect(ledger.toBatch(op({ state: 'BATCH_STATE_FAILED' }, { error })).errors).toEqual([{ message: error.message }])
    expect(ledger.toBatch(op({ state: 'BATCH_STATE_CANCELLED' }, { error })).errors).toEqual([])
  })

  it('writes each batch to the debug log', () => {
    const log = memoryLog()
    new Ledger(log).toBatch(op({ state: 'BATCH_STATE_RUNNING' }))
    expect(log.text('debug')).toContain('batches/b1')
  })
})
