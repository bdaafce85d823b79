import { afterEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readEvent } from '../../src/config/event'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-event-'))
afterEach(() => fs.rmSync(path.join(dir, 'e.json'), { force: true }))
const write = (payload: unknown): string => {
  fs.writeFileSync(path.join(dir, 'e.json'), typeof payload === 'string' ? payload : JSON.stringify(payload))
  return path.join(dir, 'e.json')
}

describe('readEvent', () => {
  it('reads the pull request number of a pull_request event', () => {
    expect(readEvent('pull_request', write({ number: 12, pull_request: { number: 12 } }))).toEqual({
      eventBatchId: undefined,
      pullRequest: 12
    })
  })

  it('reads the batch of a relayed OpenAI event, and nothing from a payload that is not one', () => {
    expect(
      readEvent('repository_dispatch', write({ client_payload: { type: 'batch.completed', data: { id: 'batch_1' } } }))
        .eventBatchId
    ).toBe('batch_1')
    expect(
      readEvent('repository_dispatch', write({ client_payload: { type: 'batch.completed', data: { id: '../x' } } }))
        .eventBatchId
    ).toBeUndefined()
    expect(readEvent('repository_dispatch', write('not json')).eventBatchId).toBeUndefined()
  })

  it('reads nothing from other events, or without a payload', () => {
    expect(readEvent('push', write({ number: 3 }))).toEqual({ eventBatchId: undefined, pullRequest: undefined })
    expect(readEvent('pull_request', undefined)).toEqual({ eventBatchId: undefined, pullRequest: undefined })
  })
})
