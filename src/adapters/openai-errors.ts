import { APIConnectionError, APIError, OpenAIError } from 'openai'
import { ApiError } from '../core/errors'
import type { Provider } from '../core/providers'

/** The SDK's errors, and the streamed upload's, as `ApiError`s worded so the user knows what to change. */

/** `what` got no answer from the API's host, after the SDK's own retries. */
export function unreachable(what: string, baseURL: string, message: string, provider: Provider): ApiError {
  const api = provider.kind === 'compatible' ? 'API' : `${provider.label} API`
  return new ApiError(
    `${what}: could not reach the ${api} at ${baseURL} (${message}). Check base-url and the runner's network.`,
    { retryable: true, unreachable: true }
  )
}

/** Rewords an SDK error into what the user should change. */
export function explain(e: unknown, what: string, baseURL: string, provider: Provider): unknown {
  // A token that could not be had (openai-connection.ts), as the SDK wrapped it.
  if (e instanceof OpenAIError && e.cause instanceof ApiError) return e.cause
  if (e instanceof APIConnectionError) return unreachable(what, baseURL, e.message, provider)
  if (!(e instanceof APIError)) return e
  const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message
  return refused(what, e.status, detail, provider)
}

/** `what` was answered with a refusal: the answer, and what to change where we know it. */
export function refused(what: string, status: number | undefined, detail: string, provider: Provider): ApiError {
  const who = provider.kind === 'compatible' ? 'the API' : provider.label
  const hint = refusalHint(status, detail, provider)
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500
  return new ApiError(`${what}: ${who} answered ${status ?? 'nothing'} (${detail}).${hint}`, { status, retryable })
}

/** OpenAI's "You have exceeded your file storage quota", Azure's "The quota for files without expiry is reached". */
const STORAGE_FULL = /file storage quota|quota for files/i

/** What the user can do about each refusal, each with the space that parts it from the message. */
const HINTS = {
  azureKeyRejected:
    ' Azure OpenAI rejected the key: pass the resource key as the api-key input (sent as the api-key header),' +
    ' or an Entra token (azure-ad-token, or azure-credential: azure-cli) of an identity' +
    ' with a role such as Cognitive Services OpenAI User on the resource.',
  keyRejected: ' OpenAI rejected the API key: check the secret passed as api-key.',
  forbidden:
    ' The API key may not use Files or Batches: give it write access to Files and Batches in the project,' +
    ' or use a key of the right project.',
  azureNotFound:
    ' Not found: check base-url (https://<resource>.openai.azure.com/openai/v1/)' +
    ' and azure-api-version (empty for the v1 API).',
  notFound: ' Not found: the key may belong to another project, or base-url points at the wrong API.',
  storageFull:
    ' The file storage is full (OpenAI keeps 100 GB an organisation; Azure 500 files without expiry a resource):' +
    ' delete old files (platform.openai.com/storage, or the Files API),' +
    ' and keep delete-remote-files on and remote-files-expire-after set so finished batches free theirs.'
} as const

/** The hint a refusal's message ends with; '' when there is nothing to add. */
function refusalHint(status: number | undefined, detail: string, provider: Provider): string {
  const azure = provider.kind === 'azure'
  if (status === 401) return azure ? HINTS.azureKeyRejected : HINTS.keyRejected
  if (status === 403) return HINTS.forbidden
  if (status === 404) return azure ? HINTS.azureNotFound : HINTS.notFound
  if (STORAGE_FULL.test(detail)) return HINTS.storageFull
  return ''
}
