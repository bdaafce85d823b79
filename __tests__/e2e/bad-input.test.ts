/**
 * A corpus of bad request files (__tests__/fixtures/bad-input, plus a few made
 * here because they are large or special): each gets an annotation at the right
 * file and line, none is uploaded, and the good files beside them are submitted.
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { useBed } from '../helpers/bed'
import { request, requestFile, ROOT } from '../helpers/runner'

const bed = useBed()
const CORPUS = path.join(ROOT, '__tests__', 'fixtures', 'bad-input')

/** What each file must get: its line (0 for the file as a whole) and words of the message. */
const EXPECTED: Record<string, [number, string]> = {
  'invalid-json.jsonl': [2, 'Not valid JSON'],
  'bom.jsonl': [1, 'byte order mark'],
  'blank-middle.jsonl': [2, 'Blank line between requests'],
  'trailing-garbage.jsonl': [1, 'Not valid JSON'],
  'duplicate-id.jsonl': [3, "custom_id 'r-1' is used again (first on line 1)"],
  'missing-id.jsonl': [1, 'No custom_id'],
  'empty-id.jsonl': [2, 'custom_id is empty'],
  'number-id.jsonl': [1, 'custom_id must be a string'],
  'object-id.jsonl': [2, 'custom_id must be a string'],
  'method-get.jsonl': [2, 'method must be "POST"'],
  'method-lowercase.jsonl': [1, 'method must be "POST"'],
  'mixed-urls.jsonl': [3, "differs from '/v1/chat/completions' on line 1"],
  'unknown-url.jsonl': [1, 'is not a Batch endpoint'],
  'url-missing.jsonl': [2, 'is not a Batch endpoint'],
  'body-string.jsonl': [1, 'body must be a JSON object'],
  'body-array.jsonl': [2, 'body must be a JSON object'],
  'body-missing.jsonl': [1, 'body must be a JSON object'],
  'two-models.jsonl': [2, "body.model 'gpt-4o' differs from 'gpt-4o-mini' on line 1"],
  'no-model.jsonl': [1, 'body.model must name the model'],
  'empty-model.jsonl': [1, 'body.model must name the model'],
  'invalid-utf8.jsonl': [2, 'not valid UTF-8'],
  'empty.jsonl': [0, 'no requests'],
  'whitespace-only.jsonl': [0, 'no requests'],
  'not-object.jsonl': [1, 'Each line must be a JSON object'],
  'null-line.jsonl': [2, 'Each line must be a JSON object'],
  'truncated-last-line.jsonl': [2, 'Not valid JSON'],
  'comment-line.jsonl': [1, 'Not valid JSON'],
  'pretty-printed.jsonl': [1, 'This file is pretty-printed JSON, not JSON Lines'],
  'deep/x/nested-bad.jsonl': [3, 'method must be "POST"'],
  'outside-link.jsonl': [0, 'symbolic link points outside the workspace']
}
/** Tolerated: submitted as they are. */
const TOLERATED = [
  'crlf.jsonl',
  'blank-trailing.jsonl',
  'no-final-newline.jsonl',
  'one-10mb-line.jsonl',
  'good.jsonl',
  'too-many-requests.jsonl',
  'too-big.jsonl'
]

