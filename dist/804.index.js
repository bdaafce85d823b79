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
 * bounded by `timeoutMs`. undici asks for the next chunk only once
 * `socket.write` took the last one under the socket's high-water mark (64 KiB)
 * or the socket drained.
 */
async function postStream(url, headers, body, length, timeoutMs) {
    try {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, {
            method: 'POST',
            dispatcher: dispatcher(),
            headers: { ...headers, 'content-length': String(length) },
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
        throw new Error('Azure OpenAI needs openai-base-url: your resource, e.g. https://my-resource.openai.azure.com/openai/v1/.');
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
    return new errors/* ApiError */.hD(`${what}: could not reach the ${api} at ${baseURL} (${message}). Check openai-base-url and the runner's network.`, { retryable: true, unreachable: true });
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
    azureKeyRejected: ' Azure OpenAI rejected the key: pass the resource key as openai-api-key (sent as api-key),' +
        ' or an Entra token (azure-ad-token, or azure-credential: azure-cli) of an identity' +
        ' with a role such as Cognitive Services OpenAI User on the resource.',
    keyRejected: ' OpenAI rejected the API key: check the secret passed as openai-api-key.',
    forbidden: ' The API key may not use Files or Batches: give it write access to Files and Batches in the project,' +
        ' or use a key of the right project.',
    azureNotFound: ' Not found: check openai-base-url (https://<resource>.openai.azure.com/openai/v1/)' +
        ' and azure-api-version (empty for the v1 API).',
    notFound: ' Not found: the key may belong to another project, or openai-base-url points at the wrong API.',
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
// EXTERNAL MODULE: ./src/io/lines.ts
var lines = __webpack_require__(69715);
;// CONCATENATED MODULE: ./src/adapters/openai-upload.ts



/**
 * A POST whose body is streamed from disk through reused buffers (`chunksOf`):
 * a 200 MB upload holds a couple of megabytes, and leaves no garbage behind.
 *
 * Not fetch: undici's fetch reads a request body ahead of the socket (a 190 MB
 * upload held 190 MB, BENCHMARKS.md). Not a piped stream either: every chunk it
 * reads is a new buffer, and they pile up until the collector runs. undici's
 * `request` takes the next chunk only once the socket has sent the last one
 * (http.ts), so a buffer is read into again only after it has left; through
 * the agent in http.ts, so the runner's proxy settings hold. The read buffers
 * and the spare for the last chunk are the pool's (io/buffers.ts): an upload
 * after the first allocates none. The spare goes back only once the answer has
 * come, when all of the body has been sent; after a failure or a refusal it is
 * left to the collector, as a socket torn down mid-write may still hold it.
 */
async function postFile(url, headers, body, timeoutMs) {
    const size = body.file.end - body.file.start;
    const spare = (0,buffers/* lend */.oF)();
    const answer = await (0,http/* postStream */.Z)(url, headers, multipart(body, spare), body.head.length + size + body.tail.length, timeoutMs);
    // An answer before the whole body was read (a refusal) may leave it sending: keep the spare out then too.
    if (answer.status >= 200 && answer.status < 300)
        (0,buffers/* giveBack */.F5)(spare);
    return answer;
}
async function* multipart(body, spare) {
    yield body.head;
    if (body.file.end > body.file.start) {
        for await (const chunk of (0,lines/* chunksOf */.U_)(body.file.abs, { start: body.file.start, end: body.file.end })) {
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

/***/ 55174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C2: () => (/* binding */ idHash),
/* harmony export */   Cx: () => (/* binding */ IdLog),
/* harmony export */   Fc: () => (/* binding */ asciiIdHash)
/* harmony export */ });
/**
 * The custom_ids of a request file as 53-bit hashes in typed arrays, to find duplicates.
 *
 * Why hashes in blocks that never move, not a Map of strings: BENCHMARKS.md, "What the submit
 * holds" (#14). A hash that comes twice sends the checker over the file again to compare the ids'
 * texts (validate.ts), so two ids that share a hash (a chance of about n² / 2^54) cost a second
 * read, never a refused file.
 */
/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function fmix(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}
const A0 = 0x811c9dc5;
const B0 = 0x9747b28c;
/** FNV-1a's step. */
const stepA = (a, c) => Math.imul(a ^ c, 0x01000193);
/** A murmur2-style multiply's step. */
function stepB(b, c) {
    b = Math.imul(b ^ Math.imul(c, 0xcc9e2d51), 0x5bd1e995);
    return b ^ (b >>> 15);
}
/** Two 32-bit hashes (FNV-1a; a murmur2-style multiply, another seed) joined in 53 bits, exact as a double. */
const joined = (a, b) => fmix(a) * 2 ** 21 + (fmix(b) >>> 11);
/** A 53-bit hash of an id (its UTF-16 code units), exact as a double (the line indexes' key). */
function idHash(s) {
    let [a, b] = [A0, B0 ^ s.length];
    for (let i = 0; i < s.length; i++)
        [a, b] = [stepA(a, s.charCodeAt(i)), stepB(b, s.charCodeAt(i))];
    return joined(a, b);
}
/**
 * `idHash` of the id whose JSON string's inside is `bytes[start, end)`, with no string made.
 * -1 unless they are printable ASCII with no escape (then each byte is the code unit its text would have).
 */
function asciiIdHash(bytes, start, end) {
    let [a, b] = [A0, B0 ^ (end - start)];
    for (let i = start; i < end; i++) {
        const c = bytes[i];
        if (c < 0x20 || c >= 0x80 || c === 0x5c)
            return -1;
        [a, b] = [stepA(a, c), stepB(b, c)];
    }
    return joined(a, b);
}
/** Entries of a full block (512 KB of hashes); the first starts small and doubles up to this: most files are small. */
const BLOCK = 1 << 16;
class IdLog {
    blocks = [new Float64Array(256)];
    n = 0;
    add(id) {
        const b = this.blocks.length - 1;
        let last = this.blocks[b];
        let at = this.n - b * BLOCK;
        if (at === BLOCK) {
            this.blocks.push((last = new Float64Array(BLOCK)));
            at = 0;
        }
        else if (at === last.length) {
            const grown = new Float64Array(last.length * 2);
            grown.set(last);
            this.blocks[b] = last = grown;
        }
        last[at] = idHash(id);
        this.n++;
    }
    get size() {
        return this.n;
    }
    /** The hashes added more than once. Sorts the blocks in place: add nothing after. */
    repeated() {
        const blocks = this.blocks.map((b, i) => b.subarray(0, Math.min(b.length, this.n - i * BLOCK)).sort());
        const at = new Int32Array(blocks.length);
        const repeats = new Set();
        // The blocks merged in order: every hash is compared with the one before it.
        for (let prev = -1, k = 0;;) {
            let min = Infinity;
            k = -1;
            for (let j = 0; j < blocks.length; j++) {
                const v = blocks[j][at[j]];
                if (v !== undefined && v < min)
                    [min, k] = [v, j];
            }
            if (k < 0)
                return repeats;
            at[k] = at[k] + 1;
            if (min === prev)
                repeats.add(min);
            prev = min;
        }
    }
}


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
 * external memory V8 counts but frees only once tens of megabytes have piled
 * up: the 28 uploads of a million-request file left 2 MB each, and the
 * submit's ArrayBuffers grew from 10 to 52 MB while uploading (BENCHMARKS.md).
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

/***/ 69715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ parseLine),
/* harmony export */   C2: () => (/* reexport safe */ _core_requests_id_log__WEBPACK_IMPORTED_MODULE_2__.C2),
/* harmony export */   H1: () => (/* binding */ eachChunk),
/* harmony export */   IM: () => (/* binding */ eachLine),
/* harmony export */   QW: () => (/* binding */ lineKey),
/* harmony export */   U_: () => (/* binding */ chunksOf),
/* harmony export */   uD: () => (/* binding */ indexLines)
/* harmony export */ });
/* unused harmony exports customId, LineIndex */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_requests_id_log__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(55174);
/* harmony import */ var _buffers__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74251);



