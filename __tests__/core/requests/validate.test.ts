import { describe, expect, it } from '@jest/globals'
import { request } from '../../helpers/runner'
import { checkText as check } from '../../helpers/check-text'

const line = (o: Record<string, unknown>) =>
  JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'm' }, ...o })

describe('RequestChecker', () => {
  it('accepts a good file and reports its endpoint, model and size', () => {
    const facts = check([request('a'), request('b')].join('\n') + '\n')
    const text = [request('a'), request('b')].join('\n') + '\n'
    expect(facts).toEqual({
      requests: 2,
      parts: [{ start: 0, end: Buffer.byteLength(text), requests: 2, line: 1 }],
      endpoint: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      problems: [],
      // No max_tokens: the results' size is not bounded, so these lines count for nothing.
      resultsBytes: 0
    })
  })

  it('tolerates CRLF line ends, a missing final newline and trailing blank lines', () => {
    expect(check(`${request('a')}\r\n${request('b')}\r\n`).problems).toEqual([])
    expect(check(`${request('a')}\n${request('b')}`).problems).toEqual([])
    expect(check(`${request('a')}\n\n  \n`).problems).toEqual([])
  })

  it('refuses a blank line between requests, at that line', () => {
    expect(check(`${request('a')}\n\n${request('b')}\n`).problems).toEqual([
      { line: 2, message: expect.stringContaining('Blank line between requests') }
    ])
  })

  it('names a byte order mark', () => {
    const facts = check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(request('a') + '\n')]))
    expect(facts.problems).toEqual([{ line: 1, message: expect.stringContaining('byte order mark') }])
  })

  it('names invalid UTF-8 and invalid JSON at their lines', () => {
    const facts = check(
      Buffer.concat([Buffer.from(request('a') + '\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('{"custom_id":\n')])
    )
    expect(facts.problems.map(p => [p.line, p.message.slice(0, 20)])).toEqual([
      [2, 'This line is not val'],
      [3, 'Not valid JSON (Unex']
    ])
  })

  it('says where in the line the JSON breaks, as a character of the line, not a "line 1 column 2" of its own', () => {
    const [p] = check(`${request('a')}\n{x\n`).problems
    expect(p).toEqual({ line: 2, message: expect.stringContaining('at character 2') })
    expect(p!.message).not.toMatch(/position|line 1 column/)
  })

  it.each([
    ['no custom_id', { custom_id: undefined }, 'No custom_id'],
    ['a number custom_id', { custom_id: 7 }, 'custom_id must be a string'],
    ['an empty custom_id', { custom_id: '' }, 'custom_id is empty'],
    ['method GET', { method: 'GET' }, 'method must be "POST"'],
    ['an unknown url', { url: '/v1/chat' }, "url '/v1/chat' is not a Batch endpoint"],
    ['a string body', { body: 'hi' }, 'body must be a JSON object'],
    ['no model', { body: {} }, 'body.model must name the model']
  ])('refuses %s', (_name, override, message) => {
    expect(check(line(override) + '\n').problems).toEqual([{ line: 1, message: expect.stringContaining(message) }])
  })

  it('refuses a line that is not an object', () => {
    expect(check('[1,2]\n').problems[0]?.message).toContain('Each line must be a JSON object')
  })

  it('says once that pretty-printed JSON is not JSON Lines, not once a line', () => {
    const pretty = JSON.stringify(JSON.parse(line({})), null, 2) + '\n' + JSON.stringify(JSON.parse(line({})), null, 2)
    expect(check(pretty + '\n').problems).toEqual([
      { line: 1, message: expect.stringContaining('This file is pretty-printed JSON, not JSON Lines') }
    ])
    expect(check(line({}).replace(/,\s*"method"/, ',\n"method"') + '\n').problems).toEqual([
      { line: 1, message: expect.stringContaining('pretty-printed JSON, not JSON Lines') }
    ])
  })

  it('says once that a JSON array is not JSON Lines, over lines or on one line', () => {
    expect(check(`[\n${line({})},\n${line({})}\n]\n`).problems).toEqual([
      { line: 1, message: expect.stringContaining('This file is a JSON array, not JSON Lines') }
    ])
    expect(check(`[${line({})}, ${line({})}]\n`).problems).toEqual([
      { line: 1, message: expect.stringContaining('a JSON array of requests') }
    ])
  })

  it('names what a request line holds once when a line has none of its fields', () => {
    const facts = check('{"custom_id": "a", "params": {"model": "claude-haiku-4-5"}}\n{"model": "gpt-4o-mini"}\n')
    expect(facts.problems).toEqual([
      { line: 1, message: expect.stringContaining("It has params, the shape of Anthropic's Message Batches") },
      { line: 2, message: expect.stringContaining('It looks like a request body: put it under "body"') }
    ])
    expect(facts.problems[0]!.message).toContain('a request line holds custom_id, method, url and body')
  })

  it('suggests the /v1 form of a url OpenAI knows', () => {
    expect(check(line({ url: '/chat/completions' }) + '\n').problems).toEqual([
      {
        line: 1,
        message: "url '/chat/completions' is not a Batch endpoint; did you mean '/v1/chat/completions'?"
      }
    ])
  })

  it('refuses duplicate ids, pointing at the first', () => {
    const facts = check([line({ custom_id: 'x' }), line({ custom_id: 'y' }), line({ custom_id: 'x' })].join('\n'))
    expect(facts.problems).toEqual([
      { line: 3, message: "custom_id 'x' is used again (first on line 1); ids must be unique in a file." }
    ])
  })

  it('names every later use of an id, in line order among the other problems, within the limit', () => {
    const lines = [
      line({ custom_id: 'x' }),
      line({ custom_id: 'y', method: 'GET' }),
      line({ custom_id: 'x', method: 'GET' }),
      line({ custom_id: 'z' }),
      line({ custom_id: 'x' }),
      line({ custom_id: 'y' })
    ]
    const facts = check(lines.join('\n'))
    expect(facts.problems.map(p => [p.line, p.message.slice(0, 40)])).toEqual([
      [2, 'method must be "POST"; got \'GET\'.'],
      [3, "custom_id 'x' is used again (first on li"],
      [3, 'method must be "POST"; got \'GET\'.'],
      [5, "custom_id 'x' is used again (first on li"],
      [6, "custom_id 'y' is used again (first on li"]
    ])
    expect(facts.problems[3]!.message).toContain('(first on line 1)')
    expect(facts.problems[4]!.message).toContain('(first on line 2)')
    const few = check(lines.join('\n'), { maxProblems: 3 }).problems
    expect(few.map(p => p.line)).toEqual([2, 3, 3, undefined])
    expect(few[3]!.message).toBe('...and 2 more problems in this file.')
  })

  it('refuses mixed urls and mixed models', () => {
    const facts = check(
      [
        line({ custom_id: '1' }),
        line({ custom_id: '2', url: '/v1/embeddings' }),
        line({ custom_id: '3', body: { model: 'other' } })
      ].join('\n')
    )
    expect(facts.problems.map(p => p.line)).toEqual([2, 3])
    expect(facts.problems[0]?.message).toContain("differs from '/v1/chat/completions' on line 1")
    expect(facts.problems[1]?.message).toContain("body.model 'other' differs from 'm' on line 1")
  })

  it('holds every line to the endpoint input when given', () => {
    expect(check(line({}), { endpoint: '/v1/embeddings' }).problems[0]?.message).toContain(
      "differs from the endpoint input '/v1/embeddings'"
    )
  })

  it('lets moderations leave the model to the API', () => {
    expect(check(line({ url: '/v1/moderations', body: { input: 'x' } })).problems).toEqual([])
  })

  it('refuses an empty or whitespace-only file', () => {
    expect(check('').problems).toEqual([{ message: expect.stringContaining('no requests') }])
    expect(check('  \n\n').problems).toEqual([{ message: expect.stringContaining('no requests') }])
  })

  it('cuts a file into parts at line boundaries, by requests and by bytes', () => {
    const lines = [1, 2, 3, 4, 5].map(i => line({ custom_id: String(i) }))
    const text = lines.join('\n') + '\n\n'
    const size = Buffer.byteLength(lines[0]!) + 1
    const byCount = check(text, { maxRequests: 2 })
    expect(byCount.problems).toEqual([])
    expect(byCount.parts).toEqual([
      { start: 0, end: 2 * size, requests: 2, line: 1 },
      { start: 2 * size, end: 4 * size, requests: 2, line: 3 },
      { start: 4 * size, end: Buffer.byteLength(text), requests: 1, line: 5 }
    ])
    const byBytes = check(text, { maxBytes: 3 * size })
    expect(byBytes.parts.map(p => p.requests)).toEqual([3, 2])
    // The parts cover the file, every byte once.
    for (const facts of [byCount, byBytes]) {
      expect(facts.parts[0]!.start).toBe(0)
      expect(facts.parts.at(-1)!.end).toBe(Buffer.byteLength(text))
      for (let i = 1; i < facts.parts.length; i++) expect(facts.parts[i]!.start).toBe(facts.parts[i - 1]!.end)
    }
  })

  it('refuses one request bigger than a batch may be', () => {
    const big = line({ custom_id: 'big', body: { model: 'm', input: 'x'.repeat(500) } })
    expect(check(`${line({})}\n${big}\n`, { maxBytes: 300 }).problems).toEqual([
      { line: 2, message: expect.stringContaining('over the 300 bytes a batch may hold (max-batch-bytes)') }
    ])
  })

  it('reports a bounded number of problems and counts the rest', () => {
    const bad = Array.from({ length: 30 }, () => 'nope').join('\n')
    const facts = check(bad, { maxProblems: 5 })
    expect(facts.problems).toHaveLength(6)
    expect(facts.problems[5]).toEqual({ message: '...and 25 more problems in this file.' })
  })
})
