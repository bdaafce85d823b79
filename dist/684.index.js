export const id = 684;
export const ids = [684];
export const modules = {

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
// EXTERNAL MODULE: ./src/adapters/create-attempts.ts
var create_attempts = __webpack_require__(64789);
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
class Ledger extends create_attempts/* CreateAttempts */.n {
    log;
    known = new Map();
    constructor(log) {
        super();
        this.log = log;
    }
    /** A create answered: its batch is the attempt's. */
    made(name, a) {
        this.forget(a);
        this.known.set(name, a.metadata);
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
        const a = this.takeLost(a => unfinished && a.displayName === b.displayName && created >= a.sentAt - CLOCK_SLACK_S);
        if (!a)
            return undefined;
        this.known.set(b.name, a.metadata);
        this.log.debug(`Batch ${b.name} is the one a create sent at ${a.sentAt} made; its answer was lost.`);
        return a.metadata;
    }
}

// EXTERNAL MODULE: ./src/adapters/rest-errors.ts
var rest_errors = __webpack_require__(60102);
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
function gemini_errors_retryDelayMs(body) {
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
    return (0,rest_errors/* lostConnection */.LQ)('the Gemini API', what, origin, e, unreachable);
}

// EXTERNAL MODULE: ./src/adapters/rest.ts
var adapters_rest = __webpack_require__(39300);
;// CONCATENATED MODULE: ./src/adapters/gemini-http.ts



/**
 * Every call to the Gemini API: its headers and its errors worded, over the
 * shared REST caller (rest.ts) and its one retry layer of reads.
 */
/**
 * The API version called. Not v1, the default of @google/genai 3.x: the REST
 * reference (ai.google.dev/api/batch-mode) documents Batch Mode on v1beta
 * only, and vercel/ai's batch client calls v1beta too.
 */
const GEMINI_API_VERSION = 'v1beta';

function geminiHttp({ apiKey, baseUrl, clock, fetch }) {
    // A base URL copied with its version (…/v1beta) still works.
    const base = baseUrl.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '');
    const rest = (0,adapters_rest/* restCaller */.iA)({
        keyHeader: 'x-goog-api-key',
        headers: { accept: 'application/json', 'user-agent': 'openai-batch-action' },
        isRetryableStatus: isRetryableStatus,
        refused: refused,
        lost: lost,
        retryDelayMs: gemini_errors_retryDelayMs
    }, { apiKey, base, clock, fetch });
    return { ...rest, url: (path, prefix = '') => `${base}${prefix}/${GEMINI_API_VERSION}${path}` };
}
/** The wait a `retry-after` of seconds or Google's RetryInfo asks for, capped; undefined when neither says. */
const waitMs = (retryAfter, body) => restWaitMs(retryAfter, body, retryDelayMs);
/** The JSON of a 2xx answer, or a retryable ApiError when it is not JSON (a proxy's page, a cut body). */
const json = (what, res) => (0,rest_errors/* jsonFrom */.Dq)("Gemini's", what, res);
const parseJson = (what, text) => (0,rest_errors/* parseJsonFrom */.CB)("Gemini's", what, text);

// EXTERNAL MODULE: ./src/adapters/jsonl-split.ts
var jsonl_split = __webpack_require__(64407);
;// CONCATENATED MODULE: ./src/adapters/gemini-results.ts

/**
 * A batch's responses file, one line a request in no particular order, split
 * into the two files the action reads as OpenAI's output and error files:
 * answers with at least one candidate, and the rest (`{key, error}` lines,
 * and responses without candidates: a prompt blocked, `promptFeedback.blockReason`).
 * Lines are written as they came: the keys are the user's own.
 */
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
// A copy: the stream keeps what it is given until written, and a line may be a view of the body's chunk.
const asCame = (text, n, raw) => ({
    succeeded: answered(text, n),
    line: Buffer.from(raw)
});
/** Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl` (jsonl-split.ts). */
const splitResponses = (body, dir, name) => (0,jsonl_split/* splitLines */.u)(body, dir, name, asCame);

// EXTERNAL MODULE: ./src/adapters/split-download.ts
var split_download = __webpack_require__(48541);
// EXTERNAL MODULE: ./src/core/backoff.ts
var backoff = __webpack_require__(93915);
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
            }), (0,chunks/* chunksOf */.U_)(source.abs, { start: source.start + offset, end: source.start + end }), end - offset, adapters_rest/* TIMEOUT_MS */.rl);
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
        if (++tries > adapters_rest/* MAX_RETRIES */.kd)
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
    const http = geminiHttp({ ...opts, baseUrl: opts.baseUrl ?? GEMINI_BASE_URL });
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
    for await (const page of operationPages(api, since))
        yield page.map(o => api.ledger.toBatch(o));
}
/** The batches' operations created at or after `since`, a page at a time. */
const operationPages = (api, since) => rawPages(api, 'batches', 'operations', since, (o) => batchOf(o).batch.createTime);
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
    for await (const page of operationPages(api, since))
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
 * downloaded and split once a run (split-download.ts); the other kind is then
 * served from disk.
 */
function downloads(api) {
    return (0,split_download/* splitDownloads */.q)({
        ...api,
        parse: (0,split_download/* batchKind */.N)('batches/[^/]+'),
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


/***/ })

};
