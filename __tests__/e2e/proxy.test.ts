/**
 * Proxies, end to end: dist/index.js behind a real proxy (Debian's tinyproxy)
 * sends every call to OpenAI, the uploads included, and its webhook through it,
 * as HTTPS_PROXY and HTTP_PROXY say (in either case), and goes direct to what
 * NO_PROXY names. The fakes of OpenAI (https, so HTTPS_PROXY is what applies)
 * and of the webhook receiver (http: HTTP_PROXY) listen on 127.0.0.2; the proxy
 * listens on 127.0.0.1 and connects out from 127.0.0.3, so the address a fake
 * saw says whether a call came through the proxy. The cache and GitHub fakes
 * stay on 127.0.0.1: those are the toolkit's calls, with their own proxy handling.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'
import { startTinyproxy, Tinyproxy } from '../helpers/tinyproxy'

const bed = useBed({ host: '127.0.0.2', tls: true })
let proxy: Tinyproxy | undefined
const port = (url: string): number => Number(new URL(url).port)

beforeEach(async () => {
  // After the bed's beforeEach: the fakes' ports are known. CONNECT is allowed to them only.
  proxy = await startTinyproxy({ connectPorts: [port(bed.openai.url), port(bed.webhook.url)] })
})
afterEach(async () => {
  await proxy?.stop()
  proxy = undefined
})

/** A call as "METHOD /path", ids left out: what kind of call it was. */
const kind = (c: { method: string; path: string }): string =>
  `${c.method} ${c.path.replace(/\/(file-|batch_)[^/]+/g, '/{id}')}`

/**
 * A push that uploads two files (one of several megabytes, so several reused
 * buffers go through the tunnel) and creates their batches; the batches
 * finish; a scheduled run collects them, announces each on the webhook and
 * deletes their files at OpenAI (delete-remote-files).
 */
async function cycle(env: { push: Record<string, string>; schedule: Record<string, string> }): Promise<void> {
  bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
  bed.ws.write('batches/big.jsonl', requestFile(30_000, 'big'))
  const push = await bed.ws.run({ event: 'push', env: { ...bed.env(), ...env.push } })
  expect([push.code, push.code === 0 ? '' : push.stdout + push.stderr]).toEqual([0, ''])
  expect(push.outputs.submitted).toBe('2')
  for (const path of ['a.jsonl', 'big.jsonl']) {
    const [b] = bed.batchesFor(path)
    // The upload arrived whole, byte for byte.
    expect(bed.openai.files.get(b!.input_file_id)!.content.toString()).toBe(bed.ws.read(`batches/${path}`))
    bed.openai.complete(b!.id)
  }
  const inputs = { 'webhook-url': bed.webhook.url, 'webhook-secret': bed.webhook.secret }
  const schedule = await bed.ws.run({ event: 'schedule', env: { ...bed.env(), ...env.schedule }, inputs })
  expect([schedule.code, schedule.code === 0 ? '' : schedule.stdout + schedule.stderr]).toEqual([0, ''])
  expect(schedule.outputs.completed).toBe('2')
  expect(bed.webhook.events().map(e => e?.type)).toEqual(['batch.completed', 'batch.completed'])
  expect(new Set(bed.openai.log.map(kind))).toEqual(
    new Set([
      'GET /v1/files',
      'POST /v1/files',
      'GET /v1/batches',
      'POST /v1/batches',
      'GET /v1/batches/{id}',
      'GET /v1/files/{id}/content',
      'DELETE /v1/files/{id}'
    ])
  )
  expect(bed.openai.requests('POST', /^\/v1\/files$/)).toHaveLength(2)
}

const openaiHost = () => `127.0.0.2:${port(bed.openai.url)}`
const webhookHost = () => `127.0.0.2:${port(bed.webhook.url)}`

describe('behind a proxy', () => {
  it('sends every call to OpenAI of a push and a scheduled run, uploads included, and each webhook through HTTPS_PROXY and HTTP_PROXY', async () => {
    const url = proxy!.url
    // The push with the upper-case names, the scheduled run with the lower-case ones.
    await cycle({ push: { HTTPS_PROXY: url, HTTP_PROXY: url }, schedule: { https_proxy: url, http_proxy: url } })
    // Every call the fakes saw came from the proxy's own address.
    expect(bed.openai.log.filter(c => c.from !== proxy!.outgoing).map(c => `${kind(c)} from ${c.from}`)).toEqual([])
    expect(bed.webhook.deliveries.map(d => d.from)).toEqual([proxy!.outgoing, proxy!.outgoing])
    // And the proxy's log has the tunnels to them (one tunnel may carry several calls:
    // the calls were counted at the fakes).
    const tunnels = proxy!.tunnels()
    expect(tunnels).toContain(openaiHost())
    expect(tunnels).toContain(webhookHost())
  })

  it('goes direct to a host NO_PROXY names', async () => {
    const url = proxy!.url
    await cycle({
      push: { HTTPS_PROXY: url, HTTP_PROXY: url, NO_PROXY: '127.0.0.2' },
      schedule: { https_proxy: url, http_proxy: url, no_proxy: 'localhost,127.0.0.2' }
    })
    expect(bed.openai.log.filter(c => c.from === proxy!.outgoing).map(kind)).toEqual([])
    expect(bed.webhook.deliveries.map(d => d.from)).toEqual(['127.0.0.1', '127.0.0.1'])
    expect(proxy!.tunnels().filter(t => t.startsWith('127.0.0.2:'))).toEqual([])
  })
})
