import { errorMessage, refusesMetadata } from '../core/errors'
import type { Provider } from '../core/providers'
import { isUntagged } from '../core/remote/records'
import type { BatchApi } from '../ports/batch-api'
import type { Log } from '../ports/log'

const refusedMetadata = (label: string, error: string): string =>
  `${label} refused the batch metadata (${error}): creating the batch again without it, ` +
  "and sending none for the rest of the run. Its batches are found again by their uploads' names after a lost cache."

/**
 * The Batch API a run creates batches through; it says once a run when the
 * provider keeps no batch metadata (#12). A provider that may not keep it (a
 * compatible API) and refuses a create for its metadata gets the create again
 * without it, and none for the rest of the run. The refused create made no
 * batch, so this never makes two; a lost answer to the second is found by its
 * upload (createPart).
 */
export function metadataWatch(api: BatchApi, provider: Provider, log: Log): BatchApi {
  let send = true
  let warned = false
  const without = (req: Parameters<BatchApi['createBatch']>[0]) => api.createBatch({ ...req, metadata: {} })
  return {
    recentFiles: since => api.recentFiles(since),
    recentBatches: since => api.recentBatches(since),
    uploadFile: (source, filename, opts) => api.uploadFile(source, filename, opts),
    async createBatch(req) {
      if (!send) return without(req)
      let made
      try {
        made = await api.createBatch(req)
      } catch (e) {
        if (provider.keepsMetadata || !refusesMetadata(e)) throw e
        if (send) log.warning(refusedMetadata(provider.label, errorMessage(e)))
        send = false
        warned = true
        return without(req)
      }
      if (!warned && isUntagged(made)) {
        warned = true
        // Names are looked at only for a provider that may not keep metadata (core/providers.ts).
        const lost = provider.keepsMetadata
          ? 'but a lost cache cannot find them again'
          : "and found again by their uploads' names after a lost cache"
        log.warning(
          `${provider.label} kept none of the batch metadata (batch ${made.id}): ` +
            `its batches are tracked in the saved state, ${lost}.`
        )
      }
      return made
    },
    getBatch: id => api.getBatch(id),
    cancelBatch: id => api.cancelBatch(id),
    deleteFile: id => api.deleteFile(id),
    download: fileId => api.download(fileId)
  }
}
