import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readRequestFile } from '../../src/io/request-files'
import { sha256File } from '../../src/io/hash'
import { request } from '../helpers/runner'

describe('readRequestFile', () => {
  it('names a duplicate id with its first line, found by a second read, in a file of several blocks of ids', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'request-files-'))
    const file = path.join(dir, 'a.jsonl')
    const n = 70_000
    const ids = Array.from({ length: n }, (_, i) => `r-${i}`)
    ids[68_999] = 'r-2'
    fs.writeFileSync(file, ids.map(id => request(id)).join('\n') + '\n')
    const { facts, bytes } = await readRequestFile(file, { maxRequests: 50_000 })
    expect(bytes).toBe(fs.statSync(file).size)
    expect(facts.requests).toBe(n)
    expect(facts.parts.map(p => p.requests)).toEqual([50_000, 20_000])
    expect(facts.problems).toEqual([
      { line: 69_000, message: "custom_id 'r-2' is used again (first on line 3); ids must be unique in a file." }
    ])
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('rerun-key in the content hash', () => {
  it('makes the same bytes other content under another key, the same under the same key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-rerun-'))
    const file = path.join(dir, 'a.jsonl')
    fs.writeFileSync(file, `${request('q-1')}\n`)
    try {
      const plain = await readRequestFile(file, {})
      const day1 = await readRequestFile(file, { rerunKey: '2026-12-07' })
      const day2 = await readRequestFile(file, { rerunKey: '2026-12-08' })
      expect(new Set([plain.sha256, day1.sha256, day2.sha256]).size).toBe(3)
      // The scan's quick hash and the full read agree, so a known file is not read again.
      expect((await sha256File(file, '2026-12-07'))!.sha256).toBe(day1.sha256)
      expect((await sha256File(file))!.sha256).toBe(plain.sha256)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
