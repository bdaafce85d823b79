export const id = 804;
export const ids = [804];
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

/***/ 35804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOpenAIBatchApi: () => (/* binding */ createOpenAIBatchApi)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/core/backoff.ts
var backoff = __webpack_require__(93915);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/limits.ts
var limits = __webpack_require__(36419);
// EXTERNAL MODULE: ./node_modules/openai/index.mjs + 232 modules
var openai = __webpack_require__(98193);
// EXTERNAL MODULE: ./src/adapters/http.ts
var http = __webpack_require__(93618);
;// CONCATENATED MODULE: ./src/adapters/openai-connection.ts



/** The resource's origin (and any path before /openai) from whichever form of URL the user gave. */
function azureResource(baseUrl) {
    const u = new URL(baseUrl);
    const base = u.pathname.replace(/\/openai(\/v1)?\/?$/, '').replace(/\/$/, '');
    return `${u.origin}${base}`;
}
function connect(opts) {
    const { apiKey, baseUrl, provider, maxRetries, timeoutMs } = opts;
    // proxiedFetch: the runner's HTTPS_PROXY and NO_PROXY hold for the SDK's calls (http.ts).
    const common = { maxRetries, timeout: timeoutMs, fetch: http/* proxiedFetch */.i };
    if (provider.kind !== 'azure') {
        const client = new openai/* default */.Ay({ apiKey, baseURL: baseUrl, ...common });
        const headers = { authorization: `Bearer ${apiKey}` };
        if (client.organization)
            headers['openai-organization'] = client.organization;
        if (client.project)
            headers['openai-project'] = client.project;
        // The SDK's encoding of a nested form field: expires_after[seconds].
        return {
            client,
            upload: {
                url: `${client.baseURL.replace(/\/$/, '')}/files`,
                headers: async () => headers,
                expiryField: k => `expires_after[${k}]`
            }
        };
    }
    if (!baseUrl)
        throw new Error('Azure OpenAI needs base-url: your resource, e.g. https://my-resource.openai.azure.com/openai/v1/.');
    const resource = azureResource(baseUrl);
    const token = refusedAsKeys(opts.azure?.token);
    const auth = async () => token ? { authorization: `Bearer ${await token()}` } : { 'api-key': apiKey };
    // As Microsoft's REST samples write it (how-to/batch.md): -F "expires_after.seconds=...".
    const expiryField = (k) => `expires_after.${k}`;
    const version = opts.azure?.apiVersion;
    if (version) {
        // baseURL, not endpoint: the SDK would otherwise take OPENAI_BASE_URL as well, and refuse both.
        const client = new openai/* AzureOpenAI */.AC({
            baseURL: `${resource}/openai`,
            apiVersion: version,
            ...(token ? { azureADTokenProvider: token } : { apiKey }),
            ...common
        });
        return {
            client,
            upload: { url: `${resource}/openai/files?api-version=${encodeURIComponent(version)}`, headers: auth, expiryField }
        };
    }
    // The v1 API takes the key in api-key (a Bearer would be taken for an Entra token):
    // the SDK's own Bearer header is cleared.
    const client = new openai/* default */.Ay({
        apiKey: token ?? apiKey,
        baseURL: `${resource}/openai/v1`,
        defaultHeaders: token ? {} : { 'api-key': apiKey, authorization: null },
        ...common
    });
    return { client, upload: { url: `${resource}/openai/v1/files`, headers: auth, expiryField } };
}
/**
 * A token that cannot be had fails every call alike, as a refused key does
 * (401: the run stops at the first). The SDK wraps what its token function
 * throws; openai-errors.ts unwraps it.
 */
function refusedAsKeys(tokens) {
    if (!tokens)
        return undefined;
    return async () => {
        try {
            return await tokens();
        }
        catch (e) {
            throw new errors/* ApiError */.hD((0,errors/* errorMessage */.gJ)(e), { status: 401, retryable: false });
        }
    };
}

