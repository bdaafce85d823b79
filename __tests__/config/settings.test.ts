import { describe, expect, it } from '@jest/globals'
import { parseMetadata, readSettings, resolveMode } from '../../src/config/settings'

const env = { GITHUB_WORKSPACE: '/work/repo', RUNNER_TEMP: '/runner/temp', GITHUB_REPOSITORY: 'octo/repo', GITHUB_EVENT_NAME: 'push', OPENAI_API_KEY: 'sk-x' }
const read = (inputs: Record<string, string> = {}, e: Record<string, string | undefined> = env) => readSettings(name => inputs[name] ?? '', e)

describe('readSettings', () => {
  it('fills every default', () => {
    const s = read()
    expect(s).toMatchObject({
      apiKey: 'sk-x',
      baseUrl: undefined,
      mode: 'submit',
      workspace: '/work/repo',
      sourceDir: 'batches',
      targetDir: 'results',
      endpoint: undefined,
      completionWindow: '24h',
      metadata: {},
      cacheKey: 'openai-batch-state',
      cancelSuperseded: true,
      maxConcurrency: 4,
      dryRun: false,
      scope: 'octo/repo:batches',
      stateDir: '/runner/temp/openai-batch-action/state'
    })
  })

  it('prefers inputs to the environment', () => {
    const s = read({ 'openai-api-key': 'sk-input', 'openai-base-url': 'http://127.0.0.1:9/v1' }, { ...env, OPENAI_BASE_URL: 'http://other/v1' })
    expect([s.apiKey, s.baseUrl]).toEqual(['sk-input', 'http://127.0.0.1:9/v1'])
  })

  it('falls back to OPENAI_BASE_URL', () => {
    expect(read({}, { ...env, OPENAI_BASE_URL: 'http://other/v1' }).baseUrl).toBe('http://other/v1')
  })

  it('asks for a key unless it is a dry run', () => {
    expect(() => read({}, { ...env, OPENAI_API_KEY: undefined })).toThrow(/No OpenAI API key. Set the 'openai-api-key' input/)
    expect(read({ 'dry-run': 'true' }, { ...env, OPENAI_API_KEY: undefined }).apiKey).toBe('')
  })

  it.each([
    [{ mode: 'fast' }, "Input 'mode' must be one of auto, submit, collect, sync; got 'fast'."],
    [{ 'max-concurrency': '0' }, "'max-concurrency' must be a whole number from 1 to 32"],
    [{ 'max-concurrency': 'abc' }, "'max-concurrency' must be a whole number from 1 to 32"],
    [{ 'dry-run': 'yes' }, "Input 'dry-run' must be true or false."],
    [{ endpoint: '/v1/chat' }, "Input 'endpoint' must be empty or one of"],
    [{ 'completion-window': 'tomorrow' }, "Input 'completion-window' must look like 24h."],
    [{ 'cache-key': 'a,b' }, "must not contain commas"],
    [{ 'openai-base-url': 'not a url' }, "must be a URL"],
    [{ 'source-dir': '../elsewhere' }, "Input 'source-dir' must be a folder inside the workspace"],
    [{ 'target-dir': '/etc' }, "Input 'target-dir' must be a folder inside the workspace"],
    [{ 'source-dir': '.' }, "Input 'source-dir' must be a folder inside the workspace"],
    [{ 'source-dir': 'data', 'target-dir': 'data/results' }, 'must not overlap']
  ])('refuses %j', (inputs, message) => {
    expect(() => read(inputs)).toThrow(message)
  })

  it('normalises folders to workspace-relative POSIX paths', () => {
    const s = read({ 'source-dir': './requests//daily/', 'target-dir': '/work/repo/out' })
    expect([s.sourceDir, s.targetDir]).toEqual(['requests/daily', 'out'])
  })
})

describe('resolveMode', () => {
  it.each([
    ['push', 'submit'],
    ['schedule', 'collect'],
    ['repository_dispatch', 'collect'],
    ['workflow_dispatch', 'sync'],
    ['pull_request', 'sync']
  ])('auto on %s is %s', (event, mode) => {
    expect(resolveMode('auto', event)).toBe(mode)
  })

  it('keeps an explicit mode', () => {
    expect(resolveMode('collect', 'push')).toBe('collect')
  })
})

describe('parseMetadata', () => {
  it('reads key=value lines, skipping blanks and comments', () => {
    expect(parseMetadata('team = evals\n\n# note\nrun=nightly=1\n')).toEqual({ team: 'evals', run: 'nightly=1' })
  })

  it('refuses what OpenAI would refuse, or what collides with the action', () => {
    expect(() => parseMetadata('novalue')).toThrow("Input 'metadata' line 1: write one key=value a line")
    expect(() => parseMetadata(`${'k'.repeat(65)}=v`)).toThrow("over OpenAI's 64 characters")
    expect(() => parseMetadata(`k=${'v'.repeat(513)}`)).toThrow("over OpenAI's 512 characters")
    expect(() => parseMetadata('oba_path=x')).toThrow("'oba_path' is the action's own key")
    expect(() => parseMetadata('a=1\na=2')).toThrow("'a' is given twice")
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('\n')
    expect(Object.keys(parseMetadata(eleven))).toHaveLength(11)
    expect(() => parseMetadata(`${eleven}\nk11=v`)).toThrow('the action uses 5 with retry-failed, so at most 11')
    // oba_round is only on retry batches: without retries there is room for one more.
    expect(Object.keys(parseMetadata(`${eleven}\nk11=v`, { retries: false }))).toHaveLength(12)
    expect(() => parseMetadata(`${eleven}\nk11=v\nk12=v`, { retries: false })).toThrow('the action uses 4, so at most 12')
  })
})
