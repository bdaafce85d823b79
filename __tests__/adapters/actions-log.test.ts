import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { actionsLog } from '../../src/adapters/actions-log'

afterEach(() => {
  jest.restoreAllMocks()
})

describe('actionsLog', () => {
  it('masks a secret with the add-mask workflow command, which the runner hides from then on', () => {
    const written: string[] = []
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => (written.push(String(chunk)), true))
    actionsLog.mask('t1')
    expect(written.join('').split('\n')).toContain('::add-mask::t1')
  })
})
