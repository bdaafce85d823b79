import { beforeEach, describe, expect, it } from '@jest/globals'
import type { AccessToken } from '@azure/identity'
import { COGNITIVE_SERVICES_SCOPE, RENEW_BEFORE_S, renewedTokens } from '../../src/adapters/azure-identity'

/** A credential that answers `answers` in turn (an Error is thrown), recording the scopes it is asked for. */
function credential(answers: (AccessToken | Error)[]) {
  const asked: string[] = []
  return {
    asked,
    getToken: async (scopes: string | string[]): Promise<AccessToken> => {
      asked.push(String(scopes))
      const a = answers.shift()
      if (!a || a instanceof Error) throw a ?? new Error('no more answers')
      return a
    }
  }
}

const HOUR = 3600
let now = 1_000_000
const clock = { now: () => now, sleep: async () => undefined }
const token = (name: string, expiresAt: number): AccessToken => ({
  token: name,
  expiresOnTimestamp: expiresAt * 1000,
  tokenType: 'Bearer'
})
/** The tokens masked, in turn. */
let masked: string[]
const deps = { clock, log: { mask: (secret: string) => void masked.push(secret) } }

beforeEach(() => {
  now = 1_000_000
  masked = []
})

describe('renewedTokens', () => {
  it('holds a token until it nears its expiry, then asks for the next, masking each new one once', async () => {
    const c = credential([token('t1', now + HOUR), token('t2', now + 2 * HOUR)])
    const get = renewedTokens(c, deps)
    expect(await get()).toBe('t1')
    now += HOUR - RENEW_BEFORE_S - 1
    expect(await get()).toBe('t1')
    now += 1
    expect(await get()).toBe('t2')
    expect(c.asked).toEqual([COGNITIVE_SERVICES_SCOPE, COGNITIVE_SERVICES_SCOPE])
    expect(masked).toEqual(['t1', 't2'])
  })

  it('asks once for calls that wait at the same time', async () => {
    const c = credential([token('t1', now + HOUR)])
    const get = renewedTokens(c, deps)
    expect(await Promise.all([get(), get(), get()])).toEqual(['t1', 't1', 't1'])
    expect(c.asked).toHaveLength(1)
  })

  it('words a failure, and asks again on the next call', async () => {
    const c = credential([
      new Error("Please run 'az login' from a command prompt to authenticate before using this credential."),
      token('t1', now + HOUR)
    ])
    const get = renewedTokens(c, deps)
    await expect(get()).rejects.toThrow(
      "azure-credential: azure-cli could not get a token from the Azure CLI (Please run 'az login' from a command prompt to authenticate before using this credential). Sign in first: a step `uses: azure/login@v2`"
    )
    expect(await get()).toBe('t1')
  })

  it('keeps using a token that still works while a new one cannot be had, and fails once it has expired', async () => {
    const c = credential([token('t1', now + HOUR), new Error('AADSTS700024'), new Error('AADSTS700024')])
    const get = renewedTokens(c, deps)
    await get()
    now += HOUR - 60
    expect(await get()).toBe('t1')
    now += 60
    await expect(get()).rejects.toThrow('(AADSTS700024)')
  })
})
