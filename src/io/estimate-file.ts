import {
  contentsTexts,
  FileEstimate,
  messagesTexts,
  ModelEstimate,
  RequestTexts,
  requestTexts
} from '../core/cost/estimate'
import type { Tokenizer } from '../ports/pricing'
import { eachLine } from './chunks'
import { parseLine } from './line-ids'
import { byText } from '../core/format'

type Tally = { requests: number; inputTokens: number; outputBound: number; unbounded: number; approximate?: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A line's texts, by its shape: Anthropic's `{custom_id, params}`, Gemini's `{key, request}` or OpenAI's
 * `{custom_id, method, url, body}` (only checked files get here, so a line is in its provider's shape);
 * with whether its count is approximate.
 */
function lineTexts(req: Record<string, unknown>): { r: RequestTexts; approximate: boolean } | undefined {
  if (isObject(req.params)) return { r: messagesTexts(req.params), approximate: true }
  if (isObject(req.request)) return { r: contentsTexts(req.request), approximate: true }
  if (typeof req.url !== 'string' || !isObject(req.body)) return undefined
  return { r: requestTexts(req.url, req.body), approximate: false }
}

/**
 * Counts what submitting a request file would cost, streaming it a line at a
 * time (a line is counted and dropped). Only checked files get here, so every
 * line is a valid request. Claude's tokens are counted with OpenAI's
 * tokenizer, as Anthropic publishes none for its current models, and so are
 * Gemini's: those counts are marked approximate, naming the encoding.
 * `model` is the model of lines that name none: Gemini's, whose batches run
 * the `model` input's.
 */
export async function estimateFile(
  abs: string,
  file: string,
  tokenizer: Tokenizer,
  model?: string
): Promise<FileEstimate> {
  const by = new Map<string, Tally>()
  await eachLine(abs, line => {
    const req = parseLine(line)
    const read = req && lineTexts(req)
    if (!read) return
    const { r, approximate } = read
    const name = r.model ?? model ?? '(default model)'
    const t = by.get(name) ?? { requests: 0, inputTokens: 0, outputBound: 0, unbounded: 0 }
    t.requests++
    t.inputTokens += r.framing
    for (const text of r.texts) t.inputTokens += tokenizer.count(name, text)
    if (r.maxOutput === undefined) t.unbounded++
    else t.outputBound += r.maxOutput
    if (approximate) t.approximate = tokenizer.encoding(name)
    by.set(name, t)
  })
  const models: ModelEstimate[] = [...by.entries()]
    .map(([model, t]) => ({ model, ...t }))
    .sort((a, b) => byText(a.model, b.model))
  return { file, models }
}
