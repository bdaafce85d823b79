import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { tallyUsage } from '../../src/io/usage-lines'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-usage-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const write = (lines: unknown[]) => {
  const file = path.join(dir, 'results.jsonl')
  fs.writeFileSync(file, lines.map(l => `${JSON.stringify(l)}\n`).join(''))
  return file
}

describe('tallyUsage', () => {
  it("sums Gemini's usageMetadata, thoughts as output, and names the model version", async () => {
    const usageMetadata = (p: number, c: number, t?: number) => ({
      promptTokenCount: p,
      candidatesTokenCount: c,
      ...(t ? { thoughtsTokenCount: t } : {}),
      cachedContentTokenCount: 1
    })
    const file = write([
      {
        key: 'a',
        response: { candidates: [{}], usageMetadata: usageMetadata(5, 7, 2), modelVersion: 'gemini-2.5-flash' }
      },
      { key: 'b', response: { candidates: [{}], usageMetadata: usageMetadata(3, 4) } },
      { key: 'c', error: { code: 14, message: 'x', status: 'UNAVAILABLE' } }
    ])
    expect(await tallyUsage(file)).toEqual({
      usage: { input: 8, cachedInput: 2, output: 13, reasoning: 2 },
      model: 'gemini-2.5-flash'
    })
  })

  it("sums OpenAI's usage as before", async () => {
    const body = { model: 'gpt-4o-mini', usage: { prompt_tokens: 4, completion_tokens: 2 } }
    const file = write([{ custom_id: 'a', response: { status_code: 200, body }, error: null }])
    expect(await tallyUsage(file)).toEqual({
      usage: { input: 4, cachedInput: 0, output: 2, reasoning: 0 },
      model: 'gpt-4o-mini'
    })
  })
})
