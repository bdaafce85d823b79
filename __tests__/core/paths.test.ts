import { describe, expect, it } from '@jest/globals'
import { shortPaths } from '../../src/core/paths'

describe('shortPaths', () => {
  it('makes workspace paths relative and names the temp folder, with either separator', () => {
    const dirs = { workspace: '/home/runner/work/r/r', tempDir: '/home/runner/work/_temp/openai-batch-action/tmp' }
    expect(
      shortPaths(
        "Storing /home/runner/work/r/r/results/a.jsonl: ENOSPC, write '/home/runner/work/_temp/openai-batch-action/tmp/x.gz'",
        dirs
      )
    ).toBe("Storing results/a.jsonl: ENOSPC, write '<runner temp>/x.gz'")
    expect(shortPaths('open D:\\a\\r\\r\\results\\a.jsonl', { workspace: 'D:\\a\\r\\r', tempDir: 'D:\\t' })).toBe(
      'open results\\a.jsonl'
    )
  })
})