/**
 * Reading JSONL by lines and keeping an index of them by custom_id, with
 * memory for the index (about 34 bytes a line), never the lines themselves.
 */
/**
 * The chunks of a file (bytes [start, end) when given), read through two
 * reused buffers, the next chunk read while this one is used: a chunk is
 * valid only until the next one is asked for, and once the last one has been
 * taken, the buffers go back to the pool (buffers.ts) for the next file.
 */
async function* chunksOf(file, range = {}) {
    const fh = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open(file, 'r');
    let reading;
    let lent = [];
    try {
        const end = range.end ?? (await fh.stat()).size;
        let pos = range.start ?? 0;
        // No bigger than what there is to read: most request files are small.
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
 * Calls `fn` with each chunk of a file (see `chunksOf`), waiting for it when
 * it returns a promise: a chunk is valid only until `fn` returns.
 */
async function eachChunk(file, fn, range = {}) {
    for await (const chunk of chunksOf(file, range)) {
        const wait = fn(chunk);
        if (wait)
            await wait;
    }
}
/**
 * Calls `fn` with each line of a file (without its newline) and the line's
 * byte offset; waits for it when it returns a promise (a writer's
 * backpressure). A line is valid only until `fn` returns: copy it to keep it.
 * `onChunk` sees every byte read, in order (to hash the file on the way).
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
// Not sha1: a million result lines and as many request lines are keyed per merge, and a digest a line cost seconds.

/** The parsed line, or undefined when it is not a JSON object. */
function parseLine(line) {
    try {
        const v = JSON.parse(line.toString('utf8'));
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
    }
    catch {
        return undefined;
    }
}
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const KEY = Buffer.from('"custom_id"');
const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
/** The index just past the JSON string that opens at `i`, or -1 when it does not close. */
function stringEnd(line, i) {
    for (let j = i + 1; j < line.length; j++) {
        if (line[j] === BACKSLASH)
            j++;
        else if (line[j] === QUOTE)
            return j + 1;
    }
    return -1;
}
/**
 * Where the top-level `custom_id` of a JSON line has its string value: the
 * index of its opening quote, or -1. Scans the bytes up to it rather than
 * parsing the line: results are often tens of kilobytes a line, and their ids
 * come first.
 */
function idAt(line) {
    let depth = 0;
    for (let i = 0; i < line.length;) {
        const c = line[i];
        if (c !== QUOTE) {
            if (c === 0x7b || c === 0x5b)
                depth++;
            else if (c === 0x7d || c === 0x5d)
                depth--;
            i++;
            continue;
        }
        const end = stringEnd(line, i);
        if (end < 0)
            return -1;
        const isKey = depth === 1 && end - i === KEY.length && line.compare(KEY, 0, KEY.length, i, end) === 0;
        i = end;
        if (!isKey)
            continue;
        let j = end;
        while (isSpace(line[j]))
            j++;
        if (line[j] !== 0x3a)
            continue; // a value that reads "custom_id", not the key
        j++;
        while (isSpace(line[j]))
            j++;
        return line[j] === QUOTE ? j : -1;
    }
    return -1;
}
/** The JSON string at `[open, close)` of `line`, or undefined when it is not one. */
function stringAt(line, open, close) {
    try {
        return JSON.parse(line.toString('utf8', open, close));
    }
    catch {
        return undefined;
    }
}
/** The top-level `custom_id` of a JSON line, when it is a string. */
function customId(line) {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    return close < 0 ? undefined : stringAt(line, open, close);
}
/** The newlines in a chunk. */
function countLines(chunk) {
    let n = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1))
        n++;
    return n;
}
/**
 * The id hash of a line, or -1 when it names no custom_id. A plain ASCII id
 * (the usual kind) is hashed from the bytes: no string is made for each of a
 * million lines, and the JS heap stays as it is (BENCHMARKS.md).
 */
