import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { CHUNK } from '../../src/io/buffers'
import { LineCursor } from '../../src/io/line-cursor'
import { idHash } from '../../src/io/line-ids'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-cursor-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Every line the cursor stops at, as text, and its keys. */
async function walk(text: string): Promise<{ lines: string[]; keys: number[] }> {
  const f = path.join(dir, 'f.jsonl')
  fs.writeFileSync(f, text)
  const cursor = await LineCursor.open(f)
  const [lines, keys] = [[] as string[], [] as number[]]
  try {
    while (cursor.head !== undefined) {
      lines.push(cursor.head.toString('utf8'))
      keys.push(cursor.key)
      const wait = cursor.advance()
      if (wait) await wait
    }
  } finally {
    await cursor.close()
  }
  return { lines, keys }
}

describe('LineCursor', () => {
  it('stops at each non-empty line with its id hash, the last without a newline too', async () => {
    const text = '{"custom_id":"a"}\n\n{"x":1}\n\n{"custom_id":"é"}'
    expect(await walk(text)).toEqual({
      lines: ['{"custom_id":"a"}', '{"x":1}', '{"custom_id":"é"}'],
      keys: [idHash('a'), -1, idHash('é')]
    })
  })

  it('joins lines across chunks: longer than a chunk, and ending where a chunk ends', async () => {
    const long = 'x'.repeat(CHUNK * 2 + 10)
    // The first line and its newline fill the first chunk exactly.
    const first = 'y'.repeat(CHUNK - 1)
    const lines = [first, long, 'short', '', 'z'.repeat(CHUNK - 3), 'end']
    expect((await walk(`${lines.join('\n')}\n\n`)).lines).toEqual(lines.filter(l => l !== ''))
  })

  it('an empty file has no head', async () => {
    expect(await walk('')).toEqual({ lines: [], keys: [] })
    expect(await walk('\n\n')).toEqual({ lines: [], keys: [] })
  })
})
