import { HttpClient } from '@actions/http-client'
import * as http from 'node:http'
import * as https from 'node:https'
import { once } from 'node:events'
import type { FileRange } from '../ports/batch-api'
import { eachChunk } from '../io/lines'

/**
 * A POST whose body is streamed from disk through one reused buffer: each
 * chunk is read only once the one before has left for the socket, so a
 * 200 MB upload holds a megabyte, and leaves no garbage behind.
 *
 * Not fetch: undici reads a request body ahead of the socket (a 190 MB upload
 * held 190 MB, BENCHMARKS.md). Not a piped stream either: every chunk it
 * reads is a new buffer, and they pile up until the collector runs.
 * @actions/http-client picks the agent, so the runner's proxy settings hold.
 */
export async function postFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: { head: Buffer; file: FileRange; tail: Buffer },
  timeoutMs: number
): Promise<{ status: number | undefined; text: string }> {
  const size = body.file.end - body.file.start
  const agent = new HttpClient('openai-batch-action').getAgent(url)
  const target = new URL(url)
  const request = target.protocol === 'https:' ? https.request : http.request
  const req = request(target, {
    method: 'POST',
    agent,
    headers: { ...headers, 'content-length': String(body.head.length + size + body.tail.length) }
  })
  req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)))
  // Whichever comes first: the answer, or the request failing (while sending, too).
  const answered = once(req, 'response') as Promise<[http.IncomingMessage]>
  answered.catch(() => undefined)
  const failed = new Promise<never>((_, reject) => req.once('error', reject))
  failed.catch(() => undefined)
  // A server may answer (a 401, a 413) before it has read the whole body: then sending stops.
  let early = false
  const stop = answered.then(() => void (early = true))
  const send = (chunk: Buffer) =>
    early ? undefined : Promise.race([failed, stop, new Promise<void>((resolve, reject) => req.write(chunk, e => (e ? reject(e) : resolve())))])
  await send(body.head)
  if (size > 0) await eachChunk(body.file.abs, send, { start: body.file.start, end: body.file.end })
  await send(body.tail)
  req.end()
  const [res] = await Promise.race([failed, answered])
  const parts: Buffer[] = []
  for await (const chunk of res) parts.push(chunk as Buffer)
  return { status: res.statusCode, text: Buffer.concat(parts).toString('utf8') }
}
