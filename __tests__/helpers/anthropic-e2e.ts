/** The test bed of an Anthropic end-to-end test: the Message Batches fake, the cache, GitHub and a webhook receiver. */
import { afterEach, beforeEach } from '@jest/globals'
import { readTagged, TAG_PREFIX_LENGTH } from '../../src/core/remote/tags'
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

/** The tag a batch's custom_ids carry (all alike), or undefined for a batch not the action's. */
export function tagOfBatch(b: FakeMessageBatch): string | undefined {
  const first = b.requests[0]?.custom_id
  return first && readTagged(first) ? first.slice(0, TAG_PREFIX_LENGTH - 1) : undefined
}

/** The request file a batch was made from, its tags cut off. */
const sentFile = (b: FakeMessageBatch): string =>
  b.requests.map(r => JSON.stringify({ custom_id: readTagged(r.custom_id)!.id, params: r.params })).join('\n') + '\n'

/**
 * What the action must write for request file `content`, worked out from the
 * fake's own results rather than from the action: the round-0 batch made from
 * it (not canceled), then each retry round of the same content replacing the
 * lines it holds; in the file's order, custom_ids untagged, succeeded lines
 * apart from the rest. Undefined when no batch of that content has ended.
 */
export function expectedResults(
  batches: FakeMessageBatch[],
  content: string
): { output: string; errors: string } | undefined {
  const first = batches.find(b => b.results && b.request_counts.canceled === 0 && sentFile(b) === content)
  if (!first) return undefined
  const tag = readTagged(first.requests[0]!.custom_id)!.tag
  const rounds = batches
    .map(b => ({ b, t: readTagged(b.requests[0]!.custom_id)?.tag }))
    .filter(x => x.t && x.t.content === tag.content && x.t.part === tag.part && x.t.round > 0 && x.b.results)
    .sort((x, y) => x.t!.round - y.t!.round)
  const line = new Map<string, { text: string; ok: boolean }>()
  for (const b of [first, ...rounds.map(x => x.b)])
    for (const text of b.results!.trim().split('\n')) {
      const r = JSON.parse(text) as { custom_id: string; result: { type: string } }
      r.custom_id = readTagged(r.custom_id)!.id
      line.set(r.custom_id, { text: JSON.stringify(r), ok: r.result.type === 'succeeded' })
    }
  const ordered = content
    .trim()
    .split('\n')
    .map(l => line.get((JSON.parse(l) as { custom_id: string }).custom_id)!)
  const join = (ls: { text: string }[]) => ls.map(l => `${l.text}\n`).join('')
  return { output: join(ordered.filter(l => l.ok)), errors: join(ordered.filter(l => !l.ok)) }
}

/** stdout without the ::add-mask:: commands, which the runner consumes. */
export const unmasked = (out: string): string =>
  out
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
