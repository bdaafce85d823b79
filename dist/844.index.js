export const id = 844;
export const ids = [844];
export const modules = {

/***/ 96844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   priceList: () => (/* binding */ priceList)
/* harmony export */ });
/* harmony import */ var _pydantic_genai_prices__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(82294);

/**
 * The one file that imports `@pydantic/genai-prices`: a dated, maintained
 * price list bundled with the action (never fetched at run time).
 */
// ncc bundles the library; its version says how old the prices are.
const VERSION = '0.1.8';
const priceList = {
    source: `@pydantic/genai-prices ${VERSION}`,
    price(provider, model, usage) {
        const found = (0,_pydantic_genai_prices__WEBPACK_IMPORTED_MODULE_0__/* .calcPrice */ .jh)({ input_tokens: usage.input, cache_read_tokens: usage.cachedInput, output_tokens: usage.output }, model, { providerId: provider });
        if (!found)
            return undefined;
        return { input: found.input_price, output: found.output_price, model: found.model.id };
    }
};


/***/ })

};
