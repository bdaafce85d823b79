import { once } from 'node:events'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Split } from './split-download'

/**
 * A body of lines streamed into two files by a predicate, for the providers
 * whose batch has one results file (Anthropic, Gemini); each says how a line
 * is classed (and rewritten) in its own results file.
 */

/** The lines of a body of bytes, without their newlines; a line may be a view of the body's chunk. */
export async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
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

/** Where a line goes, and what is written: the line rewritten, or its own bytes. */
export interface Classed {
  readonly succeeded: boolean
  readonly line: string | Buffer
}

/**
 * Classes line `n` (from 1) of `text`, its bytes `raw`; throws on a line that
 * is not what the provider writes. Blank lines are skipped before.
 */
export type Classify = (text: string, n: number, raw: Buffer) => Classed

const NL = Buffer.from('\n')

/** A file written through a stream, with the stream's backpressure. */
class Out {
  private readonly stream: fs.WriteStream
  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file)
  }
  async write(line: string | Buffer): Promise<void> {
    // A Buffer is written as is, its newline after: the second write's answer says for both.
    if (typeof line !== 'string') this.stream.write(line)
    if (!this.stream.write(typeof line === 'string' ? `${line}\n` : NL)) await once(this.stream, 'drain')
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

/**
 * Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl`.
 * Written to temporary names and renamed once complete: a body that breaks off
 * leaves nothing half-made, and the caller downloads again from the start.
 */
export async function splitLines(
  body: ReadableStream<Uint8Array>,
  dir: string,
  name: string,
  classify: Classify
): Promise<Split> {
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
      const { line, succeeded } = classify(text, n, raw)
      await (succeeded ? ok : bad).write(line)
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
