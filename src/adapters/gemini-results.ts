import { once } from 'node:events'
import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * A batch's responses file, one line a request in no particular order, split
 * into the two files the action reads as OpenAI's output and error files:
 * answers with at least one candidate, and the rest (`{key, error}` lines,
 * and responses without candidates: a prompt blocked, `promptFeedback.blockReason`).
 * Lines are written as they came: the keys are the user's own.
 */

/** Where the two kinds of a batch's results were written. */
import type { Split } from './split-download'

/** The lines of a body of bytes, without their newlines. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  let carry: Buffer[] = []
  // Node's web streams are async iterable; the DOM types do not say so.
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let start = 0
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      yield carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(start, nl)]) : chunk.subarray(start, nl)
      carry = []
      start = nl + 1
    }
    if (start < chunk.length) carry.push(chunk.subarray(start))
  }
  if (carry.length > 0) yield Buffer.concat(carry)
}

/** Whether a responses line holds an answer: a `response` with at least one candidate. */
export function answered(text: string, n: number): boolean {
  let r: { response?: { candidates?: unknown } }
  try {
    r = JSON.parse(text) as typeof r
  } catch {
    throw new Error(`responses line ${n} is not JSON: ${text.slice(0, 100)}`)
  }
  const candidates = r?.response?.candidates
  return Array.isArray(candidates) && candidates.length > 0
}

/** A file written through a stream, with the stream's backpressure. */
class Out {
  private readonly stream: fs.WriteStream
  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file)
  }
  async write(line: Buffer): Promise<void> {
    this.stream.write(line)
    if (!this.stream.write(NL)) await once(this.stream, 'drain')
  }
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject)
      this.stream.end(() => resolve())
    })
  }
  destroy(): void {
    this.stream.destroy()
  }
}
const NL = Buffer.from('\n')

/**
 * Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl`.
 * Written to temporary names and renamed once complete: a body that breaks off
 * leaves nothing half-made, and the caller downloads again from the start.
 */
export async function splitResponses(body: ReadableStream<Uint8Array>, dir: string, name: string): Promise<Split> {
  const done: Split = {
    succeeded: path.join(dir, `${name}.succeeded.jsonl`),
    failed: path.join(dir, `${name}.failed.jsonl`)
  }
  const ok = new Out(`${done.succeeded}.part`)
  const bad = new Out(`${done.failed}.part`)
  try {
    let n = 0
    for await (const raw of lines(body)) {
      n++
      const text = raw.toString('utf8')
      if (text.trim() === '') continue
      // A copy: the stream keeps what it is given until written, and a line may be a view of the body's chunk.
      await (answered(text, n) ? ok : bad).write(Buffer.from(raw))
    }
    await ok.close()
    await bad.close()
    await fs.promises.rename(ok.file, done.succeeded)
    await fs.promises.rename(bad.file, done.failed)
    return done
  } catch (e) {
    ok.destroy()
    bad.destroy()
    await Promise.all([ok.file, bad.file].map(f => fs.promises.rm(f, { force: true })))
    throw e
  }
}
