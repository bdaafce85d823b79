import { providerFacts } from '../../src/core/providers'
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'
import { InputDefaults } from '../../src/config/constants'
import { parseMetadata } from '../../src/config/input-values'
import { readSettings, resolveMode } from '../../src/config/settings'
import { ROOT } from '../helpers/runner'

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

const env = {
  GITHUB_WORKSPACE: '/work/repo',
  RUNNER_TEMP: '/runner/temp',
  GITHUB_REPOSITORY: 'octo/repo',
  GITHUB_EVENT_NAME: 'push',
  OPENAI_API_KEY: 'sk-x'
}
const read = (inputs: Record<string, string> = {}, e: Record<string, string | undefined> = env) =>
  readSettings(name => inputs[name] ?? '', e)

describe('readSettings', () => {
  it("fills every input-derived setting with action.yml's default", () => {
    const d = (name: string): string => action.inputs[name]!.default ?? ''
    // Every field but the runner's context: a new setting has to be added here.
    const { run: _run, ...settings } = read()
    expect(settings).toEqual({
      apiKey: 'sk-x',
      baseUrl: d('openai-base-url') || undefined,
      provider: providerFacts('openai', undefined),
      azure: { apiVersion: undefined, adToken: undefined, credential: undefined },
      mode: 'submit', // auto, on a push
      auto: true,
      sourceDir: d('source-dir'),
      targetDir: d('target-dir'),
      endpoint: d('endpoint') || undefined,
      completionWindow: d('completion-window'),
      metadata: {},
      cacheKey: d('cache-key'),
      cancelSuperseded: d('cancel-superseded') === 'true',
      keepOrphanResults: d('keep-orphan-results') === 'true',
      keepSuperseded: d('keep-superseded') === 'true',
      deleteRemoteFiles: d('delete-remote-files') === 'true',
      remoteFilesExpireAfter: 30 * 86_400,
      maxConcurrency: Number(d('max-concurrency')),
      maxBatchBytes: Number(d('max-batch-bytes')),
      check: {
        endpoint: undefined,
        endpoints: providerFacts('openai', undefined).endpoints,
        lines: 'openai',
        maxRequests: 50_000,
        maxBytes: Number(d('max-batch-bytes'))
      },
      retryFailed: Number(d('retry-failed')),
      dryRun: d('dry-run') === 'true',
      planOnly: d('dry-run') === 'true',
      maxCost: undefined,
      modelPrices: [],
      results: d('results'),
      resultsOrder: d('results-order'),
      readableResults: d('readable-results'),
      resultsPull: {
        branch: d('results-branch'),
        title: d('title'),
        draft: d('draft') === 'true',
        labels: [],
        assignees: [],
        reviewers: [],
        teamReviewers: []
      },
      githubToken: '',
      commitMessage: d('commit-message'),
      artifactName: d('artifact-name'),
      artifactRetentionDays: undefined,
      webhookUrl: d('webhook-url') || undefined,
      webhookSecret: d('webhook-secret'),
      dispatchEvent: d('dispatch-event') || undefined,
      batchIds: [],
      workspace: '/work/repo',
      scope: 'octo/repo:batches',
      stateDir: '/runner/temp/openai-batch-action/state',
      tempDir: '/runner/temp/openai-batch-action/tmp'
    })
  })

  it("keeps the defaults in one table, the same as action.yml's", () => {
    for (const [name, input] of Object.entries(action.inputs))
      // action.yml's github-token is the job's token, which only the runner can fill in.
      expect([name, InputDefaults[name as keyof typeof InputDefaults]]).toEqual([
        name,
        name === 'github-token' ? '' : input.default
      ])
  })

  it('prefers inputs to the environment', () => {
    const s = read(
      { 'openai-api-key': 'sk-input', 'openai-base-url': 'http://127.0.0.1:9/v1' },
      { ...env, OPENAI_BASE_URL: 'http://other/v1' }
    )
    expect([s.apiKey, s.baseUrl]).toEqual(['sk-input', 'http://127.0.0.1:9/v1'])
  })

  it('falls back to OPENAI_BASE_URL', () => {
    expect(read({}, { ...env, OPENAI_BASE_URL: 'http://other/v1' }).baseUrl).toBe('http://other/v1')
  })

  it('reads the key and the base URL from api-key and base-url, before the environment (#24)', () => {
    const s = read(
      { 'api-key': 'sk-generic', 'base-url': 'http://127.0.0.1:9/v1' },
      { ...env, OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'http://other/v1' }
    )
    expect([s.apiKey, s.baseUrl]).toEqual(['sk-generic', 'http://127.0.0.1:9/v1'])
  })

  it('takes the same value under both names, the new and its alias', () => {
    const both = {
      'api-key': 'sk-same',
      'openai-api-key': 'sk-same',
      'base-url': 'http://a/v1',
      'openai-base-url': 'http://a/v1'
    }
    const s = read(both, { ...env, OPENAI_API_KEY: 'sk-env' })
    expect([s.apiKey, s.baseUrl]).toEqual(['sk-same', 'http://a/v1'])
  })

  it('refuses two different keys or URLs under a name and its alias, echoing neither', () => {
    const keys = () => read({ 'api-key': 'sk-new-secret', 'openai-api-key': 'sk-old-secret' })
    expect(keys).toThrow(
      "Inputs 'api-key' and 'openai-api-key' hold two different keys: give one ('openai-api-key' is an alias of 'api-key')."
    )
    const urls = () =>
      read({ 'base-url': 'https://a.example/v1?t=tok1', 'openai-base-url': 'https://b.example/v1?t=tok2' })
    expect(urls).toThrow(
      "Inputs 'base-url' and 'openai-base-url' hold two different URLs: give one ('openai-base-url' is an alias of 'base-url')."
    )
    // In a plan too, with no key needed: the two inputs contradict each other whatever the run.
    expect(() => read({ 'api-key': 'a', 'openai-api-key': 'b', 'dry-run': 'true' }, {})).toThrow('two different keys')
  })

  it("falls back to the provider SDK's environment variables when neither name is given", () => {
    const s = read(
      {},
      { ...env, OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'https://my-res.openai.azure.com/openai/v1/' }
    )
    expect([s.apiKey, s.baseUrl, s.provider.kind]).toEqual([
      'sk-env',
      'https://my-res.openai.azure.com/openai/v1/',
      'azure'
    ])
    expect(s.provider.env).toEqual({ apiKeys: ['OPENAI_API_KEY'], baseUrl: 'OPENAI_BASE_URL' })
  })

  it('asks for a key unless it is a dry run', () => {
    expect(() => read({}, { ...env, OPENAI_API_KEY: undefined })).toThrow(
      "No OpenAI API key. Set the 'api-key' input, e.g. `api-key: ${{ secrets.OPENAI_API_KEY }}`, or the OPENAI_API_KEY environment variable."
    )
    expect(read({ 'dry-run': 'true' }, { ...env, OPENAI_API_KEY: undefined }).apiKey).toBe('')
  })

  it.each([
    [{ mode: 'fast' }, "Input 'mode' must be one of auto, submit, collect, sync, plan; got 'fast'."],
    [{ 'max-concurrency': '0' }, "'max-concurrency' must be a whole number from 1 to 32"],
    [{ 'max-concurrency': 'abc' }, "'max-concurrency' must be a whole number from 1 to 32"],
    [
      { 'max-cost': '-1' },
      "Input 'max-cost' must be empty (no limit) or an amount of US dollars; got '-1': write a number such as 25 or 2.50."
    ],
    [{ 'max-cost': '$5' }, "got '$5': write 5 (US dollars, no sign)."],
    [{ 'max-cost': '5 dollars' }, "got '5 dollars': write 5 (US dollars, no sign)."],
    [{ 'readable-results': 'xlsx' }, "Input 'readable-results' must be none or csv; got 'xlsx'."],
    [{ 'dry-run': 'yes' }, "Input 'dry-run' must be true or false; got 'yes'."],
    [{ 'max-concurrency': '0' }, "Input 'max-concurrency' must be a whole number from 1 to 32; got '0'."],
    [{ endpoint: '/v1/chat' }, "Input 'endpoint' must be empty or one of"],
    [{ 'completion-window': 'tomorrow' }, "Input 'completion-window' must look like 24h or 7d; got 'tomorrow'."],
    [{ 'cache-key': 'a,b' }, 'must not contain commas'],
    [{ 'openai-base-url': 'not a url' }, "Input 'base-url' (or its alias 'openai-base-url') must be a URL"],
    [{ 'base-url': 'not a url' }, "Input 'base-url' (or its alias 'openai-base-url') must be a URL"],
    [{ 'source-dir': '../elsewhere' }, "Input 'source-dir' must be a folder inside the workspace"],
    [{ 'target-dir': '/etc' }, "Input 'target-dir' must be a folder inside the workspace"],
    [{ 'source-dir': '.' }, "Input 'source-dir' must be a folder inside the workspace"],
    [{ 'source-dir': 'data', 'target-dir': 'data/results' }, 'must not overlap']
  ])('refuses %j', (inputs, message) => {
    expect(() => read(inputs)).toThrow(message)
  })

  it('takes an http webhook only to this machine', () => {
    for (const url of [
      'http://localhost:8080/h',
      'http://127.0.0.1/h',
      'http://127.0.0.2:9/h',
      'http://[::1]/h',
      'https://hooks.example/h'
    ])
      expect(read({ 'webhook-url': url }).webhookUrl).toBe(url)
    for (const url of ['http://hooks.example/h', 'http://127.0.0.2.example/h', 'http://10.0.0.1/h'])
      expect(() => read({ 'webhook-url': url })).toThrow(
        "Input 'webhook-url' must be an https:// URL (http:// only for localhost)."
      )
  })

  it('normalises folders to workspace-relative POSIX paths', () => {
    const s = read({ 'source-dir': './requests//daily/', 'target-dir': '/work/repo/out' })
    expect([s.sourceDir, s.targetDir]).toEqual(['requests/daily', 'out'])
  })
})

