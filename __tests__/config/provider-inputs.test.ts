import { describe, expect, it } from '@jest/globals'
import { readSettings } from '../../src/config/settings'

const env = {
  GITHUB_WORKSPACE: '/work/repo',
  RUNNER_TEMP: '/runner/temp',
  GITHUB_REPOSITORY: 'octo/repo',
  GITHUB_EVENT_NAME: 'push',
  ANTHROPIC_API_KEY: 'sk-ant-env'
}
const read = (inputs: Record<string, string>, e: Record<string, string | undefined> = env) =>
  readSettings(n => inputs[n] ?? '', e)
const anthropic = (inputs: Record<string, string> = {}, e?: Record<string, string | undefined>) =>
  read({ provider: 'anthropic', ...inputs }, e)

describe('provider: anthropic', () => {
  it("reads the key and base URL from Anthropic's own environment variables, and checks Anthropic lines", () => {
    const s = anthropic({}, { ...env, OPENAI_API_KEY: 'sk-openai', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' })
    expect([s.provider.kind, s.apiKey, s.baseUrl]).toEqual(['anthropic', 'sk-ant-env', 'http://127.0.0.1:9'])
    expect(s.check).toEqual({
      endpoint: undefined,
      endpoints: ['/v1/messages'],
      lines: 'anthropic',
      maxRequests: 100_000,
      // max-batch-bytes' default, under Anthropic's own limit.
      maxBytes: 180_000_000
    })
    expect(s.remoteFilesExpireAfter).toBeUndefined()
    // The inputs win over the environment.
    expect(anthropic({ 'api-key': 'sk-ant-input' }).apiKey).toBe('sk-ant-input')
  })

  it('is inferred from a base URL at api.anthropic.com, whose key then comes from ANTHROPIC_API_KEY', () => {
    const s = read({ 'base-url': 'https://api.anthropic.com' })
    expect([s.provider.kind, s.apiKey]).toEqual(['anthropic', 'sk-ant-env'])
    expect(read({}, { ...env, OPENAI_BASE_URL: 'https://api.anthropic.com' }).provider.kind).toBe('anthropic')
    // Not from ANTHROPIC_BASE_URL alone: with no provider, the base URL is OpenAI's variable's.
    expect(
      read({}, { ...env, OPENAI_API_KEY: 'sk-x', ANTHROPIC_BASE_URL: 'https://api.anthropic.com' }).provider.kind
    ).toBe('openai')
  })

  it('asks for an Anthropic key, naming its variable', () => {
    expect(() => anthropic({}, { ...env, ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: 'sk-openai' })).toThrow(
      "No Anthropic API key. Set the 'api-key' input, e.g. `api-key: ${{ secrets.ANTHROPIC_API_KEY }}`, " +
        'or the ANTHROPIC_API_KEY environment variable.'
    )
    expect(anthropic({ 'dry-run': 'true' }, { ...env, ANTHROPIC_API_KEY: undefined }).apiKey).toBe('')
  })

  it('takes completion-window 24h, endpoint /v1/messages and max-requests-per-batch within 100,000', () => {
    const s = anthropic({ 'completion-window': '24h', endpoint: '/v1/messages', 'max-requests-per-batch': '5000' })
    expect([s.completionWindow, s.endpoint, s.check.maxRequests, s.provider.maxRequests]).toEqual([
      '24h',
      '/v1/messages',
      5000,
      5000
    ])
  })

  it.each([
    [
      { 'completion-window': '48h' },
      "Input 'completion-window': Anthropic's Message Batches have one window, 24h; got '48h'. Leave it empty (24h)"
    ],
    [
      { metadata: 'team=evals' },
      "Input 'metadata': Anthropic's Message Batches keep no metadata, so yours would be lost; got 'team=evals'. " +
        'Remove the input (the action finds its batches again by tags in their custom_ids, see docs/providers.md#anthropic).'
    ],
    [
      { 'azure-api-version': '2024-10-21' },
      "Input 'azure-api-version' is for Azure OpenAI, and Anthropic takes no azure-* input; got '2024-10-21'. " +
        "Remove it, or set 'provider' to azure if the batches are meant for Azure."
    ],
    [
      { 'azure-credential': 'azure-cli' },
      "Input 'azure-credential' is for Azure OpenAI, and Anthropic takes no azure-* input; got 'azure-cli'."
    ],
    [
      { endpoint: '/v1/chat/completions' },
      "Input 'endpoint': Anthropic's Message Batches serve /v1/messages only; got '/v1/chat/completions'. " +
        'Leave it empty: a Message Batches line holds no url.'
    ],
    [
      { 'max-requests-per-batch': '200000' },
      "Input 'max-requests-per-batch': Anthropic takes at most 100,000 requests a batch; got 200,000."
    ]
  ])('refuses %j up front, saying why and what to do', (inputs, message) => {
    expect(() => anthropic(inputs)).toThrow(message)
  })

  it('refuses an Azure token without echoing it', () => {
    let message = ''
    try {
      anthropic({ 'azure-ad-token': 'eyJ-secret-token' })
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toBe(
      "Input 'azure-ad-token' is for Azure OpenAI, and Anthropic takes no azure-* input. " +
        "Remove it, or set 'provider' to azure if the batches are meant for Azure."
    )
  })

  it('refuses them for an inferred Anthropic too, and in a plan', () => {
    expect(() => read({ 'base-url': 'https://api.anthropic.com', metadata: 'a=1', 'dry-run': 'true' }, {})).toThrow(
      "Input 'metadata': Anthropic's Message Batches keep no metadata"
    )
  })

  it("refuses max-requests-per-batch over OpenAI's limit, and lowers it under", () => {
    const openai = { ...env, OPENAI_API_KEY: 'sk-x' }
    expect(() => read({ 'max-requests-per-batch': '60000' }, openai)).toThrow(
      "Input 'max-requests-per-batch': OpenAI takes at most 50,000 requests a batch; got 60,000."
    )
    expect(read({ 'max-requests-per-batch': '100' }, openai).check.maxRequests).toBe(100)
  })

  it('leaves metadata and azure-* inputs to OpenAI-shaped providers', () => {
    const openai = { ...env, OPENAI_API_KEY: 'sk-x' }
    expect(read({ metadata: 'team=evals' }, openai).metadata).toEqual({ team: 'evals' })
    expect(read({ 'azure-api-version': '2024-10-21' }, openai).azure.apiVersion).toBe('2024-10-21')
  })
})

describe('max-batch-bytes', () => {
  it("goes up to Anthropic's limit for Anthropic, and stays within 200 MB for OpenAI-shaped APIs", () => {
    expect(anthropic({ 'max-batch-bytes': '250000000' }).check.maxBytes).toBe(250_000_000)
    expect(() => anthropic({ 'max-batch-bytes': '250000001' })).toThrow(
      "Input 'max-batch-bytes' must be a whole number of bytes from 1000 to 250000000; got '250000001'."
    )
    const openai = { ...env, OPENAI_API_KEY: 'sk-x' }
    expect(() => read({ 'max-batch-bytes': '250000000' }, openai)).toThrow(
      "Input 'max-batch-bytes' must be a whole number of bytes from 1000 to 200000000; got '250000000'."
    )
    expect(read({ 'max-batch-bytes': '200000000' }, openai).check.maxBytes).toBe(200_000_000)
    // Groq's own 100 MB still lowers it, as before.
    expect(
      read({ 'max-batch-bytes': '200000000', 'base-url': 'https://api.groq.com/openai/v1' }, openai).check.maxBytes
    ).toBe(100_000_000)
  })
})
