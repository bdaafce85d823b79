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

/**
 * `lifetime`: seconds each token lives (default an hour); under the library's
 * refresh window (2 minutes) every call asks for a new one. Each answer is a
 * new token, `<token>-<n>`, unless `rotate` is false (then `token` itself).
 */
export function fakeAz(
  root: string,
  opts: { token: string; loggedIn?: boolean; lifetime?: number; rotate?: boolean }
): FakeAz {
  const dir = path.join(root, 'fake-az-bin')
  const log = path.join(root, 'fake-az-calls')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(log, '')
  const lifetime = opts.lifetime ?? 3600
  // expires_on (unix seconds) is what the library reads first; expiresOn (local time) is what older CLIs print.
  const expiresOn = new Date(Date.now() + lifetime * 1000).toISOString().replace('T', ' ').replace('Z', '000')
  const answer = `{"accessToken":"%s","expiresOn":"${expiresOn}","expires_on":%s,"subscription":"00000000-0000-0000-0000-000000000001","tenant":"00000000-0000-0000-0000-000000000002","tokenType":"Bearer"}\\n`
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> '${log}'`,
    `if [ "$*" != "account get-access-token --output json --resource ${COGNITIVE_SERVICES}" ]; then`,
    `  echo "ERROR: the fake az was asked: $*" >&2; exit 2`,
    'fi',
    ...(opts.loggedIn === false
      ? [`echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`]
      : [
          opts.rotate === false ? `token='${opts.token}'` : `token="${opts.token}-$(wc -l < '${log}' | tr -d ' ')"`,
          `printf '${answer}' "$token" "$(( $(date +%s) + ${lifetime} ))"`
        ])
  ].join('\n')
  fs.writeFileSync(path.join(dir, 'az'), `${script}\n`, { mode: 0o755 })
  return { dir, calls: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) }
}
