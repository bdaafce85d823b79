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
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
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
 * held 190 MB, BENCHMARKS.md). Not a piped stream either: every chunk it
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





// The SDK retries 408/409/429/5xx and lost connections with backoff: the one
// retry layer for requests. Creates run with retries off (see BatchApi), and
// phases/once.ts looks for a lost create before trying it again.
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
        expiresAt: b.expires_at ?? undefined
    };
}
const unreachable = (what, baseURL, message) => new errors/* ApiError */.hD(`${what}: could not reach the OpenAI API at ${baseURL} (${message}). Check openai-base-url and the runner's network.`, undefined, true, true);
/** Rewords an SDK error into what the user should change. */
function explain(e, what, baseURL) {
    if (e instanceof openai/* APIConnectionError */.xX)
        return unreachable(what, baseURL, e.message);
    if (!(e instanceof openai/* APIError */.LG))
        return e;
    const detail = e.error && typeof e.error === 'object' && 'message' in e.error ? String(e.error.message) : e.message;
    return refused(what, e.status, detail);
}
/** OpenAI's "You have exceeded your file storage quota", Azure's "The quota for files without expiry is reached". */
const STORAGE_FULL = /file storage quota|quota for files/i;
function refused(what, status, detail) {
    const hint = status === 401
        ? ' OpenAI rejected the API key: check the secret passed as openai-api-key.'
        : status === 403
            ? ' The API key may not use Files or Batches: give it write access to Files and Batches in the project, or use a key of the right project.'
            : status === 404
                ? ' Not found: the key may belong to another project, or openai-base-url points at the wrong API.'
                : STORAGE_FULL.test(detail)
                    ? ' The file storage is full (OpenAI keeps 100 GB an organisation; Azure 500 files without expiry a resource): delete old files (platform.openai.com/storage, or the Files API), and keep delete-remote-files on and remote-files-expire-after set so finished batches free theirs.'
                    : '';
    const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    return new errors/* ApiError */.hD(`${what}: OpenAI answered ${status ?? 'nothing'} (${detail}).${hint}`, status, retryable);
}
/** POST /files as a multipart body streamed from disk (upload.ts says why not through the SDK). */
async function streamUpload(client, source, filename, opts) {
    const boundary = `openai-batch-action-${(0,external_node_crypto_.randomUUID)()}`;
    const name = filename.replace(/["\r\n]/g, '_');
    const field = (key, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`;
    // Nested fields as the SDK writes them: expires_after[anchor], expires_after[seconds].
    const expiry = opts.expiresAfter ? field('expires_after[anchor]', 'created_at') + field('expires_after[seconds]', String(opts.expiresAfter)) : '';
    const head = Buffer.from(field('purpose', 'batch') +
        expiry +
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
        throw unreachable(what, client.baseURL, (0,errors/* errorMessage */.gJ)(e));
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
        uploadFile: async (source, filename, opts = {}) => toFile(await streamUpload(client, source, filename, opts)),
        createBatch: (req) => call('Creating a batch', async () => toBatch(await client.batches.create({
            input_file_id: req.inputFileId,
            endpoint: req.endpoint,
            completion_window: req.completionWindow,
            metadata: { ...req.metadata },
            ...(req.outputExpiresAfter ? { output_expires_after: { anchor: 'created_at', seconds: req.outputExpiresAfter } } : {})
        }, { maxRetries: 0 }))),
        getBatch: id => call(`Retrieving batch ${id}`, async () => toBatch(await client.batches.retrieve(id))),
        cancelBatch: id => call(`Cancelling batch ${id}`, async () => toBatch(await client.batches.cancel(id))),
        deleteFile: id => call(`Deleting file ${id}`, async () => {
            await client.files.delete(id);
        }),
        download: fileId => call(`Downloading file ${fileId}`, async () => {
            const res = await client.files.content(fileId);
            if (!res.body)
                throw new errors/* ApiError */.hD(`Downloading file ${fileId}: the response had no body.`, res.status, true);
            const len = res.headers.get('content-length');
            return { body: res.body, length: len === null ? undefined : Number(len) };
        })
    };
}


/***/ }),

/***/ 69715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ parseLine),
/* harmony export */   C2: () => (/* binding */ idHash),
/* harmony export */   H1: () => (/* binding */ eachChunk),
/* harmony export */   IM: () => (/* binding */ eachLine),
/* harmony export */   QW: () => (/* binding */ lineKey),
/* harmony export */   uD: () => (/* binding */ indexLines)
/* harmony export */ });
/* unused harmony exports customId, LineIndex */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);


/**
 * Reading JSONL by lines and keeping an index of them by custom_id, with
 * memory for the index (22 bytes a line), never the lines themselves.
 */
/** Bytes read at a time: one buffer, reused, so reading a big file leaves no garbage behind. */
const CHUNK = 1 << 20;
/**
 * Calls `fn` with each chunk of a file (bytes [start, end) when given), read
 * through two reused buffers, the next chunk read while `fn` works on this
 * one: a chunk is valid only until `fn` returns.
 */
async function eachChunk(file, fn, range = {}) {
    const fh = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open(file, 'r');
    let reading;
    try {
        const end = range.end ?? (await fh.stat()).size;
        let pos = range.start ?? 0;
        // No bigger than what there is to read: most request files are small.
        const size = Math.max(1, Math.min(CHUNK, end - pos));
        let [cur, next] = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
        const read = (buf) => (pos < end ? fh.read(buf, 0, Math.min(size, end - pos), pos) : Promise.resolve({ bytesRead: 0 }));
        let pending = read(cur);
        reading = pending;
        for (;;) {
            const { bytesRead } = await pending;
            if (bytesRead === 0)
                break;
            pos += bytesRead;
            pending = read(next);
            reading = pending;
            const wait = fn(cur.subarray(0, bytesRead));
            if (wait)
                await wait;
            [cur, next] = [next, cur];
        }
    }
    finally {
        // A read still under way must end before the file is closed.
        await reading?.catch(() => undefined);
        await fh.close();
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
/** A 53-bit hash of an id, exact as a double. */
function idHash(id) {
    const d = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(id).digest();
    return d.readUInt32BE(0) * 2 ** 21 + (d.readUInt32BE(4) >>> 11);
}
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
 * The top-level `custom_id` of a JSON line, when it is a string. Scans the
 * bytes up to it rather than parsing the line: results are often tens of
 * kilobytes a line, and their ids come first.
 */
function customId(line) {
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
            return undefined;
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
        if (line[j] !== QUOTE)
            return undefined;
        const close = stringEnd(line, j);
        if (close < 0)
            return undefined;
        try {
            return JSON.parse(line.toString('utf8', j, close));
        }
        catch {
            return undefined;
        }
    }
    return undefined;
}
/** The id hash of a line, or -1 when it names no custom_id. */
const lineKey = (line) => {
    const id = customId(line);
    return id === undefined ? -1 : idHash(id);
};
/** Lines of one or more files by the hash of their custom_id: add them all, seal, then look up. */
class LineIndex {
    n = 0;
    keys = new Float64Array(1024);
    offsets = new Float64Array(1024);
    lengths = new Uint32Array(1024);
    files = new Uint16Array(1024);
    sorted;
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
    /** Sorts the entries by key, for lookups; no entry may be added after. */
    seal() {
        const order = new Uint32Array(this.n);
        for (let i = 0; i < this.n; i++)
            order[i] = i;
        this.sorted = order.sort((a, b) => this.keys[a] - this.keys[b] || a - b);
    }
    /** The entries with `key`, in the order they were added. */
    *find(key) {
        const s = this.sorted;
        let lo = 0;
        let hi = s.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (this.keys[s[mid]] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < s.length && this.keys[s[lo]] === key; lo++)
            yield s[lo];
    }
    /** The first entry with `key` not marked in `taken`, or -1. */
    take(key, taken) {
        for (const i of this.find(key))
            if (!taken[i])
                return i;
        return -1;
    }
    has(key) {
        return !this.find(key).next().done;
    }
    get size() {
        return this.n;
    }
    key(i) {
        return this.keys[i];
    }
    entry(i) {
        return { file: this.files[i], offset: this.offsets[i], length: this.lengths[i] };
    }
}
/**
 * Indexes the non-empty lines of `files` (file numbers are positions in the
 * list) under `keyOf`, which skips a line by returning undefined.
 */
async function indexLines(files, keyOf = lineKey) {
    const index = new LineIndex();
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
