import type { Provider } from '../core/providers'
import { Inputs } from './constants'
import { shown } from './input-schema'

/**
 * Inputs that mean nothing to Anthropic's Message Batches or Gemini's Batch Mode, refused before
 * any call with why and what to do: a run that silently dropped them would make batches other than
 * the ones the workflow asked for.
 */

/** What the user gave, as read (action.yml's defaults where empty); secrets only as whether they were given. */
export interface ProviderInputs {
  readonly completionWindow: string
  readonly endpoint: string
  readonly metadata: string
  readonly azureApiVersion: string
  readonly azureCredential: string
  /** Whether azure-ad-token was given: a token, so never echoed. */
  readonly azureAdToken: boolean
}

/** How each provider that refuses these inputs is named in the messages, and what its batches have instead. */
const OWN = {
  anthropic: {
    api: 'Message Batches',
    verbs: { have: 'have', keep: 'keep', serve: 'serve' },
    docs: 'docs/providers.md#anthropic',
    foundBy: 'by tags in their custom_ids',
    endpoint: 'a Message Batches line holds no url'
  },
  gemini: {
    api: 'Batch Mode',
    verbs: { have: 'has', keep: 'keeps', serve: 'serves' },
    docs: 'docs/providers.md#gemini',
    foundBy: 'by their display names',
    endpoint: `a Gemini line holds no url, and the '${Inputs.Model}' input names the model its batches run`
  }
} as const

/** Throws for the first input `p` cannot take; does nothing for the OpenAI-shaped providers, checked elsewhere. */
export function refuseForProvider(p: Provider, given: ProviderInputs): void {
  if (p.kind !== 'anthropic' && p.kind !== 'gemini') return
  const own = OWN[p.kind]
  if (given.completionWindow !== '24h')
    throw new Error(
      `Input '${Inputs.CompletionWindow}': ${p.label}'s ${own.api} ${own.verbs.have} one window, 24h; ` +
        `got '${shown(given.completionWindow)}'. Leave it empty (24h): a batch that has not ended by then ` +
        'expires, and its unfinished requests come back as expired.'
    )
  if (given.metadata.trim() !== '')
    throw new Error(
      `Input '${Inputs.Metadata}': ${p.label}'s ${own.api} ${own.verbs.keep} no metadata, so yours would be lost; ` +
        `got '${shown(given.metadata.trim())}'. Remove the input (the action finds its batches again ${own.foundBy}, ` +
        `see ${own.docs}).`
    )
  const azure = azureGiven(given)
  if (azure)
    throw new Error(
      `Input '${azure}' is for Azure OpenAI, and ${p.label} takes no azure-* input${azureEcho(azure, given)}. ` +
        `Remove it, or set '${Inputs.Provider}' to azure if the batches are meant for Azure.`
    )
  if (given.endpoint !== '' && !p.endpoints.includes(given.endpoint))
    throw new Error(
      `Input '${Inputs.Endpoint}': ${p.label}'s ${own.api} ` +
        (p.endpoints.length > 0 ? `${own.verbs.serve} ${p.endpoints.join(', ')} only` : 'takes no endpoint') +
        `; got '${shown(given.endpoint)}'. Leave it empty: ${own.endpoint}.`
    )
}

/** The first azure-* input given, or undefined. */
function azureGiven(g: ProviderInputs): string | undefined {
  if (g.azureApiVersion !== '') return Inputs.AzureApiVersion
  if (g.azureAdToken) return Inputs.AzureAdToken
  if (g.azureCredential !== '') return Inputs.AzureCredential
  return undefined
}

/** The value of an azure-* input for a message; a token is not shown. */
function azureEcho(name: string, g: ProviderInputs): string {
  if (name === Inputs.AzureApiVersion) return `; got '${shown(g.azureApiVersion)}'`
  if (name === Inputs.AzureCredential) return `; got '${shown(g.azureCredential)}'`
  return ''
}
