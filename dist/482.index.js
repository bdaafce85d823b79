export const id = 482;
export const ids = [482];
export const modules = {

/***/ 32482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COGNITIVE_SERVICES_SCOPE: () => (/* binding */ COGNITIVE_SERVICES_SCOPE),
/* harmony export */   azureCliTokens: () => (/* binding */ azureCliTokens)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _azure_identity__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73016);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);



/**
 * The one file that imports @azure/identity: Microsoft Entra tokens for Azure
 * OpenAI from the Azure CLI session that azure/login leaves on the runner
 * (`az account get-access-token`). main.ts imports it only when
 * `azure-credential: azure-cli` asks for it: the library costs start-up time.
 */
/** The audience Azure OpenAI takes tokens for (Microsoft's "Role-based access control for Azure OpenAI"). */
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
/** What to do when no token comes: the CLI is missing, or nobody signed in. */
const SIGN_IN = 'Sign in first: a step `uses: azure/login@v2` with client-id, tenant-id and subscription-id (OIDC, which needs `permissions: id-token: write` in the job), before this one; the identity needs a role such as Cognitive Services OpenAI User on the resource.';
/**
 * A function that returns a valid token on each call: the library keeps the
 * token and asks the CLI again shortly before it expires (az tokens last about
 * an hour; a run that collects for longer gets a fresh one). Each new token is
 * masked before anything can print it.
 */
function azureCliTokens() {
    const get = (0,_azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .getBearerTokenProvider */ .Ob)(new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .AzureCliCredential */ .nG(), COGNITIVE_SERVICES_SCOPE);
    let last = '';
    return async () => {
        let token;
        try {
            token = await get();
        }
        catch (e) {
            throw new Error(`azure-credential: azure-cli could not get a token from the Azure CLI (${(0,_core_errors__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e).replace(/\.$/, '')}). ${SIGN_IN}`);
        }
        if (token !== last)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq((last = token));
        return token;
    };
}


/***/ })

};
