import { DefaultArtifactClient } from '@actions/artifact'
import type { ArtifactStore } from '../ports/artifact-store'

/** The one file that imports `@actions/artifact`. */

export function createArtifactStore(): ArtifactStore {
  const client = new DefaultArtifactClient()
  return {
    async upload(name, files, root, retentionDays) {
      const res = await client.uploadArtifact(name, [...files], root, retentionDays ? { retentionDays } : {})
      return res.id
    }
  }
}