;// CONCATENATED MODULE: ./src/adapters/openai-parse.ts
/**
 * The SDK's Batch and File objects as the action reads them: leniently, as
 * Azure OpenAI writes some fields its own way. It answers
 * `"status": "Validating"`, ISO timestamps where OpenAI has Unix seconds, and
 * nulls in `request_counts` while validating (MicrosoftDocs/azure-ai-docs,
 * includes/batch/batch-rest.md).
 */
/** Unix seconds from seconds, milliseconds or an ISO 8601 string; undefined for none. */
function seconds(v) {
    if (typeof v === 'number')
        return v > 1e11 ? Math.floor(v / 1000) : v;
    if (typeof v === 'string' && v !== '') {
        const t = Date.parse(v);
        return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
    }
    return undefined;
}
/** `Validating`, `InProgress`, `in_progress` all read as `in_progress`. */
const openai_parse_status = (s) => String(s ?? '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
function toFile(f) {
    const raw = f;
    return {
        id: f.id,
        filename: f.filename,
        bytes: f.bytes,
        createdAt: seconds(raw.created_at) ?? 0,
        status: f.status ? openai_parse_status(f.status) : undefined
    };
}
function toBatch(b) {
    const raw = b;
    const counts = b.request_counts;
    return {
        id: b.id,
        status: openai_parse_status(b.status),
        inputFileId: b.input_file_id,
        outputFileId: b.output_file_id ?? null,
        errorFileId: b.error_file_id ?? null,
        createdAt: seconds(raw.created_at) ?? 0,
        requestCounts: counts
            ? { total: counts.total ?? 0, completed: counts.completed ?? 0, failed: counts.failed ?? 0 }
            : undefined,
        metadata: (b.metadata ?? {}),
        errors: b.errors?.data ?? [],
        model: b.model ?? undefined,
        usage: b.usage
            ? {
                input: b.usage.input_tokens,
                cachedInput: b.usage.input_tokens_details?.cached_tokens ?? 0,
                output: b.usage.output_tokens,
                reasoning: b.usage.output_tokens_details?.reasoning_tokens ?? 0
            }
            : undefined,
        expiresAt: seconds(raw.expires_at)
    };
}

;// CONCATENATED MODULE: ./src/adapters/openai-errors.ts


/** The SDK's errors, and the streamed upload's, as `ApiError`s worded so the user knows what to change. */
/** `what` got no answer from the API's host, after the SDK's own retries. */
function unreachable(what, baseURL, message, provider) {
    const api = provider.kind === 'compatible' ? 'API' : `${provider.label} API`;
    return new errors/* ApiError */.hD(`${what}: could not reach the ${api} at ${baseURL} (${message}). Check base-url and the runner's network.`, { retryable: true, unreachable: true });
}
/** Rewords an SDK error into what the user should change. */
function explain(e, what, baseURL, provider) {
    // A token that could not be had (openai-connection.ts), as the SDK wrapped it.
    if (e instanceof openai/* OpenAIError */.vc && e.cause instanceof errors/* ApiError */.hD)
        return e.cause;
    if (e instanceof openai/* APIConnectionError */.xX)
        return unreachable(what, baseURL, e.message, provider);
    if (!(e instanceof openai/* APIError */.LG))
        return e;
    const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message;
    return refused(what, e.status, detail, provider);
}
/** `what` was answered with a refusal: the answer, and what to change where we know it. */
function refused(what, status, detail, provider) {
    const who = provider.kind === 'compatible' ? 'the API' : provider.label;
    const hint = refusalHint(status, detail, provider);
    const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    return new errors/* ApiError */.hD(`${what}: ${who} answered ${status ?? 'nothing'} (${detail}).${hint}`, { status, retryable });
}
/** OpenAI's "You have exceeded your file storage quota", Azure's "The quota for files without expiry is reached". */
const STORAGE_FULL = /file storage quota|quota for files/i;
/** What the user can do about each refusal, each with the space that parts it from the message. */
const HINTS = {
    azureKeyRejected: ' Azure OpenAI rejected the key: pass the resource key as the api-key input (sent as the api-key header),' +
        ' or an Entra token (azure-ad-token, or azure-credential: azure-cli) of an identity' +
        ' with a role such as Cognitive Services OpenAI User on the resource.',
    keyRejected: ' OpenAI rejected the API key: check the secret passed as api-key.',
    forbidden: ' The API key may not use Files or Batches: give it write access to Files and Batches in the project,' +
        ' or use a key of the right project.',
    azureNotFound: ' Not found: check base-url (https://<resource>.openai.azure.com/openai/v1/)' +
        ' and azure-api-version (empty for the v1 API).',
    notFound: ' Not found: the key may belong to another project, or base-url points at the wrong API.',
    storageFull: ' The file storage is full (OpenAI keeps 100 GB an organisation; Azure 500 files without expiry a resource):' +
        ' delete old files (platform.openai.com/storage, or the Files API),' +
        ' and keep delete-remote-files on and remote-files-expire-after set so finished batches free theirs.'
};
/** The hint a refusal's message ends with; '' when there is nothing to add. */
function refusalHint(status, detail, provider) {
    const azure = provider.kind === 'azure';
    if (status === 401)
        return azure ? HINTS.azureKeyRejected : HINTS.keyRejected;
    if (status === 403)
        return HINTS.forbidden;
    if (status === 404)
        return azure ? HINTS.azureNotFound : HINTS.notFound;
    if (STORAGE_FULL.test(detail))
        return HINTS.storageFull;
    return '';
}

// EXTERNAL MODULE: ./src/io/buffers.ts
var buffers = __webpack_require__(74251);
// EXTERNAL MODULE: ./src/io/chunks.ts
var chunks = __webpack_require__(69724);
;// CONCATENATED MODULE: ./src/adapters/openai-upload.ts



/**
 * A POST whose body is streamed from disk through reused buffers (`chunksOf`): a 200 MB upload
 * holds a couple of megabytes and leaves no garbage (BENCHMARKS.md, "What the submit holds").
 */
// Not fetch: undici's fetch reads a request body ahead of the socket. Not a piped stream: each
// chunk would be a new buffer, piling up until the collector runs. undici's `request`, through the
// agent in http.ts (so the runner's proxy settings hold), takes the next chunk only once the socket
// has sent the last, so a pooled buffer (io/buffers.ts) is read into again only after it has left.
async function postFile(url, headers, body, timeoutMs) {
    const size = body.file.end - body.file.start;
    const spare = (0,buffers/* lend */.oF)();
    const answer = await (0,http/* postStream */.Z)(url, headers, multipart(body, spare), body.head.length + size + body.tail.length, timeoutMs);
    // The spare goes back only after a 2xx, when all the body was sent: after a refusal or a failure
    // a socket torn down mid-write may still hold it, so it is left to the collector.
    if (answer.status >= 200 && answer.status < 300)
        (0,buffers/* giveBack */.F5)(spare);
    return answer;
}
async function* multipart(body, spare) {
    yield body.head;
    if (body.file.end > body.file.start) {
        for await (const chunk of (0,chunks/* chunksOf */.U_)(body.file.abs, { start: body.file.start, end: body.file.end })) {
            // A full chunk (1 MB) is always over the socket's high-water mark, so undici
            // waits for the socket to drain before asking for the next one; a shorter one
            // (the last, or a small file) may still be queued then: it goes as a copy,
            // in the spare, which nothing else reads into until the answer has come.
            yield chunk.length < buffers/* CHUNK */.m$ ? spare.subarray(0, chunk.copy(spare)) : chunk;
        }
    }
    yield body.tail;
}

;// CONCATENATED MODULE: ./src/adapters/openai-client.ts








// The SDK retries 408/409/429/5xx and lost connections with backoff: the one
// retry layer for requests. Creates run with retries off (see BatchApi), and
// phases/once.ts looks for a lost create before trying it again.
const MAX_RETRIES = 4;
const TIMEOUT_MS = 10 * 60 * 1000;
const PAGE = 100;
/** Looks at an upload Azure is still processing before giving up (about 10 minutes with the backoff). */
const PROCESSING_LOOKS = 40;
/** The SDK's batch as the action reads it, written in full to the debug log first. */
function openai_client_toBatch(log, b) {
    log.debug(`Batch ${b.id}: ${JSON.stringify(b)}`);
    return toBatch(b);
}
function createOpenAIBatchApi(opts) {
    const { provider, clock, log } = opts;
    const conn = connect({ ...opts, maxRetries: MAX_RETRIES, timeoutMs: TIMEOUT_MS });
    const { client } = conn;
    const reword = (e, what) => explain(e, what, client.baseURL, provider);
    const api = {
        conn,
        provider,
        clock,
        log,
        reword,
        async call(what, fn) {
            try {
                return await fn();
            }
            catch (e) {
                throw reword(e, what);
            }
        }
    };
    return {
        recentFiles: since => recentFiles(api, since),
        recentBatches: since => batchPages(api, since),
        uploadFile: (source, filename, o = {}) => uploadFile(api, source, filename, o),
        createBatch: req => createBatch(api, req),
        getBatch: id => api.call(`Retrieving batch ${id}`, async () => openai_client_toBatch(log, await client.batches.retrieve(id))),
        cancelBatch: id => api.call(`Cancelling batch ${id}`, async () => openai_client_toBatch(log, await client.batches.cancel(id))),
        deleteFile: id => api.call(`Deleting file ${id}`, async () => {
            await client.files.delete(id);
            return true;
        }),
        download: fileId => download(api, fileId)
    };
}
async function* recentFiles({ conn, reword }, since) {
    try {
        for await (const f of conn.client.files.list({ purpose: 'batch', order: 'desc', limit: PAGE })) {
            if (f.created_at < since)
                return;
            yield toFile(f);
        }
    }
    catch (e) {
        throw reword(e, 'Listing files');
    }
}
// Page by page, so that the caller decides whether the next one is worth a call.
async function* batchPages({ conn, log, reword }, since) {
    try {
        for await (const page of (await conn.client.batches.list({ limit: limits/* BATCH_LIST_PAGE */.kA })).iterPages()) {
            // Parsed first: Azure writes created_at as a date string.
            const items = page.getPaginatedItems().map(b => openai_client_toBatch(log, b));
            const kept = items.filter(b => b.createdAt >= since);
            yield kept;
            if (kept.length < items.length)
                return;
        }
    }
    catch (e) {
        throw reword(e, 'Listing batches');
    }
}
async function uploadFile(api, source, filename, opts) {
    const file = toFile(await streamUpload(api.conn, source, filename, opts, api.provider));
    return api.provider.waitsForProcessing ? processed(api, file, filename) : file;
}
/** An upload the provider is still processing is waited for: a batch is made only from a processed file. */
async function processed({ conn, provider, clock, call }, file, filename) {
    let f = file;
    for (let n = 0; f.status && f.status !== 'processed'; n++) {
        if (f.status === 'error')
            throw new errors/* ApiError */.hD(`Uploading ${filename}: ${provider.label} could not process the file (${f.id}).`, {
                retryable: false
            });
        if (n >= PROCESSING_LOOKS)
            throw new errors/* ApiError */.hD(`Uploading ${filename}: ${provider.label} was still processing ${f.id} after ${n} looks;` +
                ' the next run goes on from it.', { retryable: true });
        await clock.sleep(Math.min((0,backoff/* backoffMs */.j)(n), 15_000));
        f = await call(`Looking at file ${f.id}`, async () => toFile(await conn.client.files.retrieve(f.id)));
    }
    return f;
}
/** POST /files as a multipart body streamed from disk (openai-upload.ts says why not through the SDK). */
async function streamUpload(conn, source, filename, opts, provider) {
    const boundary = `openai-batch-action-${(0,external_node_crypto_.randomUUID)()}`;
    const name = filename.replace(/["\r\n]/g, '_');
    const field = (key, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`;
    const { url, expiryField } = conn.upload;
    const auth = await conn.upload.headers();
    const expiry = opts.expiresAfter
        ? field(expiryField('anchor'), 'created_at') + field(expiryField('seconds'), String(opts.expiresAfter))
        : '';
    const head = Buffer.from(field('purpose', 'batch') +
        expiry +
        `--${boundary}\r\n` +
        `Content-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: application/jsonl\r\n\r\n');
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const headers = {
        ...auth,
        accept: 'application/json',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'user-agent': 'openai-batch-action'
    };
    const what = `Uploading ${filename}`;
    let answer;
    try {
        answer = await postFile(url, headers, { head, file: source, tail }, TIMEOUT_MS);
    }
    catch (e) {
        throw unreachable(what, conn.client.baseURL, (0,errors/* errorMessage */.gJ)(e), provider);
    }
    const { status, text } = answer;
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw refused(what, status, text.slice(0, 200), provider);
    }
    if (status !== 200 && status !== 201) {
        const error = json.error;
        throw refused(what, status, error?.message ?? text.slice(0, 200), provider);
    }
    return json;
}
function createBatch({ conn, log, call }, req) {
    return call('Creating a batch', async () => openai_client_toBatch(log, await conn.client.batches.create({
        input_file_id: req.inputFileId,
        endpoint: req.endpoint,
        completion_window: req.completionWindow,
        ...(Object.keys(req.metadata).length > 0 ? { metadata: { ...req.metadata } } : {}),
        ...(req.outputExpiresAfter
            ? { output_expires_after: { anchor: 'created_at', seconds: req.outputExpiresAfter } }
            : {})
    }, { maxRetries: 0 })));
}
function download({ conn, call }, fileId) {
    return call(`Downloading file ${fileId}`, async () => {
        const res = await conn.client.files.content(fileId);
        if (!res.body)
            throw new errors/* ApiError */.hD(`Downloading file ${fileId}: the response had no body.`, {
                status: res.status,
                retryable: true
            });
        const len = res.headers.get('content-length');
        return { body: res.body, length: len === null ? undefined : Number(len) };
    });
}


/***/ }),

/***/ 93915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ backoffMs)
/* harmony export */ });
/** Exponential backoff for attempt `n` (0-based): 1 s, 2 s, 4 s, ... capped at 30 s. */
const backoffMs = (n) => Math.min(30_000, 1000 * 2 ** n);


