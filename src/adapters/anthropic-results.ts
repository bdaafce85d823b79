import { once } from 'node:events'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { readTagged } from '../core/remote/tags'

/**
 * A batch's results file, one line a request in no particular order, split
 * into the two files the action reads as OpenAI's output and error files:
 * `succeeded` lines, and the rest (errored, canceled, expired). Each line
 * gets the user's own custom_id back (the tag the action sent cut off).
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

/** A result line with the user's custom_id, and whether it succeeded. */
function restore(text: string, n: number): { line: string; succeeded: boolean } {
  let r: { custom_id?: unknown; result?: { type?: unknown } }
  try {
    r = JSON.parse(text) as typeof r
  } catch {
    throw new Error(`result line ${n} is not JSON: ${text.slice(0, 100)}`)
  }
  if (typeof r.custom_id === 'string') r.custom_id = readTagged(r.custom_id)?.id ?? r.custom_id
  return { line: JSON.stringify(r), succeeded: r.result?.type === 'succeeded' }
}

/** A file written through a stream, with the stream's backpressure. */
class Out {
  private readonly stream: fs.WriteStream
  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file)
  }
  async write(line: string): Promise<void> {
    if (!this.stream.write(`${line}\n`)) await once(this.stream, 'drain')
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
export async function splitResults(body: ReadableStream<Uint8Array>, dir: string, name: string): Promise<Split> {
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
      const { line, succeeded } = restore(text, n)
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

/** The custom_id of the first line of a body, or undefined when there is none; the rest is not read. */
export async function firstCustomId(body: ReadableStream<Uint8Array>): Promise<string | undefined> {
  for await (const raw of lines(body)) {
    try {
      const id = (JSON.parse(raw.toString('utf8')) as { custom_id?: unknown }).custom_id
      return typeof id === 'string' ? id : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}
