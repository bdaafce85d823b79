import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'
import { tokenizer } from '../../src/adapters/tokenizer'
import { estimateFile } from '../../src/io/estimate-file'
import type { Tokenizer } from '../../src/ports/pricing'

/** One token a character: the sums can be read off the texts. */
const chars: Tokenizer = { count: (_, text) => text.length, encoding: () => 'chars' }

describe('estimateFile', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oba-estimate-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  const write = (lines: readonly object[]): string => {
    const file = path.join(dir, 'f.jsonl')
    fs.writeFileSync(file, lines.map(l => JSON.stringify(l)).join('\n') + '\n')
    return file
  }

  it('counts an Anthropic file: system and messages, output bounded by max_tokens, marked approximate', async () => {
    const file = write([
      {
        custom_id: 'q-1',
        params: {
          model: 'claude-haiku-4-5',
          max_tokens: 256,
          system: 'terse',
          messages: [{ role: 'user', content: 'Hello' }]
        }
      },
      {
        custom_id: 'q-2',
        params: {
          model: 'claude-haiku-4-5',
          max_tokens: 100,
          system: [{ type: 'text', text: 'be kind' }],
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'abc' },
                { type: 'image', source: {} }
              ]
            },
            { role: 'assistant', content: 'de' }
          ]
        }
      },
      { custom_id: 'q-3', params: { model: 'claude-sonnet-4-5', max_tokens: 8, messages: [] } }
    ])
    expect(await estimateFile(file, 'f.jsonl', chars)).toEqual({
      file: 'f.jsonl',
      models: [
        {
          model: 'claude-haiku-4-5',
          requests: 2,
          // Texts, then framing: 3 a message and 3 for the reply.
          inputTokens: 'terse'.length + 'Hello'.length + 6 + 'be kind'.length + 'abc'.length + 'de'.length + 9,
          outputBound: 356,
          unbounded: 0,
          approximate: 'chars'
        },
        { model: 'claude-sonnet-4-5', requests: 1, inputTokens: 3, outputBound: 8, unbounded: 0, approximate: 'chars' }
      ]
    })
  })

  it("counts Claude's tokens with OpenAI's o200k_base, and says so", async () => {
    const text = 'How many tokens does this sentence take?'
    const file = write([
      {
        custom_id: 'q',
        params: { model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: text }] }
      }
    ])
    const [m] = (await estimateFile(file, 'f.jsonl', tokenizer)).models
    expect(m).toMatchObject({ inputTokens: countTokens(text) + 6, approximate: 'o200k_base' })
  })

  it("counts a Gemini file as the model input's: system instruction and contents, bounded by maxOutputTokens", async () => {
    const file = write([
      {
        key: 'q-1',
        request: {
          systemInstruction: { parts: [{ text: 'terse' }] },
          contents: [
            { role: 'user', parts: [{ text: 'Hello' }, { inlineData: { mimeType: 'image/png', data: 'AA' } }] },
            { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] }
          ],
          generationConfig: { maxOutputTokens: 100, candidateCount: 2 }
        }
      },
      { key: 'q-2', request: { contents: [{ parts: [{ text: 'abc' }] }] } }
    ])
    const call = JSON.stringify({ name: 'f', args: {} })
    expect(await estimateFile(file, 'f.jsonl', chars, 'gemini-2.5-flash')).toEqual({
      file: 'f.jsonl',
      models: [
        {
          model: 'gemini-2.5-flash',
          requests: 2,
          // Texts, then framing: 3 a turn and 3 for the reply.
          inputTokens: 'terse'.length + 'Hello'.length + call.length + 9 + 'abc'.length + 6,
          outputBound: 200,
          unbounded: 1,
          approximate: 'chars'
        }
      ]
    })
    // With no model input, the lines still count, under the default name.
    expect((await estimateFile(file, 'f.jsonl', chars)).models[0]?.model).toBe('(default model)')
  })

  it("counts Gemini's tokens with o200k_base, and says so", async () => {
    const text = 'How many tokens does this sentence take?'
    const file = write([{ key: 'q', request: { contents: [{ role: 'user', parts: [{ text }] }] } }])
    const [m] = (await estimateFile(file, 'f.jsonl', tokenizer, 'gemini-2.5-flash')).models
    expect(m).toMatchObject({ inputTokens: countTokens(text) + 6, approximate: 'o200k_base' })
  })

  it('leaves OpenAI files unmarked, as before', async () => {
    const file = write([
      {
        custom_id: 'a',
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'gpt-4o-mini', max_tokens: 4, messages: [{ role: 'user', content: 'Hello' }] }
      }
    ])
    expect((await estimateFile(file, 'f.jsonl', chars)).models).toEqual([
      { model: 'gpt-4o-mini', requests: 1, inputTokens: 5 + 6, outputBound: 4, unbounded: 0 }
    ])
  })
})