describe('resolveMode', () => {
  const pick = ({ mode, auto }: { mode: string; auto: boolean }) => ({ mode, auto })

  it.each([
    ['push', 'submit'],
    ['schedule', 'collect'],
    ['repository_dispatch', 'collect'],
    ['workflow_dispatch', 'sync'],
    ['pull_request', 'plan']
  ])('auto on %s is %s', (event, mode) => {
    expect(resolveMode('auto', event)).toBe(mode)
  })

  it('keeps an explicit mode', () => {
    expect(resolveMode('collect', 'push')).toBe('collect')
    expect(resolveMode('plan', 'pull_request_target')).toBe('plan')
  })

  it('remembers whether a collect came from auto, which submits waiting files, or was asked for', () => {
    const schedule = { ...env, GITHUB_EVENT_NAME: 'schedule' }
    expect(pick(read({}, schedule))).toEqual({ mode: 'collect', auto: true })
    expect(pick(read({ mode: 'collect' }, schedule))).toEqual({ mode: 'collect', auto: false })
  })

  it('refuses pull_request_target under auto, saying why and what to do', () => {
    expect(() => resolveMode('auto', 'pull_request_target')).toThrow(
      /hands the base repository's secrets and write token.*Run the plan on: pull_request/
    )
  })
})

describe('model-prices', () => {
  it('is read into the settings, and a line it cannot read fails the step naming it', () => {
    expect(read({ 'model-prices': 'my-deployment=gpt-4o-mini\nnew=1/2' }).modelPrices).toEqual([
      { pattern: 'my-deployment', text: 'my-deployment=gpt-4o-mini', as: 'gpt-4o-mini' },
      { pattern: 'new', text: 'new=1/2', input: 1, output: 2 }
    ])
    expect(() => read({ 'model-prices': 'a=1/2\nb=$3' })).toThrow(
      "Input 'model-prices' line 2: write name=model or name=input/output in US dollars per million tokens; got 'b=$3'."
    )
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
    expect(() => parseMetadata(`${eleven}\nk11=v\nk12=v`, { retries: false })).toThrow(
      'the action uses 4, so at most 12'
    )
  })
})

