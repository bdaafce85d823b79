import * as core from '@actions/core'
import { AzureCliCredential, getBearerTokenProvider } from '@azure/identity'
import { errorMessage } from '../core/errors'

/**
 * The one file that imports @azure/identity: Microsoft Entra tokens for Azure
 * OpenAI from the Azure CLI session that azure/login leaves on the runner
 * (`az account get-access-token`). main.ts imports it only when
 * `azure-credential: azure-cli` asks for it: the library costs start-up time.
 */

/** The audience Azure OpenAI takes tokens for (Microsoft's "Role-based access control for Azure OpenAI"). */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default'

/** What to do when no token comes: the CLI is missing, or nobody signed in. */
const SIGN_IN =
  'Sign in first: a step `uses: azure/login@v2` with client-id, tenant-id and subscription-id (OIDC, which needs `permissions: id-token: write` in the job), before this one; the identity needs a role such as Cognitive Services OpenAI User on the resource.'

/**
 * A function that returns a valid token on each call: the library keeps the
 * token and asks the CLI again shortly before it expires (az tokens last about
 * an hour; a run that collects for longer gets a fresh one). Each new token is
 * masked before anything can print it.
 */
export function azureCliTokens(): () => Promise<string> {
  const get = getBearerTokenProvider(new AzureCliCredential(), COGNITIVE_SERVICES_SCOPE)
  let last = ''
  return async () => {
    let token: string
    try {
      token = await get()
    } catch (e) {
      throw new Error(`azure-credential: azure-cli could not get a token from the Azure CLI (${errorMessage(e).replace(/\.$/, '')}). ${SIGN_IN}`)
    }
    if (token !== last) core.setSecret((last = token))
    return token
  }
}
