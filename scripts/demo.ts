/**
 * `npm run demo`: a pull request's plan, then one full submit → collect cycle of the bundled action
 * (dist/index.js), run the way the runner runs it, on a copy of examples/batches.
 *
 * Offline by default, against the OpenAI simulator in __tests__/fakes. With
 * OPENAI_API_KEY set, against the real API (OPENAI_BASE_URL if set): it then
 * waits for the batches, checking every DEMO_POLL_SECONDS (default 60) for at
 * most DEMO_WAIT_MINUTES (default 60). The Actions cache and the GitHub API (which
 * receives the results commit) are always local fakes. With retry-failed: 1, a
 * request the simulator fails with a 503 the first time is retried and merged.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { FakeCache } from '../__tests__/fakes/cache'
import { FakeGitHub } from '../__tests__/fakes/github'
import { FakeOpenAI } from '../__tests__/fakes/openai'
import { ROOT, RunResult, Workspace } from '../__tests__/helpers/runner'

const real = Boolean(process.env.OPENAI_API_KEY)
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
  const cache = new FakeCache()
  await cache.start()
  const github = new FakeGitHub()
  await github.start()
  const sim = real ? undefined : new FakeOpenAI()
  const env: Record<string, string> = {
    ...cache.env(),
    ...github.env(),
    OPENAI_API_KEY: sim ? sim.apiKey : process.env.OPENAI_API_KEY!,
    // The simulator stands for OpenAI itself (a loopback URL would otherwise be taken for a compatible API).
    ...(sim
      ? { OPENAI_BASE_URL: await sim.start(), INPUT_PROVIDER: 'openai' }
      : process.env.OPENAI_BASE_URL
        ? { OPENAI_BASE_URL: process.env.OPENAI_BASE_URL }
        : {})
  }
  const ws = new Workspace()
  fs.cpSync(path.join(ROOT, 'examples', 'batches'), path.join(ws.dir, 'batches'), { recursive: true })
  console.log(`Workspace: ${ws.dir}`)
  console.log(
    sim
      ? `OpenAI: the simulator at ${env.OPENAI_BASE_URL}`
      : `OpenAI: the real API${env.OPENAI_BASE_URL ? ` at ${env.OPENAI_BASE_URL}` : ''}`
  )
  const inputs = { 'retry-failed': '1' }
  // The simulator fails q-2 with a 503 once: the next run retries it.
  const flaky = { failWith: { 'q-2': 503 } }
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
      if (sim) sim.settleAll(round === 0 ? flaky : {})
      else await new Promise(resolve => setTimeout(resolve, pollSeconds * 1000))
      collected = await ws.run({ event: 'schedule', env, inputs })
      show('schedule (collect)', collected)
      if (collected.outputs.pending === '0' || Date.now() > deadline || (sim && round > 2)) break
    }
    if (collected.code !== 0) process.exitCode = 1
    console.log('\n== What landed where')
    for (const f of ws.list('results')) {
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
    await sim?.stop()
  }
}

main().catch(e => {
  console.error(e)
  process.exit(1)
})