/***/ }),

/***/ 74251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F5: () => (/* binding */ giveBack),
/* harmony export */   m$: () => (/* binding */ CHUNK),
/* harmony export */   oF: () => (/* binding */ lend)
/* harmony export */ });
/* unused harmony export idleBuffers */
/**
 * Read buffers of CHUNK bytes, lent and given back, so that reading file after
 * file allocates none after the first few. A buffer left to the collector is
 * external memory V8 frees only once tens of megabytes have piled up
 * (BENCHMARKS.md, "What the submit holds").
 */
/** Bytes read at a time. */
const CHUNK = 1 << 20;
/** Kept for the next reader; more than this (a high max-concurrency) are left to the collector. */
const KEEP = 12;
const free = [];
/** A buffer of CHUNK bytes, of earlier contents: give it back (`giveBack`) once nothing reads it any more. */
function lend() {
    return free.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
}
/** Takes back a buffer from `lend`: the caller must hold no view of it and nothing may still be sending it. */
function giveBack(buf) {
    if (buf.length === CHUNK && free.length < KEEP && !free.includes(buf))
        free.push(buf);
}
/** Buffers waiting to be lent (for tests). */
const idleBuffers = () => free.length;


/***/ }),

/***/ 69724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H1: () => (/* binding */ eachChunk),
/* harmony export */   IM: () => (/* binding */ eachLine),
/* harmony export */   U_: () => (/* binding */ chunksOf)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _buffers__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74251);


