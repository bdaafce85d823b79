/**
 * The provider-neutral key and URL inputs (#24) through dist/index.js: `api-key`
 * and `base-url` alone reach the provider, and the key shows nowhere a run
 * writes; `openai-api-key` with another value is refused before any call.
 */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile, RunResult } from '../helpers/runner'

const bed = useBed()

/** The runner's environment without the SDK's variables: the key and URL come from the inputs or not at all. */
const bare = (): Record<string, string> => {
  const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, ...env } = bed.env()
  return { ...env, RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }
}

/** Where `secret` shows, but for the runner's add-mask command (after which the runner hides it). */
const leaks = (r: RunResult, secret: string): string[] =>
  Object.entries({
    stdout: r.stdout.replace(/^::add-mask::.*$/gm, ''),
    stderr: r.stderr,
    summary: r.summary,
    outputs: JSON.stringify(r.outputs)
  })
    .filter(([, text]) => text.includes(secret))
    .map(([place]) => place)

describe('api-key and base-url', () => {
  it('submit with no alias and no environment variable, and the key shows nowhere', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(2, 'a'))
    const key = bed.openai.apiKey
    const r = await bed.ws.run({
      event: 'push',
      env: bare(),
      inputs: { 'api-key': key, 'base-url': bed.openai.url }
    })
    expect(r.code).toBe(0)
    expect(r.outputs.submitted).toBe('1')
    expect(bed.batchesFor('a.jsonl')).toHaveLength(1)
    expect(r.stdout).toContain(`::add-mask::${key}`)
    expect(r.stdout).toContain('::debug::Settings:')
    expect(leaks(r, key)).toEqual([])
  })

  it('refuse a different openai-api-key before any call, naming both inputs and echoing neither key', async () => {
    bed.ws.write('batches/a.jsonl', requestFile(1, 'a'))
    const other = 'sk-other-secret-456'
    const r = await bed.ws.run({
      event: 'push',
      env: bare(),
      inputs: { 'api-key': bed.openai.apiKey, 'openai-api-key': other, 'base-url': bed.openai.url }
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Inputs 'api-key' and 'openai-api-key' hold two different keys")
    expect(bed.openai.log).toEqual([])
    expect([...leaks(r, bed.openai.apiKey), ...leaks(r, other)]).toEqual([])
  })
})
