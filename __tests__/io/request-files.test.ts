import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readRequestFile } from '../../src/io/request-files'
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
