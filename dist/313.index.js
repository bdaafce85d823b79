export const id = 313;
export const ids = [313];
export const modules = {

/***/ 50313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tokenizer: () => (/* binding */ tokenizer)
/* harmony export */ });
/* harmony import */ var gpt_tokenizer_mapping__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46445);
/* harmony import */ var gpt_tokenizer_encoding_cl100k_base__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84079);
/* harmony import */ var gpt_tokenizer_encoding_o200k_base__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23877);



/** The one file that imports `gpt-tokenizer`: OpenAI's own encodings (tiktoken's), in plain JavaScript. */
// Models before GPT-4o use cl100k_base; GPT-4o and every later model o200k_base.
const OLDER = /^(gpt-4(?!o|\.\d)|gpt-3\.5|text-embedding-|text-davinci|davinci|babbage)/;
function encodingOf(model) {
    const known = gpt_tokenizer_mapping__WEBPACK_IMPORTED_MODULE_0__/* .modelToEncodingMap */ .Gm[model];
    if (known)
        return known === 'cl100k_base' ? gpt_tokenizer_encoding_cl100k_base__WEBPACK_IMPORTED_MODULE_1__ : gpt_tokenizer_encoding_o200k_base__WEBPACK_IMPORTED_MODULE_2__;
    return OLDER.test(model) ? gpt_tokenizer_encoding_cl100k_base__WEBPACK_IMPORTED_MODULE_1__ : gpt_tokenizer_encoding_o200k_base__WEBPACK_IMPORTED_MODULE_2__;
}
const tokenizer = {
    count: (model, text) => encodingOf(model).countTokens(text),
    encoding: model => (encodingOf(model) === gpt_tokenizer_encoding_cl100k_base__WEBPACK_IMPORTED_MODULE_1__ ? 'cl100k_base' : 'o200k_base')
};


/***/ })

};
