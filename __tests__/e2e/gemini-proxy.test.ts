/**
 * Gemini behind a proxy (Debian's tinyproxy), end to end: every call of a push
 * and of a scheduled run, the resumable upload's chunks and the results
 * download included, goes through HTTPS_PROXY. The fake listens with TLS on
 * 127.0.0.2; the proxy connects out from 127.0.0.3, so the address the fake saw
 * says whether a call came through it (as __tests__/e2e/proxy.test.ts does for OpenAI).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { useGeminiBed } from '../helpers/gemini-e2e'
import { startTinyproxy, Tinyproxy } from '../helpers/tinyproxy'

const bed = useGeminiBed({ host: '127.0.0.2', tls: true })
let proxy: Tinyproxy | undefined
const port = (url: string): number => Number(new URL(url).port)

beforeEach(async () => {
  proxy = await startTinyproxy({ connectPorts: [port(bed.gemini.url)] })
})
afterEach(async () => {
  await proxy?.stop()
  proxy = undefined
})

/** `n` requests of about 1 KB each: 10,000 make a file past the upload's 8 MiB chunk, so it goes in two. */
const bigFile = (n: number): string =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      key: `q-${i + 1}`,
      request: { contents: [{ role: 'user', parts: [{ text: `say q-${i + 1} ${'x'.repeat(1000)}` }] }] }
    })
  ).join('\n') + '\n'

const kind = (c: { method: string; path: string; query: Record<string, string> }): string =>
  `${c.method} ${c.path.replace(/\/(batches|files)\/[^/:]+/g, '/$1/{id}')}${c.query.upload_id ? ' (chunk)' : ''}`

describe('Gemini behind a proxy', () => {
  it('sends every call through HTTPS_PROXY, the upload chunks and the results included', async () => {
    const env = { ...bed.env(), HTTPS_PROXY: proxy!.url }
    const content = bigFile(10_000)
    expect(Buffer.byteLength(content)).toBeGreaterThan(8 * 1024 * 1024)
    bed.ws.write('batches/a.jsonl', content)
    const push = await bed.ws.run({ event: 'push', env })
    expect([push.code, push.code === 0 ? '' : push.stdout]).toEqual([0, ''])
    const chunks = [...bed.gemini.files.values()].flatMap(f => f.chunks)
    expect(chunks.length).toBeGreaterThanOrEqual(2)
    expect(chunks.reduce((sum, c) => sum + c.bytes, 0)).toBe(Buffer.byteLength(content))
    bed.gemini.end(bed.batchAt(0).name)
    const schedule = await bed.ws.run({ event: 'schedule', env })
    expect([schedule.code, schedule.code === 0 ? '' : schedule.stdout]).toEqual([0, ''])
    expect(schedule.outputs.completed).toBe('1')
    expect(bed.ws.read('results/a.jsonl').trim().split('\n')).toHaveLength(10_000)
    expect(new Set(bed.gemini.log.map(kind))).toEqual(
      new Set([
        'GET /v1beta/batches',
        'GET /v1beta/files',
        'POST /upload/v1beta/files',
        'POST /upload/v1beta/files (chunk)',
        'POST /v1beta/models/gemini-2.5-flash:batchGenerateContent',
        'GET /v1beta/batches/{id}',
        'GET /download/v1beta/files/{id}:download',
        'DELETE /v1beta/files/{id}'
      ])
    )
    expect(bed.gemini.log.filter(c => c.from !== proxy!.outgoing).map(c => `${kind(c)} from ${c.from}`)).toEqual([])
    expect(proxy!.tunnels()).toContain(`127.0.0.2:${port(bed.gemini.url)}`)
  })
})
