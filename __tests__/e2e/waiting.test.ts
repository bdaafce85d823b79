/**
 * Nothing waits silently (#23 item 1): a file new or changed with no batch yet (its push run
 * failed, was refused for max-cost, or never ran) is submitted by the next scheduled run under
 * `mode: auto`, as a warning when it cannot be; an explicit `mode: collect` names it instead.
 */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile, RunResult } from '../helpers/runner'

const bed = useBed()
const push = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'push', env: bed.env(), inputs })
const schedule = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'schedule', env: bed.env(), inputs })
const uploads = () => bed.openai.requests('POST', /^\/v1\/files$/)
const annotated = (r: RunResult, level: 'error' | 'warning', file: string) =>
  r.annotations.filter(a => a.level === level && a.file === file).map(a => a.message)

const TOO_LOW = { 'max-cost': '0.00000001' }
const RUN_AGAIN =
  'To submit it, raise max-cost, then run the workflow from the Actions tab (Run workflow), ' +
  'or wait for the next scheduled run.'

describe('a scheduled run under mode: auto', () => {
  it('submits a file that no push run submitted', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('::group::Submit waiting files')
    expect(r.outputs.submitted).toBe('1')
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
    expect(r.annotations.filter(a => a.level !== 'notice')).toEqual([])
  })

  it('warns, without failing, for a file max-cost refused, then submits it once the limit is raised', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const refused = await push(TOO_LOW)
    expect(refused.code).toBe(1)
    expect(annotated(refused, 'error', 'batches/a.jsonl')).toEqual([expect.stringContaining(RUN_AGAIN)])

    const again = await schedule(TOO_LOW)
    expect(again.code).toBe(0)
    expect(uploads()).toEqual([])
    expect(annotated(again, 'error', 'batches/a.jsonl')).toEqual([])
    expect(annotated(again, 'warning', 'batches/a.jsonl')).toEqual([
      expect.stringMatching(/^batches\/a\.jsonl: not uploaded: the run's estimate \$[\d.e-]+ is over max-cost/)
    ])
    expect(annotated(again, 'warning', 'batches/a.jsonl')[0]).toContain(RUN_AGAIN)
    expect(again.summary).toContain('### Waiting for a batch (not submitted)')
    expect(again.summary).toContain(RUN_AGAIN)

    const raised = await schedule({ 'max-cost': '5' })
    expect(raised.code).toBe(0)
    expect(raised.outputs.submitted).toBe('1')
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
    expect(raised.summary).not.toContain('Waiting for a batch')
  })

  it('warns for an invalid new file, and submits the valid one beside it', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    bed.ws.write('batches/bad.jsonl', 'not json\n')
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(annotated(r, 'warning', 'batches/bad.jsonl')).toHaveLength(1)
    expect(r.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
    expect(bed.batchesFor('bad.jsonl')).toEqual([])
  })

  it('prints no waiting step when nothing waits', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    expect((await push()).code).toBe(0)
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('::group::Submit waiting files')
    expect(r.outputs.submitted).toBe('0')
  })
})

describe('an explicit mode: collect', () => {
  it('names a waiting file in a warning and the summary, says how to submit it, and submits nothing', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const r = await schedule({ mode: 'collect' })
    expect(r.code).toBe(0)
    expect(uploads()).toEqual([])
    expect(bed.openai.batches.size).toBe(0)
    const fix = 'To submit it, run with mode: submit or sync, or use mode: auto'
    expect(annotated(r, 'warning', 'batches/a.jsonl')).toEqual([
      expect.stringMatching(
        /^batches\/a\.jsonl is new or changed and has no batch yet; a collect run does not submit it/
      )
    ])
    expect(annotated(r, 'warning', 'batches/a.jsonl')[0]).toContain(fix)
    expect(r.summary).toContain('### Waiting for a batch (not submitted)')
    expect(r.summary).toContain(`- \`batches/a.jsonl\`: batches/a.jsonl is new or changed`)
    expect(r.summary).toContain(fix)
  })

  it('prints no waiting step when nothing waits', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    expect((await push()).code).toBe(0)
    const r = await schedule({ mode: 'collect' })
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('::group::Files waiting')
    expect(r.annotations.filter(a => a.level === 'warning')).toEqual([])
  })
})
