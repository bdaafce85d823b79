/** The test bed of an end-to-end test: fresh fakes and a fresh workspace for each test. */
import { afterEach, beforeEach } from '@jest/globals'
import { FakeCache } from '../fakes/cache'
import { FakeGitHub } from '../fakes/github'
import { FakeBatch, FakeOpenAI } from '../fakes/openai'
import { TEST_CERT } from '../fakes/loopback'
import { FakeWebhookReceiver } from '../fakes/webhook'
import { Workspace } from './runner'

export interface Bed {
  openai: FakeOpenAI
  /** The Actions results service: cache and artifacts. */
  cache: FakeCache
  github: FakeGitHub
  webhook: FakeWebhookReceiver
  ws: Workspace
  /** The runner environment that points the action at the fakes. */
  env(cacheVersion?: 'v1' | 'v2'): Record<string, string>
  /** The batches the fake holds for a request path. */
  batchesFor(path: string): FakeBatch[]
}

/**
 * `host`: the loopback address the fakes of OpenAI and of the webhook receiver
 * listen on (the cache and GitHub fakes stay on 127.0.0.1); `tls`: OpenAI's
 * serves https, with a certificate the action is told to trust.
 */
export function useBed(opts: { host?: string; tls?: boolean } = {}): Bed {
  // The fakes are made anew in beforeEach; tests read them through `bed`.
  const bed: Bed = {
    openai: undefined as unknown as FakeOpenAI,
    cache: undefined as unknown as FakeCache,
    github: undefined as unknown as FakeGitHub,
    webhook: undefined as unknown as FakeWebhookReceiver,
    ws: undefined as unknown as Workspace,
    env: (cacheVersion = 'v2') => ({
      OPENAI_API_KEY: bed.openai.apiKey,
      OPENAI_BASE_URL: bed.openai.url,
      // The fake stands for OpenAI itself (a loopback URL would otherwise be taken for a compatible API).
      INPUT_PROVIDER: 'openai',
      ...(opts.tls ? { NODE_EXTRA_CA_CERTS: TEST_CERT } : {}),
      ...bed.cache.env(cacheVersion),
      ...bed.github.env()
    }),
    batchesFor: path => [...bed.openai.batches.values()].filter(b => b.metadata?.oba_path === path)
  }
  beforeEach(async () => {
    bed.openai = new FakeOpenAI(opts)
    bed.cache = new FakeCache()
    bed.github = new FakeGitHub()
    bed.webhook = new FakeWebhookReceiver(undefined, { host: opts.host })
    await Promise.all([bed.openai.start(), bed.cache.start(), bed.github.start(), bed.webhook.start()])
    bed.ws = new Workspace()
  })
  afterEach(async () => {
    await Promise.all([bed.openai.stop(), bed.cache.stop(), bed.github.stop(), bed.webhook.stop()])
    bed.ws.cleanup()
  })
  return bed
}
