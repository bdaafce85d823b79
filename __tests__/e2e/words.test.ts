/** Words that fit the run (#23 item 9): what a push, a dry run, a plan and a quiet collect say. */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const groups = (stdout: string) => [...stdout.matchAll(/^::group::(.*)$/gm)].map(m => m[1])

describe('words that fit the run', () => {
  it('a dry run says what this run would do, saves nothing and lists an invalid file once', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    bed.ws.write('batches/bad.jsonl', 'not json\n')
    const r = await bed.ws.run({ event: 'push', env: bed.env(), inputs: { 'dry-run': 'true' } })
    expect(r.summary).toContain('Without dry-run, this run would submit 1 file (1 batch, 3 requests)')
    expect(r.summary).not.toContain('A merge would')
    expect(r.summary).toContain('output unknown: no request sets a limit on output tokens')
    expect(r.summary.split('`batches/bad.jsonl`').length - 1).toBe(1)
    expect(r.stdout).toContain('batches/bad.jsonl is invalid (see the annotations); a submit would refuse it.')
    expect(r.stdout).not.toContain('it was not uploaded')
    expect(groups(r.stdout)).not.toContain('Save state')
    expect(r.stdout).toContain('No batch of these request files at OpenAI since')
    expect(r.stdout).toMatch(/No saved state: no cache key 'openai-batch-state-\d+-1', nor any starting/)
  })

  it('a collect with nothing to resubmit prints no empty heading, and logs a finished batch once', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    await bed.ws.run({ event: 'push', env: bed.env() })
    const early = await bed.ws.run({ event: 'schedule', env: bed.env() })
    expect(early.stdout).toContain('No batch finished since the last run; 1 batch still running.')
    const id = bed.batchesFor('a.jsonl')[0]!.id
    bed.openai.complete(id)
    const r = await bed.ws.run({ event: 'schedule', env: bed.env() })
    expect(r.code).toBe(0)
    expect(groups(r.stdout)).not.toContain('Submit again what the token limit refused')
    expect(r.stdout).toContain('State: 1 tracked batch.')
    const logged = r.stdout.split('\n').filter(l => l.includes(id) && !l.startsWith('::debug'))
    expect(logged).toEqual([`batches/a.jsonl: batch ${id} completed (2 ok, 0 failed).`])
  })

  it('a failure names its file once in the summary', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const r = await bed.ws.run({ event: 'push', env: bed.env(), inputs: { 'max-cost': '0.0000001' } })
    expect(r.code).toBe(1)
    expect(r.summary).toContain('- `batches/a.jsonl`: not uploaded:')
    expect(r.summary).not.toContain('`batches/a.jsonl`: batches/a.jsonl')
    expect(r.summary).toContain('This run would submit 1 file')
    // One message for one refusal: the file's annotation; the step's failure only names the file.
    expect(r.annotations.filter(a => a.message.includes('not uploaded'))).toHaveLength(1)
    expect(r.annotations).toContainEqual({
      level: 'error',
      message: 'Failed for batches/a.jsonl: see the annotations above and the job summary.'
    })
  })
})
