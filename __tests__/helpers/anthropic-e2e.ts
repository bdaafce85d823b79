/** The test bed of an Anthropic end-to-end test: the Message Batches fake, the cache, GitHub and a webhook receiver. */
import { afterEach, beforeEach } from '@jest/globals'
import { FakeAnthropic, FakeMessageBatch } from '../fakes/anthropic'
import { FakeCache } from '../fakes/cache'
import { FakeGitHub } from '../fakes/github'
import { TEST_CERT } from '../fakes/loopback'
import { FakeWebhookReceiver } from '../fakes/webhook'
import { Workspace } from './runner'

export interface AnthropicBed {
  anthropic: FakeAnthropic
  cache: FakeCache
  github: FakeGitHub
  webhook: FakeWebhookReceiver
  ws: Workspace
  /** The runner environment that points the action at the fakes, the key and base URL in Anthropic's own variables. */
  env(): Record<string, string>
  /** Every batch the fake holds, oldest first. */
  batches(): FakeMessageBatch[]
  /** The custom_id the action sent for the user's `id` in batch `b`. */
  sentId(b: FakeMessageBatch, id: string): string
}

/**
 * `host`: the loopback address the fakes of Anthropic and of the webhook receiver listen on; `tls`:
 * Anthropic's serves https, with a certificate the action is told to trust.
 */
export function useAnthropicBed(opts: { host?: string; tls?: boolean } = {}): AnthropicBed {
  const bed: AnthropicBed = {
    anthropic: undefined as unknown as FakeAnthropic,
    cache: undefined as unknown as FakeCache,
    github: undefined as unknown as FakeGitHub,
    webhook: undefined as unknown as FakeWebhookReceiver,
    ws: undefined as unknown as Workspace,
    env: () => ({
      ANTHROPIC_API_KEY: bed.anthropic.apiKey,
      ANTHROPIC_BASE_URL: bed.anthropic.url,
      // The fake stands for Anthropic itself, on a loopback URL.
      INPUT_PROVIDER: 'anthropic',
      ...(opts.tls ? { NODE_EXTRA_CA_CERTS: TEST_CERT } : {}),
      ...bed.cache.env('v2'),
      ...bed.github.env()
    }),
    batches: () => [...bed.anthropic.batches.values()],
    sentId: (b, id) => {
      const sent = b.requests.find(r => r.custom_id.endsWith(`_${id}`))
      if (!sent) throw new Error(`batch ${b.id} has no request ${id}`)
      return sent.custom_id
    }
  }
  beforeEach(async () => {
    bed.anthropic = new FakeAnthropic(opts)
    bed.cache = new FakeCache()
    bed.github = new FakeGitHub()
    bed.webhook = new FakeWebhookReceiver(undefined, { host: opts.host })
    await Promise.all([bed.anthropic.start(), bed.cache.start(), bed.github.start(), bed.webhook.start()])
    bed.ws = new Workspace()
  })
  afterEach(async () => {
    await Promise.all([bed.anthropic.stop(), bed.cache.stop(), bed.github.stop(), bed.webhook.stop()])
    bed.ws.cleanup()
  })
  return bed
}

/** One Message Batches request line. */
export function claudeRequest(id: string, params: Record<string, unknown> = {}): string {
  return JSON.stringify({
    custom_id: id,
    params: { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: `say ${id}` }], ...params }
  })
}

/** A request file of `n` Message Batches requests, ids `<prefix>-1 ...`. */
export const claudeFile = (n: number, prefix = 'q'): string =>
  Array.from({ length: n }, (_, i) => claudeRequest(`${prefix}-${i + 1}`)).join('\n') + '\n'