describe('bad input', () => {
  it('annotates each bad file at its line, uploads none of them, and submits the good ones', async () => {
    fs.cpSync(CORPUS, path.join(bed.ws.dir, 'batches'), { recursive: true })
    bed.ws.write('batches/good.jsonl', requestFile(3))
    bed.ws.write('batches/too-many-requests.jsonl', requestFile(50_001))
    // Over 50,000 requests, and over 200 MB in 201 lines of 1 MB: both submitted in parts (scale.test.ts).
    const big = request('x', 'gpt-4o-mini').replace('say x', 'y'.repeat(1_000_000))
    const fd = fs.openSync(path.join(bed.ws.dir, 'batches/too-big.jsonl'), 'w')
    for (let i = 0; i < 201; i++) fs.writeSync(fd, big.replace('"x"', `"x${i}"`) + '\n')
    fs.closeSync(fd)
    bed.ws.write('batches/one-10mb-line.jsonl', request('big').replace('say big', 'z'.repeat(10_000_000)) + '\n')
    fs.writeFileSync(path.join(bed.ws.root, 'secret.jsonl'), requestFile(1))
    fs.symlinkSync(path.join(bed.ws.root, 'secret.jsonl'), path.join(bed.ws.dir, 'batches/outside-link.jsonl'))
    fs.mkdirSync(path.join(bed.ws.dir, 'batches/folder.jsonl'))
    bed.ws.write('batches/folder.jsonl/inside.jsonl', requestFile(2, 'in'))

    const r = await bed.ws.run({ event: 'push', env: bed.env() })

    expect(Object.keys(EXPECTED).length + TOLERATED.length).toBeGreaterThanOrEqual(36)
    for (const [file, [line, words]] of Object.entries(EXPECTED)) {
      const mine = r.annotations.filter(a => a.level === 'error' && a.file === `batches/${file}`)
      expect({
        file,
        found: mine.some(a => (line === 0 ? a.line === undefined : a.line === line) && a.message.includes(words))
      }).toEqual({ file, found: true })
    }
    expect(r.annotations).toContainEqual({
      level: 'warning',
      file: 'batches/folder.jsonl',
      message: expect.stringContaining('is a folder, not a request file')
    })
    const uploaded = [...bed.openai.files.values()]
      .map(f => f.filename.replace(/\.[0-9a-f]{64}\.jsonl$/, '.jsonl'))
      .sort()
    expect(uploaded).toEqual([
      'blank-trailing.jsonl',
      'crlf.jsonl',
      'good.jsonl',
      'inside.jsonl',
      'no-final-newline.jsonl',
      'one-10mb-line.jsonl',
      'too-big.part1of2.jsonl',
      'too-big.part2of2.jsonl',
      'too-many-requests.part1of2.jsonl',
      'too-many-requests.part2of2.jsonl'
    ])
    expect(r.outputs.submitted).toBe('10')
    expect(r.code).toBe(1)
    for (const file of Object.keys(EXPECTED))
      expect(r.stdout).toContain(`batches/${file} is invalid (see the annotations); it was not uploaded.`)
    expect(r.summary).toContain('### Invalid request files (not uploaded)')
  })

  it('holds every request to the endpoint input', async () => {
    bed.ws.write('batches/chat.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'push', env: bed.env(), inputs: { endpoint: '/v1/embeddings' } })
    expect(r.code).toBe(1)
    expect(r.annotations).toContainEqual({
      level: 'error',
      file: 'batches/chat.jsonl',
      line: 1,
      message: expect.stringContaining("differs from the endpoint input '/v1/embeddings'")
    })
    expect(bed.openai.files.size).toBe(0)
  })

  it.each([
    [
      'an unknown mode',
      { mode: 'later' },
      "Input 'mode' must be one of auto, submit, collect, sync, plan; got 'later'."
    ],
    [
      'max-concurrency 0',
      { 'max-concurrency': '0' },
      "Input 'max-concurrency' must be a whole number from 1 to 32; got '0'."
    ],
    [
      'max-concurrency abc',
      { 'max-concurrency': 'abc' },
      "Input 'max-concurrency' must be a whole number from 1 to 32; got 'abc'."
    ],
    [
      '13 metadata keys',
      { metadata: Array.from({ length: 13 }, (_, i) => `k${i}=v`).join('\n') },
      'the action uses 4, so at most 12'
    ],
    [
      '12 metadata keys with retries',
      { metadata: Array.from({ length: 12 }, (_, i) => `k${i}=v`).join('\n'), 'retry-failed': '1' },
      'so at most 11'
    ],
    [
      'retry-failed 11',
      { 'retry-failed': '11' },
      "Input 'retry-failed' must be a whole number of rounds from 0 to 10; got '11'."
    ],
    [
      'retry-failed -1',
      { 'retry-failed': '-1' },
      "Input 'retry-failed' must be a whole number of rounds from 0 to 10; got '-1'."
    ],
    ['a metadata key of the action', { metadata: 'oba_scope=mine' }, "'oba_scope' is the action's own key"],
    ['a 513-character metadata value', { metadata: `k=${'v'.repeat(513)}` }, "over OpenAI's 512 characters"],
    ['a 65-character metadata key', { metadata: `${'k'.repeat(65)}=v` }, "over OpenAI's 64 characters"],
    [
      'a source-dir outside the workspace',
      { 'source-dir': '../outside' },
      "Input 'source-dir' must be a folder inside the workspace"
    ],
    ['a target-dir inside source-dir', { 'target-dir': 'batches/results' }, 'must not overlap']
  ])('refuses %s before any call, saying how to fix it', async (_name, inputs, message) => {
    bed.ws.write('batches/a.jsonl', requestFile(2))
    const r = await bed.ws.run({ event: 'push', env: bed.env(), inputs })
    expect(r.code).toBe(1)
    expect(r.annotations).toContainEqual({ level: 'error', message: expect.stringContaining(message) })
    expect(bed.openai.log).toHaveLength(0)
    // `if: always()` steps still read numbers.
    expect([r.outputs.submitted, r.outputs.completed, r.outputs.pending, r.outputs.failed]).toEqual([
      '0',
      '0',
      '0',
      '0'
    ])
  })

  it('echoes a money-shaped max-cost and says what to write', async () => {
    const r = await bed.ws.run({ event: 'push', env: bed.env(), inputs: { 'max-cost': '$5' } })
    expect(r.code).toBe(1)
    expect(r.annotations).toContainEqual({
      level: 'error',
      message:
        "Input 'max-cost' must be empty (no limit) or an amount of US dollars; got '$5': write 5 (US dollars, no sign)."
    })
  })

  it("shows every invalid file's verdict among the annotations GitHub shows, and logs the lines past them", async () => {
    const bad = (n: number) => Array.from({ length: n }, (_, i) => `not json ${i}`).join('\n') + '\n'
    for (const name of ['a', 'b', 'c']) bed.ws.write(`batches/${name}.jsonl`, bad(6))
    bed.ws.write('batches/pretty.jsonl', JSON.stringify(JSON.parse(request('p')), null, 2) + '\n')
    const r = await bed.ws.run({ event: 'push', env: bed.env() })
    expect(r.code).toBe(1)
    const errors = r.annotations.filter(a => a.level === 'error' && a.file)
    expect(errors.slice(0, 4).map(a => [a.file, a.line])).toEqual([
      ['batches/a.jsonl', 1],
      ['batches/b.jsonl', 1],
      ['batches/c.jsonl', 1],
      ['batches/pretty.jsonl', 1]
    ])
    expect(errors.filter(a => a.file === 'batches/pretty.jsonl')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('This file is pretty-printed JSON, not JSON Lines') })
    ])
    // 8 of GitHub's 10: the four verdicts, then four more lines; a.jsonl's line 6 is in the log only.
    expect(errors).toHaveLength(8)
    expect(r.stdout).toContain('batches/c.jsonl:6: Not valid JSON')
    expect(r.summary).toContain('`batches/c.jsonl` line 6')
  })

  it('fails the push for an invalid file, and only warns of it while it stays unchanged in scheduled runs', async () => {
    bed.ws.write('batches/good.jsonl', requestFile(2))
    bed.ws.write('batches/bad.jsonl', 'not json\n')
    const pushed = await bed.ws.run({ event: 'push', env: bed.env() })
    expect(pushed.code).toBe(1)
    bed.openai.complete(bed.batchesFor('good.jsonl')[0]!.id)
    const collected = await bed.ws.run({ event: 'schedule', env: bed.env() })
    expect(collected.code).toBe(0)
    expect(collected.annotations.filter(a => a.file === 'batches/bad.jsonl').map(a => a.level)).toEqual(['warning'])
    expect(collected.outputs.completed).toBe('1')
  })

  it('says in the summary too that source-dir is not there, naming the folders that hold .jsonl files', async () => {
    bed.ws.write('requests/a.jsonl', requestFile(1))
    bed.ws.write('requests/more/b.jsonl', requestFile(1))
    const r = await bed.ws.run({ event: 'push', env: bed.env() })
    expect(r.code).toBe(0)
    const said =
      'The source folder batches is not in the workspace: no request file is read.' +
      ' Folders that hold .jsonl files: `requests`. Check source-dir, and that the checkout has it.'
    expect(r.annotations).toEqual([{ level: 'warning', message: said }])
    expect(r.summary).toContain(`\n- ${said}\n`)
    expect(bed.openai.batches.size).toBe(0)
  })

  it('warns when source-dir is not there, and names files not read for their name', async () => {
    const missing = await bed.ws.run({ event: 'push', env: bed.env(), inputs: { 'source-dir': 'batchs' } })
    expect(missing.code).toBe(0)
    expect(missing.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('The source folder batchs is not in the workspace')
    })
    bed.ws.write('batches/a.JSONL', requestFile(1))
    const odd = await bed.ws.run({ event: 'push', env: bed.env() })
    expect(odd.annotations).toContainEqual({
      level: 'notice',
      file: 'batches/a.JSONL',
      message: 'a.JSONL is not read: only files named *.jsonl are request files.'
    })
  })
})
