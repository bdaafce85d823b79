export const id = 663;
export const ids = [663];
export const modules = {

/***/ 93618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ postStream),
/* harmony export */   i: () => (/* binding */ proxiedFetch)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46752);

/**
 * The one file that imports undici: the agent behind every call to OpenAI (the
 * SDK's and the uploads) and to the webhook, which honours the runner's proxy.
 * Node's own fetch ignores HTTPS_PROXY, HTTP_PROXY and NO_PROXY (lower-case
 * forms too). The toolkit's calls (cache, GitHub, artifacts) keep
 * @actions/http-client's own proxy handling.
 */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
let agent;
/**
 * Made on first use. Without a proxy variable EnvHttpProxyAgent is a plain
 * Agent, but it prints "EnvHttpProxyAgent is experimental" on every run: only
 * a runner with a proxy sees that line.
 */
function dispatcher() {
    return (agent ??= PROXY_VARIABLES.some(name => process.env[name]) ? new undici__WEBPACK_IMPORTED_MODULE_0__.EnvHttpProxyAgent() : new undici__WEBPACK_IMPORTED_MODULE_0__.Agent());
}
/**
 * fetch through the agent. undici's own fetch, not the global one: a dispatcher
 * goes with the fetch of its own undici (the openai SDK's README, "Configuring proxies").
 */
const proxiedFetch = (input, init) => (0,undici__WEBPACK_IMPORTED_MODULE_0__.fetch)(input, { ...init, dispatcher: dispatcher() });
/**
 * A POST of `length` bytes taken from `body` as the socket drains, each wait
 * bounded by `timeoutMs`; chunked when the length is not known beforehand.
 * undici asks for the next chunk only once `socket.write` took the last one
 * under the socket's high-water mark (64 KiB) or the socket drained. Not fetch:
 * undici's fetch (and Node's) keeps every chunk of a streamed request body until
 * the answer has come (a 200 MB create held 200 MB; bench, anthropicSubmitMemory).
 */
async function postStream(url, headers, body, length, timeoutMs) {
    try {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, {
            method: 'POST',
            dispatcher: dispatcher(),
            headers: length === undefined ? headers : { ...headers, 'content-length': String(length) },
            // undici writes an async iterable as it writes a stream (its docs); its types name only Readable.
            // Readable.from would read chunks ahead of the socket: what a reused buffer must not be.
            body: body,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs
        });
        return { status: res.statusCode, text: await res.body.text() };
    }
    catch (e) {
        // undici says "Headers Timeout Error": say what it means here.
        if (e instanceof undici__WEBPACK_IMPORTED_MODULE_0__.errors.HeadersTimeoutError || e instanceof undici__WEBPACK_IMPORTED_MODULE_0__.errors.BodyTimeoutError)
            throw new Error(`no answer in ${timeoutMs / 1000} s`);
        throw e;
    }
}


/***/ }),

/***/ 11663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createWebhookSender: () => (/* binding */ createWebhookSender)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_backoff__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93915);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _http__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93618);




/** The one file that calls the user's webhook: Standard Webhooks, the way OpenAI signs its own. */
/**
 * The Standard Webhooks signature: HMAC-SHA256 of `id.timestamp.body`, keyed
 * by the secret (base64-decoded after `whsec_`).
 */
function sign(secret, id, timestamp, body) {
    const key = secret.startsWith('whsec_')
        ? Buffer.from(secret.slice('whsec_'.length), 'base64')
        : Buffer.from(secret, 'utf8');
    return `v1,${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
/** Attempts at one delivery (network errors, 429 and 5xx are tried again). */
const DELIVERY_ATTEMPTS = 4;
const TIMEOUT_MS = 30_000;
class Refused extends Error {
}
/** One POST; throws `Refused` for an answer that will not change, any other error for one that may. */
async function post(url, secret, event, body, timestamp) {
    const headers = {
        'content-type': 'application/json',
        'user-agent': 'openai-batch-action',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp)
    };
    if (secret)
        headers['webhook-signature'] = sign(secret, event.id, timestamp, body);
    // Through the runner's proxy, as the calls to OpenAI go (http.ts).
    const res = await (0,_http__WEBPACK_IMPORTED_MODULE_2__/* .proxiedFetch */ .i)(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS)
    });
    await res.body?.cancel();
    if (res.ok)
        return;
    const problem = `the receiver answered ${res.status}`;
    throw res.status === 429 || res.status >= 500 ? new Error(problem) : new Refused(problem);
}
function createWebhookSender(url, secret, clock) {
    return {
        async send(event) {
            const body = JSON.stringify(event);
            for (let n = 0;; n++) {
                try {
                    return await post(url, secret, event, body, clock.now());
                }
                catch (e) {
                    if (e instanceof Refused || n + 1 >= DELIVERY_ATTEMPTS)
                        throw new Error((0,_core_errors__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e));
                    await clock.sleep((0,_core_backoff__WEBPACK_IMPORTED_MODULE_3__/* .backoffMs */ .j)(n));
                }
            }
        }
    };
}


/***/ }),

/***/ 93915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ backoffMs)
/* harmony export */ });
/** Exponential backoff for attempt `n` (0-based): 1 s, 2 s, 4 s, ... capped at 30 s. */
const backoffMs = (n) => Math.min(30_000, 1000 * 2 ** n);


/***/ })

};
