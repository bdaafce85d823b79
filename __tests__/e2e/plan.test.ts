/**
 * Review before spending: a pull_request run plans (one sticky comment, no
 * upload, no batch, no cache saved), and max-cost guards a submit. The
 * estimate is checked against the tokenizer and the price list directly.
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { calcPrice } from '@pydantic/genai-prices'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()

/** A pull_request run for PR #7, as the runner starts it. */
function pullRequest(inputs: Record<string, string> = {}) {
  const eventPath = path.join(bed.ws.root, 'event.json')
  fs.writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }))
  return bed.ws.run({
    event: 'pull_request',
    inputs,
    env: { ...bed.env(), GITHUB_EVENT_PATH: eventPath, GITHUB_REF: 'refs/pull/7/merge' }
  })
}
const push = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'push', inputs, env: bed.env() })
const spent = () => bed.openai.requests('POST', /^\/v1\/(files|batches)$/)

/** Three chat requests whose tokens the test counts itself. */
const texts = ['Summarise the plot of Hamlet in one line.', 'Name three primes.', 'Translate "good morning" to French.']
const chatFile = (maxTokens?: number) =>
  texts
    .map((t, i) =>
      JSON.stringify({
        custom_id: `q-${i}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: {
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: t }],
          ...(maxTokens ? { max_tokens: maxTokens } : {})
        }
      })
    )
    .join('\n') + '\n'

describe('mode auto on a pull_request: the plan', () => {
  it('comments once, updates the same comment on the next push, and spends nothing', async () => {
    bed.ws.write('batches/a.jsonl', chatFile(50))
    const first = await pullRequest()
    expect(first.code).toBe(0)
    expect(spent()).toEqual([])
    expect(bed.cache.entries).toEqual([])
    expect(bed.github.comments).toHaveLength(1)
    const [c] = bed.github.comments
    expect(c!.issue).toBe(7)
    expect(c!.body).toContain('<!-- openai-batch-action plan: octo/batches:batches -->')
    expect(c!.body).toContain('A merge would submit 1 file (1 batch, 3 requests)')
    expect(c!.body).toContain('| `batches/a.jsonl` | 1 | 3 | gpt-4o-mini |')
    expect(first.summary).toContain('A merge would submit 1 file (1 batch, 3 requests)')
    expect(first.summary).toContain('## OpenAI batches (plan)')

    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    const second = await pullRequest()
    expect(second.code).toBe(0)
    expect(bed.github.comments).toHaveLength(1)
    expect(bed.github.comments[0]!.updates).toBe(1)
    expect(bed.github.comments[0]!.body).toContain('A merge would submit 2 files (2 batches, 5 requests)')
    expect(spent()).toEqual([])
  })

  it('estimates what the tokenizer and the price list say, at half the synchronous price', async () => {
    bed.ws.write('batches/a.jsonl', chatFile(50))
    const r = await pullRequest()
    // 3 tokens of framing a message, 3 to start the reply (OpenAI's chat format).
    const input = texts.reduce((n, t) => n + countTokens(t) + 3 + 3, 0)
    const price = calcPrice({ input_tokens: input, output_tokens: 150 }, 'gpt-4o-mini', { providerId: 'openai' })!
    const usd = (n: number) => `$${n >= 1 ? n.toFixed(2) : n.toFixed(1 - Math.floor(Math.log10(n)))}` // two significant digits, no exponent
    const body = bed.github.comments[0]!.body
    expect(body).toContain(`| gpt-4o-mini | ${input} | ≤ 150 | ${usd((price.input_price + price.output_price) / 2)} |`)
    expect(body).toContain(`input ${usd(price.input_price / 2)}, output at most ${usd(price.output_price / 2)}`)
    expect(r.summary).toContain('Prices from @pydantic/genai-prices')
    // The same estimate as an output a workflow can branch on, as max-cost reads dollars.
    expect(Number(r.outputs['estimated-cost'])).toBeCloseTo((price.input_price + price.output_price) / 2, 6)
  })

  it('says the output is unknown when requests do not bound it', async () => {
    bed.ws.write('batches/a.jsonl', chatFile())
    await pullRequest()
    const body = bed.github.comments[0]!.body
    expect(body).toMatch(/\| gpt-4o-mini \| \d+ \| unknown \| \$[\d.]+ \+ output \(unbounded\) \|/)
    expect(body).toContain('output unknown: no request sets a limit on output tokens')
  })

  it('puts the plan in the summary with a warning naming the permission when it may not comment', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    bed.github.noComments = true
    const r = await pullRequest()
    expect(r.code).toBe(0)
    expect(bed.github.comments).toEqual([])
    expect(r.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('permissions: pull-requests: write')
    })
    expect(r.summary).toContain('A merge would submit 1 file')
    expect(spent()).toEqual([])
  })

  it('plans without a key (a pull request from a fork gets no secrets), from the saved state', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    await push()
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    const r = await pullRequest({ 'openai-api-key': '' })
    expect(r.code).toBe(0)
    expect(bed.github.comments[0]!.body).toContain('A merge would submit 1 file (1 batch, 2 requests)')
    expect(bed.github.comments[0]!.body).toContain('`batches/b.jsonl`')
  })

  it('shows what a merge would cancel as superseded, and the budget verdict', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    await push()
    const [old] = bed.batchesFor('a.jsonl')
    bed.ws.write('batches/a.jsonl', requestFile(3))
    await pullRequest({ 'max-cost': '0.000001' })
    const body = bed.github.comments[0]!.body
    expect(body).toContain(
      `Would cancel, as superseded:\n- \`${old!.id}\` (\`a.jsonl\`, validating): the file changed.`
    )
    expect(body).toContain('Over max-cost')
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
  })

  it('refuses pull_request_target under auto, saying why', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'pull_request_target', env: bed.env() })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('auto does not run on pull_request_target')
    expect(spent()).toEqual([])
  })
})

