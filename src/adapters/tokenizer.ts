import { modelToEncodingMap } from 'gpt-tokenizer/mapping'
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base'
import * as o200k from 'gpt-tokenizer/encoding/o200k_base'
import type { Tokenizer } from '../ports/pricing'

/** The one file that imports `gpt-tokenizer`: OpenAI's own encodings (tiktoken's), in plain JavaScript. */

// Models before GPT-4o use cl100k_base; GPT-4o and every later model o200k_base.
const OLDER = /^(gpt-4(?!o|\.\d)|gpt-3\.5|text-embedding-|text-davinci|davinci|babbage)/

function encodingOf(model: string): typeof o200k {
  const known = (modelToEncodingMap as Record<string, string>)[model]
  if (known) return known === 'cl100k_base' ? cl100k : o200k
  return OLDER.test(model) ? cl100k : o200k
}

export const tokenizer: Tokenizer = {
  count: (model, text) => encodingOf(model).countTokens(text),
  encoding: model => (encodingOf(model) === cl100k ? 'cl100k_base' : 'o200k_base')
}