describe('plan-only runs', () => {
  it('needs no key for a plan (a fork gets no secrets), and reads max-cost as dollars', () => {
    const s = read({ 'max-cost': ' 2.50 ' }, { ...env, OPENAI_API_KEY: undefined, GITHUB_EVENT_NAME: 'pull_request' })
    expect([s.mode, s.planOnly, s.apiKey, s.maxCost]).toEqual(['plan', true, '', 2.5])
  })
})

describe('results: pull-request', () => {
  it('reads its lists the way create-pull-request does: commas or new lines', () => {
    const s = read({
      results: 'pull-request',
      labels: 'a, b\nc',
      reviewers: 'octocat',
      'team-reviewers': '',
      draft: 'true',
      'results-branch': 'results/main'
    })
    expect(s.resultsPull).toEqual({
      branch: 'results/main',
      title: 'OpenAI batch results',
      draft: true,
      labels: ['a', 'b', 'c'],
      assignees: [],
      reviewers: ['octocat'],
      teamReviewers: []
    })
  })

  it('refuses a branch name git would not take', () => {
    expect(() => read({ 'results-branch': 'bad..name' })).toThrow(
      "Input 'results-branch' must be empty or a branch name"
    )
  })
})

describe('the provider', () => {
  const env = {
    GITHUB_WORKSPACE: '/work/repo',
    RUNNER_TEMP: '/runner/temp',
    GITHUB_REPOSITORY: 'octo/repo',
    GITHUB_EVENT_NAME: 'push',
    OPENAI_API_KEY: 'sk-x'
  }
  const read = (inputs: Record<string, string>, e: Record<string, string | undefined> = env) =>
    readSettings(n => inputs[n] ?? '', e)

  it.each([
    ['', undefined, 'openai'],
    ['', 'https://api.openai.com/v1', 'openai'],
    ['', 'https://my-res.openai.azure.com/openai/v1/', 'azure'],
    ['', 'https://my-res.cognitiveservices.azure.com', 'azure'],
    ['', 'https://proj.services.ai.azure.com/openai/v1', 'azure'],
    ['', 'https://api.groq.com/openai/v1', 'compatible'],
    ['openai', 'http://127.0.0.1:9/v1', 'openai']
  ])('is %j with base URL %s: %s', (provider, base, kind) => {
    expect(read({ provider, 'openai-base-url': base ?? '' }).provider.kind).toBe(kind)
  })

  it('refuses a completion-window the provider does not take, before anything is uploaded', () => {
    expect(() => read({ 'completion-window': '48h' })).toThrow(
      "Input 'completion-window': OpenAI takes a completion-window of 24h; got '48h'."
    )
    expect(
      read({ 'completion-window': '7d', 'openai-base-url': 'https://api.groq.com/openai/v1' }).completionWindow
    ).toBe('7d')
    expect(() => read({ 'completion-window': '8d', 'openai-base-url': 'https://api.groq.com/openai/v1' })).toThrow(
      'Groq takes a completion-window of 24h, 48h, 72h, 4d, 5d, 6d, 7d'
    )
    expect(
      read({ provider: 'compatible', 'openai-base-url': 'https://llm.example/v1', 'completion-window': '3d' })
        .completionWindow
    ).toBe('3d')
  })

  it("reads limits, url forms and the expiry from the provider's facts", () => {
    const azure = read({ 'openai-base-url': 'https://my-res.openai.azure.com/openai/v1/' })
    expect(azure.check).toMatchObject({ maxRequests: 100_000, maxBytes: 180_000_000 })
    expect(azure.check.endpoints).toContain('/chat/completions')
    expect(() =>
      read({ 'openai-base-url': 'https://my-res.openai.azure.com/', 'remote-files-expire-after': '7d' })
    ).toThrow("Input 'remote-files-expire-after': Azure OpenAI takes 14d to 30d; got 7d.")
    const groq = read({ 'openai-base-url': 'https://api.groq.com/openai/v1' })
    expect(groq.check).toMatchObject({ maxBytes: 100_000_000, endpoints: ['/v1/chat/completions'] })
    // A compatible API is sent no field it did not ask for.
    expect(groq.remoteFilesExpireAfter).toBeUndefined()
    expect(
      read({ provider: 'compatible', 'openai-base-url': 'https://llm.example/v1', 'max-requests-per-batch': '1000' })
        .check.maxRequests
    ).toBe(1000)
    expect(() => read({ endpoint: '/chat/completions' })).toThrow(
      "Input 'endpoint' must be empty or one of /v1/responses"
    )
  })

  it('takes an Entra token instead of a key for Azure', () => {
    const s = readSettings(
      n =>
        ({
          'openai-base-url': 'https://my-res.openai.azure.com',
          'azure-ad-token': 'eyJ0',
          'azure-api-version': '2024-10-21'
        })[n] ?? '',
      { ...env, OPENAI_API_KEY: '' }
    )
    expect(s.azure).toEqual({ apiVersion: '2024-10-21', adToken: 'eyJ0', credential: undefined })
  })

  it("signs in to Azure with the Azure CLI's session instead of a key, and only to Azure", () => {
    const azure = { 'openai-base-url': 'https://my-res.openai.azure.com/openai/v1/', 'azure-credential': 'azure-cli' }
    const noKey = { ...env, OPENAI_API_KEY: '' }
    const s = read(azure, noKey)
    // A real run, not a plan: the token comes when the first call asks for it.
    expect(s.planOnly).toBe(false)
    expect(s.azure).toEqual({ apiVersion: undefined, adToken: undefined, credential: 'azure-cli' })
    expect(() => read({ 'azure-credential': 'azure-cli' }, noKey)).toThrow(
      "Input 'azure-credential' signs in to Azure OpenAI: set 'provider: azure'"
    )
    expect(() => read({ ...azure, 'azure-ad-token': 'eyJ0' }, noKey)).toThrow(
      "Inputs 'azure-ad-token' and 'azure-credential' are two ways to get the same token: give one."
    )
    expect(() => read({ ...azure, 'azure-credential': 'oidc' }, noKey)).toThrow(
      "Input 'azure-credential' must be empty (api-key or azure-ad-token) or azure-cli"
    )
    expect(() => read({ 'openai-base-url': azure['openai-base-url'] }, noKey)).toThrow(
      "for Azure OpenAI, 'azure-ad-token' or 'azure-credential: azure-cli' instead."
    )
  })
})
