/** Workflow artifacts; `adapters/artifact-client.ts` implements it with `@actions/artifact`. */
export interface ArtifactStore {
  /** Uploads `files` (absolute, below `root`) as one artifact; returns its id. */
  upload(
    name: string,
    files: readonly string[],
    root: string,
    retentionDays: number | undefined
  ): Promise<number | undefined>
}
