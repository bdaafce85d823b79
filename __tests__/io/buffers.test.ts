import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { CHUNK, giveBack, idleBuffers, lend } from '../../src/io/buffers'
import { eachChunk } from '../../src/io/chunks'

describe('the read buffers', () => {
  it('lends a given-back buffer again instead of allocating one, and takes each back once', () => {
    const a = lend()
    expect(a.length).toBe(CHUNK)
    const before = idleBuffers()
    giveBack(a)
    giveBack(a)
    expect(idleBuffers()).toBe(before + 1)
    expect(lend()).toBe(a)
    giveBack(Buffer.alloc(10))
    expect(idleBuffers()).toBe(before)
  })

  it('reads a file of several megabytes through two of them, given back once it is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buffers-'))
    const file = path.join(dir, 'f')
    const whole = Buffer.from(Array.from({ length: 3 * CHUNK + 12345 }, (_, i) => (i * 7) % 251))
    fs.writeFileSync(file, whole)
    const seen = new Set<ArrayBufferLike>()
    const read: Buffer[] = []
    const idle = idleBuffers()
    await eachChunk(file, chunk => {
      seen.add(chunk.buffer)
      read.push(Buffer.from(chunk))
    })
    expect(Buffer.concat(read).equals(whole)).toBe(true)
    expect(seen.size).toBe(2)
    expect(idleBuffers()).toBe(idle + 2)
    // The next file is read through the same two.
    const again = new Set<ArrayBufferLike>()
    await eachChunk(file, chunk => void again.add(chunk.buffer))
    expect([...again].every(b => seen.has(b))).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
