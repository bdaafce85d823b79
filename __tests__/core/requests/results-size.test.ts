import { describe, expect, it } from '@jest/globals'
import {
  megabytes,
  resultLineBytes,
  ResultBytes,
  resultsFate,
  resultsSizeWarning
} from '../../../src/core/requests/results-size'
import { RequestChecker } from '../../../src/core/requests/validate'
import { MAX_BLOB_BYTES } from '../../../src/core/limits'

const EMB = '/v1/embeddings'
const CHAT = '/v1/chat/completions'

describe('resultLineBytes', () => {
  it('sizes an embedding by its dimension: the body says, else the model', () => {
    const env = ResultBytes.embeddingEnvelope
    expect(resultLineBytes(EMB, { model: 'text-embedding-3-small', input: 'x', dimensions: 256 })).toBe(
      env + 256 * ResultBytes.perFloat
    )
    expect(resultLineBytes(EMB, { model: 'text-embedding-3-small', input: 'x' })).toBe(env + 1536 * 20)
    expect(resultLineBytes(EMB, { model: 'text-embedding-3-large', input: 'x' })).toBe(env + 3072 * 20)
    expect(resultLineBytes(EMB, { model: 'text-embedding-ada-002', input: 'x' })).toBe(env + 1536 * 20)
  })

  it('counts one embedding an input: a list of texts is several, a list of tokens one', () => {
    const one = resultLineBytes(EMB, { model: 'text-embedding-3-small', input: [1, 2, 3] })!
    const three = resultLineBytes(EMB, { model: 'text-embedding-3-small', input: ['a', 'b', 'c'] })!
    expect(one).toBe(300 + 1536 * 20)
    expect(three).toBe(300 + 3 * 1536 * 20)
  })

  it('does not guess the dimension of an unknown embedding model', () => {
    expect(resultLineBytes(EMB, { model: 'nomic-embed-text', input: 'x' })).toBeUndefined()
    expect(resultLineBytes(EMB, { model: 'nomic-embed-text', input: 'x', dimensions: 768 })).toBe(300 + 768 * 20)
  })

  it('sizes text by its output bound, and not at all without one', () => {
    expect(resultLineBytes(CHAT, { model: 'm', max_tokens: 1000 })).toBe(600 + 4000)
    expect(resultLineBytes(CHAT, { model: 'm', max_completion_tokens: 100, max_tokens: 9, n: 2 })).toBe(600 + 800)
    expect(resultLineBytes('/v1/responses', { model: 'm', max_output_tokens: 50 })).toBe(600 + 200)
    expect(resultLineBytes('/v1/completions', { model: 'm', max_tokens: 10, n: 3 })).toBe(600 + 120)
    expect(resultLineBytes(CHAT, { model: 'm' })).toBeUndefined()
    expect(resultLineBytes('/v1/moderations', { input: 'x' })).toBeUndefined()
  })
})

describe('resultsFate', () => {
  it('follows the commit: up to the blob limit as is, then gzipped, then left out', () => {
    expect(resultsFate(MAX_BLOB_BYTES)).toBe('fits')
    expect(resultsFate(MAX_BLOB_BYTES + 1)).toBe('gzip')
    expect(resultsFate(MAX_BLOB_BYTES * 2.3)).toBe('gzip')
    expect(resultsFate(MAX_BLOB_BYTES * 2.4)).toBe('left-out')
  })
})

describe('resultsSizeWarning', () => {
  it('says nothing for results that fit, or an unknown size', () => {
    expect(resultsSizeWarning('batches/a.jsonl', MAX_BLOB_BYTES)).toBeUndefined()
    expect(resultsSizeWarning('batches/a.jsonl', undefined)).toBeUndefined()
  })

  it('names the file, the size, what a commit does, and the inputs that avoid it', () => {
    const gz = resultsSizeWarning('batches/e.jsonl', 50_000_000)!
    expect(gz).toContain('batches/e.jsonl: its results are estimated at about 50 MB')
    expect(gz).toContain('gzip-compressed, as a .gz file')
    expect(gz).toContain('results: artifact')
    expect(gz).toContain('readable-results: csv')
    const out = resultsSizeWarning('batches/e.jsonl', 200_000_000)!
    expect(out).toContain('about 200 MB')
    expect(out).toContain('leave them out and upload them as an artifact')
    expect(megabytes(1_234_567_890)).toBe('1,235 MB')
  })
})

describe('RequestChecker resultsBytes', () => {
  it('sums the estimate over the lines that bound it', () => {
    const c = new RequestChecker()
    const lines = [
      { url: EMB, body: { model: 'text-embedding-3-small', input: 'a', dimensions: 1000 } },
      { url: EMB, body: { model: 'text-embedding-3-small', input: ['b', 'c'], dimensions: 1000 } }
    ].map((r, i) => JSON.stringify({ custom_id: `r${i}`, method: 'POST', ...r }))
    lines.forEach((l, i) => c.line(Buffer.from(l), i + 1))
    c.end(lines.join('\n').length + 1)
    const facts = c.facts()
    expect(facts.problems).toEqual([])
    expect(facts.resultsBytes).toBe(300 + 20_000 + 300 + 40_000)
  })
})
