/** The test bed of a Gemini end-to-end test: the Batch Mode and Files fake, the cache, GitHub and a webhook receiver. */
import { afterEach, beforeEach } from '@jest/globals'
import { FakeCache } from '../fakes/cache'
import { FakeGemini, GeminiBatch } from '../fakes/gemini'
import { FakeGitHub } from '../fakes/github'
import { TEST_CERT } from '../fakes/loopback'
import { FakeWebhookReceiver } from '../fakes/webhook'
import { Workspace } from './runner'

export interface GeminiBed {
  gemini: FakeGemini
  cache: FakeCache
  github: FakeGitHub
  webhook: FakeWebhookReceiver
  ws: Workspace
  /** The runner environment that points the action at the fakes, with the key in Gemini's own variable. */
  env(): Record<string, string>
  /** The fake's batches, as created. */
  batches(): [string, GeminiBatch][]
  /** The `i`-th batch made (0-based): its name, and the name of the file it runs. */
  batchAt(i: number): { name: string; fileName: string }
}

/**
 * `host`: the loopback address the fakes of Gemini and of the webhook receiver listen on; `tls`:
 * Gemini's serves https, with a certificate the action is told to trust.
 */
export function useGeminiBed(opts: { host?: string; tls?: boolean } = {}): GeminiBed {
  const bed: GeminiBed = {
    gemini: undefined as unknown as FakeGemini,
    cache: undefined as unknown as FakeCache,
    github: undefined as unknown as FakeGitHub,
    webhook: undefined as unknown as FakeWebhookReceiver,
    ws: undefined as unknown as Workspace,
    env: () => ({
      GEMINI_API_KEY: bed.gemini.apiKey,
      GOOGLE_GEMINI_BASE_URL: bed.gemini.url,
      INPUT_PROVIDER: 'gemini',
      INPUT_MODEL: 'gemini-2.5-flash',
      ...(opts.tls ? { NODE_EXTRA_CA_CERTS: TEST_CERT } : {}),
      ...bed.cache.env('v2'),
      ...bed.github.env()
    }),
    batches: () => [...bed.gemini.batches.entries()],
    batchAt: i => {
      const entry = bed.batches()[i]
      if (!entry) throw new Error(`no batch ${i}`)
      const input = entry[1].input
      return { name: entry[0], fileName: 'fileName' in input ? input.fileName : '' }
    }
  }
  beforeEach(async () => {
    bed.gemini = new FakeGemini(opts)
    bed.cache = new FakeCache()
    bed.github = new FakeGitHub()
    bed.webhook = new FakeWebhookReceiver(undefined, { host: opts.host })
    await Promise.all([bed.gemini.start(), bed.cache.start(), bed.github.start(), bed.webhook.start()])
    bed.ws = new Workspace()
  })
  afterEach(async () => {
    await Promise.all([bed.gemini.stop(), bed.cache.stop(), bed.github.stop(), bed.webhook.stop()])
    bed.ws.cleanup()
  })
  return bed
}

/** One Gemini batch request line. */
export function geminiRequest(key: string, config: Record<string, unknown> = { maxOutputTokens: 64 }): string {
  return JSON.stringify({
    key,
    request: { contents: [{ role: 'user', parts: [{ text: `say ${key}` }] }], generationConfig: config }
  })
}

/** A request file of `n` Gemini requests, keys `<prefix>-1 ...`. */
export const geminiFile = (n: number, prefix = 'q'): string =>
  Array.from({ length: n }, (_, i) => geminiRequest(`${prefix}-${i + 1}`)).join('\n') + '\n'
