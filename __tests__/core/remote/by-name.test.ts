import { describe, expect, it } from '@jest/globals'
import { byRequestCount, byUploadName, guessHolds } from '../../../src/core/remote/by-name'
import { uploadName, uploadReadings } from '../../../src/core/paths'
import type { RemoteBatch } from '../../../src/core/remote/records'
import { batch, src, state } from '../../fixtures/records'
import { batchMetadata } from '../../../src/core/remote/records'
import { tagOf } from '../../../src/core/remote/tags'

const SHA = 'a'.repeat(64)
const OTHER = 'b'.repeat(64)

describe('uploadReadings', () => {
  it.each<[string, number, number, number]>([
    ['a.jsonl', 0, 0, 1],
    ['dir/a.jsonl', 0, 1, 3],
    ['a.jsonl', 2, 0, 1],
    ['a.jsonl', 12, 1, 2],
    ['v1.2.prompts.jsonl', 0, 0, 1],
    ['v1.2.prompts.jsonl', 1, 2, 3],
    ['no-extension', 0, 0, 1]
  ])('reads back what uploadName made of %s (round %i, part %i of %i)', (path, round, part, parts) => {
    const name = uploadName({ path, sha256: SHA, round }, part, parts)
    const stem = path.replace(/^.*\//, '').replace(/\.jsonl$/, '')
    expect(uploadReadings(name)).toContainEqual({ stem, sha256: SHA, round, part: part + 1, parts })
    // The first reading is the stem as long as it can be.
    expect(uploadReadings(name)[0]!.stem.length).toBeGreaterThanOrEqual(stem.length)
  })

  it('has every reading of a stem that itself ends like a retry or a part, longest stem first', () => {
    expect(uploadReadings(`x.retry1.part1of2.${SHA}.jsonl`)).toEqual([
      { stem: 'x.retry1.part1of2', sha256: SHA, round: 0, part: 1, parts: 1 },
      { stem: 'x.retry1', sha256: SHA, round: 0, part: 1, parts: 2 },
      { stem: 'x', sha256: SHA, round: 1, part: 1, parts: 2 }
    ])
  })

  it.each([
    ['a file of another tool', 'batch_input.jsonl'],
    ['a name without the content hash', 'a.retry1.jsonl'],
    ['a hash that is too short', `a.${SHA.slice(1)}.jsonl`],
    ['an upper-case hash (ours are lower-case)', `a.${SHA.toUpperCase()}.jsonl`],
    ['another extension', `a.${SHA}.json`],
    ['no stem', `.${SHA}.jsonl`],
    ['the output of a batch', 'batch_abc_output.jsonl']
  ])('reads nothing from %s', (_what, name) => {
    expect(uploadReadings(name)).toEqual([])
  })

  it('does not read a part that uploadName never writes (of one part, or past the last) as a part', () => {
    expect(uploadReadings(`a.part1of1.${SHA}.jsonl`)).toEqual([
      { stem: 'a.part1of1', sha256: SHA, round: 0, part: 1, parts: 1 }
    ])
    expect(uploadReadings(`a.part3of2.${SHA}.jsonl`)).toEqual([
      { stem: 'a.part3of2', sha256: SHA, round: 0, part: 1, parts: 1 }
    ])
  })
})

let n = 0
/** A batch without metadata, made from file `inputFileId`. */
const remote = (inputFileId: string, o: Partial<RemoteBatch> = {}): RemoteBatch => ({
  id: `batch_r${++n}`,
  status: 'in_progress',
  inputFileId,
  outputFileId: null,
  errorFileId: null,
  createdAt: 1000 + n,
  requestCounts: undefined,
  metadata: {},
  errors: [],
  ...o
})

describe('byUploadName', () => {
  it("ties a batch to the file its custom_ids' tag stands for (Anthropic), by path and content", () => {
    const b = remote(`msgbatch_1`)
    const tag = tagOf(batchMetadata({}, 's', { path: 'dir/a.jsonl', sha256: SHA, round: 1, part: 2, parts: 3 }))!
    const sources = [src('dir/a.jsonl', SHA), src('a.jsonl', SHA), src('dir/a.jsonl', OTHER)]
    const out = byUploadName([b], new Map([['msgbatch_1', tag]]), sources, state())
    expect(out.found).toEqual([
      expect.objectContaining({ batchId: b.id, path: 'dir/a.jsonl', sha256: SHA, round: 1, part: 2, parts: 3 })
    ])
    // Another scope's tag stands for nothing here.
    const theirs = tagOf(batchMetadata({}, 't', { path: 'dir/a.jsonl', sha256: SHA, part: 1, parts: 1 }))!
    expect(byUploadName([remote('x')], new Map([['x', theirs]]), sources, state()).found).toEqual([])
  })

  it('ties a batch without metadata to the present file its upload names, by base name and content', () => {
    const b = remote('file-1')
    const out = byUploadName(
      [b],
      new Map([['file-1', `a.${SHA}.jsonl`]]),
      [src('dir/a.jsonl', SHA), src('b.jsonl', SHA)],
      state()
    )
    expect(out.found).toEqual([
      expect.objectContaining({
        batchId: b.id,
        path: 'dir/a.jsonl',
        sha256: SHA,
        part: 1,
        parts: 1,
        untagged: true,
        collected: false
      })
    ])
    expect(out.ambiguous).toEqual([])
  })

  it('reads the round and the part from the name, and a stem with dots', () => {
    const b = remote('file-1')
    const out = byUploadName(
      [b],
      new Map([['file-1', uploadName({ path: 'v1.2.jsonl', sha256: SHA, round: 2 }, 1, 3)]]),
      [src('v1.2.jsonl', SHA)],
      state()
    )
    expect(out.found).toEqual([expect.objectContaining({ path: 'v1.2.jsonl', round: 2, part: 2, parts: 3 })])
  })

  it('takes the reading the file says: a file x.retry1.jsonl is not the retry of x.jsonl', () => {
    const files = new Map([['file-1', `x.retry1.${SHA}.jsonl`]])
    expect(byUploadName([remote('file-1')], files, [src('x.retry1.jsonl', SHA)], state()).found).toEqual([
      expect.objectContaining({ path: 'x.retry1.jsonl', part: 1 })
    ])
    expect(byUploadName([remote('file-1')], files, [src('x.jsonl', SHA)], state()).found).toEqual([
      expect.objectContaining({ path: 'x.jsonl', round: 1 })
    ])
  })

  it('leaves alone batches with any scope, of names that do not parse, of content no longer present, cancelled, or whose upload is not listed', () => {
    const files = new Map([
      ['file-1', `a.${SHA}.jsonl`],
      ['file-2', 'input.jsonl'],
      ['file-3', `a.${OTHER}.jsonl`]
    ])
    const out = byUploadName(
      [
        remote('file-1', { metadata: { oba_scope: 'someone/else:batches' } }),
        remote('file-2'),
        remote('file-3'),
        remote('file-1', { status: 'cancelled' }),
        remote('file-9')
      ],
      files,
      [src('a.jsonl', SHA)],
      state()
    )
    expect(out.found).toEqual([])
  })

  it('passes over a batch the state tracks and a slot the state has a batch for', () => {
    const known = remote('file-1')
    const files = new Map([['file-1', `a.${SHA}.jsonl`]])
    expect(
      byUploadName([known], files, [src('a.jsonl', SHA)], state(batch('x.jsonl', 'x', { batchId: known.id }))).found
    ).toEqual([])
    expect(byUploadName([remote('file-1')], files, [src('a.jsonl', SHA)], state(batch('a.jsonl', SHA))).found).toEqual(
      []
    )
  })

  it('shares out the batches of files with the same base name and content, newest first in path order, and says so', () => {
    const older = remote('file-1', { createdAt: 10 })
    const newer = remote('file-1', { createdAt: 20 })
    const out = byUploadName(
      [older, newer],
      new Map([['file-1', `a.${SHA}.jsonl`]]),
      [src('y/a.jsonl', SHA), src('x/a.jsonl', SHA)],
      state()
    )
    expect(out.found.map(b => [b.batchId, b.path])).toEqual([
      [newer.id, 'x/a.jsonl'],
      [older.id, 'y/a.jsonl']
    ])
    expect(out.ambiguous).toEqual([['x/a.jsonl', 'y/a.jsonl']])
  })
})

describe('byRequestCount', () => {
  const counted = (path: string, sha: string, ...requests: number[]) =>
    src(path, sha, { parts: requests.map((r, i) => ({ start: i * 10, end: i * 10 + 10, requests: r, line: 1 })) })
  const running = (requests: number, o: Partial<RemoteBatch> = {}) =>
    remote(`msgbatch_${++n}`, { requestCounts: { total: requests, completed: 0, failed: 0 }, ...o })

  it('takes an unfinished batch nothing labels for the file whose part has as many requests, in path order', () => {
    const b = running(3)
    const found = byRequestCount([b], [counted('b.jsonl', OTHER, 3), counted('a.jsonl', SHA, 2, 3)], state())
    expect(found).toEqual([
      expect.objectContaining({ batchId: b.id, path: 'a.jsonl', sha256: SHA, part: 2, parts: 2, guessed: true })
    ])
  })

  it('leaves ended batches, known ones, slots that have a batch, and counts no file has', () => {
    const mine = batch('a.jsonl', SHA)
    const files = [counted('a.jsonl', SHA, 3)]
    expect(byRequestCount([running(3, { status: 'completed' })], files, state())).toEqual([])
    expect(byRequestCount([running(3, { id: mine.batchId })], files, state(mine))).toEqual([])
    expect(byRequestCount([running(3)], files, state(mine))).toEqual([])
    expect(byRequestCount([running(4)], files, state())).toEqual([])
    // Two batches of three requests and one file: only one is taken for it.
    expect(byRequestCount([running(3), running(3)], files, state())).toHaveLength(1)
  })

  it('holds a guess only when the ended batch carries the tag of the slot it was taken for', () => {
    const [guess] = byRequestCount([running(3)], [counted('a.jsonl', SHA, 3)], state())
    const tag = (path: string, part = 1, parts = 1) =>
      tagOf(batchMetadata({}, 's', { path, sha256: SHA, part, parts }))!
    expect(guessHolds(guess!, tag('a.jsonl'), 's')).toBe(true)
    expect(guessHolds(guess!, tag('b.jsonl'), 's')).toBe(false)
    expect(guessHolds(guess!, tag('a.jsonl', 1, 2), 's')).toBe(false)
    expect(guessHolds(guess!, undefined, 's')).toBe(false)
  })
})
