import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { eachChunk, eachLine } from '../../src/io/chunks'

describe('reading through reused buffers', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-lines-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('gives every byte of a range once, in order, and every line whole, however long', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${i}:${'x'.repeat((i * 977_777) % (3 << 20))}`)
    const file = path.join(dir, 'f')
    fs.writeFileSync(file, lines.join('\n'))
    const got: string[] = []
    const offsets: number[] = []
    await eachLine(file, (line, offset) => {
      got.push(line.toString())
      offsets.push(offset)
    })
    expect(got).toEqual(lines)
    expect(offsets[5]).toBe(lines.slice(0, 5).reduce((n, l) => n + l.length + 1, 0))
    const whole = fs.readFileSync(file)
    const parts: Buffer[] = []
    await eachChunk(file, chunk => void parts.push(Buffer.from(chunk)), { start: 1000, end: whole.length - 7 })
    expect(Buffer.concat(parts).equals(whole.subarray(1000, whole.length - 7))).toBe(true)
  })
})
