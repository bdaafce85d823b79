import { isUtf8 } from 'node:buffer'
import { BatchEndpoints, BatchLimits, CustomIdLimits } from '../limits'
import { idHash, IdLog } from './id-log'
import { resultLineBytes } from './results-size'
import { ANTHROPIC_ENDPOINT, checkAnthropicLine } from './anthropic-line'
import { checkGeminiLine } from './gemini-line'
import {
  isObject,
  jsonError,
  LineShape,
  notAnObject,
  notARequest,
  notJsonLines,
  otherModel,
  quote,
  unknownUrl,
  usedAgain
} from './line-messages'

/** Something wrong with a request file; `line` is 1-based, absent for the file as a whole. */
export interface Problem {
  readonly line?: number
  readonly message: string
}

/** A run of whole lines of a request file that makes one batch: bytes [start, end). */
export interface Part {
  readonly start: number
  readonly end: number
  readonly requests: number
  /** The file's line number (1-based) of the part's first line. */
  readonly line: number
}

/** What checking a request file found. */
export interface RequestFacts {
  readonly requests: number
  /** How the file is cut into batches within the API's limits (one part for most files). */
  readonly parts: readonly Part[]
  readonly endpoint: string | undefined
  readonly model: string | undefined
  readonly problems: readonly Problem[]
  /**
   * The results' size in bytes, estimated (results-size.ts): a lower bound, as requests that do
   * not bound their results count for nothing. Absent when the lines were not checked.
   */
  readonly resultsBytes?: number
}

export interface CheckOptions {
  /** The endpoint every line must use, when the input names one. */
  readonly endpoint?: string
  /** The url values a line may hold (the provider's); OpenAI's by default. */
  readonly endpoints?: readonly string[]
  /** Requests in one batch: a file with more is cut into parts. */
  readonly maxRequests?: number
  /** Bytes in one batch: a file with more is cut into parts. */
  readonly maxBytes?: number
  /**
   * rerun-key: part of each file's identity beside its content. It seeds the content hash, so every
   * batch, upload name and tag made under one key differs from another key's (#26).
   */
  readonly rerunKey?: string
  /** Problems reported in full before the rest are only counted. */
  readonly maxProblems?: number
  /** The shape of a line (the provider's `lines`): OpenAI's `{custom_id, method, url, body}` by default. */
  readonly lines?: LineShape
  /**
   * The `model` input. Gemini's lines name none: it is their file's model. Other lines name their
   * own: each must name this one, when it is given.
   */
  readonly model?: string
}

const BOM = [0xef, 0xbb, 0xbf]
/** Endpoints whose body may leave `model` to the API's default. */
const MODEL_OPTIONAL = new Set(['/v1/moderations'])

/**
 * Checks the lines of one request file as they stream past, holding only
 * hashes of the custom_ids (see id-log.ts). Feed every line (without its
 * `\n`) to `line`, then call `end` with the file's size; when it says so (an
 * id hash came twice), feed every line again to `again`, which names the
 * duplicates; then take the `facts`.
 */
export class RequestChecker {
  private readonly opts: Required<Omit<CheckOptions, 'rerunKey'>>
  private readonly ids = new IdLog()
  private readonly problems: Problem[] = []
  private hidden = 0
  /** The second pass: the hashes that came twice, each one's ids with their first lines, the duplicates found. */
  private repeats: ReadonlySet<number> = new Set()
  private readonly firsts = new Map<string, number>()
  private readonly duplicates: Problem[] = []
  private bytes = 0
  private requests = 0
  private offset = 0
  private readonly parts: Part[] = []
  private part = { start: 0, requests: 0, line: 1 }
  /** Bytes the current part takes beyond its lines' own: the tags its custom_ids are sent with. */
  private partTags = 0
  private blankSince: number | undefined
  /** The file as a whole is not JSON Lines (pretty-printed JSON, a JSON array): one problem says so, no line is checked. */
  private notLines = false
  private endpoint: { url: string; line: number } | undefined
  private model: { name: string; line: number } | undefined
  private resultsBytes = 0

  constructor(opts: CheckOptions = {}) {
    this.opts = {
      endpoint: opts.endpoint ?? '',
      endpoints: opts.endpoints ?? BatchEndpoints,
      maxRequests: opts.maxRequests ?? BatchLimits.maxRequests,
      maxBytes: opts.maxBytes ?? BatchLimits.maxBytes,
      maxProblems: opts.maxProblems ?? 20,
      lines: opts.lines ?? 'openai',
      model: opts.model ?? ''
    }
  }

