/**
 * What was spent: each batch's usage as OpenAI reports it, or summed from
 * its result lines when it reports none, priced at the Batch price, in the
 * outputs and the events.
 */
import { describe, expect, it } from '@jest/globals'
import { calcPrice } from '@pydantic/genai-prices'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const push = () => bed.ws.run({ event: 'push', env: bed.env() })
const schedule = (inputs: Record<string, string> = {}) => bed.ws.run({ event: 'schedule', env: bed.env(), inputs })

// The fake answers every chat request with 10 prompt tokens (4 cached) and 5 completion tokens (1 reasoning).
const usageOf = (n: number) => ({
  input_tokens: 10 * n,
  input_tokens_details: { cached_tokens: 4 * n },
  output_tokens: 5 * n,
  output_tokens_details: { reasoning_tokens: n },
  total_tokens: 15 * n
})
const batchPrice = (n: number) => {
  const p = calcPrice({ input_tokens: 10 * n, cache_read_tokens: 4 * n, output_tokens: 5 * n }, 'gpt-4o-mini', {
    providerId: 'openai'
  })!
  return (p.input_price + p.output_price) / 2
}

describe('usage and cost', () => {
  it.each([
    ['as the batch reports it', false],
    ['summed from the result lines when the batch reports none', true]
  ])('puts the usage of the batches collected %s in the outputs, priced at the Batch price', async (_, noUsage) => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    await push()
    for (const f of ['a.jsonl', 'b.jsonl']) bed.openai.complete(bed.batchesFor(f)[0]!.id, { noUsage })
    const r = await schedule()
    expect(r.code).toBe(0)
    expect(JSON.parse(r.outputs.usage!)).toEqual(usageOf(5))
    expect(Number(r.outputs.cost)).toBeCloseTo(batchPrice(5), 6)
    // Nothing collected, nothing spent.
    const again = await schedule()
    expect([JSON.parse(again.outputs.usage!).total_tokens, again.outputs.cost]).toEqual([0, '0.00'])
  })

  it('prices the batches it lists on a run that collects nothing new', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await push()
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    await schedule()
    const quiet = await schedule()
    expect(quiet.summary).not.toContain('no price known')
    const [row] = JSON.parse(quiet.outputs.batches!) as { cost: number | null }[]
    expect(row!.cost).toBeCloseTo(batchPrice(3), 9)
  })

  it('writes a tiny cost as a plain decimal, not 0.000000', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(1, 'a'))
    await push()
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await schedule()
    expect(r.outputs.cost).toMatch(/^0\.0+[1-9]\d{0,3}$/)
    expect(Number(r.outputs.cost)).toBeCloseTo(batchPrice(1), 9)
  })

  it('carries each batch usage and cost in its event', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    await push()
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await schedule({ 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret })
    expect(r.code).toBe(0)
    const [event] = bed.webhook.events()
    expect(event!.data.usage).toEqual(usageOf(3))
    expect(event!.data.cost).toBeCloseTo(batchPrice(3), 9)
  })

  it('says no cost for a model with no known price, and still counts its tokens', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a').replace(/gpt-4o-mini/g, 'my-own-model'))
    await push()
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await schedule()
    expect(JSON.parse(r.outputs.usage!)).toEqual(usageOf(2))
    expect(r.outputs.cost).toBe('')
  })
})

describe('usage of the Responses API', () => {
  it('reads input_tokens and output_tokens, from the batch and from the lines alike', async () => {
    for (const noUsage of [false, true]) {
      const name = `r${noUsage ? 1 : 0}.jsonl`
      bed.ws.write(
        `batches/${name}`,
        requestFile(2, `x${noUsage}`)
          .replace(/\/v1\/chat\/completions/g, '/v1/responses')
          .replace(/"messages":\[[^\]]*\]/g, '"input":"hi"')
      )
      await push()
      const b = bed.batchesFor(name)[0]!
      bed.openai.complete(b.id, { noUsage })
      const r = await schedule()
      expect(JSON.parse(r.outputs.usage!)).toEqual(usageOf(2))
      const line = JSON.parse(bed.ws.read(`results/${name}`).split('\n')[0]!) as {
        response: { body: { object: string } }
      }
      expect(line.response.body.object).toBe('response')
    }
  })
})
