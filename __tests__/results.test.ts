import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ApiError, BatchApi } from '../src/ports/batch-api'
import type { Clock } from '../src/ports/clock'
import { createResultWriter, resultPaths } from '../src/io/result-writer'

/** A BatchApi whose downloads serve `content`, cut short for the first `cut` attempts. */
function downloads(content: string, cut: number): BatchApi & { attempts: number } {
  const api = {
    attempts: 0,
    async download() {
      const bytes = Buffer.from(content)
      const short = api.attempts++ < cut
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(short ? bytes.subarray(0, bytes.length >> 1) : bytes)
          if (short) c.error(new TypeError('terminated'))
          else c.close()
        }
      })
      return { body, length: bytes.length }
    }
  }
  return api as unknown as BatchApi & { attempts: number }
}

const clock = (): Clock & { slept: number[] } => {
  const slept: number[] = []
  return { slept, now: () => 0, sleep: async ms => void slept.push(ms) }
}

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-results-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('resultPaths', () => {
  it('puts results beside the request path, and errors in .errors.jsonl', () => {
    expect(resultPaths('results', 'daily/a.jsonl')).toEqual({ output: 'results/daily/a.jsonl', errors: 'results/daily/a.errors.jsonl' })
  })
})

describe('ResultWriter', () => {
  const dest = () => path.join(dir, 'work', 'results', 'a.jsonl')
  const temp = () => path.join(dir, 'tmp')

  it('retries a body cut off after its headers, with backoff, and writes it whole', async () => {
    const api = downloads('{"a":1}\n{"b":2}\n', 2)
    const c = clock()
    expect(await createResultWriter(api, c, temp()).write(['file-1'], dest())).toEqual({ changed: true, existed: false })
    expect(fs.readFileSync(dest(), 'utf8')).toBe('{"a":1}\n{"b":2}\n')
    expect(c.slept).toEqual([1000, 2000])
    expect(fs.readdirSync(temp())).toEqual([])
  })

  it('gives up after five attempts and leaves neither the file nor a temporary one', async () => {
    const c = clock()
    await expect(createResultWriter(downloads('x'.repeat(100), 99), c, temp()).write(['file-1'], dest())).rejects.toThrow('terminated')
    expect(c.slept).toEqual([1000, 2000, 4000, 8000])
    expect(fs.existsSync(dest())).toBe(false)
    expect(fs.readdirSync(temp())).toEqual([])
  })

  it('does not retry what will not change, such as a 404', async () => {
    const api = { download: async () => Promise.reject(new ApiError('gone', 404, false)) } as unknown as BatchApi
    const c = clock()
    await expect(createResultWriter(api, c, temp()).write(['file-1'], dest())).rejects.toThrow('gone')
    expect(c.slept).toEqual([])
  })

  it('says an update replaced a file that was there', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'old\n')
    expect(await createResultWriter(downloads('new\n', 0), clock(), temp()).write(['file-1'], dest())).toEqual({ changed: true, existed: true })
    expect(fs.readFileSync(dest(), 'utf8')).toBe('new\n')
  })

  it('reports no change when the content is what the file already holds', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'same\n')
    const before = fs.statSync(dest()).ino
    expect(await createResultWriter(downloads('same\n', 0), clock(), temp()).write(['file-1'], dest())).toEqual({ changed: false, existed: true })
    expect(fs.statSync(dest()).ino).toBe(before)
  })

  it('removes a stale file when the batch has no such output, and says whether it did', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'old\n')
    const writer = createResultWriter(downloads('', 0), clock(), temp())
    expect(await writer.write([], dest())).toEqual({ changed: true, existed: true, removed: true })
    expect(fs.existsSync(dest())).toBe(false)
    expect(await writer.write([], dest())).toEqual({ changed: false, existed: false, removed: true })
  })
})
