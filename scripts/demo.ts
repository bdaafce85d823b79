/**
 * `npm run demo`: a pull request's plan, then one full submit → collect cycle of the bundled action
 * (dist/index.js), run the way the runner runs it, on a copy of examples/batches.
 * `npm run demo -- anthropic`: the same for Anthropic's Message Batches, on a copy of
 * examples/claude-batches (source-dir claude-batches, target-dir claude-results).
 * `npm run demo -- gemini`: the same for Gemini's Batch Mode (model gemini-2.5-flash), on a copy
 * of examples/gemini-batches (source-dir gemini-batches, target-dir gemini-results).
 *
 * Offline by default, against the provider's simulator in __tests__/fakes. With
 * OPENAI_API_KEY (ANTHROPIC_API_KEY, GEMINI_API_KEY) set, against the real API (OPENAI_BASE_URL,
 * ANTHROPIC_BASE_URL, GOOGLE_GEMINI_BASE_URL if set): it then waits for the batches, checking every
 * DEMO_POLL_SECONDS (default 60) for at most DEMO_WAIT_MINUTES (default 60). The
 * Actions cache and the GitHub API (which receives the results commit) are always
 * local fakes. With retry-failed: 1, the request q-2, which the simulator fails once
 * (a 503 at OpenAI, overloaded_error at Anthropic, UNAVAILABLE at Gemini), is retried and merged.
 * Provider specifics live in scripts/demo-providers.ts.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { FakeCache } from '../__tests__/fakes/cache'
import { FakeGitHub } from '../__tests__/fakes/github'
import { ROOT, RunResult, Workspace } from '../__tests__/helpers/runner'
import { demoProvider } from './demo-providers'

const pollSeconds = Number(process.env.DEMO_POLL_SECONDS ?? 60)
const waitMinutes = Number(process.env.DEMO_WAIT_MINUTES ?? 60)

function show(title: string, r: RunResult): void {
  console.log(`\n== ${title}: exit ${r.code}`)
  for (const a of r.annotations)
    console.log(`   ${a.level}${a.file ? ` ${a.file}${a.line ? `:${a.line}` : ''}` : ''}: ${a.message}`)
  const { batches, ...counts } = r.outputs
  console.log(`   outputs: ${JSON.stringify(counts)}`)
  for (const b of JSON.parse(batches ?? '[]') as { file: string; round: number; batch_id: string; status: string }[])
    console.log(`   ${b.file}${b.round > 0 ? ` (retry ${b.round})` : ''} → ${b.batch_id} (${b.status})`)
  if (r.code !== 0) console.log(r.stdout)
}

async function main(): Promise<void> {
  const provider = demoProvider(process.argv[2])
  const cache = new FakeCache()
  await cache.start()
  const github = new FakeGitHub()
  await github.start()
  const api = await provider.start()
  const env: Record<string, string> = { ...cache.env(), ...github.env(), ...api.env }
  const ws = new Workspace()
  const { inputs: dirs } = provider
  fs.cpSync(path.join(ROOT, 'examples', provider.example), path.join(ws.dir, dirs['source-dir']), { recursive: true })
  console.log(`Workspace: ${ws.dir}`)
  console.log(api.where)
  const inputs = { ...dirs, 'retry-failed': '1' }
  try {
    // A pull request first: the plan with its estimate, as a comment; nothing is spent.
    const event = path.join(ws.root, 'pull_request.json')
    fs.writeFileSync(event, JSON.stringify({ number: 1, pull_request: { number: 1 } }))
    const planned = await ws.run({ event: 'pull_request', env: { ...env, GITHUB_EVENT_PATH: event }, inputs })
    show('pull_request (plan)', planned)
    if (planned.code !== 0) process.exitCode = 1
    for (const c of github.comments) console.log(`   comment on #${c.issue}:\n${c.body.replace(/^/gm, '   | ')}`)
    const pushed = await ws.run({ event: 'push', env, inputs })
    show('push (submit)', pushed)
    if (pushed.code !== 0) process.exitCode = 1
    let collected: RunResult
    const deadline = Date.now() + waitMinutes * 60_000
    for (let round = 0; ; round++) {
      // The simulator fails q-2 once: the next run retries it.
      if (!provider.real) provider.settle(round)
      else await new Promise(resolve => setTimeout(resolve, pollSeconds * 1000))
      collected = await ws.run({ event: 'schedule', env, inputs })
      show('schedule (collect)', collected)
      if (collected.outputs.pending === '0' || Date.now() > deadline || (!provider.real && round > 2)) break
    }
    if (collected.code !== 0) process.exitCode = 1
    console.log('\n== What landed where')
    for (const f of ws.list(dirs['target-dir'])) {
      const lines = ws.read(f).trim().split('\n')
      console.log(`   ${f}: ${lines.length} lines`)
      console.log(`      first: ${lines[0]!.slice(0, 160)}${lines[0]!.length > 160 ? '…' : ''}`)
    }
    const sha = collected.outputs['commit-sha']
    if (sha) {
      console.log(`\n== Committed to main as ${sha} (Verified: ${github.head().verified})`)
      console.log(github.head().message.replace(/^/gm, '   '))
    }
    if (collected.outputs.pending !== '0')
      console.log(`\n${collected.outputs.pending} batches still pending; they finish within their 24h window.`)
    console.log(`\nThe workspace stays at ${ws.dir} for a look; remove it with: rm -rf ${ws.root}`)
  } finally {
    await cache.stop()
    await github.stop()
    await provider.stop()
  }
}

main().catch(e => {
  console.error(e)
  process.exit(1)
})
