/**
 * `npm run local`: the action's sources (src/main.ts) run through @github/local-action, GitHub's
 * tool for running an action on a workstation with its own stand-ins for @actions/core, cache,
 * artifact and github, against the OpenAI simulator: a dry run, then a full cycle (push → schedule),
 * checking the outputs each run reports. Offline, like `npm run demo`; the results commit goes to
 * the fake GitHub API. Exits 1 when a run fails or reports outputs other than expected.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { FakeGitHub } from '../__tests__/fakes/github'
import { FakeOpenAI } from '../__tests__/fakes/openai'
import { parseAnnotations, ROOT, Workspace } from '../__tests__/helpers/runner'

const BIN = path.join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')

interface LocalRun {
  stdout: string
  outputs: Record<string, string>
  errors: string[]
}

/** One run through `local-action run <action> src/main.ts <dotenv>`, its settings in the dotenv file as local-action reads them. */
async function local(ws: Workspace, name: string, env: Record<string, string>): Promise<LocalRun> {
  const dotenv = path.join(ws.root, `${name}.env`)
  fs.writeFileSync(
    dotenv,
    Object.entries(env)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n') + '\n'
  )
  // FORCE_COLOR=0: local-action colours its log with chalk; plain lines are what is parsed below.
  const child = spawn(process.execPath, [BIN, 'run', ROOT, 'src/main.ts', dotenv], {
    cwd: ROOT,
    // GITHUB_API_URL here too: local-action's @actions/github reads it when it loads, before the dotenv file.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? ws.root,
      FORCE_COLOR: '0',
      GITHUB_API_URL: env.GITHUB_API_URL ?? ''
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  // local-action's setOutput logs each output as a `::set-output` line, and its setFailed leaves
  // the exit code at 0: an `::error::` line is how a failed run shows.
  const outputs = Object.fromEntries(
    [...stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)].map(m => [m[1]!, m[2]!])
  )
  const errors = parseAnnotations(stdout)
    .filter(a => a.level === 'error')
    .map(a => a.message)
  if (code !== 0) errors.push(`local-action exited with ${code}`)
  return { stdout, outputs, errors }
}

/** Compares what a run reported with what it should have; returns the differences. */
function check(
  title: string,
  r: LocalRun,
  expected: Record<string, string | RegExp>,
  logs: (string | RegExp)[] = []
): string[] {
  const problems = r.errors.map(e => `${title}: error: ${e}`)
  for (const [k, want] of Object.entries(expected)) {
    const got = r.outputs[k]
    if (got === undefined || (typeof want === 'string' ? got !== want : !want.test(got)))
      problems.push(`${title}: output ${k} is ${JSON.stringify(got)}, expected ${String(want)}`)
  }
  for (const want of logs)
    if (!(typeof want === 'string' ? r.stdout.includes(want) : want.test(r.stdout)))
      problems.push(`${title}: the log lacks ${String(want)}`)
  console.log(`\n== ${title}: ${problems.length ? 'FAILED' : 'ok'}`)
  const { batches, ...counts } = r.outputs
  console.log(`   outputs: ${JSON.stringify(counts)}`)
  for (const b of JSON.parse(batches ?? '[]') as { file: string; batch_id: string; status: string }[])
    console.log(`   ${b.file} → ${b.batch_id} (${b.status})`)
  for (const p of problems) console.log(`   ${p}`)
  if (problems.length) console.log(r.stdout)
  return problems
}

async function main(): Promise<void> {
  const sim = new FakeOpenAI()
  const github = new FakeGitHub()
  await Promise.all([sim.start(), github.start()])
  const ws = new Workspace()
  fs.cpSync(path.join(ROOT, 'examples', 'batches'), path.join(ws.dir, 'batches'), { recursive: true })
  const files = ws.list('batches').length
  // local-action keeps caches and artifacts in these folders instead of the Actions services.
  const cacheDir = path.join(ws.root, 'local-cache')
  const artifactDir = path.join(ws.root, 'local-artifacts')
  fs.mkdirSync(cacheDir)
  fs.mkdirSync(artifactDir)
  let runs = 0
  const env = (event: string, inputs: Record<string, string> = {}): Record<string, string> => ({
    GITHUB_WORKSPACE: ws.dir,
    RUNNER_TEMP: ws.temp,
    GITHUB_EVENT_NAME: event,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    // A run id of its own for each run: the state is saved under a key with it, and keys are never reused.
    GITHUB_RUN_ID: String(2000 + ++runs),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_STEP_SUMMARY: path.join(ws.root, `summary-${runs}.md`),
    LOCAL_ACTION_WORKSPACE: ws.dir,
    LOCAL_ACTION_CACHE_PATH: cacheDir,
    LOCAL_ACTION_ARTIFACT_PATH: artifactDir,
    OPENAI_API_KEY: sim.apiKey,
    OPENAI_BASE_URL: sim.url,
    INPUT_PROVIDER: 'openai',
    // The action.yml default, `${{ github.token }}`, is a runner expression local-action cannot expand.
    'INPUT_GITHUB-TOKEN': github.token,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  })
  console.log(`Workspace: ${ws.dir} (${files} request files); OpenAI: the simulator at ${sim.url}`)
  const problems: string[] = []
  try {
    const dry = await local(ws, 'dry-run', env('push', { 'dry-run': 'true' }))
    problems.push(
      ...check(
        'dry run (push, dry-run: true)',
        dry,
        { submitted: '0', pending: '0', 'results-changed': 'false', 'commit-sha': '' },
        [/would submit .*batches\/questions\.jsonl/]
      )
    )
    if (sim.batches.size > 0) problems.push(`dry run: ${sim.batches.size} batches were created`)
    if (fs.readdirSync(cacheDir).length > 0) problems.push('dry run: a state was saved to the cache')

    const pushed = await local(ws, 'push', env('push'))
    problems.push(
      ...check('push (submit)', pushed, { submitted: String(files), pending: String(files), completed: '0' })
    )
    if (sim.batches.size !== files)
      problems.push(`push: the simulator holds ${sim.batches.size} batches, expected ${files}`)

    sim.settleAll()
    // results: both, so local-action's @actions/artifact runs too.
    const collected = await local(ws, 'schedule', env('schedule', { results: 'both' }))
    problems.push(
      ...check(
        'schedule (collect)',
        collected,
        {
          submitted: '0',
          completed: String(files),
          pending: '0',
          failed: '0',
          'results-changed': 'true',
          'commit-sha': github.head().sha,
          cost: /^\d+\.\d+$/
        },
        // The state the push saved, through local-action's cache, not rebuilt from OpenAI.
        [/State restored from cache key openai-batch-state-/]
      )
    )

    // Cache trouble is never a failure: without its cache folder, local-action's cache throws on every call.
    const { LOCAL_ACTION_CACHE_PATH: _, ...noCache } = env('schedule')
    const cacheless = await local(ws, 'no-cache', noCache)
    problems.push(
      ...check('schedule without LOCAL_ACTION_CACHE_PATH', cacheless, { pending: '0', 'results-changed': 'false' }, [
        /::warning::Could not restore the state from the cache \(LOCAL_ACTION_CACHE_PATH must be set/
      ])
    )
    const results = ws.list('results')
    console.log(`\n== What landed where\n${results.map(f => `   ${f}`).join('\n')}`)
    if (results.length !== files) problems.push(`schedule: ${results.length} result files, expected ${files}`)
    // local-action's core.summary writes the job summary to GITHUB_STEP_SUMMARY, as the runner's does.
    const summary = fs.readFileSync(path.join(ws.root, 'summary-3.md'), 'utf8')
    if (!summary.includes(`Committed ${files} result files to \`main\``))
      problems.push(`schedule: the job summary lacks the results commit:\n${summary}`)
    const artifacts = fs.readdirSync(artifactDir)
    console.log(`   artifacts: ${artifacts.join(', ') || 'none'}`)
    if (artifacts.length !== 1) problems.push(`schedule: ${artifacts.length} artifacts, expected 1`)
    console.log(`\nThe workspace stays at ${ws.dir} for a look; remove it with: rm -rf ${ws.root}`)
  } finally {
    await Promise.all([sim.stop(), github.stop()])
  }
  if (problems.length) {
    console.log(`\nnpm run local: ${problems.length} problems`)
    process.exitCode = 1
  } else console.log('\nnpm run local: a dry run and a full cycle through @github/local-action, outputs as expected')
}

main().catch(e => {
  console.error(e)
  process.exit(1)
})
