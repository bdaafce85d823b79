import { describe, expect, it } from '@jest/globals'
import { readSettings } from '../../src/config/settings'

const env = {
  GITHUB_WORKSPACE: '/work/repo',
  RUNNER_TEMP: '/runner/temp',
  GITHUB_REPOSITORY: 'octo/repo',
  GITHUB_EVENT_NAME: 'push',
  GEMINI_API_KEY: 'AIza-gemini-env'
}
const read = (inputs: Record<string, string>, e: Record<string, string | undefined> = env) =>
  readSettings(n => inputs[n] ?? '', e)
const gemini = (inputs: Record<string, string> = {}, e?: Record<string, string | undefined>) =>
  read({ provider: 'gemini', model: 'gemini-2.5-flash', ...inputs }, e)

describe('provider: gemini', () => {
  it("reads the key and base URL from Gemini's own environment variables, and checks Gemini lines", () => {
    const s = gemini({}, { ...env, OPENAI_API_KEY: 'sk-openai', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9' })
    expect([s.provider.kind, s.apiKey, s.baseUrl, s.model]).toEqual([
      'gemini',
      'AIza-gemini-env',
      'http://127.0.0.1:9',
      'gemini-2.5-flash'
    ])
    expect(s.check).toEqual({
      endpoint: undefined,
      endpoints: [],
      lines: 'gemini',
      model: 'gemini-2.5-flash',
      maxRequests: 100_000,
      maxBytes: 180_000_000
    })
    expect(gemini({ 'api-key': 'AIza-input' }).apiKey).toBe('AIza-input')
  })

  it('falls back to GOOGLE_API_KEY when GEMINI_API_KEY is not set, as the SDK does', () => {
    const e = { ...env, GEMINI_API_KEY: undefined, GOOGLE_API_KEY: 'AIza-google' }
    expect(gemini({}, e).apiKey).toBe('AIza-google')
    expect(gemini({}, { ...e, GEMINI_API_KEY: 'AIza-first' }).apiKey).toBe('AIza-first')
  })

  it('asks for a Gemini key, naming both variables', () => {
    expect(() => gemini({}, { ...env, GEMINI_API_KEY: undefined, OPENAI_API_KEY: 'sk-openai' })).toThrow(
      "No Gemini API key. Set the 'api-key' input, e.g. `api-key: ${{ secrets.GEMINI_API_KEY }}`, " +
        'or the GEMINI_API_KEY or GOOGLE_API_KEY environment variable.'
    )
  })

  it('is inferred from a base URL at generativelanguage.googleapis.com', () => {
    const s = read({ 'base-url': 'https://generativelanguage.googleapis.com', model: 'gemini-2.5-pro' })
    expect([s.provider.kind, s.apiKey, s.model]).toEqual(['gemini', 'AIza-gemini-env', 'gemini-2.5-pro'])
  })

  it('requires the model input before any call, naming it and an example, in a plan too', () => {
    const message =
      "Input 'model' is required with Gemini: its request lines name no model, and each batch runs one. " +
      "Add e.g. `model: gemini-2.5-flash` to the step's inputs."
    expect(() => read({ provider: 'gemini' })).toThrow(message)
    expect(() => read({ provider: 'gemini', model: '  ', 'dry-run': 'true' })).toThrow(message)
  })

  it('takes the model as Google writes it too, without its models/ prefix', () => {
    expect(gemini({ model: 'models/gemini-2.5-flash-lite' }).model).toBe('gemini-2.5-flash-lite')
    expect(() => gemini({ model: 'gemini 2.5' })).toThrow(
      "Input 'model' must be empty or a model name such as gemini-2.5-flash; got 'gemini 2.5'."
    )
  })

  it.each([
    [
      { 'completion-window': '48h' },
      "Input 'completion-window': Gemini's Batch Mode has one window, 24h; got '48h'. Leave it empty (24h)"
    ],
    [
      { metadata: 'team=evals' },
      "Input 'metadata': Gemini's Batch Mode keeps no metadata, so yours would be lost; got 'team=evals'. " +
        'Remove the input (the action finds its batches again by their display names, see docs/providers.md#gemini).'
    ],
    [
      { 'azure-api-version': '2024-10-21' },
      "Input 'azure-api-version' is for Azure OpenAI, and Gemini takes no azure-* input; got '2024-10-21'."
    ],
    [
      { 'azure-ad-token': 'eyJ-secret' },
      "Input 'azure-ad-token' is for Azure OpenAI, and Gemini takes no azure-* input."
    ],
    [
      { endpoint: '/v1/chat/completions' },
      "Input 'endpoint': Gemini's Batch Mode takes no endpoint; got '/v1/chat/completions'. " +
        "Leave it empty: a Gemini line holds no url, and the 'model' input names the model its batches run."
    ],
    [
      { 'max-requests-per-batch': '200000' },
      "Input 'max-requests-per-batch': Gemini takes at most 100,000 requests a batch; got 200,000."
    ],
    [
      { 'max-batch-bytes': '250000000' },
      "Input 'max-batch-bytes' must be a whole number of bytes from 1000 to 200000000; got '250000000'."
    ]
  ])('refuses %j up front, saying why and what to do', (inputs, message) => {
    expect(() => gemini(inputs)).toThrow(message)
  })
})

describe('model, for the other providers', () => {
  const openai = { ...env, OPENAI_API_KEY: 'sk-x', ANTHROPIC_API_KEY: 'sk-ant' }

  it('is empty by default, and then checks nothing', () => {
    const s = read({}, openai)
    expect([s.model, s.check.model]).toEqual([undefined, undefined])
  })

  it('is passed to the check, which holds every line to it', () => {
    expect(read({ model: 'gpt-4o-mini' }, openai).check.model).toBe('gpt-4o-mini')
    expect(read({ provider: 'anthropic', model: 'claude-haiku-4-5' }, openai).check.model).toBe('claude-haiku-4-5')
  })
})

describe('batch-ids', () => {
  it("takes Gemini's batches/<id> names", () => {
    expect(gemini({ 'batch-ids': 'batches/abc123, batches/def-456' }).batchIds).toEqual([
      'batches/abc123',
      'batches/def-456'
    ])
    expect(() => gemini({ 'batch-ids': 'files/abc' })).toThrow("Input 'batch-ids' must list batch ids")
  })
})
