/**
 * A fake Azure CLI: an `az` script to put first on the action's PATH. It
 * answers `az account get-access-token --output json --resource <resource>`
 * as the real CLI does (what @azure/identity's AzureCliCredential runs and
 * parses: accessToken, expires_on in unix seconds, else expiresOn), and
 * refuses anything else. Logged out, it fails as `az` does before `az login`.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

/** The resource Azure OpenAI's tokens are for: the scope https://cognitiveservices.azure.com/.default without /.default. */
export const COGNITIVE_SERVICES = 'https://cognitiveservices.azure.com'

export interface FakeAz {
  /** The folder holding `az`: put it first on PATH. */
  readonly dir: string
  /** The arguments of each call, as one string each. */
  calls(): string[]
}

export function fakeAz(root: string, opts: { token: string; loggedIn?: boolean }): FakeAz {
  const dir = path.join(root, 'fake-az-bin')
  const log = path.join(root, 'fake-az-calls')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(log, '')
  const expires = Math.floor(Date.now() / 1000) + 3600
  const answer = JSON.stringify({
    accessToken: opts.token,
    expiresOn: new Date(expires * 1000).toISOString().replace('T', ' ').replace('Z', '000'),
    expires_on: expires,
    subscription: '00000000-0000-0000-0000-000000000001',
    tenant: '00000000-0000-0000-0000-000000000002',
    tokenType: 'Bearer'
  })
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> '${log}'`,
    `if [ "$*" != "account get-access-token --output json --resource ${COGNITIVE_SERVICES}" ]; then`,
    `  echo "ERROR: the fake az was asked: $*" >&2; exit 2`,
    'fi',
    opts.loggedIn === false
      ? `echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`
      : `printf '%s\\n' '${answer}'`
  ].join('\n')
  fs.writeFileSync(path.join(dir, 'az'), `${script}\n`, { mode: 0o755 })
  return { dir, calls: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) }
}
