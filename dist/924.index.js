export const id = 924;
export const ids = [924];
export const modules = {

/***/ 35924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createArtifactStore: () => (/* binding */ createArtifactStore)
/* harmony export */ });
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88047);

/** The one file that imports `@actions/artifact`. */
function createArtifactStore() {
    const client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
    return {
        async upload(name, files, root, retentionDays) {
            const res = await client.uploadArtifact(name, [...files], root, retentionDays ? { retentionDays } : {});
            return res.id;
        }
    };
}


/***/ })

};
