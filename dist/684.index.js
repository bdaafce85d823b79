export const id = 684;
export const ids = [684];
export const modules = {

/***/ 82806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DU: () => (/* binding */ lost),
/* harmony export */   J5: () => (/* binding */ refused),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   i_: () => (/* binding */ neverConnected)
/* harmony export */ });
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

/** Anthropic's answers and lost connections as `ApiError`s worded so the user knows what to change. */
/**
 * Statuses worth asking again: rate limits, Anthropic's own failures and its
 * 529 "overloaded". 401 and 403 never are: a refused key stops the run in one call.
 */
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);
const isRetryableStatus = (status) => RETRYABLE.has(status);
/** What the user can do about each refusal, each with the space that parts it from the message. */
const HINTS = {
    401: ' Anthropic refused the API key: check the secret passed as the api-key input' +
        ' (or ANTHROPIC_API_KEY when api-key is not set).',
    403: ' The key may not use Message Batches here: check its permissions and that it belongs to the workspace' +
        ' the batches are in (console.anthropic.com, Settings > Workspaces).',
    413: ' The request is too large: Anthropic takes at most 256 MB a batch; lower max-batch-bytes.',
    429: ' Rate limited: the next run goes on from here.',
    529: ' Anthropic is overloaded: the next run goes on from here.'
};
/** `what` was answered `status`; `body` is the answer's text, Anthropic's `{type: "error", error: {type, message}}`. */
function refused(what, status, body, notFound) {
    const detail = errorDetail(body);
    const hint = status === 404
        ? ` Not found: ${notFound ?? 'check base-url'}; the key may belong to another workspace.`
        : (HINTS[status] ?? '');
    return new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${what}: Anthropic answered ${status} (${detail}).${hint}`, {
        status,
        retryable: isRetryableStatus(status)
    });
}
/** The API's own message in an error answer, else the start of the text. */
function errorDetail(body) {
    try {
        const json = JSON.parse(body);
        const { type, message } = json.error ?? {};
        if (typeof message === 'string')
            return typeof type === 'string' ? `${type}: ${message}` : message;
    }
    catch {
        // not JSON: a proxy's page, say
    }
    return body.slice(0, 200) || 'no message';
}
/**
 * `what` got no answer from `origin`. `unreachable` (the run stops) after the
 * retries of a read, or when the host refused the connection; a create whose
 * connection broke after its body went may have been applied, and is looked for.
 */
function lost(what, origin, e, unreachable) {
    const why = connectionMessage(e);
    const text = unreachable
        ? `${what}: could not reach the Anthropic API at ${origin} (${why}). Check base-url and the runner's network.`
        : `${what}: the connection to ${origin} broke before the answer came (${why}).`;
    return new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(text, { retryable: true, unreachable });
}
/** Codes of a connection that was never made: nothing was sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Whether `e` (fetch's TypeError, with undici's error as its cause) says no connection was made. */
function neverConnected(e) {
    const code = cause(e)?.code;
    return typeof code === 'string' && NOT_CONNECTED.has(code);
}
function cause(e) {
    return e instanceof Error && e.cause !== undefined ? e.cause : e;
}
/** "fetch failed" says nothing: the cause's message does. */
function connectionMessage(e) {
    const c = cause(e);
    const code = c.code;
    const message = c instanceof Error ? c.message : String(c);
    return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}


/***/ }),

/***/ 66684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GEMINI_BASE_URL: () => (/* binding */ GEMINI_BASE_URL),
  createGeminiBatchApi: () => (/* binding */ createGeminiBatchApi)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/paths.ts
var paths = __webpack_require__(56107);
// EXTERNAL MODULE: ./src/core/remote/records.ts
var records = __webpack_require__(82840);
;// CONCATENATED MODULE: ./src/adapters/gemini-batches.ts
/** The batch an answer holds, whether an Operation (what the API answers) or the batch itself, with the operation's error. */
function batchOf(answer) {
    const op = answer;
    const batch = op.metadata && typeof op.metadata === 'object'
        ? { ...op.metadata, name: op.metadata.name ?? op.name }
        : answer;
    return { batch, error: op.error?.message };
}
/**
 * Batch Mode's states, as the REST API (BATCH_STATE_*) and @google/genai
 * (JOB_STATE_*) spell them, in the action's words.
 */
