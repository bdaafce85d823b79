/**
 * The API key, the GitHub token and the webhook secret appear nowhere: not in
 * the logs (with step debug on), the outputs, the job summary, the state, the
 * cache archive, the committed files, the artifact or the webhook deliveries.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'
import { requestFile, RunResult } from '../helpers/runner'
import { unzip } from '../helpers/zip'

const bed = useBed()

/** The files a cache archive holds, read with the same tar the cache library used. */
function unpack(archive: Buffer, dir: string): string {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'cache.archive')
  fs.writeFileSync(file, archive)
  const zstd = archive.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))
  return execFileSync('tar', ['-xOPf', file, ...(zstd ? ['--use-compress-program', 'unzstd'] : ['-z'])], {
    encoding: 'utf8'
  })
}

describe('secrets', () => {
  it('appear nowhere a full run writes', async () => {
    const env = { ...bed.env(), RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }
    const inputs = {
      'webhook-url': bed.webhook.url,
      'webhook-secret': bed.webhook.secret,
      'dispatch-event': 'done',
      results: 'both',
      metadata: 'team=evals'
    }
    bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
    bed.ws.write('batches/b.jsonl', requestFile(2, 'b'))
    const runs: RunResult[] = [await bed.ws.run({ event: 'push', env, inputs })]
    for (const b of bed.openai.batches.values()) bed.openai.complete(b.id, { failIds: ['a-1'] })
    runs.push(await bed.ws.run({ event: 'schedule', env, inputs }))
    expect(runs.map(r => r.code)).toEqual([0, 0])
    expect(bed.webhook.events()).toHaveLength(2)

    const secrets = {
      'the API key': bed.openai.apiKey,
      'the GitHub token': bed.github.token,
      'the webhook secret': bed.webhook.secret,
      'the webhook key': Buffer.from(bed.webhook.secret.slice('whsec_'.length), 'base64').toString()
    }
    const places: Record<string, string> = {
      // The runner hides what ::add-mask:: names; the command itself has to carry the secret.
      logs: runs
        .map(r =>
          (r.stdout + r.stderr)
            .split('\n')
            .filter(l => !l.startsWith('::add-mask::'))
            .join('\n')
        )
        .join('\n'),
      outputs: runs.map(r => JSON.stringify(r.outputs)).join('\n'),
      summary: runs.map(r => r.summary).join('\n'),
      'state and cache archive': bed.cache.entries
        .map((e, i) => unpack(e.archive!, path.join(bed.ws.root, `cache-${i}`)))
        .join('\n'),
      'committed files':
        [...bed.github.blobs.values()].map(b => b.toString()).join('\n') +
        [...bed.github.commits.values()].map(c => c.message).join('\n'),
      artifact: bed.cache.artifacts.map(a => [...unzip(a.zip!).values()].map(b => b.toString()).join('\n')).join('\n'),
      'webhook deliveries': bed.webhook.deliveries.map(d => JSON.stringify(d.headers) + d.body).join('\n'),
      'repository_dispatch payloads': JSON.stringify(bed.github.dispatches),
      'the workspace': bed.ws
        .list()
        .map(f => bed.ws.read(f))
        .join('\n')
    }
    expect(places['state and cache archive']).toMatch(/"scope": ?"octo\/batches:batches"/)
    expect(places.logs).toContain('::debug::')
    const leaks = Object.entries(places).flatMap(([place, text]) =>
      Object.entries(secrets)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${name} in ${place}`)
    )
    expect(leaks).toEqual([])
  })
})