describe('max-cost', () => {
  it('uploads nothing when the estimate is over it, annotating each file with the figures', async () => {
    bed.ws.write('batches/a.jsonl', chatFile(50))
    bed.ws.write('batches/b.jsonl', chatFile(50).replace(/q-/g, 'p-'))
    const r = await push({ 'max-cost': '0.00001' })
    expect(r.code).toBe(1)
    expect(spent()).toEqual([])
    const errors = r.annotations.filter(a => a.level === 'error' && a.file)
    expect(errors.map(a => a.file).sort()).toEqual(['batches/a.jsonl', 'batches/b.jsonl'])
    expect(errors[0]!.message).toMatch(
      /not uploaded: the run's estimate \$[\d.e-]+ is over max-cost \$0\.000010 \(this file: \$[\d.e-]+\)\./
    )
    // It ends with how to run again: a re-run of this run would read the old limit.
    expect(errors[0]!.message).toMatch(
      /\. To submit it, raise max-cost, then run the workflow from the Actions tab \(Run workflow\), or wait for the next scheduled run\.$/
    )
    expect(r.outputs.submitted).toBe('0')
  })

  it('submits when the estimate is within it, and says so', async () => {
    bed.ws.write('batches/a.jsonl', chatFile(50))
    const r = await push({ 'max-cost': '5' })
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('1')
    expect(r.summary).toMatch(/Within max-cost: the estimate \$[\d.e-]+ is at most \$5\.00\./)
  })

  it('refuses a model with no known price: the budget cannot be checked', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2).replace(/gpt-4o-mini/g, 'my-own-model'))
    const r = await push({ 'max-cost': '5' })
    expect(r.code).toBe(1)
    expect(spent()).toEqual([])
    expect(r.stdout).toContain('max-cost $5.00 cannot be checked: no price is known for my-own-model')
    expect(r.stdout).toContain(
      'To submit it unchecked, leave max-cost empty, then run the workflow from the Actions tab'
    )
  })
})
