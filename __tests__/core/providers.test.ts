import { describe, expect, it } from '@jest/globals'
import { baseUrlEnv, maxRequestsProblem, providerFacts, providerKind, windowProblem } from '../../src/core/providers'

describe('Anthropic, the provider', () => {
  it('is named by the input, or inferred from api.anthropic.com', () => {
    expect(providerKind('anthropic', undefined)).toBe('anthropic')
    expect(providerKind('', 'https://api.anthropic.com')).toBe('anthropic')
    expect(providerKind('', 'https://api.anthropic.com/v1/')).toBe('anthropic')
    // Another host is a compatible API, and an explicit provider wins over the host.
    expect(providerKind('', 'https://anthropic.example/v1')).toBe('compatible')
    expect(providerKind('compatible', 'https://api.anthropic.com')).toBe('compatible')
  })

  it('has the facts of Message Batches', () => {
    const p = providerFacts('anthropic', 'https://api.anthropic.com')
    expect(p).toMatchObject({
      kind: 'anthropic',
      label: 'Anthropic',
      maxRequests: 100_000,
      windows: ['24h'],
      endpoints: ['/v1/messages'],
      lines: 'anthropic',
      auth: 'x-api-key',
      expiry: undefined,
      waitsForProcessing: false,
      batchUrl: undefined,
      keepsMetadata: false,
      env: { apiKeys: ['ANTHROPIC_API_KEY'], baseUrl: 'ANTHROPIC_BASE_URL' }
    })
    // Under the API's 256 MB, with a margin for the body's framing.
    expect(p.maxBytes).toBeLessThan(256 * 1000 * 1000)
    expect(p.maxBytes).toBeGreaterThan(200 * 1000 * 1000)
    expect(windowProblem(p, '48h')).toBe("Anthropic takes a completion-window of 24h; got '48h'.")
    expect(baseUrlEnv('anthropic')).toBe('ANTHROPIC_BASE_URL')
    expect(baseUrlEnv('')).toBe('OPENAI_BASE_URL')
  })

  it('keeps OpenAI, Azure and compatible APIs in OpenAI line format', () => {
    expect(providerFacts('openai', undefined).lines).toBe('openai')
    expect(providerFacts('azure', 'https://r.openai.azure.com').lines).toBe('openai')
    expect(providerFacts('compatible', 'https://api.groq.com/openai/v1').lines).toBe('openai')
  })
})

describe('Gemini, the provider', () => {
  it('is named by the input, or inferred from generativelanguage.googleapis.com', () => {
    expect(providerKind('gemini', undefined)).toBe('gemini')
    expect(providerKind('', 'https://generativelanguage.googleapis.com/v1beta')).toBe('gemini')
    // Vertex AI is another API, at another host.
    expect(providerKind('', 'https://us-central1-aiplatform.googleapis.com/v1')).toBe('compatible')
  })

  it('has the facts of Batch Mode', () => {
    const p = providerFacts('gemini', 'https://generativelanguage.googleapis.com')
    expect(p).toMatchObject({
      kind: 'gemini',
      label: 'Gemini',
      maxRequests: 100_000,
      maxBytes: 200_000_000,
      windows: ['24h'],
      endpoints: [],
      lines: 'gemini',
      auth: 'x-goog-api-key',
      expiry: undefined,
      batchUrl: undefined,
      keepsMetadata: false,
      files: true,
      prices: 'google',
      env: { apiKeys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], baseUrl: 'GOOGLE_GEMINI_BASE_URL' }
    })
    // Far under the 2 GB file Google takes: big jobs are slow to start (providers.ts).
    expect(p.maxBytes).toBeLessThan(2 * 1000 * 1000 * 1000)
    expect(windowProblem(p, '48h')).toBe("Gemini takes a completion-window of 24h; got '48h'.")
    expect(baseUrlEnv('gemini')).toBe('GOOGLE_GEMINI_BASE_URL')
    expect(providerFacts('gemini', undefined, { maxRequests: 500 }).maxRequests).toBe(500)
    expect(maxRequestsProblem(p, 100_001)).toContain('Gemini takes at most 100,000 requests a batch')
  })
})

describe('max-requests-per-batch', () => {
  it("lowers every known provider's limit, never raises it", () => {
    expect(providerFacts('openai', undefined, { maxRequests: 1000 }).maxRequests).toBe(1000)
    expect(providerFacts('azure', undefined, { maxRequests: 1000 }).maxRequests).toBe(1000)
    expect(providerFacts('anthropic', undefined, { maxRequests: 1000 }).maxRequests).toBe(1000)
    expect(providerFacts('openai', undefined, { maxRequests: 60_000 }).maxRequests).toBe(50_000)
    // Without the input, the facts themselves.
    expect(providerFacts('openai', undefined, {})).toBe(providerFacts('openai', undefined))
  })

  it("replaces a compatible API's limit, which the action cannot know", () => {
    expect(providerFacts('compatible', 'https://llm.example/v1', { maxRequests: 200_000 }).maxRequests).toBe(200_000)
    expect(maxRequestsProblem(providerFacts('compatible', 'https://llm.example/v1'), 200_000)).toBeUndefined()
  })

  it("refuses a value over a known provider's limit, saying it", () => {
    expect(maxRequestsProblem(providerFacts('anthropic', undefined), 100_000)).toBeUndefined()
    expect(maxRequestsProblem(providerFacts('anthropic', undefined), undefined)).toBeUndefined()
    expect(maxRequestsProblem(providerFacts('anthropic', undefined), 100_001)).toBe(
      'Anthropic takes at most 100,000 requests a batch; got 100,001. ' +
        "Leave it empty for Anthropic's own limit, or give a smaller number: a bigger file is submitted in parts."
    )
    expect(maxRequestsProblem(providerFacts('openai', undefined), 50_001)).toContain('OpenAI takes at most 50,000')
  })
})