  private problem(line: number | undefined, message: string, into = this.problems): void {
    if (into.length < this.opts.maxProblems) into.push({ line, message })
    else this.hidden++
  }

  /** The line's text without a `\r` at its end (or the BOM of line 1), undefined when it is not UTF-8. */
  private text(raw: Uint8Array, n: number, report: boolean): string | undefined {
    let end = raw.length
    if (end > 0 && raw[end - 1] === 0x0d) end--
    let text = raw.subarray(0, end)
    if (n === 1 && BOM.every((b, i) => text[i] === b)) {
      if (report) this.problem(n, 'The file starts with a byte order mark (BOM); save it as UTF-8 without BOM.')
      text = text.subarray(3)
    }
    if (!isUtf8(text)) return void (report && this.problem(n, 'This line is not valid UTF-8; save the file as UTF-8.'))
    return Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8')
  }

  /** Checks line number `n` (1-based); `raw` may end in `\r`, which is tolerated. */
  line(raw: Uint8Array, n: number): void {
    if (this.notLines) return
    const s = this.text(raw, n, true)
    if (s === undefined) return
    const size = raw.length + 1
    if (s.trim() === '') {
      this.blankSince ??= n
      this.offset += size
      return
    }
    if (this.blankSince !== undefined) {
      this.problem(this.blankSince, 'Blank line between requests; remove it (only trailing blank lines are allowed).')
      this.blankSince = undefined
    }
    this.cut(size, n)
    if (this.part.requests === 0) this.part.line = n
    this.requests++
    this.part.requests++
    this.offset += size
    let value: unknown
    try {
      value = JSON.parse(s)
    } catch (e) {
      const shape = n === 1 ? notJsonLines(s) : undefined
      if (shape) this.notLines = true
      return this.problem(n, shape ?? `Not valid JSON (${jsonError(e)}); each line must be one JSON request object.`)
    }
    if (!isObject(value)) return this.problem(n, notAnObject(value, this.opts.lines))
    if (this.opts.lines === 'anthropic') this.checkAnthropic(value, n)
    else if (this.opts.lines === 'gemini') this.checkGemini(value, n)
    else this.checkRequest(value, n)
  }

  /**
   * Closes the current part before a request of `size` bytes that would not fit in it. An
   * Anthropic line is sent with its custom_id tagged (remote/tags.ts): its tag's bytes count too.
   */
  private cut(size: number, n: number): void {
    const tag = this.opts.lines === 'anthropic' ? CustomIdLimits.tagPrefix : 0
    if (size + tag > this.opts.maxBytes)
      this.problem(
        n,
        `This request is ${size + tag} bytes${tag ? ` with the ${tag} of its custom_id's tag` : ''}, ` +
          `over the ${this.opts.maxBytes} bytes a batch may hold (max-batch-bytes); shorten it.`
      )
    const bytes = this.offset + size - this.part.start + this.partTags + tag
    const full = this.part.requests === this.opts.maxRequests || bytes > this.opts.maxBytes
    if (this.part.requests > 0 && full) {
      this.parts.push({ ...this.part, end: this.offset })
      this.part = { start: this.offset, requests: 0, line: n }
      this.partTags = 0
    }
    this.partTags += tag
  }

  private checkAnthropic(req: Record<string, unknown>, n: number): void {
    const line = checkAnthropicLine(req)
    for (const message of line.problems) this.problem(n, message)
    if (line.id !== undefined) this.ids.add(line.id)
    if (line.model !== undefined && this.opts.model && line.model !== this.opts.model)
      this.problem(n, otherModel('params.model', line.model, this.opts.model))
    // One batch may mix models at Anthropic: the file's model is its first.
    if (line.model !== undefined) this.model ??= { name: line.model, line: n }
    this.resultsBytes += line.resultsBytes
  }

  /** A Gemini line: its key is its id; the model is the batch's, the `model` input (facts). */
  private checkGemini(req: Record<string, unknown>, n: number): void {
    const line = checkGeminiLine(req)
    for (const message of line.problems) this.problem(n, message)
    if (line.id !== undefined) this.ids.add(line.id)
    this.resultsBytes += line.resultsBytes
  }

