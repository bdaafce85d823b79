export const id = 844;
export const ids = [844];
export const modules = {

/***/ 96844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createPriceList: () => (/* binding */ createPriceList)
/* harmony export */ });
/* harmony import */ var _pydantic_genai_prices__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(82294);

/**
 * The one file that imports `@pydantic/genai-prices`: a dated, maintained
 * price list bundled with the action (never fetched at run time).
 */
// ncc bundles the library; its version says how old the prices are.
const VERSION = '0.1.8';
/**
 * Prices of the provider at `baseUrl`, as the library recognises its API
 * address (OpenAI, Azure, Groq, Anthropic, Google, ...). `fallback`'s for the default
 * URL, and for one it does not know (a proxy or gateway in front of it).
 */
function createPriceList(baseUrl, fallback = 'openai') {
    const provider = (baseUrl ? (0,_pydantic_genai_prices__WEBPACK_IMPORTED_MODULE_0__/* .findProvider */ .lh)({ providerApiUrl: baseUrl }) : undefined) ?? (0,_pydantic_genai_prices__WEBPACK_IMPORTED_MODULE_0__/* .findProvider */ .lh)({ providerId: fallback });
    return {
        source: `@pydantic/genai-prices ${VERSION} (${provider?.name ?? fallback})`,
        price(model, usage) {
            const found = (0,_pydantic_genai_prices__WEBPACK_IMPORTED_MODULE_0__/* .calcPrice */ .jh)({ input_tokens: usage.input, cache_read_tokens: usage.cachedInput, output_tokens: usage.output }, model, provider ? { provider } : { providerId: fallback });
            if (!found)
                return undefined;
            return { input: found.input_price, output: found.output_price, model: found.model.id };
        }
    };
}


/***/ })

};
