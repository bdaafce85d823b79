import { describe, expect, it } from '@jest/globals'
import { customId, idHash, lineKey } from '../../src/io/line-ids'

const id = (text: string) => customId(Buffer.from(text))

describe("a Gemini line's key", () => {
  it('is its id when it has no custom_id, found without parsing the line', () => {
    expect(id('{"key":"q-1","request":{"contents":[]}}')).toBe('q-1')
    expect(id('{"response":{"candidates":[{"key":"inner"}]},"key":"q-2"}')).toBe('q-2')
    expect(id('{"note":"key","key":"k"}')).toBe('k')
    expect(lineKey(Buffer.from('{"key":"q-1","error":{"code":14}}'))).toBe(idHash('q-1'))
  })

  it('gives way to a custom_id wherever it is, as a parsed line does', () => {
    expect(id('{"key":"k","custom_id":"c"}')).toBe('c')
    expect(id('{"custom_id":"c","key":"k"}')).toBe('c')
    expect(id('{"key":"k","custom_id":12}')).toBeUndefined()
    expect(id('{"key":7}')).toBeUndefined()
  })
})

describe('customId', () => {
  it('finds the top-level custom_id without parsing the line', () => {
    expect(id('{"id":"batch_req_1","custom_id":"q-1","response":{"status_code":200}}')).toBe('q-1')
    expect(id(' { "custom_id" : "a b" , "x": 1 }')).toBe('a b')
    expect(id('{"custom_id":"quote \\" and \\\\ and \\u00e9 é"}')).toBe('quote " and \\ and é é')
  })

  it('is not fooled by nested keys, values or escaped text that read custom_id', () => {
    expect(id('{"body":{"custom_id":"inner"},"custom_id":"outer"}')).toBe('outer')
    expect(id('{"a":[{"custom_id":"x"}],"b":"custom_id","custom_id":"y"}')).toBe('y')
    expect(id('{"note":"\\"custom_id\\":\\"fake\\"","custom_id":"real"}')).toBe('real')
    expect(id('{"name":"custom_id"}')).toBeUndefined()
    expect(id('{"body":{"custom_id":"inner"}}')).toBeUndefined()
  })

  it('says nothing for an id that is not a string, or a line that is not JSON', () => {
    expect(id('{"custom_id":12}')).toBeUndefined()
    expect(id('{"custom_id":null}')).toBeUndefined()
    expect(id('{"custom_id":"unclosed')).toBeUndefined()
    expect(id('not json')).toBeUndefined()
    expect(id('')).toBeUndefined()
  })

  it('agrees with JSON.parse on many generated lines', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pieces = ['x', '"', '\\', 'custom_id', ':', '{', '}', '[', 'é', '\n', ' ']
    const text = () =>
      Array.from({ length: Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
    for (let n = 0; n < 500; n++) {
      const fields: [string, unknown][] = [
        ['id', text()],
        ['body', { custom_id: text(), list: [text(), { custom_id: text() }] }],
        ['custom_id', text()]
      ]
      fields.sort(() => random() - 0.5)
      const line = JSON.stringify(Object.fromEntries(fields), null, random() < 0.3 ? 1 : undefined).replace(/\n/g, ' ')
      expect(id(line)).toBe((JSON.parse(line) as { custom_id: string }).custom_id)
    }
  })
})

describe('lineKey', () => {
  it("is the hash of the line's custom_id, whether taken from the bytes or from the text", () => {
    const lines = [
      '{"custom_id":"q-1","x":1}',
      '{"custom_id":"","x":1}',
      '{"custom_id":"tab\\there"}',
      '{"custom_id":"a\\"b"}',
      '{"custom_id":"\\u0041BC"}',
      '{"custom_id":"ABC"}',
      '{"custom_id":"café"}',
      '{"custom_id":"caf\\u00e9"}',
      '{"custom_id":"😀 and ~\u007f"}',
      '{"custom_id":"raw\ttab"}'
    ]
    for (const l of lines) {
      const text = customId(Buffer.from(l))
      expect([l, lineKey(Buffer.from(l))]).toEqual([l, text === undefined ? -1 : idHash(text)])
    }
    // Escaped and plain spellings of one id are one key; a raw tab makes no JSON string, so no key.
    expect(lineKey(Buffer.from(lines[4]!))).toBe(lineKey(Buffer.from(lines[5]!)))
    expect(lineKey(Buffer.from(lines[6]!))).toBe(lineKey(Buffer.from(lines[7]!)))
    expect(lineKey(Buffer.from(lines[9]!))).toBe(-1)
    expect(lineKey(Buffer.from('{"custom_id":7}'))).toBe(-1)
  })
})
