import { batchShare, Price, TokenUsage } from './usage'
import { byText } from '../format'

/**
 * What a request will be charged on, read from its body: the texts the model
 * reads, and the most it may write. Counting is an estimate: OpenAI adds a few
 * tokens of framing per message, and images, audio and files are not counted.
 */
export interface RequestTexts {
  readonly model: string | undefined
  readonly texts: readonly string[]
  /** Tokens of framing OpenAI adds (3 a chat message, 3 to start the reply). */
  readonly framing: number
  /** The most output tokens the request allows, when the body says; 0 for embeddings. */
  readonly maxOutput: number | undefined
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined)

/** The text parts of a message's content: a string, or parts with `text`. */
function contentTexts(content: unknown): string[] {
  if (typeof content === 'string') return [content]
  if (!Array.isArray(content)) return []
  return content.flatMap(p => (isObject(p) && typeof p.text === 'string' ? [p.text] : typeof p === 'string' ? [p] : []))
}

/** Tools and response formats are read by the model too: counted as their JSON. */
const schemas = (body: Record<string, unknown>): string[] =>
  ['tools', 'functions', 'response_format', 'text'].flatMap(k =>
    body[k] !== undefined && typeof body[k] === 'object' ? [JSON.stringify(body[k])] : []
  )

function chat(body: Record<string, unknown>): Omit<RequestTexts, 'model'> {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : []
  const texts = messages.flatMap(m => [...contentTexts(m.content), ...(typeof m.name === 'string' ? [m.name] : [])])
  const bound = num(body.max_completion_tokens) ?? num(body.max_tokens)
  const n = num(body.n) ?? 1
  return {
    texts: [...texts, ...schemas(body)],
    framing: 3 * messages.length + 3,
    maxOutput: bound === undefined ? undefined : bound * n
  }
}

function responses(body: Record<string, unknown>): Omit<RequestTexts, 'model'> {
  const input = body.input
  const items = typeof input === 'string' ? [input] : Array.isArray(input) ? input : []
  const texts = items.flatMap(i => (typeof i === 'string' ? [i] : isObject(i) ? contentTexts(i.content ?? i.text) : []))
  if (typeof body.instructions === 'string') texts.push(body.instructions)
  return { texts: [...texts, ...schemas(body)], framing: 3 * items.length + 3, maxOutput: num(body.max_output_tokens) }
}

function stringsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
}

/** A Claude message's content: a string, or blocks whose text is read (tool inputs as JSON, tool results' own content). */
function claudeContent(content: unknown): string[] {
  if (typeof content === 'string') return [content]
  if (!Array.isArray(content)) return []
  return content.filter(isObject).flatMap(b => {
    if (typeof b.text === 'string') return [b.text]
    if (b.type === 'tool_use' && b.input !== undefined) return [JSON.stringify(b.input)]
    if (b.type === 'tool_result') return claudeContent(b.content)
    return []
  })
}

/**
 * The texts and output bound of an Anthropic Message Batches request's `params`:
 * its system prompt, messages and tools, bounded by `max_tokens` (which counts
 * thinking too). The framing is OpenAI's chat framing, as Anthropic documents
 * none: the count is approximate either way (`ModelEstimate.approximate`).
 */
export function messagesTexts(params: Record<string, unknown>): RequestTexts {
  const model = typeof params.model === 'string' ? params.model : undefined
  const messages = Array.isArray(params.messages) ? params.messages.filter(isObject) : []
  const texts = [...claudeContent(params.system), ...messages.flatMap(m => claudeContent(m.content))]
  const tools = Array.isArray(params.tools) ? [JSON.stringify(params.tools)] : []
  return { model, texts: [...texts, ...tools], framing: 3 * messages.length + 3, maxOutput: num(params.max_tokens) }
}

/** The text parts of a Gemini Content (`{role, parts: [{text}, ...]}`); function calls and responses as their JSON. */
function geminiParts(content: unknown): string[] {
  if (!isObject(content) || !Array.isArray(content.parts)) return []
  return content.parts.filter(isObject).flatMap(p => {
    if (typeof p.text === 'string') return [p.text]
    const call = p.functionCall ?? p.functionResponse
    return call !== undefined ? [JSON.stringify(call)] : []
  })
}

/**
 * The texts and output bound of a Gemini batch line's `request` (a GenerateContentRequest): its
 * system instruction, contents and tools, bounded by generationConfig.maxOutputTokens times its
 * candidates. Counted with OpenAI's encoding and chat framing, as Google's tokenizer is an API
 * call (countTokens) the estimate does not make: approximate (`ModelEstimate.approximate`). The
 * model is the batch's, named by the `model` input, not the line.
 */
