/**
 * Providers through dist/index.js: Azure OpenAI's v1 and classic APIs (a fake
 * that answers as Microsoft documents, in front of the OpenAI fake), and a
 * compatible API.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { fakeAz } from '../fakes/az'
import { AzureOptions, FakeAzure } from '../fakes/azure'
import { useBed } from '../helpers/bed'
import { request } from '../helpers/runner'

const bed = useBed()
const KEY = 'azure-key-123'
let azure: FakeAzure

/** Lines as Azure's samples write them: url without /v1, body.model the deployment's name. */
const azureLines = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${JSON.stringify({ custom_id: `a-${i + 1}`, method: 'POST', url: '/chat/completions', body: { model: 'gpt-4o-batch', messages: [{ role: 'user', content: `q${i + 1}` }] } })}\n`
  ).join('')

async function front(opts: Partial<AzureOptions> & Pick<AzureOptions, 'style'>): Promise<FakeAzure> {
  azure = new FakeAzure(bed.openai, { apiKey: KEY, ...opts })
  await azure.start()
  return azure
}

afterEach(async () => {
  await azure?.stop()
})

const envFor = (a: FakeAzure) => ({
  ...bed.env(),
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: a.baseUrl,
  INPUT_PROVIDER: 'azure'
})

describe.each<[AzureOptions['style'], Record<string, string>]>([
  ['v1', {}],
  ['classic', { 'azure-api-version': '2024-10-21' }]
])('Azure OpenAI, the %s API', (style, inputs) => {
  beforeEach(async () => {
    await front({ style })
  })
  const run = (event: string, more: Record<string, string> = {}) =>
    bed.ws.run({ event, env: envFor(azure), inputs: { ...inputs, ...more } })

  it("runs a push -> schedule cycle: waits for the upload to be processed, reads Azure's statuses and dates, writes no errors file for an empty one", async () => {
    bed.ws.write('batches/a.jsonl', azureLines(3))
    const pushed = await run('push')
    expect(pushed.code).toBe(0)
    expect(pushed.outputs.submitted).toBe('1')
    const [b] = bed.batchesFor('a.jsonl')
    bed.openai.complete(b!.id)
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(bed.ws.lines('results/a.jsonl')).toHaveLength(3)
    expect(bed.ws.exists('results/a.errors.jsonl')).toBe(false)
    expect(azure.problems()).toEqual([])
  })

  it('finds a batch whose create answer was lost, and rebuilds a lost cache from the batches, creating nothing twice', async () => {
    bed.ws.write('batches/a.jsonl', azureLines(2))
    bed.openai.inject('POST', /^\/v1\/batches$/, { kind: 'lost' })
    const pushed = await run('push')
    expect(pushed.code).toBe(0)
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
    bed.cache.entries.length = 0
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await run('schedule')
    expect(r.code).toBe(0)
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
    expect(bed.ws.lines('results/a.jsonl')).toHaveLength(2)
    expect(azure.problems()).toEqual([])
  })

  it('sends the key as api-key, never as a Bearer token, and an Entra token as Bearer', async () => {
    bed.ws.write('batches/a.jsonl', azureLines(1))
    await run('push')
    expect(azure.log.length).toBeGreaterThan(0)
    expect(azure.log.every(r => r.headers['api-key'] === KEY && !r.headers.authorization)).toBe(true)
  })
})

describe('Azure OpenAI with an Entra token', () => {
  it('authenticates with azure-ad-token as a Bearer token, with no key', async () => {
    await front({ style: 'v1', adToken: 'entra-token' })
    bed.ws.write('batches/a.jsonl', azureLines(1))
    const r = await bed.ws.run({
      event: 'push',
      env: { ...envFor(azure), OPENAI_API_KEY: '' },
      inputs: { 'azure-ad-token': 'entra-token' }
    })
    expect(r.code).toBe(0)
    expect(azure.log.every(q => q.headers.authorization === 'Bearer entra-token' && !q.headers['api-key'])).toBe(true)
    // Masked: the runner hides it wherever it is printed after the add-mask command.
    expect(r.stdout).toContain('::add-mask::entra-token')
    expect(r.stdout.replace('::add-mask::entra-token', '')).not.toContain('entra-token')
  })
})

describe.each<[AzureOptions['style'], Record<string, string>]>([
  ['v1', {}],
  ['classic', { 'azure-api-version': '2024-10-21' }]
])('Azure OpenAI signed in with the Azure CLI (azure-credential: azure-cli), the %s API', (style, inputs) => {
  // The fake az answers eyJ0.cli-1, eyJ0.cli-2, ...: a new token each time it is asked.
  const TOKEN = 'eyJ0.cli'
  const ASKED = 'account get-access-token --output json --resource https://cognitiveservices.azure.com'
  beforeEach(async () => {
    await front({ style, adToken: t => t.startsWith(`${TOKEN}-`) })
  })
  const run = (event: string, az: { dir: string }, more: Record<string, string> = {}) =>
    bed.ws.run({
      event,
      // The runner's env is built from scratch: the fake az goes first on its PATH.
      env: { ...envFor(azure), OPENAI_API_KEY: '', PATH: `${az.dir}:${process.env.PATH ?? ''}` },
      inputs: { ...inputs, 'azure-credential': 'azure-cli', ...more }
    })
  /** Where a token shows, but for the runner's add-mask commands (after which the runner hides it). */
  const leaks = (r: { stdout: string; stderr: string; summary: string; outputs: Record<string, string> }) =>
    [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs)].filter(t =>
      t.includes(TOKEN)
    )
  const bearers = (from = 0) => azure.log.slice(from).map(q => q.headers.authorization)

  it("runs a push -> schedule cycle with no key, every call (uploads too) carrying the CLI's token, which is masked", async () => {
    const az = fakeAz(bed.ws.root, { token: TOKEN })
    bed.ws.write('batches/a.jsonl', azureLines(2))
    const pushed = await run('push', az)
    expect(pushed.code).toBe(0)
    expect(pushed.outputs.submitted).toBe('1')
    const pushCalls = azure.log.length
    bed.openai.complete(bed.batchesFor('a.jsonl')[0]!.id)
    const r = await run('schedule', az)
    expect(r.code).toBe(0)
    expect(r.outputs.completed).toBe('1')
    expect(bed.ws.lines('results/a.jsonl')).toHaveLength(2)
    // One token a run: it is kept until it nears its expiry (an hour here).
    expect(az.calls()).toEqual([ASKED, ASKED])
    expect(new Set(bearers().slice(0, pushCalls))).toEqual(new Set([`Bearer ${TOKEN}-1`]))
    expect(new Set(bearers(pushCalls))).toEqual(new Set([`Bearer ${TOKEN}-2`]))
    const uploads = azure.log.filter(q => q.method === 'POST' && /\/files$/.test(q.path))
    expect(uploads.map(q => q.headers.authorization)).toEqual([`Bearer ${TOKEN}-1`])
    expect(azure.log.some(q => q.headers['api-key'] !== undefined)).toBe(false)
    expect(azure.problems()).toEqual([])
    expect(pushed.stdout).toContain(`::add-mask::${TOKEN}-1`)
    expect(r.stdout).toContain(`::add-mask::${TOKEN}-2`)
    expect([...leaks(pushed), ...leaks(r)]).toEqual([])
  })

  it("asks for a new token as the last nears its expiry, on the SDK's calls and the uploads alike, masking each", async () => {
    // A token of 60 s is inside the 5 minutes before its expiry when it is renewed: each call asks az again.
    const az = fakeAz(bed.ws.root, { token: TOKEN, lifetime: 60 })
    bed.ws.write('batches/a.jsonl', azureLines(1))
    bed.ws.write('batches/b.jsonl', azureLines(1))
    // One file after the other: the second upload comes after calls that renewed the token.
    const r = await run('push', az, { 'max-concurrency': '1' })
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('2')
    expect(az.calls().length).toBeGreaterThan(2)
    const seen = new Set(bearers())
    expect(seen.size).toBeGreaterThan(2)
    const uploads = azure.log
      .filter(q => q.method === 'POST' && /\/files$/.test(q.path))
      .map(q => q.headers.authorization)
    expect(uploads).toHaveLength(2)
    // The second upload is not sent the token the first one was.
    expect(uploads[1]).not.toBe(uploads[0])
    for (const b of seen) expect(r.stdout).toContain(`::add-mask::${b!.slice('Bearer '.length)}`)
    expect(azure.problems()).toEqual([])
    expect(leaks(r)).toEqual([])
  })

  it('fails clearly, saying to run azure/login first, when the Azure CLI is not signed in', async () => {
    const az = fakeAz(bed.ws.root, { token: TOKEN, loggedIn: false })
    bed.ws.write('batches/a.jsonl', azureLines(1))
    const r = await run('push', az)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      "::error::azure-credential: azure-cli could not get a token from the Azure CLI (Please run 'az login'"
    )
    expect(r.stdout).toContain('`uses: azure/login@v2`')
    expect(r.stdout).toContain('`permissions: id-token: write`')
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m)
    expect(az.calls()).toEqual([ASKED])
    expect(azure.log).toEqual([])
    expect(bed.batchesFor('a.jsonl')).toHaveLength(0)
  })
})

describe('the completion window', () => {
  it('is checked against the provider before anything is uploaded', async () => {
    bed.ws.write('batches/a.jsonl', `${request('a-1')}\n`)
    const r = await bed.ws.run({ event: 'push', env: bed.env(), inputs: { 'completion-window': '48h' } })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Input 'completion-window': OpenAI takes a completion-window of 24h; got '48h'.")
    expect(bed.openai.requests('POST', /^\/v1\/files$/)).toHaveLength(0)
  })
})

describe('a compatible provider', () => {
  it('is sent no optional field it did not ask for, and keeps working', async () => {
    bed.ws.write('batches/a.jsonl', `${request('a-1')}\n`)
    const env = { ...bed.env(), INPUT_PROVIDER: 'compatible' }
    const r = await bed.ws.run({ event: 'push', env })
    expect(r.code).toBe(0)
    expect(bed.openai.requests('POST', /^\/v1\/files$/)[0]!.form!.expires_after).toBeUndefined()
    expect(bed.openai.requests('POST', /^\/v1\/batches$/)[0]!.json).not.toHaveProperty('output_expires_after')
  })
})
