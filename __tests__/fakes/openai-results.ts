/** What the fake API makes of a request file: deterministic outputs and errors. */
import { randomBytes } from 'node:crypto'
import type { BatchUsage } from './openai-shapes'

/** A plausible response body for one request, so the demo's results look like the real thing. */
function simulatedBody(endpoint: string, customId: string, body: unknown, text?: string): unknown {
  const model = (body as { model?: string } | null)?.model ?? 'unknown'
  if (endpoint === '/v1/embeddings') {
    const seed = [...customId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7)
    const embedding = Array.from({ length: 8 }, (_, i) => Number(Math.sin(seed + i).toFixed(6)))
    return {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding }],
      model,
      usage: { prompt_tokens: 2, total_tokens: 2 }
    }
  }
  const answer = text ?? `(simulated answer to ${customId})`
  if (endpoint === '/v1/responses')
    return {
      id: `resp_${customId}`,
      object: 'response',
      created_at: 0,
      status: 'completed',
      model,
      output: [
        {
          type: 'message',
          id: `msg_${customId}`,
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: answer, annotations: [] }]
        }
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 1 },
        total_tokens: 15
      }
    }
  if (endpoint === '/v1/completions')
    return {
      id: `cmpl-${customId}`,
      object: 'text_completion',
      created: 0,
      model,
      choices: [{ index: 0, text: answer, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }
    }
  if (endpoint === '/v1/moderations')
    return { id: `modr-${customId}`, model, results: [{ flagged: false, categories: {}, category_scores: {} }] }
  return {
    id: `chatcmpl-${customId}`,
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 1 }
    }
  }
}

/** What the batch's usage adds up to: its answered requests' usage, in the batch's shape. */
function batchUsage(out: unknown[]): BatchUsage {
  const u = { input: 0, cached: 0, output: 0, reasoning: 0 }
  for (const line of out as { response: { body: { usage?: Record<string, number | Record<string, number>> } } }[]) {
    const usage = line.response.body.usage ?? {}
    // Responses name their tokens input/output; the other endpoints prompt/completion.
    const [i, o] = 'input_tokens' in usage ? ['input', 'output'] : ['prompt', 'completion']
    u.input += Number(usage[`${i}_tokens`] ?? 0)
    u.output += Number(usage[`${o}_tokens`] ?? 0)
    u.cached += Number((usage[`${i}_tokens_details`] as Record<string, number> | undefined)?.cached_tokens ?? 0)
    u.reasoning += Number((usage[`${o}_tokens_details`] as Record<string, number> | undefined)?.reasoning_tokens ?? 0)
  }
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output
  }
}

function padding(opts: CompleteOptions): { pad?: string } {
  if (!opts.padBytes) return {}
  return {
    pad: opts.randomPad
      ? randomBytes(Math.ceil((opts.padBytes * 3) / 4))
          .toString('base64')
          .slice(0, opts.padBytes)
      : 'x'.repeat(opts.padBytes)
  }
}

export interface CompleteOptions {
  /** custom_ids whose requests fail with a 400 (they go to the error file). */
  failIds?: string[]
  /** custom_ids whose requests fail otherwise: with this HTTP status (429, 500, ...) or this error code (request_timeout). */
  failWith?: Record<string, number | string>
  /** Answer texts by custom_id, in place of the simulated one (chat, responses, completions). */
  answers?: Record<string, string>
  /** Keep output in input order (OpenAI does not promise it; default: reversed). */
  inOrder?: boolean
  /** An older batch, or a compatible provider: no `usage` on the batch, only in the result lines. */
  noUsage?: boolean
  /** Make each answer this many characters longer (random ones when `randomPad`), for large results. */
  padBytes?: number
  randomPad?: boolean
}

/**
 * What the API makes of a request file: the output and error files' text
 * (null when empty) and the counts. Deterministic, so a test can compare a
 * run under faults with a fault-free one.
 */
export function simulateResults(
  endpoint: string,
  content: string,
  opts: CompleteOptions & { status?: 'completed' | 'expired' | 'cancelled'; done?: number } = {}
) {
  const status = opts.status ?? 'completed'
  const lines = content
    .split('\n')
    .filter(l => l.trim() !== '')
    .map(l => JSON.parse(l) as { custom_id: string; body: unknown })
  const fail = new Set(opts.failIds ?? [])
  const out: unknown[] = []
  const errs: unknown[] = []
  lines.forEach((l, i) => {
    const reqId = `batch_req_${l.custom_id}`
    if (status !== 'completed' && i >= (opts.done ?? 0)) {
      const code = status === 'expired' ? 'batch_expired' : 'batch_cancelled'
      errs.push({
        id: reqId,
        custom_id: l.custom_id,
        response: null,
        error: { code, message: `This request could not be executed before the batch ${status}.` }
      })
    } else if (opts.failWith?.[l.custom_id] !== undefined) {
      const how = opts.failWith[l.custom_id]!
      const response = {
        status_code: how,
        request_id: `req_${l.custom_id}`,
        body: { error: { message: `Simulated ${how}`, type: 'server_error' } }
      }
      errs.push(
        typeof how === 'number'
          ? { id: reqId, custom_id: l.custom_id, response, error: null }
          : { id: reqId, custom_id: l.custom_id, response: null, error: { code: how, message: `Simulated ${how}.` } }
      )
    } else if (fail.has(l.custom_id)) {
      errs.push({
        id: reqId,
        custom_id: l.custom_id,
        response: {
          status_code: 400,
          request_id: `req_${l.custom_id}`,
          body: { error: { message: 'Invalid request', type: 'invalid_request_error' } }
        },
        error: null
      })
    } else {
      out.push({
        id: reqId,
        custom_id: l.custom_id,
        response: {
          status_code: 200,
          request_id: `req_${l.custom_id}`,
          body: simulatedBody(endpoint, l.custom_id, l.body, opts.answers?.[l.custom_id]),
          ...padding(opts)
        },
        error: null
      })
    }
  })
  if (!opts.inOrder) out.reverse()
  const text = (xs: unknown[]) => (xs.length === 0 ? null : xs.map(x => JSON.stringify(x)).join('\n') + '\n')
  return {
    output: text(out),
    errors: text(errs),
    counts: { total: lines.length, completed: out.length, failed: errs.length },
    usage: batchUsage(out),
    model: (lines[0]?.body as { model?: string } | undefined)?.model ?? null
  }
}
