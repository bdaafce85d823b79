import { createWriteStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import { once } from 'node:events'
import { eachLine, indexLines, LineIndex, lineKey } from './lines'

/**
 * Result lines in the order of the request file, joined on custom_id, with
 * memory for an index of the result lines (22 bytes a line, see lines.ts) and
 * 8 bytes a request for the order, never the lines themselves.
 */

/** Copies indexed lines, in the order `pick` yields them, from their files to `out`; returns how many. */
export async function copyLines(index: LineIndex, files: readonly string[], out: string, pick: (write: (i: number) => Promise<void>) => Promise<void>): Promise<number> {
  const fds = await Promise.all(files.map(f => fs.open(f, 'r')))
  const sink = createWriteStream(out)
  let written = 0
  try {
    await pick(async i => {
      const { file, offset, length } = index.entry(i)
      const buf = Buffer.allocUnsafe(length + 1)
      await fds[file]!.read(buf, 0, length, offset)
      buf[length] = 10
      written++
      if (!sink.write(buf)) await once(sink, 'drain')
    })
  } finally {
    sink.end()
    await once(sink, 'finish')
    await Promise.all(fds.map(fd => fd.close()))
  }
  return written
}

/**
 * Writes the lines of `results` (one or more result files) to `out`, in the
 * order of the requests in `requests`; lines whose id the requests do not
 * name follow at the end, as they came. Returns how many lines were written.
 */
export async function orderByInput(requests: string, results: readonly string[], out: string): Promise<number> {
  const index = await indexLines(results)
  const taken = new Uint8Array(index.size)
  // The requests' id hashes, in order: 8 bytes a request.
  const wanted: number[] = []
  await eachLine(requests, line => {
    const key = line.length > 0 ? lineKey(line) : -1
    if (key !== -1) wanted.push(key)
  })
  return copyLines(index, results, out, async write => {
    for (const key of wanted) {
      const i = index.take(key, taken)
      if (i < 0) continue
      taken[i] = 1
      await write(i)
    }
    for (let i = 0; i < index.size; i++) if (!taken[i]) await write(i)
  })
}
