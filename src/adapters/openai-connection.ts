import OpenAI, { AzureOpenAI } from 'openai'
import { ApiError, errorMessage } from '../core/errors'
import type { Provider } from '../core/providers'
import { proxiedFetch } from './http'

/**
 * How the SDK reaches each provider, and where the streamed upload posts.
 * OpenAI and compatible APIs: a Bearer key at the base URL. Azure OpenAI's v1
 * API (`<resource>/openai/v1`): the `api-key` header; its classic API
 * (`<resource>/openai/...?api-version=`): the SDK's own AzureOpenAI client.
 * On either, a Microsoft Entra token goes as a Bearer token, asked for on
 * every call (a token provider keeps it until it is about to expire).
 */

export interface ConnectionOptions {
  readonly apiKey: string
  readonly baseUrl: string | undefined
  readonly provider: Provider
  /** `token`: a Microsoft Entra token for each call, used instead of the key. */
  readonly azure?: { readonly apiVersion?: string; readonly token?: () => Promise<string> }
  readonly maxRetries: number
  readonly timeoutMs: number
}

export interface Connection {
  readonly client: OpenAI
  /**
   * Where the streamed upload posts, and the headers that authenticate it
   * (asked for at each upload: a token may have been renewed).
   */
  readonly upload: {
    readonly url: string
    readonly headers: () => Promise<Readonly<Record<string, string>>>
    readonly expiryField: (key: 'anchor' | 'seconds') => string
  }
}

/** The resource's origin (and any path before /openai) from whichever form of URL the user gave. */
export function azureResource(baseUrl: string): string {
  const u = new URL(baseUrl)
  const base = u.pathname.replace(/\/openai(\/v1)?\/?$/, '').replace(/\/$/, '')
  return `${u.origin}${base}`
}

export function connect(opts: ConnectionOptions): Connection {
  const { apiKey, baseUrl, provider, maxRetries, timeoutMs } = opts
  // proxiedFetch: the runner's HTTPS_PROXY and NO_PROXY hold for the SDK's calls (http.ts).
  const common = { maxRetries, timeout: timeoutMs, fetch: proxiedFetch }
  if (provider.kind !== 'azure') {
    const client = new OpenAI({ apiKey, baseURL: baseUrl, ...common })
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` }
    if (client.organization) headers['openai-organization'] = client.organization
    if (client.project) headers['openai-project'] = client.project
    // The SDK's encoding of a nested form field: expires_after[seconds].
    return {
      client,
      upload: {
        url: `${client.baseURL.replace(/\/$/, '')}/files`,
        headers: async () => headers,
        expiryField: k => `expires_after[${k}]`
      }
    }
  }
  if (!baseUrl)
    throw new Error('Azure OpenAI needs base-url: your resource, e.g. https://my-resource.openai.azure.com/openai/v1/.')
  const resource = azureResource(baseUrl)
  const token = refusedAsKeys(opts.azure?.token)
  const auth = async (): Promise<Record<string, string>> =>
    token ? { authorization: `Bearer ${await token()}` } : { 'api-key': apiKey }
  // As Microsoft's REST samples write it (how-to/batch.md): -F "expires_after.seconds=...".
  const expiryField = (k: 'anchor' | 'seconds') => `expires_after.${k}`
  const version = opts.azure?.apiVersion
  if (version) {
    // baseURL, not endpoint: the SDK would otherwise take OPENAI_BASE_URL as well, and refuse both.
    const client = new AzureOpenAI({
      baseURL: `${resource}/openai`,
      apiVersion: version,
      ...(token ? { azureADTokenProvider: token } : { apiKey }),
      ...common
    })
    return {
      client,
      upload: { url: `${resource}/openai/files?api-version=${encodeURIComponent(version)}`, headers: auth, expiryField }
    }
  }
  // The v1 API takes the key in api-key (a Bearer would be taken for an Entra token):
  // the SDK's own Bearer header is cleared.
  const client = new OpenAI({
    apiKey: token ?? apiKey,
    baseURL: `${resource}/openai/v1`,
    defaultHeaders: token ? {} : { 'api-key': apiKey, authorization: null },
    ...common
  })
  return { client, upload: { url: `${resource}/openai/v1/files`, headers: auth, expiryField } }
}

/**
 * A token that cannot be had fails every call alike, as a refused key does
 * (401: the run stops at the first). The SDK wraps what its token function
 * throws; openai-errors.ts unwraps it.
 */
function refusedAsKeys(tokens: (() => Promise<string>) | undefined): (() => Promise<string>) | undefined {
  if (!tokens) return undefined
  return async () => {
    try {
      return await tokens()
    } catch (e) {
      throw new ApiError(errorMessage(e), { status: 401, retryable: false })
    }
  }
}
