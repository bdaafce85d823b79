/**
 * examples/relay: OpenAI webhook → repository_dispatch. The Node server over HTTP on 127.0.0.1
 * and the Worker's fetch() with a real Request, each against the fake GitHub. Events are signed
 * here the Standard Webhooks way, as OpenAI signs them, so a replay is made by dating one back.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHmac } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parse } from 'yaml'
import { readEvent } from '../../src/config/event'
import { FakeGitHub } from '../fakes/github'
import { Loopback, loopback } from '../fakes/loopback'
import { ROOT } from '../helpers/runner'
import worker from '../../examples/relay/worker.js'
import { relayHandler } from '../../examples/relay/node.js'

const SECRET = `whsec_${Buffer.from('the relay secret, thirty-two b!!').toString('base64')}`
/** The openai SDK's default tolerance for webhook-timestamp, in seconds. */
const TOLERANCE = 300

function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

function batchEvent(type = 'batch.completed', batchId = 'batch_abc123') {
  return {
    id: 'evt_685343a1381c819085d44c354e1b330e',
    object: 'event',
    type,
    created_at: Math.floor(Date.now() / 1000),
    data: { id: batchId }
  }
}

/** The headers OpenAI sends with `body`, signed with `secret` at `timestamp`. */
function signed(body: string, opts: { secret?: string; timestamp?: number; id?: string } = {}): Record<string, string> {
  const id = opts.id ?? 'wh_685342e6c53c8190a1be43f081506c52'
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000)
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(opts.secret ?? SECRET, id, timestamp, body)
  }
}

type Send = (headers: Record<string, string>, body: string) => Promise<{ status: number; text: string }>

describe.each(['node', 'worker'] as const)('the relay (%s)', transport => {
  let github: FakeGitHub
  let server: Loopback | undefined
  let env: Record<string, string>
  let send: Send

  beforeEach(async () => {
    github = new FakeGitHub()
    await github.start()
    env = {
      OPENAI_WEBHOOK_SECRET: SECRET,
      GITHUB_TOKEN: github.token,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_API_URL: github.url
    }
    if (transport === 'node') {
      // The env object is read per request, so a test may change it after the server starts.
      const handler = relayHandler(env)
      server = await loopback(async (req, res) => handler(req, res))
      send = async (headers, body) => {
        const res = await fetch(`${server!.origin}/`, { method: 'POST', headers, body })
        return { status: res.status, text: await res.text() }
      }
    } else {
      send = async (headers, body) => {
        const res = await worker.fetch(
          new Request('https://relay.example.workers.dev/', { method: 'POST', headers, body }),
          env
        )
        return { status: res.status, text: await res.text() }
      }
    }
  })

  afterEach(async () => {
    await server?.stop()
    server = undefined
    await github.stop()
  })

  it('sends exactly one repository_dispatch for a signed batch event, with the event as client_payload', async () => {
    const event = batchEvent()
    const body = JSON.stringify(event)
    const res = await send(signed(body), body)
    expect(res.status).toBe(202)
    expect(github.dispatches).toEqual([{ event_type: 'openai-webhook', client_payload: event }])
    expect(github.log.filter(r => r.path.endsWith('/dispatches'))).toEqual([
      { method: 'POST', path: '/repos/octo/batches/dispatches', auth: `Bearer ${github.token}` }
    ])
  })

  it('sends the event type DISPATCH_EVENT names', async () => {
    env.DISPATCH_EVENT = 'batch-webhook'
    const body = JSON.stringify(batchEvent('batch.failed'))
    expect((await send(signed(body), body)).status).toBe(202)
    expect(github.dispatches.map(d => d.event_type)).toEqual(['batch-webhook'])
  })

  type Forge = (body: string) => { headers: Record<string, string>; body: string }
  const forgeries: [string, Forge][] = [
    [
      'signed with another secret',
      body => ({
        headers: signed(body, {
          secret: `whsec_${Buffer.from('not the secret at all, 32 bytes!').toString('base64')}`
        }),
        body
      })
    ],
    [
      'a body changed after signing',
      body => ({ headers: signed(body), body: body.replace('batch_abc123', 'batch_evil99') })
    ],
    ['signed for another webhook-id', body => ({ headers: { ...signed(body), 'webhook-id': 'wh_other' }, body })],
    ['no signature', body => ({ headers: { 'content-type': 'application/json' }, body })]
  ]
  it.each(forgeries)('refuses a forged event (%s) with a 4xx and sends nothing', async (_name, forge) => {
    const { headers, body } = forge(JSON.stringify(batchEvent()))
    const res = await send(headers, body)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(github.dispatches).toEqual([])
  })

  it('refuses a replayed event: validly signed, but dated past the tolerance', async () => {
    const body = JSON.stringify(batchEvent())
    const res = await send(signed(body, { timestamp: Math.floor(Date.now() / 1000) - TOLERANCE - 60 }), body)
    expect(res.status).toBe(400)
    expect(res.text).toContain('too old')
    expect(github.dispatches).toEqual([])
  })

  it('acknowledges an event of another kind and sends nothing', async () => {
    const body = JSON.stringify({ ...batchEvent('response.completed', 'resp_123') })
    expect((await send(signed(body), body)).status).toBe(204)
    expect(github.dispatches).toEqual([])
  })

  it('answers 5xx when GitHub refuses, so OpenAI delivers the event again', async () => {
    env.GITHUB_TOKEN = 'ghp_revoked'
    const body = JSON.stringify(batchEvent())
    const res = await send(signed(body), body)
    expect(res.status).toBe(502)
    expect(res.text).toContain('401')
    expect(github.dispatches).toEqual([])
  })

  it('answers 5xx, naming the settings, when one is missing', async () => {
    delete env.GITHUB_TOKEN
    const body = JSON.stringify(batchEvent())
    const res = await send(signed(body), body)
    expect(res.status).toBe(500)
    expect(res.text).toContain('GITHUB_TOKEN')
    expect(github.dispatches).toEqual([])
  })
})

describe('what the relay sends', () => {
  it('is a repository_dispatch the action collects the batch of', () => {
    // The event file GitHub writes for a repository_dispatch: the sender's payload under client_payload.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-relay-'))
    const file = path.join(dir, 'event.json')
    fs.writeFileSync(
      file,
      JSON.stringify({ action: 'openai-webhook', client_payload: batchEvent('batch.expired', 'batch_xyz') })
    )
    try {
      expect(readEvent('repository_dispatch', file).eventBatchId).toBe('batch_xyz')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('has the event type the zero-polling example workflow listens for', () => {
    const workflow = parse(fs.readFileSync(path.join(ROOT, 'examples', 'workflows', 'zero-polling.yml'), 'utf8')) as {
      on: { repository_dispatch: { types: string[] } }
    }
    // 'openai-webhook' is the relay's default event type (the first test above).
    expect(workflow.on.repository_dispatch.types).toEqual(['openai-webhook'])
  })
})