const STATES = {
    BATCH_STATE_PENDING: 'validating',
    BATCH_STATE_RUNNING: 'in_progress',
    BATCH_STATE_SUCCEEDED: 'completed',
    BATCH_STATE_FAILED: 'failed',
    BATCH_STATE_CANCELLED: 'cancelled',
    BATCH_STATE_EXPIRED: 'expired',
    JOB_STATE_QUEUED: 'validating',
    JOB_STATE_PENDING: 'validating',
    JOB_STATE_RUNNING: 'in_progress',
    JOB_STATE_SUCCEEDED: 'completed',
    JOB_STATE_PARTIALLY_SUCCEEDED: 'completed',
    JOB_STATE_FAILED: 'failed',
    JOB_STATE_CANCELLING: 'cancelling',
    JOB_STATE_CANCELLED: 'cancelled',
    JOB_STATE_EXPIRED: 'expired'
};
const FINAL = new Set(['completed', 'failed', 'cancelled', 'expired']);
/** The Batch Mode guide: a batch still pending or running 48 hours after it was made expires. */
const EXPIRES_AFTER_S = 48 * 3600;
/**
 * A batch made by a create whose answer was lost can show up before the API
 * has it listed, and clocks differ: one created this long before the create
 * was sent may still be its batch.
 */
