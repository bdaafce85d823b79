import { FileEstimate, ModelEstimate, requestTexts } from '../core/cost/estimate'
import type { Tokenizer } from '../ports/pricing'
import { eachLine } from './chunks'
import { parseLine } from './line-ids'
import { byText } from '../core/format'

type Tally = { requests: number; inputTokens: number; outputBound: number; unbounded: number }

/**
 * Counts what submitting a request file would cost, streaming it a line at a
 * time (a line is counted and dropped). Only checked files get here, so every
 * line is a valid request.
 */
export async function estimateFile(abs: string, file: string, tokenizer: Tokenizer): Promise<FileEstimate> {
  const by = new Map<string, Tally>()
  await eachLine(abs, line => {
    const req = parseLine(line)
    if (!req || typeof req.url !== 'string' || typeof req.body !== 'object' || req.body === null) return
    const r = requestTexts(req.url, req.body as Record<string, unknown>)
    const model = r.model ?? '(default model)'
    const t = by.get(model) ?? { requests: 0, inputTokens: 0, outputBound: 0, unbounded: 0 }
    t.requests++
    t.inputTokens += r.framing
    for (const text of r.texts) t.inputTokens += tokenizer.count(model, text)
    if (r.maxOutput === undefined) t.unbounded++
    else t.outputBound += r.maxOutput
    by.set(model, t)
  })
  const models: ModelEstimate[] = [...by.entries()]
    .map(([model, t]) => ({ model, ...t }))
    .sort((a, b) => byText(a.model, b.model))
  return { file, models }
}
