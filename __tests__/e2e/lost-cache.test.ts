/**
 * A lost cache repeats nothing (#23 item 8): a batch rebuilt from OpenAI whose
 * results the workspace already holds, byte for byte, is not counted, committed
 * or announced again; one whose results differ is, under the same webhook-id.
 */
import { describe, expect, it } from '@jest/globals'
import { useBed } from '../helpers/bed'
import { requestFile } from '../helpers/runner'

const bed = useBed()
const hook = () => ({
  'webhook-url': bed.webhook.url,
  'webhook-secret': bed.webhook.secret,
  'dispatch-event': 'batch-finished'
})
const schedule = (inputs: Record<string, string>) => bed.ws.run({ event: 'schedule', env: bed.env(), inputs })

/** a.jsonl submitted, its batch completed with a failed line, collected and announced once; then the cache lost. */
async function collectedThenLost(inputs: Record<string, string>) {
  bed.ws.write('batches/a.jsonl', requestFile(3, 'a'))
  await bed.ws.run({ event: 'push', env: bed.env(), inputs })
  const [a] = bed.batchesFor('a.jsonl')
  bed.openai.complete(a!.id, { failIds: ['a-2'] })
  const first = await schedule(inputs)
  expect([first.code, first.outputs.completed]).toEqual([0, '1'])
  expect(bed.webhook.events()).toHaveLength(1)
  expect(bed.github.dispatches).toHaveLength(1)
  bed.cache.entries.length = 0
  return { id: a!.id, commits: bed.github.commits.size, webhookId: bed.webhook.deliveries[0]!.headers['webhook-id'] }
}

describe('a lost cache', () => {
  it('does not count, commit or announce again a batch whose results the workspace holds byte for byte', async () => {
    const inputs = { ...hook(), 'delete-remote-files': 'false' }
    const { id, commits } = await collectedThenLost(inputs)
    const r = await schedule(inputs)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Rebuild state from OpenAI')
    expect([r.outputs.completed, r.outputs.failed, r.outputs.cost]).toEqual(['0', '0', '0.00'])
    expect(r.outputs['results-changed']).toBe('false')
    expect(r.stdout).toContain(
      `batches/a.jsonl: the results in results already hold batch ${id}: ` +
        'it was collected before the state was lost, and is not counted or announced again.'
    )
    expect(bed.github.commits.size).toBe(commits)
    expect(bed.webhook.deliveries).toHaveLength(1)
    expect(bed.github.dispatches).toHaveLength(1)
    expect(r.annotations).toEqual([])
    // The rebuilt state remembers it: the next run does nothing either.
    const next = await schedule(inputs)
    expect([next.outputs.completed, bed.webhook.deliveries.length, bed.github.commits.size]).toEqual(['0', 1, commits])
  })

  it('does not count or announce again a batch whose files were deleted at OpenAI once its results were committed', async () => {
    const { commits } = await collectedThenLost(hook())
    const r = await schedule(hook())
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('are gone at OpenAI (deleted once published, or expired); the results in results stand.')
    expect([r.outputs.completed, r.outputs.cost]).toEqual(['0', '0.00'])
    expect(bed.github.commits.size).toBe(commits)
    expect(bed.webhook.deliveries).toHaveLength(1)
    expect(bed.github.dispatches).toHaveLength(1)
  })

  it('collects again results someone edited, and announces them under the webhook-id of the first delivery', async () => {
    const inputs = { ...hook(), 'delete-remote-files': 'false' }
    const { id, webhookId } = await collectedThenLost(inputs)
    const written = bed.ws.read('results/a.jsonl')
    const edited = written.replace('a-1', 'a-1-edited')
    // Edited and pushed: the checkout holds the edit.
    bed.ws.write('results/a.jsonl', edited)
    bed.github.commitFiles('main', { 'results/a.jsonl': edited }, 'Edit the results')
    const commits = bed.github.commits.size
    const r = await schedule(inputs)
    expect(r.code).toBe(0)
    expect([r.outputs.completed, r.outputs['results-changed']]).toEqual(['1', 'true'])
    expect(bed.ws.read('results/a.jsonl')).toBe(written)
    expect(bed.github.commits.size).toBe(commits + 1)
    expect(bed.github.files().get('results/a.jsonl')).toBe(written)
    expect(bed.webhook.deliveries.map(d => d.error)).toEqual([undefined, undefined])
    expect(bed.webhook.deliveries.map(d => d.headers['webhook-id'])).toEqual([webhookId, webhookId])
    expect(bed.webhook.events().map(e => [e!.id, e!.data.id])).toEqual([
      [webhookId, id],
      [webhookId, id]
    ])
    expect(bed.github.dispatches.map(d => (d.client_payload as { id: string }).id)).toEqual([webhookId, webhookId])
  })
})
