import { calcPrice } from '@pydantic/genai-prices'
import type { PriceList } from '../ports/pricing'

/**
 * The one file that imports `@pydantic/genai-prices`: a dated, maintained
 * price list bundled with the action (never fetched at run time).
 */

// ncc bundles the library; its version says how old the prices are.
const VERSION = '0.1.8'

export const priceList: PriceList = {
  source: `@pydantic/genai-prices ${VERSION}`,
  price(provider, model, usage) {
    const found = calcPrice(
      { input_tokens: usage.input, cache_read_tokens: usage.cachedInput, output_tokens: usage.output },
      model,
      { providerId: provider }
    )
    if (!found) return undefined
    return { input: found.input_price, output: found.output_price, model: found.model.id }
  }
}
