export const id = 689;
export const ids = [689];
export const modules = {

/***/ 36689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOpenAIBatchApi: () => (/* binding */ createOpenAIBatchApi)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44942);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var openai__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98193);
/* harmony import */ var _api__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(46879);







// The SDK retries 408/409/429/5xx and lost connections with backoff; that is
// the one retry layer for reads. Creates run with retries off (see BatchApi).
const MAX_RETRIES = 4;
const TIMEOUT_MS = 10 * 60 * 1000;
const PAGE = 100;
function toFile(f) {
    return { id: f.id, filename: f.filename, bytes: f.bytes, createdAt: f.created_at };
}
function toBatch(b) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`Batch ${b.id}: ${JSON.stringify(b)}`);
    return {
        id: b.id,
        status: b.status,
        inputFileId: b.input_file_id,
        outputFileId: b.output_file_id ?? null,
        errorFileId: b.error_file_id ?? null,
        createdAt: b.created_at,
        requestCounts: b.request_counts ?? undefined,
        metadata: (b.metadata ?? {}),
        errors: b.errors?.data ?? []
    };
}
const unreachable = (what, baseURL, message) => new _api__WEBPACK_IMPORTED_MODULE_6__/* .ApiError */ .hD(`${what}: could not reach the OpenAI API at ${baseURL} (${message}). Check openai-base-url and the runner's network.`, undefined, true);
/** Rewords an SDK error into what the user should change. */
function explain(e, what, baseURL) {
    if (e instanceof openai__WEBPACK_IMPORTED_MODULE_5__/* .APIConnectionError */ .xX)
        return unreachable(what, baseURL, e.message);
    if (!(e instanceof openai__WEBPACK_IMPORTED_MODULE_5__/* .APIError */ .LG))
        return e;
    const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message;
    return refused(what, e.status, detail);
}
function refused(what, status, detail) {
    const hint = status === 401
        ? ' OpenAI rejected the API key: check the secret passed as openai-api-key.'
        : status === 403
            ? ' The API key may not use Files or Batches: give it write access to Files and Batches in the project, or use a key of the right project.'
            : status === 404
                ? ' Not found: the key may belong to another project, or openai-base-url points at the wrong API.'
                : '';
    const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    return new _api__WEBPACK_IMPORTED_MODULE_6__/* .ApiError */ .hD(`${what}: OpenAI answered ${status ?? 'nothing'} (${detail}).${hint}`, status, retryable);
}
/**
 * POST /files as a multipart body streamed from disk with backpressure. The
 * SDK sends through fetch, which reads a request body ahead of the socket: a
 * 190 MB upload held 190 MB in memory (bench/findings.md). @actions/http-client
 * pipes the stream into node:http, and honours the runner's proxy settings.
 */
async function streamUpload(client, source, filename) {
    const boundary = `openai-batch-action-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.randomUUID)()}`;
    const name = filename.replace(/["\r\n]/g, '_');
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/jsonl\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const size = source.end - source.start;
    const body = node_stream__WEBPACK_IMPORTED_MODULE_4__.Readable.from((async function* () {
        yield head;
        if (size > 0)
            yield* node_fs__WEBPACK_IMPORTED_MODULE_3__.createReadStream(source.abs, { start: source.start, end: source.end - 1, highWaterMark: 1 << 16 });
        yield tail;
    })());
    const headers = {
        authorization: `Bearer ${client.apiKey}`,
        accept: 'application/json',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length)
    };
    if (client.organization)
        headers['openai-organization'] = client.organization;
    if (client.project)
        headers['openai-project'] = client.project;
    const what = `Uploading ${filename}`;
    const http = new _actions_http_client__WEBPACK_IMPORTED_MODULE_1__/* .HttpClient */ .Qq('openai-batch-action', undefined, { allowRetries: false, socketTimeout: TIMEOUT_MS });
    let status;
    let text;
    try {
        const res = await http.sendStream('POST', `${client.baseURL.replace(/\/$/, '')}/files`, body, headers);
        status = res.message.statusCode;
        text = await res.readBody();
    }
    catch (e) {
        throw unreachable(what, client.baseURL, e.message);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw refused(what, status, text.slice(0, 200));
    }
    if (status !== 200) {
        const error = json.error;
        throw refused(what, status, error?.message ?? text.slice(0, 200));
    }
    return json;
}
function createOpenAIBatchApi(opts) {
    const client = new openai__WEBPACK_IMPORTED_MODULE_5__/* ["default"] */ .Ay({ apiKey: opts.apiKey, baseURL: opts.baseUrl, maxRetries: MAX_RETRIES, timeout: TIMEOUT_MS });
    const call = async (what, fn) => {
        try {
            return await fn();
        }
        catch (e) {
            throw explain(e, what, client.baseURL);
        }
    };
    async function* paged(what, pages, map, createdAt, since) {
        try {
            for await (const item of pages()) {
                if (createdAt(item) < since)
                    return;
                yield map(item);
            }
        }
        catch (e) {
            throw explain(e, what, client.baseURL);
        }
    }
    return {
        recentFiles: since => paged('Listing files', () => client.files.list({ purpose: 'batch', order: 'desc', limit: PAGE }), toFile, f => f.created_at, since),
        recentBatches: since => paged('Listing batches', () => client.batches.list({ limit: PAGE }), toBatch, b => b.created_at, since),
        uploadFile: async (source, filename) => toFile(await streamUpload(client, source, filename)),
        createBatch: (req) => call('Creating a batch', async () => toBatch(await client.batches.create({
            input_file_id: req.inputFileId,
            endpoint: req.endpoint,
            completion_window: req.completionWindow,
            metadata: { ...req.metadata }
        }, { maxRetries: 0 }))),
        getBatch: id => call(`Retrieving batch ${id}`, async () => toBatch(await client.batches.retrieve(id))),
        cancelBatch: id => call(`Cancelling batch ${id}`, async () => toBatch(await client.batches.cancel(id))),
        deleteFile: id => call(`Deleting file ${id}`, async () => {
            await client.files.delete(id);
        }),
        download: fileId => call(`Downloading file ${fileId}`, async () => {
            const res = await client.files.content(fileId);
            if (!res.body)
                throw new _api__WEBPACK_IMPORTED_MODULE_6__/* .ApiError */ .hD(`Downloading file ${fileId}: the response had no body.`, res.status, true);
            const len = res.headers.get('content-length');
            return { body: res.body, length: len === null ? undefined : Number(len) };
        })
    };
}


/***/ })

};