const lineKey = (line) => {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    if (close < 0)
        return -1;
    const fast = (0,_core_requests_id_log__WEBPACK_IMPORTED_MODULE_2__/* .asciiIdHash */ .Fc)(line, open + 1, close - 1);
    if (fast >= 0)
        return fast;
    const id = stringAt(line, open, close);
    return id === undefined ? -1 : (0,_core_requests_id_log__WEBPACK_IMPORTED_MODULE_2__/* .idHash */ .C2)(id);
};
/** Lines of one or more files by the hash of their custom_id: add them all, seal, then look up. */
class LineIndex {
    n = 0;
    keys;
    offsets;
    lengths;
    files;
    /** By key: open addressing over the key's low bits, an entry's number + 1 (0 empty), at most half full. */
    heads;
    /** The next entry with the same key, in the order added, + 1 (0 for none). */
    next;
    /**
     * `capacity`: the lines expected. Sized exactly, the arrays never grow: a
     * million lines grown by doubling held the old arrays and the new at once,
     * and left the old ones to the collector (about +30 MB of peak memory).
     */
    constructor(capacity = 1024) {
        const n = Math.max(16, capacity);
        this.keys = new Float64Array(n);
        this.offsets = new Float64Array(n);
        this.lengths = new Uint32Array(n);
        this.files = new Uint16Array(n);
    }
    /** Adds a line; entries are numbered in the order they are added. */
    add(key, file, offset, length) {
        if (this.n === this.keys.length)
            this.grow();
        this.keys[this.n] = key;
        this.files[this.n] = file;
        this.offsets[this.n] = offset;
        this.lengths[this.n] = length;
        this.n++;
    }
    grow() {
        const size = this.keys.length * 2;
        const grown = (a, make) => {
            const b = new make(size);
            b.set(a);
            return b;
        };
        this.keys = grown(this.keys, Float64Array);
        this.offsets = grown(this.offsets, Float64Array);
        this.lengths = grown(this.lengths, Uint32Array);
        this.files = grown(this.files, Uint16Array);
    }
    /**
     * Builds the lookup; no entry may be added after. A hash table (4 bytes a
     * slot, 4 an entry) rather than a sort, whose comparator copies the whole
     * order into the JS heap and back (about 16 MB at a million lines).
     */
    seal() {
        let size = 2;
        while (size < this.n * 2)
            size *= 2;
        const heads = new Int32Array(size);
        const next = new Int32Array(this.n);
        const mask = size - 1;
        // Last entry first, each put in front of its key's chain: the chains come out in the order added.
        for (let i = this.n - 1; i >= 0; i--) {
            const key = this.keys[i];
            let s = this.slot(key, mask);
            while (heads[s] !== 0 && this.keys[heads[s] - 1] !== key)
                s = (s + 1) & mask;
            next[i] = heads[s];
            heads[s] = i + 1;
        }
        this.heads = heads;
        this.next = next;
    }
    /** A key's first slot: its low bits (the key is a hash; -1, no id, lands anywhere). */
    slot(key, mask) {
        return ((key % (mask + 1)) + mask + 1) & mask;
    }
    /** The entries with `key`, in the order they were added. */
    *find(key) {
        for (let e = this.head(key); e !== 0; e = this.next[e - 1])
            yield e - 1;
    }
    /** The first entry with `key` + 1, 0 for none (no generator: looked up once a line). */
    head(key) {
        const heads = this.heads;
        const mask = heads.length - 1;
        let s = this.slot(key, mask);
        while (heads[s] !== 0 && this.keys[heads[s] - 1] !== key)
            s = (s + 1) & mask;
        return heads[s];
    }
    /** The first entry with `key` not marked in `taken`, or -1. */
    take(key, taken) {
        for (let e = this.head(key); e !== 0; e = this.next[e - 1])
            if (!taken[e - 1])
                return e - 1;
        return -1;
    }
    has(key) {
        return this.head(key) !== 0;
    }
    get size() {
        return this.n;
    }
    key(i) {
        return this.keys[i];
    }
    file(i) {
        return this.files[i];
    }
    offset(i) {
        return this.offsets[i];
    }
    length(i) {
        return this.lengths[i];
    }
}
/**
 * Indexes the non-empty lines of `files` (file numbers are positions in the
 * list) under `keyOf`, which skips a line by returning undefined.
 */
async function indexLines(files, keyOf = lineKey) {
    // Counted first (a read of files just written, from the page cache, at memchr speed), so the index is made at its size.
    let lines = 0;
    for (const file of files)
        await eachChunk(file, chunk => void (lines += countLines(chunk)));
    const index = new LineIndex(lines + files.length);
    for (const [f, file] of files.entries()) {
        await eachLine(file, (line, offset) => {
            const key = line.length > 0 ? keyOf(line) : undefined;
            if (key !== undefined)
                index.add(key, f, offset, line.length);
        });
    }
    index.seal();
    return index;
}


/***/ })

};
