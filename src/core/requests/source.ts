import type { RequestFacts } from './validate'

/** One request file as found on disk. */
export interface SourceFile extends RequestFacts {
  /** Whether its lines were checked in this run (content that has a batch was checked when it was submitted). */
  readonly checked: boolean
  /** Path relative to source-dir, POSIX separators: the file's identity. */
  readonly path: string
  /** Path relative to the workspace, for annotations and messages. */
  readonly file: string
  readonly abs: string
  readonly sha256: string
  readonly bytes: number
}

/** Valid files whose lines were checked in this run: content that may have no batch yet. */
export const mayBeNew = (sources: readonly SourceFile[]): boolean =>
  sources.some(s => s.checked && s.problems.length === 0)
