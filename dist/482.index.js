export const id = 482;
export const ids = [482];
export const modules = {

/***/ 32482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COGNITIVE_SERVICES_SCOPE: () => (/* binding */ COGNITIVE_SERVICES_SCOPE),
/* harmony export */   RENEW_BEFORE_S: () => (/* binding */ RENEW_BEFORE_S),
/* harmony export */   azureCliTokens: () => (/* binding */ azureCliTokens),
/* harmony export */   renewedTokens: () => (/* binding */ renewedTokens)
/* harmony export */ });
/* harmony import */ var _azure_identity__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73016);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);


/**
 * The one file that imports @azure/identity: Microsoft Entra tokens for Azure
 * OpenAI from the runner's Azure CLI session (`az account get-access-token`).
 * main.ts imports it only when `azure-credential: azure-cli` asks for it: the
 * library costs start-up time.
 */
/** The audience Azure OpenAI takes tokens for (Microsoft's "Role-based access control for Azure OpenAI"). */
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
/** A token is renewed this long before it expires, so that no call is sent one about to lapse. */
const RENEW_BEFORE_S = 5 * 60;
/** What to do when no token comes: the CLI is missing, or nobody signed in. */
const SIGN_IN = 'Sign in first: a step `uses: azure/login@v2` with client-id, tenant-id and subscription-id' +
    ' (OIDC, which needs `permissions: id-token: write` in the job), before this one;' +
    ' the identity needs a role such as Cognitive Services OpenAI User on the resource.';
/** The error for a token the Azure CLI did not give, with its reason. */
const noToken = (e) => new Error(`azure-credential: azure-cli could not get a token from the Azure CLI (${(0,_core_errors__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e).replace(/\.$/, '')}). ` +
    SIGN_IN);
function azureCliTokens(deps) {
    return renewedTokens(new _azure_identity__WEBPACK_IMPORTED_MODULE_0__/* .AzureCliCredential */ .nG(), deps);
}
/**
 * A function that returns a valid token on each call, renewed RENEW_BEFORE_S
 * before it expires. A renewal is asked for once however many calls wait for
 * it, and each new token is masked before anything can print it.
 *
 * Not the library's getBearerTokenProvider: it renews in the background, and
 * a renewal that fails for good is a rejection nobody awaits, which ends the
 * process; here the call that needs the token gets the failure, worded.
 */
function renewedTokens(credential, { clock, log }) {
    let held;
    let asking;
    const ask = async () => {
        try {
            const t = await credential.getToken(COGNITIVE_SERVICES_SCOPE);
            if (!t)
                throw new Error('no token');
            return t;
        }
        catch (e) {
            throw noToken(e);
        }
    };
    const renew = () => {
        if (!asking) {
            asking = ask();
            // Forgotten once settled, so that the next call asks again; the failure itself goes to the callers.
            asking.finally(() => (asking = undefined)).catch(() => undefined);
        }
        return asking;
    };
    return async () => {
        const nowMs = clock.now() * 1000;
        if (held && held.expiresOnTimestamp - RENEW_BEFORE_S * 1000 > nowMs)
            return held.token;
        let fresh;
        try {
            fresh = await renew();
        }
        catch (e) {
            // A token that still works is used while a new one cannot be had.
            if (held && held.expiresOnTimestamp > nowMs)
                return held.token;
            throw e;
        }
        if (fresh.token !== held?.token)
            log.mask(fresh.token);
        held = fresh;
        return fresh.token;
    };
}


/***/ })

};
