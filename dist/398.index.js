export const id = 398;
export const ids = [398];
export const modules = {

/***/ 16398:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOpenAIBatchApi: () => (/* binding */ createOpenAIBatchApi)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/openai/index.mjs + 232 modules
var openai = __webpack_require__(98193);
// EXTERNAL MODULE: ./src/ports/batch-api.ts
var batch_api = __webpack_require__(55757);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(44942);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: ./src/io/lines.ts
var lines = __webpack_require__(69715);
;// CONCATENATED MODULE: ./src/adapters/openai-upload.ts





/**
 * A POST whose body is streamed from disk through one reused buffer: each
 * chunk is read only once the one before has left for the socket, so a
 * 200 MB upload holds a megabyte, and leaves no garbage behind.
 *
 * Not fetch: undici reads a request body ahead of the socket (a 190 MB upload
 * held 190 MB, bench/findings.md). Not a piped stream either: every chunk it
 * reads is a new buffer, and they pile up until the collector runs.
 * @actions/http-client picks the agent, so the runner's proxy settings hold.
 */
async function postFile(url, headers, body, timeoutMs) {
    const size = body.file.end - body.file.start;
    const agent = new lib/* HttpClient */.Qq('openai-batch-action').getAgent(url);
    const target = new URL(url);
    const request = target.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
    const req = request(target, {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(body.head.length + size + body.tail.length) }
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
    // Whichever comes first: the answer, or the request failing (while sending, too).
    const answered = (0,external_node_events_.once)(req, 'response');
    answered.catch(() => undefined);
    const failed = new Promise((_, reject) => req.once('error', reject));
    failed.catch(() => undefined);
    // A server may answer (a 401, a 413) before it has read the whole body: then sending stops.
    let early = false;
    const stop = answered.then(() => void (early = true));
    const send = (chunk) => early ? undefined : Promise.race([failed, stop, new Promise((resolve, reject) => req.write(chunk, e => (e ? reject(e) : resolve())))]);
    await send(body.head);
    if (size > 0)
        await (0,lines/* eachChunk */.H1)(body.file.abs, send, { start: body.file.start, end: body.file.end });
    await send(body.tail);
    req.end();
    const [res] = await Promise.race([failed, answered]);
    const parts = [];
    for await (const chunk of res)
        parts.push(chunk);
    return { status: res.statusCode, text: Buffer.concat(parts).toString('utf8') };
}

;// CONCATENATED MODULE: ./src/adapters/openai-client.ts





// The SDK retries 408/409/429/5xx and lost connections with backoff; that is
// the one retry layer for reads. Creates run with retries off (see BatchApi).
const MAX_RETRIES = 4;
const TIMEOUT_MS = 10 * 60 * 1000;
const PAGE = 100;
function toFile(f) {
    return { id: f.id, filename: f.filename, bytes: f.bytes, createdAt: f.created_at };
}
function toBatch(b) {
    core/* debug */.Yz(`Batch ${b.id}: ${JSON.stringify(b)}`);
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
const unreachable = (what, baseURL, message) => new batch_api/* ApiError */.hD(`${what}: could not reach the OpenAI API at ${baseURL} (${message}). Check openai-base-url and the runner's network.`, undefined, true);
/** Rewords an SDK error into what the user should change. */
function explain(e, what, baseURL) {
    if (e instanceof openai/* APIConnectionError */.xX)
        return unreachable(what, baseURL, e.message);
    if (!(e instanceof openai/* APIError */.LG))
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
    return new batch_api/* ApiError */.hD(`${what}: OpenAI answered ${status ?? 'nothing'} (${detail}).${hint}`, status, retryable);
}
/** POST /files as a multipart body streamed from disk (upload.ts says why not through the SDK). */
async function streamUpload(client, source, filename) {
    const boundary = `openai-batch-action-${(0,external_node_crypto_.randomUUID)()}`;
    const name = filename.replace(/["\r\n]/g, '_');
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/jsonl\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const headers = {
        authorization: `Bearer ${client.apiKey}`,
        accept: 'application/json',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'user-agent': 'openai-batch-action'
    };
    if (client.organization)
        headers['openai-organization'] = client.organization;
    if (client.project)
        headers['openai-project'] = client.project;
    const what = `Uploading ${filename}`;
    let answer;
    try {
        answer = await postFile(`${client.baseURL.replace(/\/$/, '')}/files`, headers, { head, file: source, tail }, TIMEOUT_MS);
    }
    catch (e) {
        throw unreachable(what, client.baseURL, e.message);
    }
    const { status, text } = answer;
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
    const client = new openai/* default */.Ay({ apiKey: opts.apiKey, baseURL: opts.baseUrl, maxRetries: MAX_RETRIES, timeout: TIMEOUT_MS });
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
                throw new batch_api/* ApiError */.hD(`Downloading file ${fileId}: the response had no body.`, res.status, true);
            const len = res.headers.get('content-length');
            return { body: res.body, length: len === null ? undefined : Number(len) };
        })
    };
}


/***/ })

};
