/**
 * An Anthropic batch's results as the action reads them: split into the
 * succeeded "file" and the failed one, the user's ids restored, fetched once
 * from the results_url given; and the tags of ended batches as "files".
 */
import * as fs from 'node:fs'
import type * as http from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import { tagOf } from '../../src/core/remote/tags'
import { loopback, Loopback } from '../fakes/loopback'
import { all, anthropicBed, Bed, create, metadata, rejection } from '../helpers/anthropic-bed'

let bed: Bed

beforeEach(async () => {
  bed = await anthropicBed()
})

afterEach(async () => {
  await bed.stop()
})

const text = (body: ReadableStream<Uint8Array>): Promise<string> => new Response(body).text()
const parsed = (t: string) =>
  t
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as { custom_id: string; result: { type: string; error?: { error: { type: string } } } })
const results = () => bed.fake.requests('GET', /\/results$/)

/** A batch of q-1..q-5, ended: q-2 errored, q-4 expired, the rest succeeded. */
async function ended() {
  const b = await create(bed, ['q-1', 'q-2', 'q-3', 'q-4', 'q-5'])
  const tag = tagOf(metadata())!
  bed.fake.end(b.id, { error: { [`${tag}_q-2`]: 'overloaded_error' }, expire: [`${tag}_q-4`] })
  return bed.api.getBatch(b.id)
}

describe('download', () => {
  it('splits the results by kind, with the users ids, fetching them once', async () => {
    const b = await ended()
    expect(b.outputFileId).toBe(`${b.id}/succeeded`)
    expect(b.errorFileId).toBe(`${b.id}/failed`)
    const ok = await bed.api.download(b.outputFileId!)
    const okText = await text(ok.body)
    expect(ok.length).toBe(Buffer.byteLength(okText))
    const good = parsed(okText)
    // The fake answers in reverse: the order is the API's, not the input's.
    expect(good.map(r => r.custom_id)).toEqual(['q-5', 'q-3', 'q-1'])
    expect(good.every(r => r.result.type === 'succeeded')).toBe(true)
    const bad = parsed(await text((await bed.api.download(b.errorFileId!)).body))
    expect(bad.map(r => [r.custom_id, r.result.type])).toEqual([
      ['q-4', 'expired'],
      ['q-2', 'errored']
    ])
    expect(bad[1]!.result.error!.error.type).toBe('overloaded_error')
    expect(results()).toHaveLength(1)
    // Served again from disk.
    expect(parsed(await text((await bed.api.download(b.outputFileId!)).body))).toHaveLength(3)
    expect(results()).toHaveLength(1)
  })

  it('leaves nothing half-made when the results break off, and fetches them again next time', async () => {
    const b = await ended()
    const full = Buffer.from(bed.fake.batch(b.id).results!)
    const cut: Loopback = await loopback(async (req, res) => {
      res.writeHead(200, { 'content-length': full.length })
      res.write(full.subarray(0, full.length >> 1), () => res.destroy())
    })
    const url = bed.fake.batch(b.id).results_url
    try {
      bed.fake.batch(b.id).results_url = `${cut.origin}/cut`
      await expect(bed.api.download(b.outputFileId!)).rejects.toThrow(ApiError)
      expect(fs.readdirSync(bed.dir).filter(f => f.startsWith('oba-anthropic-'))).toEqual([])
    } finally {
      await cut.stop()
    }
    bed.fake.batch(b.id).results_url = url
    expect(parsed(await text((await bed.api.download(b.outputFileId!)).body))).toHaveLength(3)
    expect(results()).toHaveLength(1)
  })

  it('says a refused results fetch', async () => {
    const b = await ended()
    bed.fake.failNext(404, 'not_found_error', 1, { path: /\/results$/ })
    const e = await rejection(bed.api.download(b.outputFileId!))
    expect(e.message).toMatch(new RegExp(`404.*no results for batch ${b.id}`))
  })

  it('sends no key to a results_url on another origin', async () => {
    const b = await ended()
    const seen: http.IncomingHttpHeaders[] = []
    const other: Loopback = await loopback(async (req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'content-type': 'application/binary' })
      res.end(bed.fake.batch(b.id).results)
    })
    try {
      bed.fake.batch(b.id).results_url = `${other.origin}/elsewhere/${b.id}`
      const good = parsed(await text((await bed.api.download(b.outputFileId!)).body))
      expect(good).toHaveLength(3)
      expect(seen).toHaveLength(1)
      expect(seen[0]!['x-api-key']).toBeUndefined()
      expect(seen[0]!.authorization).toBeUndefined()
      expect(results()).toHaveLength(0)
    } finally {
      await other.stop()
    }
  })

  it('follows a redirect to another origin without the key', async () => {
    const b = await ended()
    const lines = bed.fake.batch(b.id).results!
    const seen: { where: string; key: unknown }[] = []
    const storage = await loopback(async (req, res) => {
      seen.push({ where: 'storage', key: req.headers['x-api-key'] })
      res.writeHead(200).end(lines)
    })
    // The API's own host: the batch, then a redirect of its results to a storage host.
    const api = await loopback(async (req, res) => {
      seen.push({ where: req.url!, key: req.headers['x-api-key'] })
      if (req.url === `/v1/messages/batches/${b.id}`) {
        const batch = { ...bed.fake.batch(b.id), requests: undefined, results: undefined }
        res.writeHead(200, { 'content-type': 'application/json' })
        return void res.end(JSON.stringify({ ...batch, results_url: `${api.origin}/results/${b.id}` }))
      }
      res.writeHead(302, { location: `${storage.origin}/signed/${b.id}` }).end()
    })
    try {
      const client = bed.client(bed.fake.apiKey, api.origin)
      expect(parsed(await text((await client.download(b.outputFileId!)).body))).toHaveLength(3)
      expect(seen).toEqual([
        { where: `/v1/messages/batches/${b.id}`, key: bed.fake.apiKey },
        { where: `/results/${b.id}`, key: bed.fake.apiKey },
        { where: 'storage', key: undefined }
      ])
    } finally {
      await api.stop()
      await storage.stop()
    }
  })

  it('refuses an id that is not a batch kind', async () => {
    await expect(bed.api.download('file-abc')).rejects.toThrow(/succeeded or \/failed/)
  })
})

describe('recentFiles', () => {
  it('names each ended batch of the action by its tag, skipping others and unended ones', async () => {
    const done = await ended()
    await create(bed, ['w'], metadata('claude/b.jsonl'), 'b.jsonl')
    const outside = bed.fake.createBatch({ requests: [{ custom_id: 'plain', params: {} }] })
    bed.fake.end(outside.id)
    const files = await all(bed.api.recentFiles(0))
    expect(files).toEqual([{ id: done.inputFileId, filename: tagOf(metadata())!, bytes: 0, createdAt: done.createdAt }])
    // One results fetch each for the two ended batches, and none again on a second look.
    expect(results()).toHaveLength(2)
    await all(bed.api.recentFiles(0))
    expect(results()).toHaveLength(2)
  })

  it('skips a batch whose results are gone (archived)', async () => {
    await ended()
    bed.fake.failNext(404, 'not_found_error', 1, { path: /\/results$/ })
    expect(await all(bed.api.recentFiles(0))).toEqual([])
    expect(results()).toHaveLength(1)
  })

  it('stops at since', async () => {
    await ended()
    expect(await all(bed.api.recentFiles(bed.clock.now() + 3600))).toEqual([])
    expect(results()).toHaveLength(0)
  })
})
