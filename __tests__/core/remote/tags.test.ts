import { batchMetadata, outsideBatch } from '../../../src/core/remote/records'
import { contentHash, readTagged, tagOf, taggedId, TAG_PREFIX_LENGTH } from '../../../src/core/remote/tags'

const meta = (round: number, part: number, parts: number) =>
  batchMetadata({ team: 'x' }, 'scope1', { path: 'a/b.jsonl', sha256: 'f'.repeat(64), round, part, parts })

describe('content tags', () => {
  it('round-trips the slot and the user id', () => {
    const tag = tagOf(meta(2, 3, 12))!
    expect(tag).toHaveLength(TAG_PREFIX_LENGTH - 1)
    const sent = taggedId(tag, 'q-1_x')
    expect(sent).toMatch(/^[a-zA-Z0-9_-]{1,64}$/)
    expect(readTagged(sent)).toEqual({
      tag: { content: contentHash('scope1', 'a/b.jsonl', 'f'.repeat(64)), round: 2, part: 3, parts: 12 },
      id: 'q-1_x'
    })
  })

  it('tells contents, scopes and slots apart', () => {
    expect(tagOf(meta(0, 1, 1))).not.toBe(tagOf(meta(1, 1, 1)))
    expect(contentHash('s', 'a.jsonl', 'x')).not.toBe(contentHash('t', 'a.jsonl', 'x'))
    expect(contentHash('s', 'a.jsonl', 'x')).not.toBe(contentHash('s', 'b.jsonl', 'x'))
  })

  it('has no tag for metadata not ours or past one base-36 digit', () => {
    expect(tagOf({ team: 'x' })).toBeUndefined()
    expect(tagOf(meta(0, 36, 36))).toBeUndefined()
    expect(tagOf(meta(0, 35, 35))).toMatch(/^[0-9a-f]{8}0zz$/)
  })

  it('reads no tag from ids of other tools', () => {
    expect(readTagged('q-1')).toBeUndefined()
    expect(readTagged('0123abcd011-q')).toBeUndefined()
    expect(readTagged('0123abcd021_q')).toBeUndefined() // part 2 of 1
    expect(readTagged('0123ABCD011_q')).toBeUndefined()
  })
})

describe('outsideBatch', () => {
  const remote = (id: string) => ({
    id,
    status: 'completed',
    inputFileId: 'f',
    outputFileId: null,
    errorFileId: null,
    createdAt: 1,
    requestCounts: undefined,
    metadata: {},
    errors: []
  })
  it("names the results file after the batch's id, or the last segment of a name (Gemini's batches/<id>)", () => {
    expect(outsideBatch(remote('msgbatch_01abc')).path).toBe('batches/msgbatch_01abc.jsonl')
    expect(outsideBatch(remote('batches/xyz123')).path).toBe('batches/xyz123.jsonl')
  })
})
