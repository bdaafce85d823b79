import { calcPrice, findProvider } from '@pydantic/genai-prices'
import type { Provider } from '../core/providers'
import type { PriceList } from '../ports/pricing'

/**
 * The one file that imports `@pydantic/genai-prices`: a dated, maintained
 * price list bundled with the action (never fetched at run time).
 */

// ncc bundles the library; its version says how old the prices are.
const VERSION = '0.1.8'

/**
 * Prices of the provider at `baseUrl`, as the library recognises its API
 * address (OpenAI, Azure, Groq, Anthropic, Google, ...). `fallback`'s for the default
 * URL, and for one it does not know (a proxy or gateway in front of it).
 */
export function createPriceList(baseUrl: string | undefined, fallback: Provider['prices'] = 'openai'): PriceList {
  const provider =
    (baseUrl ? findProvider({ providerApiUrl: baseUrl }) : undefined) ?? findProvider({ providerId: fallback })
  return {
    source: `@pydantic/genai-prices ${VERSION} (${provider?.name ?? fallback})`,
    price(model, usage) {
      const found = calcPrice(
        { input_tokens: usage.input, cache_read_tokens: usage.cachedInput, output_tokens: usage.output },
        model,
        provider ? { provider } : { providerId: fallback }
      )
      if (!found) return undefined
      return { input: found.input_price, output: found.output_price, model: found.model.id }
    }
  }
}
