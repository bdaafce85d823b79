export const id = 794;
export const ids = [794];
export const modules = {

/***/ 76794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createCacheStorage: () => (/* binding */ createCacheStorage)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60142);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);




/**
 * Whether there is a cache to use. @github/local-action's stand-in for @actions/cache has only
 * restoreCache and saveCache (it keeps caches in LOCAL_ACTION_CACHE_PATH): no isFeatureAvailable
 * means that stand-in, which works. Called inside the try blocks below, like every cache call.
 */
function available() {
    return typeof _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3 !== 'function' || _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3();
}
function createCacheStorage(opts) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(opts.dir, 'state.json');
    const key = `${opts.prefix}-${opts.runId}-${opts.runAttempt}`;
    // Cache trouble never fails the run: the state is rebuilt from OpenAI, so
    // every failure below is a warning on purpose.
    return {
        async restore() {
            try {
                if (!available()) {
                    opts.log.warning('The Actions cache service is not available here; the run goes on without a saved state.');
                    return undefined;
                }
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(file, { force: true });
                const hit = await _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3([file], key, [`${opts.prefix}-`]);
                if (!hit) {
                    opts.log.info(`No saved state: no cache key '${key}', nor any starting '${opts.prefix}-' (cache-key); it is made anew.`);
                    return undefined;
                }
                opts.log.info(`State restored from cache key ${hit}.`);
                return await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile(file, 'utf8');
            }
            catch (e) {
                opts.log.warning(`Could not restore the state from the cache (${(0,_core_errors__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}); the run goes on without it.`);
                return undefined;
            }
        },
        async save(text) {
            try {
                if (!available())
                    return;
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir(opts.dir, { recursive: true });
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile(file, text);
                // saveCache reports most failures (key taken, refused, 5xx) through
                // core.info and returns -1, so -1 is our cue to warn.
                const id = await _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io([file], key);
                if (id === -1)
                    opts.log.warning(`The state was not saved to the cache under ${key}; the next run rebuilds it from OpenAI.`);
                else
                    opts.log.info(`State saved to cache key ${key}.`);
            }
            catch (e) {
                opts.log.warning(`Could not save the state to the cache (${(0,_core_errors__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}); the next run rebuilds it from OpenAI.`);
            }
        }
    };
}


/***/ })

};
