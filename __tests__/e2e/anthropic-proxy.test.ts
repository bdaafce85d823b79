/**
 * Anthropic behind a proxy (Debian's tinyproxy), end to end: every call of a push
 * and of a scheduled run, the streamed create and the results download
 * included, goes through HTTPS_PROXY. The fake listens with TLS on 127.0.0.2; the
 * proxy connects out from 127.0.0.3, so the address the fake saw says whether a
 * call came through it (as __tests__/e2e/proxy.test.ts does for OpenAI).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { claudeFile, useAnthropicBed } from '../helpers/anthropic-e2e'
import { startTinyproxy, Tinyproxy } from '../helpers/tinyproxy'

const bed = useAnthropicBed({ host: '127.0.0.2', tls: true })
let proxy: Tinyproxy | undefined
const port = (url: string): number => Number(new URL(url).port)

beforeEach(async () => {
  proxy = await startTinyproxy({ connectPorts: [port(bed.anthropic.url)] })
})
afterEach(async () => {
  await proxy?.stop()
  proxy = undefined
})

const kind = (c: { method: string; path: string }): string =>
  `${c.method} ${c.path.replace(/\/msgbatch_[^/]+/g, '/{id}')}`

describe('Anthropic behind a proxy', () => {
  it('sends every call through HTTPS_PROXY, the streamed create and the results included', async () => {
    const env = { ...bed.env(), HTTPS_PROXY: proxy!.url }
    // Several megabytes: the create's body streams through the tunnel in many chunks.
    bed.ws.write('batches/a.jsonl', claudeFile(20_000))
    const push = await bed.ws.run({ event: 'push', env })
    expect([push.code, push.code === 0 ? '' : push.stdout]).toEqual([0, ''])
    bed.anthropic.settleAll()
    const schedule = await bed.ws.run({ event: 'schedule', env })
    expect([schedule.code, schedule.code === 0 ? '' : schedule.stdout]).toEqual([0, ''])
    expect(schedule.outputs.completed).toBe('1')
    expect(bed.ws.read('results/a.jsonl').trim().split('\n')).toHaveLength(20_000)
    expect(new Set(bed.anthropic.log.map(kind))).toEqual(
      new Set([
        'GET /v1/messages/batches',
        'POST /v1/messages/batches',
        'GET /v1/messages/batches/{id}',
        'GET /v1/messages/batches/{id}/results'
      ])
    )
    expect(bed.anthropic.log.filter(c => c.from !== proxy!.outgoing).map(c => `${kind(c)} from ${c.from}`)).toEqual([])
    expect(proxy!.tunnels()).toContain(`127.0.0.2:${port(bed.anthropic.url)}`)
  })
})
