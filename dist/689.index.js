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
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var openai__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98193);
/* harmony import */ var _api__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46879);




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
/** Rewords an SDK error into what the user should change. */
function explain(e, what, baseURL) {
    if (e instanceof openai__WEBPACK_IMPORTED_MODULE_2__/* .APIConnectionError */ .xX)
        return new _api__WEBPACK_IMPORTED_MODULE_3__/* .ApiError */ .hD(`${what}: could not reach the OpenAI API at ${baseURL} (${e.message}). Check openai-base-url and the runner's network.`, undefined, true);
    if (!(e instanceof openai__WEBPACK_IMPORTED_MODULE_2__/* .APIError */ .LG))
        return e;
    const status = e.status;
    const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message;
    const hint = status === 401
        ? ' OpenAI rejected the API key: check the secret passed as openai-api-key.'
        : status === 403
            ? ' The API key may not use Files or Batches: give it write access to Files and Batches in the project, or use a key of the right project.'
            : status === 404
                ? ' Not found: the key may belong to another project, or openai-base-url points at the wrong API.'
                : '';
    const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    return new _api__WEBPACK_IMPORTED_MODULE_3__/* .ApiError */ .hD(`${what}: OpenAI answered ${status ?? 'nothing'} (${detail}).${hint}`, status, retryable);
}
function createOpenAIBatchApi(opts) {
    const client = new openai__WEBPACK_IMPORTED_MODULE_2__/* ["default"] */ .Ay({ apiKey: opts.apiKey, baseURL: opts.baseUrl, maxRetries: MAX_RETRIES, timeout: TIMEOUT_MS });
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
        uploadFile: (abs, filename) => call(`Uploading ${filename}`, async () => {
            // openAsBlob streams from disk; a read stream would be read whole into memory.
            const file = new File([await node_fs__WEBPACK_IMPORTED_MODULE_1__.openAsBlob(abs)], filename, { type: 'application/jsonl' });
            return toFile(await client.files.create({ file, purpose: 'batch' }, { maxRetries: 0 }));
        }),
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
                throw new _api__WEBPACK_IMPORTED_MODULE_3__/* .ApiError */ .hD(`Downloading file ${fileId}: the response had no body.`, res.status, true);
            const len = res.headers.get('content-length');
            return { body: res.body, length: len === null ? undefined : Number(len) };
        })
    };
}


/***/ })

};