/** Reading a file by chunks and by lines, through reused buffers. */
/**
 * The chunks of a file (bytes [start, end) when given), each read while the
 * one before is used. Two reused buffers hold them: a chunk is valid only until
 * the next is asked for. After the last, the buffers go back to the pool
 * (buffers.ts).
 */
async function* chunksOf(file, range = {}) {
    const fh = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open(file, 'r');
    let reading;
    let lent = [];
    try {
        const end = range.end ?? (await fh.stat()).size;
        let pos = range.start ?? 0;
        // No bigger than what there is to read: most request files are small (BENCHMARKS.md, "Concurrency").
        const size = Math.max(1, Math.min(_buffers__WEBPACK_IMPORTED_MODULE_1__/* .CHUNK */ .m$, end - pos));
        if (size === _buffers__WEBPACK_IMPORTED_MODULE_1__/* .CHUNK */ .m$)
            lent = [(0,_buffers__WEBPACK_IMPORTED_MODULE_1__/* .lend */ .oF)(), (0,_buffers__WEBPACK_IMPORTED_MODULE_1__/* .lend */ .oF)()];
        let [cur, next] = size === _buffers__WEBPACK_IMPORTED_MODULE_1__/* .CHUNK */ .m$ ? [lent[0], lent[1]] : [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
        const read = (buf) => pos < end ? fh.read(buf, 0, Math.min(size, end - pos), pos) : Promise.resolve({ bytesRead: 0 });
        let pending = read(cur);
        reading = pending;
        for (;;) {
            const { bytesRead } = await pending;
            if (bytesRead === 0)
                break;
            pos += bytesRead;
            pending = read(next);
            reading = pending;
            yield cur.subarray(0, bytesRead);
            [cur, next] = [next, cur];
        }
    }
    finally {
        // A read still under way must end before the file is closed.
        await reading?.catch(() => undefined);
        await fh.close();
        lent.forEach(_buffers__WEBPACK_IMPORTED_MODULE_1__/* .giveBack */ .F5);
    }
}
/**
 * Calls `fn` with each chunk of a file (see `chunksOf`), awaiting the promise it
 * may return. A chunk is valid only until `fn` returns.
 */
async function eachChunk(file, fn, range = {}) {
    for await (const chunk of chunksOf(file, range)) {
        const wait = fn(chunk);
        if (wait)
            await wait;
    }
}
/**
 * Calls `fn` with each line of a file, without its newline, and its byte offset.
 * A promise `fn` returns (a writer's backpressure) is awaited. A line is valid
 * only until `fn` returns: copy it to keep it. `onChunk` sees every byte read,
 * in order (to hash the file on the way).
 */
async function eachLine(file, fn, onChunk) {
    let carry = [];
    let carryAt = 0;
    let pos = 0;
    await eachChunk(file, async (chunk) => {
        onChunk?.(chunk);
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
            const piece = chunk.subarray(start, nl);
            let wait;
            if (carry.length > 0) {
                wait = fn(Buffer.concat([...carry, piece]), carryAt);
                carry = [];
            }
            else
                wait = fn(piece, pos + start);
            if (wait)
                await wait;
            start = nl + 1;
        }
        if (start < chunk.length) {
            if (carry.length === 0)
                carryAt = pos + start;
            // The buffer is read into again: keep a copy.
            carry.push(Buffer.from(chunk.subarray(start)));
        }
        pos += chunk.length;
    });
    if (carry.length > 0)
        await fn(Buffer.concat(carry), carryAt);
}


/***/ })

};
