/**
 * Results that fit in git (#26 item 4): a plan and a submit estimate each
 * file's results from its requests and warn, before anything is spent, when a
 * commit would hold them gzip-compressed or leave them out.
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'

const bed = useBed()

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

/**
 * 800 embeddings of 3,072 dimensions: about 800 x (300 + 3,072 x 20) = 49 MB of
 * results, over the 40 MiB (41.9 MB) blob limit, under it gzipped.
 */
const embeddings = (n = 800) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      custom_id: `e-${i}`,

      method: 'POST',
      url: '/v1/embeddings',
      body: { model: 'text-embedding-3-large', input: `text ${i}`, dimensions: 3072 }
    })
  ).join('\n') + '\n'

const chat =
  Array.from({ length: 3 }, (_, i) =>
    JSON.stringify({
      custom_id: `q-${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `hi ${i}` }], max_tokens: 100 }
    })
  ).join('\n') + '\n'

const WARNING = "batches/emb.jsonl: its results are estimated at about 49 MB, over GitHub's 40 MiB blob limit"

const warnings = (r: { annotations: { level: string; file?: string; message: string }[] }) =>
  r.annotations.filter(a => a.level === 'warning' && a.message.includes('its results are estimated'))

describe('results that fit in git', () => {
  it('a pull request plan warns of a file whose results would be gzipped, and not of a small one', async () => {
    bed.ws.write('batches/emb.jsonl', embeddings())
    bed.ws.write('batches/chat.jsonl', chat)
    const r = await pullRequest()
    expect(r.code).toBe(0)
    expect(warnings(r)).toEqual([
      {
        level: 'warning',
        file: 'batches/emb.jsonl',
        line: undefined,
        message: expect.stringContaining(WARNING)
      }
    ])
    const [w] = warnings(r)
    expect(w!.message).toContain('a commit would hold them gzip-compressed, as a .gz file')
    expect(w!.message).toContain('use results: artifact; readable-results: csv')
    const body = bed.github.comments[0]!.body
    expect(body).toContain(`> [!WARNING]\n> ${WARNING}`)
    expect(body).not.toContain('batches/chat.jsonl: its results')
    expect(r.summary).toContain(WARNING)
  })

  it('a push warns before it submits, in the annotations and the summary', async () => {
    bed.ws.write('batches/emb.jsonl', embeddings())
    bed.ws.write('batches/chat.jsonl', chat)
    const r = await push()
    expect(r.code).toBe(0)
    expect(warnings(r).map(a => [a.file, a.message.slice(0, WARNING.length)])).toEqual([['batches/emb.jsonl', WARNING]])
    expect(r.summary).toContain(WARNING)
    // A warning, not a refusal: both files are submitted.
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)).toHaveLength(2)
  })

  it('with max-cost, says it once, in the estimate', async () => {
    bed.ws.write('batches/emb.jsonl', embeddings())
    const r = await push({ 'max-cost': '5' })
    expect(r.code).toBe(0)
    expect(warnings(r)).toHaveLength(1)
    expect(r.summary.split(WARNING)).toHaveLength(2)
    expect(r.summary).toContain(`> [!WARNING]\n> ${WARNING}`)
  })

  it('says the results would be left out when they are too big even gzipped', async () => {
    bed.ws.write('batches/emb.jsonl', embeddings(2000))
    const r = await push()
    expect(warnings(r)).toHaveLength(1)
    expect(warnings(r)[0]!.message).toContain('about 123 MB')
    expect(warnings(r)[0]!.message).toContain('leave them out and upload them as an artifact')
  })

  it('does not warn when results do not go to git', async () => {
    bed.ws.write('batches/emb.jsonl', embeddings())
    const r = await push({ results: 'artifact' })
    expect(r.code).toBe(0)
    expect(warnings(r)).toEqual([])
    expect(r.summary).not.toContain('its results are estimated')
  })
})