const CLOCK_SLACK_S = 60;
const seconds = (iso) => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);
/** An int64 count as the API writes it (a string), left out when zero. */
const count = (s) => (s === undefined ? 0 : Number(s) || 0);
class Ledger {
    log;
    known = new Map();
    attempts = [];
    constructor(log) {
        this.log = log;
    }
    /** A create about to be sent. */
    attempt(a) {
        this.attempts.push(a);
        return a;
    }
    /** A create answered: its batch is the attempt's. */
    made(name, a) {
        this.forget(a);
        this.known.set(name, a.metadata);
    }
    /** A create whose answer was lost: from now on an unknown batch of its displayName is taken for its own. */
    lost(a) {
        a.lost = true;
    }
    /** A create refused: it made no batch. */
    forget(a) {
        const i = this.attempts.indexOf(a);
        if (i >= 0)
            this.attempts.splice(i, 1);
    }
    /** The batch as the action reads it, written in full to the debug log first. */
    toBatch(answer) {
        this.log.debug(`Batch ${answer.name}: ${JSON.stringify(answer)}`);
        const { batch: b, error } = batchOf(answer);
        const metadata = this.known.get(b.name) ?? this.claim(b) ?? {};
        const status = STATES[b.state ?? ''] ?? 'in_progress';
        const stats = b.batchStats;
        const total = count(stats?.requestCount);
        const ok = count(stats?.successfulRequestCount);
        const failed = count(stats?.failedRequestCount);
        const responses = FINAL.has(status) && Boolean(b.output?.responsesFile);
        // No counts at all (zero counters are left out, a missing total is no count): known only once the file is read.
        const unknown = !stats?.requestCount;
        // A prompt blocked (promptFeedback, no candidates) is a successful request to Google, but goes with
        // the failures: any answer may be one. An empty `failed` writes no errors file (io/result-writer.ts).
        const createdAt = seconds(b.createTime);
        return {
            id: b.name,
            status,
            inputFileId: b.inputConfig?.fileName ?? '',
            outputFileId: responses && (ok > 0 || unknown) ? `${b.name}/succeeded` : null,
            errorFileId: responses && (failed > 0 || ok > 0 || unknown) ? `${b.name}/failed` : null,
            createdAt,
            ...(FINAL.has(status) ? {} : { expiresAt: createdAt + EXPIRES_AFTER_S }),
            requestCounts: { total, completed: ok, failed },
            metadata,
            errors: status === 'failed' && error ? [{ message: error }] : [],
            ...(b.model ? { model: b.model.replace(/^models\//, '') } : {})
        };
    }
    /**
     * A batch the run does not know, of the displayName of a create whose
     * answer was lost, made after it was sent: that create's batch. Without it
     * the caller, finding nothing, would create a second batch.
     */
    claim(b) {
        const created = seconds(b.createTime);
        // A batch just made has not finished: a finished one of the same name is the content's earlier
        // batch (cancelled when the file changed, then changed back), never this create's (chaos found that).
        const unfinished = !FINAL.has(STATES[b.state ?? ''] ?? 'in_progress');
        const i = this.attempts.findIndex(a => a.lost && unfinished && a.displayName === b.displayName && created >= a.sentAt - CLOCK_SLACK_S);
        if (i < 0)
            return undefined;
        const [a] = this.attempts.splice(i, 1);
        this.known.set(b.name, a.metadata);
        this.log.debug(`Batch ${b.name} is the one a create sent at ${a.sentAt} made; its answer was lost.`);
        return a.metadata;
    }
}

// EXTERNAL MODULE: ./src/core/backoff.ts
var backoff = __webpack_require__(93915);
// EXTERNAL MODULE: ./src/adapters/anthropic-errors.ts
var anthropic_errors = __webpack_require__(82806);
;// CONCATENATED MODULE: ./src/adapters/gemini-errors.ts


/** The Gemini API's answers and lost connections as `ApiError`s worded so the user knows what to change. */
/** Statuses worth asking again: timeouts, RESOURCE_EXHAUSTED (429) and Google's own failures. */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const isRetryableStatus = (status) => RETRYABLE.has(status);
function googleError(body) {
    try {
        const e = JSON.parse(body).error;
        return e && typeof e === 'object' ? e : undefined;
    }
    catch {
        // not JSON: a proxy's page, say
        return undefined;
    }
}
/** The RetryInfo detail's `retryDelay` ("1s", "0.5s"), in milliseconds. */
function retryDelayMs(body) {
    const delay = googleError(body)?.details?.find(d => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay;
    const m = /^(\d+(?:\.\d+)?)s$/.exec(delay ?? '');
    return m ? Number(m[1]) * 1000 : undefined;
}
const KEY_HINT = ' Google refused the API key: check the secret passed as the api-key input' +
    ' (or GEMINI_API_KEY, then GOOGLE_API_KEY, when api-key is not set).';
/** What the user can do about each refusal, each with the space that parts it from the message. */
const HINTS = {
    403: ' The key may not use the Gemini API here: check that the Generative Language API is enabled for its' +
        ' project and that the key is not restricted to other APIs (console.cloud.google.com, Credentials).',
    429: ' RESOURCE_EXHAUSTED: a rate limit or the batch quota; the next run goes on from here.',
    503: ' UNAVAILABLE: the Gemini API is overloaded or down; the next run goes on from here.'
};
/**
 * `what` was answered `status`; `body` is the answer's text. Google answers a
 * bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID: that is worded
 * and given status 401, so that it stops the run (core/errors.ts stopsRun)
 * instead of failing every file in turn. A File that does not exist (or is
 * another project's) is answered 403 "may not exist": given 404, as what it
 * is, since a 403 stops the run.
 */
function refused(what, status, body, notFound) {
    const e = googleError(body);
    const detail = e?.message ? (e.status ? `${e.status}: ${e.message}` : e.message) : body.slice(0, 200) || 'no message';
    if (status === 400 && e?.details?.some(d => d.reason === 'API_KEY_INVALID'))
        return new errors/* ApiError */.hD(`${what}: Gemini answered 400 (${detail}).${KEY_HINT}`, { status: 401, retryable: false });
    if (status === 401)
        return new errors/* ApiError */.hD(`${what}: Gemini answered 401 (${detail}).${KEY_HINT}`, { status, retryable: false });
    if (status === 404 || (status === 403 && /may not exist/i.test(e?.message ?? '')))
        return new errors/* ApiError */.hD(`${what}: Gemini answered ${status} (${detail}). Not found: ${notFound ?? 'check base-url'}.`, {
            status: 404,
            retryable: false
        });
    return new errors/* ApiError */.hD(`${what}: Gemini answered ${status} (${detail}).${HINTS[status] ?? ''}`, {
        status,
        retryable: isRetryableStatus(status)
    });
}
/**
 * `what` got no answer from `origin`. `unreachable` (the run stops) after the
 * retries of a read, or when the host refused the connection; a create whose
 * connection broke after its body went may have been applied, and is looked for.
 */
function lost(what, origin, e, unreachable) {
    const why = connectionMessage(e);
    const text = unreachable
        ? `${what}: could not reach the Gemini API at ${origin} (${why}). Check base-url and the runner's network.`
        : `${what}: the connection to ${origin} broke before the answer came (${why}).`;
    return new errors/* ApiError */.hD(text, { retryable: true, unreachable });
}

/** "fetch failed" says nothing: the cause's message does. */
function connectionMessage(e) {
    const c = e instanceof Error && e.cause !== undefined ? e.cause : e;
    const code = c.code;
    const message = c instanceof Error ? c.message : String(c);
    return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

;// CONCATENATED MODULE: ./src/adapters/gemini-http.ts



/**
 * Every call to the Gemini API: its headers, its errors worded, and the one
 * retry layer of reads (creates are retried by phases/once.ts, which looks for
 * a lost one first).
 */
/**
 * The API version called. Not v1, the default of @google/genai 3.x: the REST
 * reference (ai.google.dev/api/batch-mode) documents Batch Mode on v1beta
 * only, and vercel/ai's batch client calls v1beta too.
 */
const GEMINI_API_VERSION = 'v1beta';
/** Retries of a read after its first try. */
const MAX_RETRIES = 4;
/** The longest wait a `retry-after` header or a RetryInfo can ask for, in milliseconds. */
const MAX_RETRY_AFTER_MS = 60_000;
/** A call whose answer does not begin in this long is given up (and a read retried). */
const TIMEOUT_MS = 10 * 60 * 1000;
function geminiHttp({ apiKey, baseUrl, clock, fetch }) {
    // A base URL copied with its version (…/v1beta) still works.
    const base = baseUrl.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '');
    const origin = new URL(base).origin;
    const headers = (url, more = {}) => ({
        ...(new URL(url).origin === origin ? { 'x-goog-api-key': apiKey } : {}),
        accept: 'application/json',
        'user-agent': 'openai-batch-action',
        ...more
    });
    const send = (url, opts) => timed(opts.signal, signal => fetch(url, {
        method: opts.method ?? 'GET',
        headers: headers(url, opts.body === undefined ? opts.headers : { 'content-type': 'application/json', ...opts.headers }),
        body: opts.body,
        redirect: 'manual',
        signal
    }));
    /**
     * Redirects followed here, not by fetch: fetch drops only `authorization`
     * on the way to another origin, and would take x-goog-api-key along.
     */
    const follow = async (url, opts) => {
        let res = await send(url, opts);
        for (let hops = 0; REDIRECTS.has(res.status) && hops < MAX_REDIRECTS; hops++) {
            const location = res.headers.get('location');
            if (!location)
                break;
            await res.body?.cancel();
            const next = res.status === 303 ? { ...opts, method: 'GET', body: undefined } : opts;
            res = await send(new URL(location, url).href, next);
        }
        return res;
    };
    return {
        origin,
        url: (path, prefix = '') => `${base}${prefix}/${GEMINI_API_VERSION}${path}`,
        headers,
        async call(what, url, opts) {
            for (let n = 0;; n++) {
                const last = n >= MAX_RETRIES;
                let res;
                try {
                    res = await follow(url, opts);
                }
                catch (e) {
                    if (opts.signal?.aborted)
                        throw e;
                    if (last)
                        throw lost(what, new URL(url).origin, e, true);
                    await clock.sleep((0,backoff/* backoffMs */.j)(n));
                    continue;
                }
                if (res.ok)
                    return res;
                const text = await res.text().catch(() => '');
                if (last || !isRetryableStatus(res.status))
                    throw refused(what, res.status, text, opts.notFound);
                await clock.sleep(waitMs(res.headers.get('retry-after'), text) ?? (0,backoff/* backoffMs */.j)(n));
            }
        },
        async once(what, url, opts) {
            let res;
            try {
                res = await follow(url, opts);
            }
            catch (e) {
                throw lost(what, origin, e, (0,anthropic_errors/* neverConnected */.i_)(e));
            }
            if (res.ok)
                return res;
            throw refused(what, res.status, await res.text().catch(() => ''), opts.notFound);
        }
    };
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/**
 * `call` with a signal that aborts it when no answer (headers) came in
 * TIMEOUT_MS, or when `outer` aborts; the body may take longer: a responses
 * file of a gigabyte streams for minutes.
 */
async function timed(outer, call) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    try {
        return await call(outer ? AbortSignal.any([outer, timeout.signal]) : timeout.signal);
    }
    finally {
        clearTimeout(timer);
    }
}
/** The wait a `retry-after` of seconds or Google's RetryInfo asks for, capped; undefined when neither says. */
function waitMs(retryAfter, body) {
    const header = retryAfter !== null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
    const ms = header ?? retryDelayMs(body);
    return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}
/** The JSON of a 2xx answer, or a retryable ApiError when it is not JSON (a proxy's page, a cut body). */
async function json(what, res) {
    let text;
    try {
        text = await res.text();
    }
    catch (e) {
        throw new errors/* ApiError */.hD(`${what}: the answer broke off (${(0,errors/* errorMessage */.gJ)(e)}).`, { status: res.status, retryable: true });
    }
    return parseJson(what, text);
}
function parseJson(what, text) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new errors/* ApiError */.hD(`${what}: Gemini's answer was not JSON (${text.slice(0, 200)}).`, { retryable: true });
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/adapters/gemini-results.ts



/** The lines of a body of bytes, without their newlines. */
async function* lines(body) {
    let carry = [];
    // Node's web streams are async iterable; the DOM types do not say so.
    for await (const bytes of body) {
        const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
            yield carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(start, nl)]) : chunk.subarray(start, nl);
            carry = [];
            start = nl + 1;
        }
        if (start < chunk.length)
            carry.push(chunk.subarray(start));
    }
    if (carry.length > 0)
        yield Buffer.concat(carry);
}
/** Whether a responses line holds an answer: a `response` with at least one candidate. */
function answered(text, n) {
    let r;
    try {
        r = JSON.parse(text);
    }
    catch {
        throw new Error(`responses line ${n} is not JSON: ${text.slice(0, 100)}`);
    }
    const candidates = r?.response?.candidates;
    return Array.isArray(candidates) && candidates.length > 0;
}
/** A file written through a stream, with the stream's backpressure. */
class Out {
    file;
    stream;
    constructor(file) {
        this.file = file;
        this.stream = external_node_fs_.createWriteStream(file);
    }
    async write(line) {
        this.stream.write(line);
        if (!this.stream.write(NL))
            await (0,external_node_events_.once)(this.stream, 'drain');
    }
    async close() {
        await new Promise((resolve, reject) => {
            this.stream.once('error', reject);
            this.stream.end(() => resolve());
        });
    }
    destroy() {
        this.stream.destroy();
    }
}
const NL = Buffer.from('\n');
/**
 * Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl`.
 * Written to temporary names and renamed once complete: a body that breaks off
 * leaves nothing half-made, and the caller downloads again from the start.
 */
async function splitResponses(body, dir, name) {
    const done = {
        succeeded: external_node_path_.join(dir, `${name}.succeeded.jsonl`),
        failed: external_node_path_.join(dir, `${name}.failed.jsonl`)
    };
    const ok = new Out(`${done.succeeded}.part`);
    const bad = new Out(`${done.failed}.part`);
    try {
        let n = 0;
        for await (const raw of lines(body)) {
            n++;
            const text = raw.toString('utf8');
            if (text.trim() === '')
                continue;
            // A copy: the stream keeps what it is given until written, and a line may be a view of the body's chunk.
            await (answered(text, n) ? ok : bad).write(Buffer.from(raw));
        }
        await ok.close();
        await bad.close();
        await external_node_fs_.promises.rename(ok.file, done.succeeded);
        await external_node_fs_.promises.rename(bad.file, done.failed);
        return done;
    }
    catch (e) {
        ok.destroy();
        bad.destroy();
        await Promise.all([ok.file, bad.file].map(f => external_node_fs_.promises.rm(f, { force: true })));
        throw e;
    }
}

// EXTERNAL MODULE: ./src/adapters/split-download.ts
var split_download = __webpack_require__(48541);
// EXTERNAL MODULE: ./src/io/chunks.ts
var chunks = __webpack_require__(69724);
// EXTERNAL MODULE: ./src/adapters/http.ts
var adapters_http = __webpack_require__(93618);
;// CONCATENATED MODULE: ./src/adapters/gemini-upload.ts






/**
 * An upload by Google's resumable protocol (start, then chunks, the last one
 * finalizing), each chunk's body streamed from the file: a 2 GB request file
 * never sits in memory. A chunk lost on the way is sent again from the offset
 * the server says it has.
 */
/**
 * The MIME type sent. The Files API does not take `.jsonl` from the name
 * (@google/genai: "Can not determine mimeType"), and Batch Mode's guide
 * uploads its request files as `jsonl`.
 */
const JSONL_MIME = 'application/jsonl';
/** Bytes a chunk: the SDK's, and the granularity Google asks for (a chunk but the last must be a multiple of it). */
const CHUNK_BYTES = 8 * 1024 * 1024;
const toRemoteFile = (f) => ({
    id: f.name,
    filename: f.displayName ?? '',
    bytes: Number(f.sizeBytes ?? 0),
    createdAt: f.createTime ? Math.floor(Date.parse(f.createTime) / 1000) : 0,
    ...(f.state ? { status: f.state === 'ACTIVE' ? 'processed' : f.state.toLowerCase() } : {})
});
/** Bytes [start, end) of a file, uploaded once as `filename`; not retried as a whole (a lost answer is looked for by name). */
async function uploadResumable(http, clock, source, filename) {
    const what = `Uploading ${filename}`;
    const size = source.end - source.start;
    const { url, chunk } = await start(http, what, filename, size);
    let offset = 0;
    let tries = 0;
    for (;;) {
        const end = Math.min(offset + chunk, size);
        const last = end === size;
        let answer;
        let failure;
        try {
            answer = await (0,adapters_http/* postStream */.Z)(url, http.headers(url, {
                'x-goog-upload-command': last ? 'upload, finalize' : 'upload',
                'x-goog-upload-offset': String(offset)
            }), (0,chunks/* chunksOf */.U_)(source.abs, { start: source.start + offset, end: source.start + end }), end - offset, TIMEOUT_MS);
            if (answer.status >= 200 && answer.status < 300) {
                if (last)
                    return fileOf(what, answer.text);
                offset = end;
                tries = 0;
                continue;
            }
            failure = refused(what, answer.status, answer.text);
            if (!isRetryableStatus(answer.status))
                throw failure;
        }
        catch (e) {
            if (answer)
                throw e;
            failure = lost(what, http.origin, e, false);
        }
        if (++tries > MAX_RETRIES)
            throw failure;
        await clock.sleep((0,backoff/* backoffMs */.j)(tries - 1));
        let at;
        try {
            at = await received(http, what, url);
        }
        catch (e) {
            // The session is gone (a lost finalize may have made the file): the caller looks for it by name, then starts over.
            if (e instanceof errors/* ApiError */.hD && !e.retryable)
                throw failure;
            throw e;
        }
        if ('file' in at)
            return at.file;
        offset = at.offset;
    }
}
/** Opens the upload session (safe to ask again: a session makes no file); its URL and chunk size. */
async function start(http, what, filename, size) {
    const res = await http.call(what, http.url('/files', '/upload'), {
        method: 'POST',
        body: JSON.stringify({ file: { displayName: filename, mimeType: JSONL_MIME } }),
        headers: {
            'x-goog-upload-protocol': 'resumable',
            'x-goog-upload-command': 'start',
            'x-goog-upload-header-content-length': String(size),
            'x-goog-upload-header-content-type': JSONL_MIME
        }
    });
    await res.body?.cancel();
    const url = res.headers.get('x-goog-upload-url');
    if (!url)
        throw new errors/* ApiError */.hD(`${what}: Gemini gave no upload URL (x-goog-upload-url).`, { retryable: true });
    const granularity = Number(res.headers.get('x-goog-upload-chunk-granularity'));
    const chunk = Number.isSafeInteger(granularity) && granularity > 0
        ? Math.max(granularity, Math.floor(CHUNK_BYTES / granularity) * granularity)
        : CHUNK_BYTES;
    return { url: new URL(url, http.origin).href, chunk };
}
/** How much of the upload the server has, or the file when it was finalized though its answer was lost. */
async function received(http, what, url) {
    const res = await http.call(what, url, { method: 'POST', headers: { 'x-goog-upload-command': 'query' } });
    const text = await res.text();
    if (res.headers.get('x-goog-upload-status') === 'final')
        return { file: fileOf(what, text) };
    const offset = Number(res.headers.get('x-goog-upload-size-received'));
    if (!Number.isSafeInteger(offset) || offset < 0)
        throw new errors/* ApiError */.hD(`${what}: Gemini did not say how much of the upload it has.`, { retryable: true });
    return { offset };
}
function fileOf(what, text) {
    const f = parseJson(what, text).file;
    if (!f?.name)
        throw new errors/* ApiError */.hD(`${what}: Gemini's answer names no file (${text.slice(0, 200)}).`, { retryable: true });
    return toRemoteFile(f);
}

;// CONCATENATED MODULE: ./src/adapters/gemini-client.ts










const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';
/** Items a list page asks for: the most files.list gives (its documented 100). */
const PAGE_SIZE = 100;
function createGeminiBatchApi(opts) {
    const { clock, log } = opts;
    const http = geminiHttp({
        apiKey: opts.apiKey,
        baseUrl: opts.baseUrl ?? GEMINI_BASE_URL,
        clock,
        fetch: opts.fetch ?? adapters_http/* proxiedFetch */.i
    });
    const api = {
        http,
        ledger: new Ledger(log),
        clock,
        log,
        model: opts.model.replace(/^models\//, ''),
        tmpDir: opts.tmpDir ?? external_node_os_.tmpdir(),
        names: new Map()
    };
    return {
        recentFiles: since => recentFiles(api, since),
        recentBatches: since => batchPages(api, since),
        // Gemini's files expire 48 hours after upload, whatever is asked: expiresAfter is not sent.
        uploadFile: async (source, filename) => {
            const f = await uploadResumable(http, clock, source, filename);
            api.names.set(f.id, f.filename);
            return f;
        },
        createBatch: req => createBatch(api, req),
        getBatch: async (id) => api.ledger.toBatch(await retrieve(api, id)),
        cancelBatch: async (id) => {
            const res = await http.call(`Cancelling batch ${id}`, http.url(`/${batchPath(id)}:cancel`), {
                method: 'POST',
                body: '{}',
                notFound: `no batch ${id}`
            });
            await res.body?.cancel();
            return api.ledger.toBatch(await retrieve(api, id));
        },
        deleteFile: id => deleteFile(api, id),
        download: downloads(api)
    };
}
/** `batches/xyz` from `batches/xyz` or `xyz`, its id escaped. */
const batchPath = (id) => `batches/${encodeURIComponent(id.replace(/^batches\//, ''))}`;
async function retrieve({ http }, id) {
    const what = `Retrieving batch ${id}`;
    const res = await http.call(what, http.url(`/${batchPath(id)}`), { notFound: `no batch ${id}` });
    return json(what, res);
}
/**
 * One POST, never retried here (phases/once.ts looks for a lost one first: the
 * ledger claims a listed batch of the attempt's displayName).
 */
async function createBatch(api, req) {
    const { http, ledger, clock } = api;
    const displayName = displayNameOf(req.metadata) ?? api.names.get(req.inputFileId) ?? req.inputFileId;
    const what = `Creating a batch of ${displayName}`;
    const attempt = ledger.attempt({
        metadata: req.metadata,
        displayName,
        inputFileId: req.inputFileId,
        sentAt: clock.now()
    });
    let answer;
    try {
        const res = await http.once(what, http.url(`/models/${encodeURIComponent(api.model)}:batchGenerateContent`), {
            method: 'POST',
            body: JSON.stringify({ batch: { displayName, inputConfig: { fileName: req.inputFileId } } }),
            notFound: `no model ${api.model} (check the model input)`
        });
        answer = await json(what, res);
    }
    catch (e) {
        // Retryable: the answer may be lost after the batch was made; the ledger keeps the attempt to claim it.
        if (e instanceof errors/* ApiError */.hD && e.retryable)
            ledger.lost(attempt);
        else
            ledger.forget(attempt);
        throw e;
    }
    ledger.made(batchOf(answer).batch.name, attempt);
    return ledger.toBatch(answer);
}
/** The upload name of the slot `metadata` describes (core/paths.ts), or undefined when it names none. */
function displayNameOf(m) {
    const p = m[records/* MetadataKeys */.yg.Path];
    const sha256 = m[records/* MetadataKeys */.yg.Sha256];
    const part = /^(\d+)\/(\d+)$/.exec(m[records/* MetadataKeys */.yg.Part] ?? '1/1');
    if (!p || !sha256 || !part)
        return undefined;
    const round = Number(m[records/* MetadataKeys */.yg.Round] ?? 0) || 0;
    return (0,paths/* uploadName */.Vr)({ path: p, sha256, round }, Number(part[1]) - 1, Number(part[2]));
}
/**
 * Batches created at or after `since`, a page (one call) at a time. The API
 * does not document the list's order: reading stops past `since` only once
 * the list has shown it goes newest first; otherwise every page is read.
 */
async function* batchPages(api, since) {
    for await (const page of rawPages(api, 'batches', 'operations', since, (o) => batchOf(o).batch.createTime))
        yield page.map(o => api.ledger.toBatch(o));
}
/** The items of a list (`files` or `batches`) created at or after `since`, a page at a time. */
async function* rawPages({ http }, what, field, since, created) {
    let token;
    // Whether the list has gone newest first so far, and has shown it (a time lower than the one before).
    let order = { descending: true, shown: false, last: Infinity };
    for (;;) {
        const q = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...(token ? { pageToken: token } : {}) });
        const doing = `Listing ${what}`;
        const page = await json(doing, await http.call(doing, http.url(`/${what}?${q}`), {}));
        const items = (Array.isArray(page[field]) ? page[field] : []);
        const times = items.map(i => seconds(created(i)));
        yield items.filter((_, i) => times[i] >= since);
        order = times.reduce((o, t) => ({
            descending: o.descending && t <= o.last,
            shown: o.shown || (Number.isFinite(o.last) && t < o.last),
            last: t
        }), order);
        token = typeof page.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined;
        if (!token || (order.descending && order.shown && order.last < since))
            return;
    }
}
/**
 * Uploads created since `since` that have a displayName, and, for each batch
 * created since with a displayName, its input file under that name: a batch
 * is still found by its upload's name after the upload was deleted
 * (delete-remote-files).
 */
