import { describe, expect, it } from '@jest/globals'
import { redacted, secretsOf } from '../../src/config/secrets'
import { readSettings, Settings } from '../../src/config/settings'

const env = { GITHUB_WORKSPACE: '/work/repo', RUNNER_TEMP: '/runner/temp', GITHUB_REPOSITORY: 'octo/repo' }
const read = (inputs: Record<string, string>): Settings => readSettings(name => inputs[name] ?? '', env)

const all = read({
  'openai-api-key': 'sk-key',
  'github-token': 'ghs-token',
  'webhook-secret': 'whsec_c2VjcmV0',
  provider: 'azure',
  'openai-base-url': 'https://r.openai.azure.com/openai/v1/',
  'azure-ad-token': 'entra-token'
})
const some = read({ 'openai-api-key': 'sk-key' })

describe('secretsOf', () => {
  it('lists every secret given, in the order they are masked', () => {
    expect(secretsOf(all)).toEqual(['sk-key', 'entra-token', 'ghs-token', 'whsec_c2VjcmV0'])
  })

  it('leaves out those not given', () => {
    expect(secretsOf(some)).toEqual(['sk-key'])
  })

  it('lists the key given as api-key or as its alias, openai-api-key', () => {
    expect(secretsOf(read({ 'api-key': 'sk-new' }))).toEqual(['sk-new'])
    expect(secretsOf(read({ 'api-key': 'sk-both', 'openai-api-key': 'sk-both' }))).toEqual(['sk-both'])
  })
})

describe('redacted', () => {
  it('stars each secret, given or empty, and leaves an absent Entra token absent', () => {
    for (const s of [all, some]) {
      const shown = JSON.stringify(redacted(s))
      for (const secret of secretsOf(s)) expect(shown).not.toContain(secret)
      expect(redacted(s)).toEqual({
        ...s,
        apiKey: '***',
        githubToken: '***',
        webhookSecret: '***',
        azure: { ...s.azure, adToken: s.azure.adToken && '***' }
      })
    }
  })

  it('keeps the order of the fields, so the debug line reads as before', () => {
    expect(Object.keys(redacted(all))).toEqual(Object.keys(all))
  })
})
