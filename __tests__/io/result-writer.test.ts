import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ApiError } from '../../src/core/errors'
import { resultPaths } from '../../src/core/paths'
import { createResultWriter } from '../../src/io/result-writer'
import { fakeClock, MemoryBatchApi, memoryLog } from '../fixtures/ports'

/** An API holding one file, `content`, whose first `cut` downloads break off half way. */
function downloads(content: string, cut: number): MemoryBatchApi {
  const api = new MemoryBatchApi()
  api.addFile('a_output.jsonl', content)
  api.cutDownloads = cut
  return api
}

const deps = (clock = fakeClock()) => ({ clock, log: memoryLog(), tempDir: path.join(dir, 'tmp') })

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-results-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('resultPaths', () => {
  it('puts results beside the request path, errors in .errors.jsonl, the readable CSV in .csv', () => {
    expect(resultPaths('results', 'daily/a.jsonl')).toEqual({
      output: 'results/daily/a.jsonl',
      errors: 'results/daily/a.errors.jsonl',
      csv: 'results/daily/a.csv'
    })
  })
})

describe('ResultWriter', () => {
  const dest = () => path.join(dir, 'work', 'results', 'a.jsonl')
  const temp = () => path.join(dir, 'tmp')

  it('retries a body cut off after its headers, with backoff, and writes it whole', async () => {
    const api = downloads('{"a":1}\n{"b":2}\n', 2)
    const c = fakeClock()
    expect(await createResultWriter(api, deps(c)).write(['file-1'], dest())).toEqual({ changed: true, existed: false })
    expect(fs.readFileSync(dest(), 'utf8')).toBe('{"a":1}\n{"b":2}\n')
    expect(c.slept).toEqual([1000, 2000])
    expect(fs.readdirSync(temp())).toEqual([])
  })

  it('gives up after five attempts and leaves neither the file nor a temporary one', async () => {
    const c = fakeClock()
    await expect(createResultWriter(downloads('x'.repeat(100), 99), deps(c)).write(['file-1'], dest())).rejects.toThrow(
      'terminated'
    )
    expect(c.slept).toEqual([1000, 2000, 4000, 8000])
    expect(fs.existsSync(dest())).toBe(false)
    expect(fs.readdirSync(temp())).toEqual([])
  })

  it.each([
    ['a 404', new ApiError('gone', { status: 404, retryable: false })],
    ['a 500 the SDK already retried', new ApiError('gone', { status: 500, retryable: true })]
  ])('does not retry a request that failed (%s): the SDK is the one retry layer', async (_, error) => {
    const api = downloads('x\n', 0).fail('download', error, 10)
    const c = fakeClock()
    await expect(createResultWriter(api, deps(c)).write(['file-1'], dest())).rejects.toThrow('gone')
    expect(api.calls).toEqual(['download'])
    expect(c.slept).toEqual([])
  })

  it('says an update replaced a file that was there', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'old\n')
    expect(await createResultWriter(downloads('new\n', 0), deps()).write(['file-1'], dest())).toEqual({
      changed: true,
      existed: true
    })
    expect(fs.readFileSync(dest(), 'utf8')).toBe('new\n')
  })

  it('reports no change when the content is what the file already holds', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'same\n')
    const before = fs.statSync(dest()).ino
    expect(await createResultWriter(downloads('same\n', 0), deps()).write(['file-1'], dest())).toEqual({
      changed: false,
      existed: true
    })
    expect(fs.statSync(dest()).ino).toBe(before)
  })

  it('tells a file of the same size but other bytes from the same content', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'sane\n')
    expect(await createResultWriter(downloads('same\n', 0), deps()).write(['file-1'], dest())).toEqual({
      changed: true,
      existed: true
    })
    expect(fs.readFileSync(dest(), 'utf8')).toBe('same\n')
  })

  it('replaces a file of another size without reading it', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    // 64 GB, sparse: hashing it would outlast the test's timeout; its size alone says it differs.
    fs.writeFileSync(dest(), '')
    fs.truncateSync(dest(), 64 * 1024 ** 3)
    expect(await createResultWriter(downloads('new\n', 0), deps()).write(['file-1'], dest())).toEqual({
      changed: true,
      existed: true
    })
    expect(fs.readFileSync(dest(), 'utf8')).toBe('new\n')
  })

  it('removes a stale file when the batch has no such output, and says whether it did', async () => {
    fs.mkdirSync(path.dirname(dest()), { recursive: true })
    fs.writeFileSync(dest(), 'old\n')
    const writer = createResultWriter(downloads('', 0), deps())
    expect(await writer.write([], dest())).toEqual({ changed: true, existed: true, removed: true })
    expect(fs.existsSync(dest())).toBe(false)
    expect(await writer.write([], dest())).toEqual({ changed: false, existed: false, removed: true })
  })
})