async function* recentFiles(api, since) {
    const seen = new Set();
    for await (const page of rawPages(api, 'files', 'files', since, (f) => f.createTime))
        for (const raw of page) {
            // A responses file (GENERATED) is no upload of the action's.
            if (!raw.displayName || raw.source === 'GENERATED' || seen.has(raw.name))
                continue;
            seen.add(raw.name);
            api.names.set(raw.name, raw.displayName);
            yield toRemoteFile(raw);
        }
    for await (const page of rawPages(api, 'batches', 'operations', since, (o) => batchOf(o).batch.createTime))
        for (const op of page) {
            const b = batchOf(op).batch;
            const id = b.inputConfig?.fileName;
            if (!b.displayName || !id || seen.has(id))
                continue;
            seen.add(id);
            yield { id, filename: b.displayName, bytes: 0, createdAt: seconds(b.createTime) };
        }
}
/**
 * A real upload is deleted (gone already is fine). `<batch>/…` stands for a
 * batch's responses file, which cannot be deleted (its id is over the Files
 * API's 40 characters; Google removes it). Batches are never deleted: the
 * batch's displayName is what finds it again after a lost cache, so that its
 * content is not submitted twice.
 */
async function deleteFile({ http }, id) {
    if (id.includes('/') && !/^files\/[^/]+$/.test(id))
        return false;
    const name = id.startsWith('files/') ? id : `files/${id}`;
    try {
        const res = await http.call(`Deleting ${name}`, http.url(`/files/${encodeURIComponent(name.slice(6))}`), {
            method: 'DELETE'
        });
        await res.body?.cancel();
        return true;
    }
    catch (e) {
        // 404, and the 403 "may not exist" refused() rewords as 404: gone already.
        if (e instanceof errors/* ApiError */.hD && e.status === 404)
            return false;
        throw e;
    }
}
/**
 * `<batch>/succeeded` or `<batch>/failed`: the batch's responses file is
 * downloaded and split once a run; the other kind is then served from disk.
 */
