import type { Batch, FileObject } from 'openai/resources'
import type { RemoteBatch, RemoteFile } from '../core/remote/records'

/**
 * The SDK's Batch and File objects as the action reads them: leniently, as
 * Azure OpenAI writes some fields its own way. It answers
 * `"status": "Validating"`, ISO timestamps where OpenAI has Unix seconds, and
 * nulls in `request_counts` while validating (MicrosoftDocs/azure-ai-docs,
 * includes/batch/batch-rest.md).
 */

/** Unix seconds from seconds, milliseconds or an ISO 8601 string; undefined for none. */
export function seconds(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 1e11 ? Math.floor(v / 1000) : v
  if (typeof v === 'string' && v !== '') {
    const t = Date.parse(v)
    return Number.isNaN(t) ? undefined : Math.floor(t / 1000)
  }
  return undefined
}

/** `Validating`, `InProgress`, `in_progress` all read as `in_progress`. */
export const status = (s: unknown): string =>
  String(s ?? '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()

export function toFile(f: FileObject): RemoteFile {
  const raw = f as unknown as Record<string, unknown>
  return {
    id: f.id,
    filename: f.filename,
    bytes: f.bytes,
    createdAt: seconds(raw.created_at) ?? 0,
    status: f.status ? status(f.status) : undefined
  }
}

export function toBatch(b: Batch): RemoteBatch {
  const raw = b as unknown as Record<string, unknown>
  const counts = b.request_counts
  return {
    id: b.id,
    status: status(b.status),
    inputFileId: b.input_file_id,
    outputFileId: b.output_file_id ?? null,
    errorFileId: b.error_file_id ?? null,
    createdAt: seconds(raw.created_at) ?? 0,
    requestCounts: counts
      ? { total: counts.total ?? 0, completed: counts.completed ?? 0, failed: counts.failed ?? 0 }
      : undefined,
    metadata: (b.metadata ?? {}) as Record<string, string>,
    errors: b.errors?.data ?? [],
    model: b.model ?? undefined,
    usage: b.usage
      ? {
          input: b.usage.input_tokens,
          cachedInput: b.usage.input_tokens_details?.cached_tokens ?? 0,
          output: b.usage.output_tokens,
          reasoning: b.usage.output_tokens_details?.reasoning_tokens ?? 0
        }
      : undefined,
    expiresAt: seconds(raw.expires_at)
  }
}