  private checkRequest(req: Record<string, unknown>, n: number): void {
    if (!('method' in req || 'url' in req || 'body' in req)) return this.problem(n, notARequest(req))
    const id = req.custom_id
    if (id === undefined) this.problem(n, 'No custom_id; add a "custom_id" string unique in this file.')
    else if (typeof id !== 'string') this.problem(n, `custom_id must be a string; got ${quote(id)}.`)
    else if (id === '') this.problem(n, 'custom_id is empty; give every request a unique non-empty id.')
    else this.ids.add(id)
    if (req.method !== 'POST') this.problem(n, `method must be "POST"; got ${quote(req.method ?? 'nothing')}.`)
    this.checkUrl(req.url, n)
    if (!isObject(req.body)) return this.problem(n, 'body must be a JSON object: the request body for the url.')
    this.checkModel(req.body.model, n)
    if (typeof req.url === 'string') this.resultsBytes += resultLineBytes(req.url, req.body) ?? 0
  }

  private checkUrl(url: unknown, n: number): void {
    const endpoints = this.opts.endpoints
    if (typeof url !== 'string' || !endpoints.includes(url)) return this.problem(n, unknownUrl(url, endpoints))
    if (this.opts.endpoint && url !== this.opts.endpoint)
      return this.problem(n, `url ${quote(url)} differs from the endpoint input ${quote(this.opts.endpoint)}.`)
    if (!this.endpoint) this.endpoint = { url, line: n }
    else if (url !== this.endpoint.url)
      this.problem(
        n,
        `url ${quote(url)} differs from ${quote(this.endpoint.url)} on line ${this.endpoint.line}; ` +
          'one file holds requests for one endpoint, so split it.'
      )
  }

  private checkModel(model: unknown, n: number): void {
    if (model === undefined && this.endpoint && MODEL_OPTIONAL.has(this.endpoint.url)) return
    if (typeof model !== 'string' || model === '')
      return this.problem(n, 'body.model must name the model, e.g. "gpt-4o-mini".')
    if (this.opts.model && model !== this.opts.model)
      return this.problem(n, otherModel('body.model', model, this.opts.model))
    if (!this.model) this.model = { name: model, line: n }
    else if (model !== this.model.name)
      this.problem(
        n,
        `body.model ${quote(model)} differs from ${quote(this.model.name)} on line ${this.model.line}; ` +
          'a batch uses one model, so split the file.'
      )
  }

  /** Ends the first pass over a file of `bytes`; true when an id hash came twice: then pass every line to `again`. */
  end(bytes: number): boolean {
    this.bytes = bytes
    this.repeats = this.ids.repeated()
    return this.repeats.size > 0
  }

  /** The second pass, line number `n`: names an id used again (only ids whose hash came twice are looked at). */
  again(raw: Uint8Array, n: number): void {
    const s = this.text(raw, n, false)
    let id: unknown
    try {
      const line = s && (JSON.parse(s) as { custom_id?: unknown; key?: unknown })
      id = line && (this.opts.lines === 'gemini' ? line.key : line.custom_id)
    } catch {
      return
    }
    if (typeof id !== 'string' || id === '' || !this.repeats.has(idHash(id))) return
    const first = this.firsts.get(id)
    if (first === undefined) this.firsts.set(id, n)
    else this.problem(n, usedAgain(this.opts.lines, id, first), this.duplicates)
  }

  /** What the file's passes found. */
  facts(): RequestFacts {
    if (this.part.requests > 0) this.parts.push({ ...this.part, end: this.bytes })
    if (this.requests === 0)
      this.problem(undefined, 'The file has no requests; add one JSON request a line, or delete it.')
    // Each list holds the first of its kind; merged in line order, the first of all (on one line
    // the duplicate id first, as the id is checked first).
    const all = [...this.duplicates.map(p => ({ ...p, dup: 0 })), ...this.problems.map(p => ({ ...p, dup: 1 }))]
    all.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.dup - b.dup)
    const hidden = this.hidden + Math.max(0, all.length - this.opts.maxProblems)
    const problems: Problem[] = all
      .slice(0, this.opts.maxProblems)
      .map(({ line, message }) => (line === undefined ? { message } : { line, message }))
    if (hidden > 0) problems.push({ message: `...and ${hidden} more problems in this file.` })
    return {
      requests: this.requests,
      parts: this.parts,
      endpoint: this.opts.lines === 'anthropic' ? ANTHROPIC_ENDPOINT : this.endpoint?.url,
      // Gemini's lines name no model: the batch runs the `model` input's.
      model: this.opts.lines === 'gemini' ? this.opts.model || undefined : this.model?.name,
      problems,
      resultsBytes: this.resultsBytes
    }
  }
}
