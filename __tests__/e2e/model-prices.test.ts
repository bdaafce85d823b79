/**
 * Prices for any model: the model-prices input prices a model the price list
 * does not know, as another model or at Batch prices given in numbers, in the
 * plan, max-cost, the cost output, the summary and the events.
 */
import { describe, expect, it } from '@jest/globals'
import { calcPrice } from '@pydantic/genai-prices'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const push = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'push', inputs, env: bed.env() })
const dryRun = (inputs: Record<string, string> = {}) =>
  bed.ws.run({ event: 'push', inputs: { ...inputs, 'dry-run': 'true' }, env: bed.env() })
const schedule = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'schedule', env: bed.env(), inputs })
const uploads = () => bed.openai.requests('POST', /^\/v1\/(files|batches)$/)

const texts = ['Summarise the plot of Hamlet in one line.', 'Name three primes.']
/** Chat requests to `model`, each bounded to 50 output tokens. */
const chatFile = (model: string) =>
  texts
    .map((t, i) =>
      JSON.stringify({
        custom_id: `q-${i}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model, max_tokens: 50, messages: [{ role: 'user', content: t }] }
      })
    )
    .join('\n') + '\n'

describe('model-prices', () => {
  it("prices an alias as the other model: the plan's cost, estimated-cost and the note naming it", async () => {
    bed.ws.write('batches/a.jsonl', chatFile('my-deployment'))
    const r = await dryRun({ 'model-prices': 'my-deployment=gpt-4o-mini' })
    expect(r.code).toBe(0)
    const input = texts.reduce((n, t) => n + countTokens(t) + 3 + 3, 0)
    const price = calcPrice({ input_tokens: input, output_tokens: 100 }, 'gpt-4o-mini', { providerId: 'openai' })!
    expect(Number(r.outputs['estimated-cost'])).toBeCloseTo((price.input_price + price.output_price) / 2, 7)
    expect(r.summary).toMatch(/\| my-deployment \| \d+ \| ≤ 100 \| \$[\d.]+ \|/)
    expect(r.summary).toContain('for some models from input `model-prices`: `my-deployment=gpt-4o-mini`.')
    expect(r.summary).not.toContain('no price')
  })

  it('lets max-cost check a model that had no price, at the numbers as given', async () => {
    bed.ws.write('batches/a.jsonl', chatFile('my-own-model'))
    const within = await push({ 'max-cost': '5', 'model-prices': 'my-own-model=1000/1000' })
    expect(within.code).toBe(0)
    expect(within.outputs.submitted).toBe('1')
    const input = texts.reduce((n, t) => n + countTokens(t) + 3 + 3, 0)
    // $1000 per million tokens, not halved: $0.001 a token.
    expect(Number(within.outputs['estimated-cost'])).toBeCloseTo((input + 100) / 1000, 9)
    expect(within.summary).toContain('(its numbers are Batch prices, not halved)')

    bed.ws.write('batches/b.jsonl', chatFile('my-own-model'))
    const over = await push({ 'max-cost': '0.01', 'model-prices': 'my-own-model=1000/1000' })
    expect(over.code).toBe(1)
    expect(over.stdout).toMatch(/not uploaded: the run's estimate \$[\d.]+ is over max-cost \$0\.01/)
    expect(uploads()).toHaveLength(2)
  })

  it('puts the cost at numeric prices in the outputs, the summary and the event, a glob naming the models', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a').replace(/gpt-4o-mini/g, 'ft:gpt-4.1-mini-2025-04-14:org::x1'))
    const prices = 'other=9/9\nft:gpt-4.1-mini*=2/8\nft:*=5/5'
    await push({ 'model-prices': prices })
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await schedule({
      'model-prices': prices,
      'webhook-url': bed.webhook.url,
      'webhook-secret': bed.webhook.secret
    })
    expect(r.code).toBe(0)
    // 3 requests of 10 input tokens (4 cached, at the input price) at $2 and 5 output tokens at $8 per million.
    expect(r.outputs.cost).toBe('0.00018')
    expect(bed.webhook.events()[0]!.data.cost).toBeCloseTo(0.00018, 12)
    expect(r.summary).toContain(
      '$0.00018 at the Batch price (prices from input `model-prices`: `ft:gpt-4.1-mini*=2/8`)'
    )
  })

  it('fails the step naming a line it cannot read, before anything is uploaded', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(1, 'a'))
    const r = await push({ 'model-prices': 'gpt-4o-mini=0.15/0.6\nmy-model=$1/$2' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      "::error::Input 'model-prices' line 2: write name=model or name=input/output in US dollars per million tokens; got 'my-model=$1/$2'."
    )
    expect(uploads()).toEqual([])
  })
})
