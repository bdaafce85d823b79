// @ts-check
// OpenAI webhook → GitHub repository_dispatch, as a Cloudflare Worker (one file; see README.md).
// It verifies OpenAI's signature with the openai SDK and starts the batches workflow, whose
// action then collects the batch at once. node.js beside it runs this same fetch() on node:http.
import OpenAI from 'openai'

/**
 * @typedef {object} Env
 * @property {string} [OPENAI_WEBHOOK_SECRET] the endpoint's signing secret (`whsec_...`)
 * @property {string} [GITHUB_TOKEN] a token that may send repository_dispatch (Contents: write)
 * @property {string} [GITHUB_REPOSITORY] `owner/name` of the repository with the batches workflow
 * @property {string} [DISPATCH_EVENT] the event type the workflow listens for; `openai-webhook` when unset
 * @property {string} [GITHUB_API_URL] `https://api.github.com` when unset (GitHub Enterprise: its API URL)
 */

// Only the signature check is used: no API call is made, so the key is a placeholder.
const openai = new OpenAI({ apiKey: 'unused' })

/** @param {number} status @param {string} [text] */
const answer = (status, text) => new Response(text ?? null, { status, headers: { 'content-type': 'text/plain' } })

export default {
  /** @param {Request} request @param {Env} env */
  async fetch(request, env) {
    if (request.method !== 'POST') return answer(405, 'POST OpenAI webhook events here.')
    const { OPENAI_WEBHOOK_SECRET: secret, GITHUB_TOKEN: token, GITHUB_REPOSITORY: repo } = env
    // 5xx: OpenAI delivers again later (for up to 72 hours), so fixing the settings loses nothing.
    if (!secret || !token || !repo) return answer(500, 'Set OPENAI_WEBHOOK_SECRET, GITHUB_TOKEN and GITHUB_REPOSITORY.')

    const body = await request.text()
    let event
    try {
      // Checks the HMAC and that webhook-timestamp is within 5 minutes, so a replay is refused.
      event = await openai.webhooks.unwrap(body, request.headers, secret)
    } catch (e) {
      return answer(400, `Not a verified OpenAI webhook: ${e instanceof Error ? e.message : String(e)}`)
    }
    // Other event types (responses, fine-tuning, evals) are acknowledged and dropped.
    if (!event.type.startsWith('batch.')) return answer(204)

    // The event itself is the client_payload: the action reads `type` and `data.id` from it.
    const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '')
    let res
    try {
      res = await fetch(`${api}/repos/${repo}/dispatches`, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'user-agent': 'openai-batch-relay',
          'x-github-api-version': '2022-11-28'
        },
        body: JSON.stringify({ event_type: env.DISPATCH_EVENT || 'openai-webhook', client_payload: event })
      })
    } catch (e) {
      return answer(502, `GitHub could not be reached: ${e instanceof Error ? e.message : String(e)}`)
    }
    if (!res.ok) return answer(502, `GitHub refused the repository_dispatch: ${res.status} ${await res.text()}`)
    return answer(202, `Dispatched ${event.type} (${event.id}) to ${repo}.`)
  }
}