/** Each batch's responses file, split once a run (split-download.ts). */
function downloads(api) {
    return (0,split_download/* splitDownloads */.q)({
        clock: api.clock,
        log: api.log,
        tmpDir: api.tmpDir,
        parse: fileId => {
            const m = /^(batches\/[^/]+)\/(succeeded|failed)$/.exec(fileId);
            return m ? { id: m[1], kind: m[2] } : undefined;
        },
        async open(id) {
            const responses = batchOf(await retrieve(api, id)).batch.output?.responsesFile;
            const what = `Downloading the results of batch ${id}`;
            if (!responses)
                throw new errors/* ApiError */.hD(`${what}: the batch has no responses file yet (has it ended?).`, { retryable: true });
            const url = `${api.http.url(`/${responses}:download`, '/download')}?alt=media`;
            const notFound = `no responses file ${responses} (Google removes it in time)`;
            return (await api.http.call(what, url, { notFound })).body;
        },
        split: (body, dir, id) => splitResponses(body, dir, id.replace(/^batches\//, ''))
    });
}


/***/ }),

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

/***/ 48541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ splitDownloads)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_backoff__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(93915);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);





/**
 * Attempts at a results body that breaks off after its headers, each from the start, as
 * result-writer.ts does for OpenAI's files. The HTTP layer retries everything up to the headers.
 */
