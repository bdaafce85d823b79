import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/core/errors'
import { providerFacts } from '../../src/core/providers'
import type { RemoteBatch } from '../../src/core/remote/records'
import type { CreateBatch } from '../../src/ports/batch-api'
import { metadataWatch } from '../../src/phases/metadata'
import { MemoryBatchApi, memoryLog } from '../fixtures/ports'

const compatible = providerFacts('compatible', 'https://llm.example/v1')
const openai = providerFacts('openai', undefined)
const refusal = () =>
  new ApiError("Creating a batch: the API answered 400 (Unknown parameter: 'metadata'.).", {
    status: 400,
    retryable: false
  })
const req = (inputFileId = 'file-1'): CreateBatch => ({
  inputFileId,
  endpoint: '/v1/chat/completions',
  completionWindow: '24h',
  metadata: { oba_scope: 's', team: 'x' }
})

/** An API that refuses every create that carries metadata, as some compatible ones do. */
class RefusesMetadata extends MemoryBatchApi {
  sent: Record<string, string>[] = []
  override createBatch(r: CreateBatch): Promise<RemoteBatch> {
    this.sent.push({ ...r.metadata })
    if (Object.keys(r.metadata).length > 0) {
      this.calls.push('createBatch')
      return Promise.reject(refusal())
    }
    return super.createBatch(r)
  }
}

describe('metadataWatch', () => {
  it('creates a batch refused for its metadata again without it, once, with one warning, and sends none for the rest of the run', async () => {
    const api = new RefusesMetadata()
    const log = memoryLog()
    const watched = metadataWatch(api, compatible, log)
    const [one, two] = await Promise.all([watched.createBatch(req('file-1')), watched.createBatch(req('file-2'))])
    const three = await watched.createBatch(req('file-3'))
    expect([one, two, three].map(b => b.inputFileId)).toEqual(['file-1', 'file-2', 'file-3'])
    expect(api.batches.size).toBe(3)
    // Both creates under way sent metadata and were refused; the third sent none.
    expect(api.sent.map(m => Object.keys(m).length)).toEqual([2, 2, 0, 0, 0])
    expect(log.lines.filter(l => l.level === 'warning')).toEqual([
      {
        level: 'warning',
        message:
          "the Batch API at llm.example refused the batch metadata (Creating a batch: the API answered 400 (Unknown parameter: 'metadata'.).): creating the batch again without it, and sending none for the rest of the run. Its batches are found again by their uploads' names after a lost cache."
      }
    ])
  })

  it('throws any other refusal, and a metadata refusal of a provider that keeps metadata (then the input is wrong)', async () => {
    const other = new MemoryBatchApi().fail(
      'createBatch',
      new ApiError("Invalid value for 'endpoint'.", { status: 400, retryable: false })
    )
    await expect(metadataWatch(other, compatible, memoryLog()).createBatch(req())).rejects.toThrow('endpoint')
    const api = new RefusesMetadata()
    await expect(metadataWatch(api, openai, memoryLog()).createBatch(req())).rejects.toThrow('metadata')
    expect(api.batches.size).toBe(0)
  })

  it('says once a run that the provider kept none of the metadata it was sent', async () => {
    class Drops extends MemoryBatchApi {
      override createBatch(r: CreateBatch): Promise<RemoteBatch> {
        return super.createBatch({ ...r, metadata: {} })
      }
    }
    const log = memoryLog()
    const watched = metadataWatch(new Drops(), compatible, log)
    const b = await watched.createBatch(req())
    await watched.createBatch(req())
    expect(log.text('warning')).toBe(
      `the Batch API at llm.example kept none of the batch metadata (batch ${b.id}): its batches are tracked in the saved state, and found again by their uploads' names after a lost cache.`
    )
  })

  it('warns that a lost cache cannot find them when a provider that should keep metadata drops it (names are not looked at there)', async () => {
    class Drops extends MemoryBatchApi {
      override createBatch(r: CreateBatch): Promise<RemoteBatch> {
        return super.createBatch({ ...r, metadata: {} })
      }
    }
    const log = memoryLog()
    await metadataWatch(new Drops(), openai, log).createBatch(req())
    expect(log.text('warning')).toContain(
      'OpenAI kept none of the batch metadata (batch batch_1): its batches are tracked in the saved state, but a lost cache cannot find them again.'
    )
  })

  it('passes the answers of a provider that keeps metadata on as they are, saying nothing', async () => {
    const api = new MemoryBatchApi()
    const log = memoryLog()
    const b = await metadataWatch(api, openai, log).createBatch(req())
    expect(b.metadata).toEqual({ oba_scope: 's', team: 'x' })
    expect(log.lines).toEqual([])
  })
})