export function contentsTexts(request: Record<string, unknown>): RequestTexts {
  const contents = Array.isArray(request.contents) ? request.contents : []
  const texts = [...geminiParts(request.systemInstruction), ...contents.flatMap(geminiParts)]
  const tools = Array.isArray(request.tools) ? [JSON.stringify(request.tools)] : []
  const config = isObject(request.generationConfig) ? request.generationConfig : {}
  const bound = num(config.maxOutputTokens)
  const n = num(config.candidateCount) ?? 1
  return {
    model: undefined,
    texts: [...texts, ...tools],
    framing: 3 * contents.length + 3,
    maxOutput: bound === undefined ? undefined : bound * n
  }
}

/** The texts and output bound of one request, by its endpoint. */
export function requestTexts(url: string, body: Record<string, unknown>): RequestTexts {
  const model = typeof body.model === 'string' ? body.model : undefined
  const path = url.replace(/^\/v1/, '')
  if (path === '/chat/completions') return { model, ...chat(body) }
  if (path === '/responses') return { model, ...responses(body) }
  if (path === '/completions') {
    const n = num(body.n) ?? 1
    const bound = num(body.max_tokens)
    return { model, texts: stringsOf(body.prompt), framing: 0, maxOutput: bound === undefined ? undefined : bound * n }
  }
  if (path === '/embeddings' || path === '/moderations')
    return { model, texts: stringsOf(body.input), framing: 0, maxOutput: 0 }
  return { model, texts: [], framing: 0, maxOutput: undefined }
}

/** One model's share of a file: how many requests, their input tokens and the bound on their output. */
export interface ModelEstimate {
  readonly model: string
  readonly requests: number
  readonly inputTokens: number
  /** Sum of the requests' output bounds, over those that have one. */
  readonly outputBound: number
  /** Requests with no bound on their output: their output cost is unknown. */
  readonly unbounded: number
  /**
   * The tokenizer its input was counted with when it is not the model's own, so the count is
   * approximate: Claude's, counted with OpenAI's encoding as Anthropic publishes no tokenizer for
   * its current models, and Gemini's, whose tokenizer is an API call. Absent when counted with the model's own.
   */
  readonly approximate?: string
}

/** What submitting one file would cost, model by model. */
export interface FileEstimate {
  readonly file: string
  readonly models: readonly ModelEstimate[]
}

/** The Batch API's price: half the synchronous one (https://platform.openai.com/docs/guides/batch). */
export const BATCH_DISCOUNT = 0.5

export interface Cost {
  /** US dollars at the Batch price; undefined where no price is known. */
  readonly input: number | undefined
  /** For the output bound where one is known. */
  readonly output: number | undefined
  /** Models with no price known. */
  readonly unpriced: readonly string[]
  /** Requests whose output has no bound, so their output is not in `output`. */
  readonly unbounded: number
}

/** The estimate's cost at the Batch price; `price` is the price list's answer for one model. */
export function costOf(
  models: readonly ModelEstimate[],
  price: (model: string, usage: TokenUsage) => Price | undefined
): Cost {
  let input = 0
  let output = 0
  const unpriced: string[] = []
  let unbounded = 0
  for (const m of models) {
    unbounded += m.unbounded
    const p = price(m.model, { input: m.inputTokens, cachedInput: 0, output: m.outputBound, reasoning: 0 })
    if (!p) {
      unpriced.push(m.model)
      continue
    }
    input += p.input * batchShare(p, BATCH_DISCOUNT)
    output += p.output * batchShare(p, BATCH_DISCOUNT)
  }
  const priced = unpriced.length < models.length || models.length === 0
  return { input: priced ? input : undefined, output: priced ? output : undefined, unpriced, unbounded }
}

/** Sums the estimates of several files, model by model. */
export function mergeModels(all: readonly (readonly ModelEstimate[])[]): ModelEstimate[] {
  const by = new Map<string, ModelEstimate>()
  for (const m of all.flat()) {
    const o = by.get(m.model)
    by.set(
      m.model,
      o
        ? {
            model: m.model,
            requests: o.requests + m.requests,
            inputTokens: o.inputTokens + m.inputTokens,
            outputBound: o.outputBound + m.outputBound,
            unbounded: o.unbounded + m.unbounded,
            ...(o.approximate ? { approximate: o.approximate } : {})
          }
        : m
    )
  }
  return [...by.values()].sort((a, b) => byText(a.model, b.model))
}