const ATTEMPTS = 5;
/** A results body that broke off mid-stream: downloaded again from the start. */
class BrokenBody extends _core_errors__WEBPACK_IMPORTED_MODULE_3__/* .ApiError */ .hD {
}
/** BatchApi.download for a provider of one results file a batch. */
function splitDownloads(src) {
    const splits = new Map();
    return async (fileId) => {
        const named = src.parse(fileId);
        if (!named)
            throw new Error(`Downloading ${fileId}: not a results file of a batch (<batch>/succeeded or /failed).`);
        let split = splits.get(named.id);
        if (!split) {
            split = withRetries(src, named.id);
            splits.set(named.id, split);
            // A download that failed for good is tried again by a later call.
            split.catch(() => splits.delete(named.id));
        }
        const file = (await split)[named.kind];
        const { size } = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(file);
        return { body: node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.toWeb(node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream(file)), length: size };
    };
}
async function withRetries(src, id) {
    for (let n = 0;; n++) {
        try {
            return await once(src, id);
        }
        catch (e) {
            if (!(e instanceof BrokenBody) || n + 1 >= ATTEMPTS)
                throw e;
            src.log.info(`The results of batch ${id} broke off (${(0,_core_errors__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}); downloading them again.`);
            await src.clock.sleep((0,_core_backoff__WEBPACK_IMPORTED_MODULE_4__/* .backoffMs */ .j)(n));
        }
    }
}
async function once(src, id) {
    const body = await src.open(id);
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdir(src.tmpDir, { recursive: true });
    const dir = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_1__.join(src.tmpDir, 'oba-results-'));
    try {
        return await src.split(body, dir, id);
    }
    catch (e) {
        await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.rm(dir, { recursive: true, force: true });
        if (e instanceof _core_errors__WEBPACK_IMPORTED_MODULE_3__/* .ApiError */ .hD)
            throw e;
        throw new BrokenBody(`Downloading the results of batch ${id}: ${(0,_core_errors__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`, { retryable: true });
    }
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
