/**
 * What differs between the demo's providers: the example folder, the inputs,
 * the environment that points the action at the simulator or the real API, and
 * how the simulator settles its batches. scripts/demo.ts runs the same cycle
 * for each.
 */
import { FakeAnthropic } from '../__tests__/fakes/anthropic'
import { FakeGemini } from '../__tests__/fakes/gemini'
import { FakeOpenAI } from '../__tests__/fakes/openai'

/** The runner environment that points the action at the API, and a line saying where that API is. */
export interface Started {
  env: Record<string, string>
  where: string
}

/** One provider's part of the demo, started by start() and stopped by stop(). */
export interface DemoProvider {
  /** The name given on the command line (`npm run demo -- <name>`). */
  readonly name: string
  /** The folder of examples/ copied to the workspace's source-dir. */
  readonly example: string
  /** The action's source-dir and target-dir (and any other inputs of this provider). */
  readonly inputs: Record<string, string> & { 'source-dir': string; 'target-dir': string }
  /** True when the real API is used (its key is set), so the demo polls instead of settling. */
  readonly real: boolean
  /** Starts the simulator, if any; returns the runner environment and a line saying where the API is. */
  start(): Promise<Started>
  /**
   * Ends the simulator's open batches. In round 0 it fails q-2 once with a
   * retryable error, so that retry-failed shows a retry round.
   */
  settle(round: number): void
  stop(): Promise<void>
}

/** The user's id a simulated batch fails once. */
const FLAKY_ID = 'q-2'

function openai(): DemoProvider {
  const real = Boolean(process.env.OPENAI_API_KEY)
  const sim = real ? undefined : new FakeOpenAI()
  return {
    name: 'openai',
    example: 'batches',
    inputs: { 'source-dir': 'batches', 'target-dir': 'results' },
    real,
    async start(): Promise<Started> {
      if (sim)
        return {
          // The simulator stands for OpenAI itself (a loopback URL would otherwise be taken for a compatible API).
          env: { OPENAI_API_KEY: sim.apiKey, OPENAI_BASE_URL: await sim.start(), INPUT_PROVIDER: 'openai' },
          where: `OpenAI: the simulator at ${sim.url}`
        }
      const base = process.env.OPENAI_BASE_URL
      return {
        env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY!, ...(base ? { OPENAI_BASE_URL: base } : {}) },
        where: `OpenAI: the real API${base ? ` at ${base}` : ''}`
      }
    },
    settle(round) {
      sim?.settleAll(round === 0 ? { failWith: { [FLAKY_ID]: 503 } } : {})
    },
    stop: async () => sim?.stop()
  }
}

function anthropic(): DemoProvider {
  const real = Boolean(process.env.ANTHROPIC_API_KEY)
  const sim = real ? undefined : new FakeAnthropic()
  return {
    name: 'anthropic',
    example: 'claude-batches',
    inputs: { 'source-dir': 'claude-batches', 'target-dir': 'claude-results' },
    real,
    async start(): Promise<Started> {
      if (sim)
        return {
          env: { ANTHROPIC_API_KEY: sim.apiKey, ANTHROPIC_BASE_URL: await sim.start(), INPUT_PROVIDER: 'anthropic' },
          where: `Anthropic: the simulator at ${sim.url}`
        }
      const base = process.env.ANTHROPIC_BASE_URL
      return {
        env: {
          ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY!,
          INPUT_PROVIDER: 'anthropic',
          ...(base ? { ANTHROPIC_BASE_URL: base } : {})
        },
        where: `Anthropic: the real API${base ? ` at ${base}` : ''}`
      }
    },
    settle(round) {
      if (!sim) return
      for (const b of sim.batches.values()) {
        if (b.processing_status === 'ended') continue
        // The action sends `<tag>_<user id>`; end() takes the custom_id as sent, and only one this batch holds.
        const flaky = round === 0 ? b.requests.find(r => r.custom_id.endsWith(`_${FLAKY_ID}`)) : undefined
        sim.end(b.id, flaky ? { error: { [flaky.custom_id]: 'overloaded_error' } } : {})
      }
    },
    stop: async () => sim?.stop()
  }
}

function gemini(): DemoProvider {
  const real = Boolean(process.env.GEMINI_API_KEY)
  const sim = real ? undefined : new FakeGemini()
  // The model is an input at Gemini: its request lines carry none.
  const common = { INPUT_PROVIDER: 'gemini', INPUT_MODEL: 'gemini-2.5-flash' }
  return {
    name: 'gemini',
    example: 'gemini-batches',
    inputs: { 'source-dir': 'gemini-batches', 'target-dir': 'gemini-results' },
    real,
    async start(): Promise<Started> {
      if (sim)
        return {
          env: { GEMINI_API_KEY: sim.apiKey, GOOGLE_GEMINI_BASE_URL: await sim.start(), ...common },
          where: `Gemini: the simulator at ${sim.url}`
        }
      const base = process.env.GOOGLE_GEMINI_BASE_URL
      return {
        env: {
          GEMINI_API_KEY: process.env.GEMINI_API_KEY!,
          ...common,
          ...(base ? { GOOGLE_GEMINI_BASE_URL: base } : {})
        },
        where: `Gemini: the real API${base ? ` at ${base}` : ''}`
      }
    },
    settle(round) {
      if (!sim) return
      for (const [name, b] of sim.batches) {
        if (b.op.done) continue
        // Gemini keys each line with the user's own key; a retry round's batch holds q-2 alone and succeeds.
        sim.end(name, round === 0 ? { errors: { [FLAKY_ID]: 'UNAVAILABLE' } } : {})
      }
    },
    stop: async () => sim?.stop()
  }
}

const PROVIDERS: Record<string, () => DemoProvider> = { openai, anthropic, gemini }

/** The provider named by the demo's first argument (openai when none); throws naming the known ones otherwise. */
export function demoProvider(arg: string | undefined): DemoProvider {
  const make = PROVIDERS[arg ?? 'openai']
  if (!make) throw new Error(`Unknown provider "${arg}": run npm run demo -- <${Object.keys(PROVIDERS).join('|')}>.`)
  return make()
}
