export const id = 71;
export const ids = [71];
export const modules = {

/***/ 99071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ANTHROPIC_BASE_URL: () => (/* binding */ ANTHROPIC_BASE_URL),
  createAnthropicBatchApi: () => (/* binding */ createAnthropicBatchApi)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/limits.ts
var limits = __webpack_require__(36419);
// EXTERNAL MODULE: ./src/core/remote/tags.ts
var tags = __webpack_require__(2197);
// EXTERNAL MODULE: ./src/adapters/create-attempts.ts
var create_attempts = __webpack_require__(64789);
;// CONCATENATED MODULE: ./src/adapters/anthropic-batches.ts

/**
 * A batch made by a create whose answer was lost can show up before the API
 * has it listed, and clocks differ: one created this long before the create
 * was sent may still be its batch (when no batch was listed before it).
 */
const CLOCK_SLACK_S = 60;
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);
/**
 * An RFC 3339 time in microseconds since the epoch, as Anthropic writes them (`.100435Z`): finer than
 * Date.parse's milliseconds, so a batch made in the millisecond after another is still newer.
 */
function instant(iso) {
    const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
    const whole = Date.parse(iso.replace(/\.\d+/, ''));
    return whole * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}
/** The total of a batch's requests, whatever their state. */
function total(b) {
    const c = b.request_counts;
    return c.processing + c.succeeded + c.errored + c.canceled + c.expired;
}
class Ledger extends create_attempts/* CreateAttempts */.n {
    log;
    known = new Map();
    constructor(log) {
        super();
        this.log = log;
    }
    /** A create answered: its batch is the attempt's. */
    made(id, a) {
        this.forget(a);
        this.known.set(id, { metadata: a.metadata, inputFileId: a.inputFileId });
    }
    /** The batch as the action reads it, written in full to the debug log first. */
    toBatch(b) {
        this.log.debug(`Batch ${b.id}: ${JSON.stringify(b)}`);
        const known = this.known.get(b.id) ?? this.claim(b);
        const c = b.request_counts;
        const failed = c.errored + c.canceled + c.expired;
        const ended = b.processing_status === 'ended';
        return {
            id: b.id,
            status: anthropic_batches_status(b),
            inputFileId: known?.inputFileId ?? b.id,
            outputFileId: ended && c.succeeded > 0 ? `${b.id}/succeeded` : null,
            errorFileId: ended && failed > 0 ? `${b.id}/failed` : null,
            createdAt: seconds(b.created_at),
            expiresAt: seconds(b.expires_at),
            requestCounts: { total: total(b), completed: c.succeeded, failed },
            metadata: known?.metadata ?? {},
            errors: []
        };
    }
    /**
     * A batch the run does not know, made around when a create whose answer
     * was lost was sent, with as many requests: that create's batch. Without
     * it the caller, finding nothing, would create a second batch.
     */
    claim(b) {
        const created = seconds(b.created_at);
        const n = total(b);
        const at = instant(b.created_at);
        // Newer than the newest batch listed before the create, by the API's clock: never one made
        // before it (another file's, of the same size, by the run before: chaos found that).
        // Strictly: batches made in one millisecond (two files' creates side by side) cannot be told apart,
        // and a create is sent a round trip after the look, so its batch is made later.
        const newer = (a) => (a.after ? at > a.after.created : true);
        const a = this.takeLost(a => created >= a.sentAt - CLOCK_SLACK_S && newer(a) && a.requests === n);
        if (!a)
            return undefined;
        const known = { metadata: a.metadata, inputFileId: a.inputFileId };
        this.known.set(b.id, known);
        this.log.debug(`Batch ${b.id} is the one a create sent at ${a.sentAt} made; its answer was lost.`);
        return known;
    }
}
function anthropic_batches_status(b) {
    if (b.processing_status === 'in_progress')
        return 'in_progress';
    if (b.processing_status === 'canceling')
        return 'cancelling';
    if (b.cancel_initiated_at)
        return 'cancelled';
    return b.request_counts.expired > 0 ? 'expired' : 'completed';
}

// EXTERNAL MODULE: ./src/io/chunks.ts
var chunks = __webpack_require__(69724);
// EXTERNAL MODULE: ./src/io/line-ids.ts
var line_ids = __webpack_require__(81603);
;// CONCATENATED MODULE: ./src/adapters/anthropic-create.ts



/**
 * The body of a create, `{"requests":[...]}`, streamed from the request file:
 * a 256 MB batch never sits in memory, as text or as objects. Each line goes
 * as it is written, its custom_id tagged (core/remote/tags.ts) in its bytes:
 * parsing and serializing each line again grew the heap by 30 MB for a 200 MB
 * file (bench, anthropicSubmitMemory). A line whose id is not plain (escaped)
 * is parsed and written again instead.
 */
/** Bytes of the body handed on at a time: over the socket's high-water mark, so each is sent before the next is made. */
const OUT_CHUNK = 256 * 1024;
const BACKSLASH = 0x5c;
const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
/**
 * Bytes gathered into buffers of OUT_CHUNK, a full one yielded at a time. Two
 * are used in turn: undici asks for the next chunk only once the socket has
 * taken the last (over its high-water mark, so it waits for the drain), so a
 * buffer is free again two chunks later. New buffers each time, left to the
 * collector, held 9 MB of ArrayBuffers instead of 4 for a 200 MB file.
 */
class Gather {
    buf = Buffer.allocUnsafeSlow(OUT_CHUNK);
    spare = Buffer.allocUnsafeSlow(OUT_CHUNK);
    n = 0;
    /** What is gathered and not yet handed on. */
    rest() {
        return this.buf.subarray(0, this.n);
    }
    /** Yields each buffer `bytes` fill. */
    *put(bytes) {
        for (let from = 0; from < bytes.length;) {
            const k = bytes.copy(this.buf, this.n, from);
            this.n += k;
            from += k;
            if (this.n === OUT_CHUNK) {
                yield this.buf;
                [this.buf, this.spare] = [this.spare, this.buf];
                this.n = 0;
            }
        }
    }
}
function createBody(source, filename, tag) {
    let sent = 0;
    let failure;
    const prefix = Buffer.from((0,tags/* taggedId */.ae)(tag, ''));
    const comma = Buffer.from(',');
    async function* body() {
        const out = new Gather();
        yield* out.put(Buffer.from('{"requests":['));
        for await (const line of linesOf(source)) {
            if (blank(line))
                continue;
            if (sent > 0)
                yield* out.put(comma);
            const id = (0,line_ids/* customIdAt */.oU)(line);
            if (id && !line.subarray(id.open, id.close).includes(BACKSLASH)) {
                yield* out.put(line.subarray(0, id.open + 1));
                yield* out.put(prefix);
                yield* out.put(line.subarray(id.open + 1));
            }
            else {
                try {
                    yield* out.put(Buffer.from(tagLine(line.toString('utf8'), tag)));
                }
                catch (e) {
                    failure = new Error(`${filename}: request ${sent + 1} of the batch: ${e.message}`);
                    throw failure;
                }
            }
            sent++;
        }
        yield* out.put(Buffer.from(']}'));
        yield out.rest();
    }
    return { chunks: body(), sent: () => sent, failure: () => failure };
}
function blank(line) {
    for (const c of line)
        if (!isSpace(c))
            return false;
    return true;
}
/** A request line with its custom_id tagged, serialized again. */
function tagLine(text, tag) {
    const line = JSON.parse(text);
    if (typeof line !== 'object' || line === null || Array.isArray(line))
        throw new Error('not a JSON object');
    const id = line.custom_id;
    if (typeof id !== 'string')
        throw new Error('custom_id is not a string');
    line.custom_id = (0,tags/* taggedId */.ae)(tag, id);
    return JSON.stringify(line);
}
/** The lines of bytes [start, end) of a file, without their newlines; each valid until the next is asked for. */
async function* linesOf(source) {
    let carry = [];
    for await (const chunk of (0,chunks/* chunksOf */.U_)(source.abs, { start: source.start, end: source.end })) {
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
            const piece = chunk.subarray(start, nl);
            if (carry.length > 0) {
                yield Buffer.concat([...carry, piece]);
                carry = [];
            }
            else
                yield piece;
            start = nl + 1;
        }
        // The chunk's buffer is read into again: keep a copy of a line cut at its end.
        if (start < chunk.length)
            carry.push(Buffer.from(chunk.subarray(start)));
    }
    if (carry.length > 0)
        yield Buffer.concat(carry);
}

// EXTERNAL MODULE: ./src/adapters/rest-errors.ts
var rest_errors = __webpack_require__(60102);
;// CONCATENATED MODULE: ./src/adapters/anthropic-errors.ts


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
    return new errors/* ApiError */.hD(`${what}: Anthropic answered ${status} (${detail}).${hint}`, {
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
    return (0,rest_errors/* lostConnection */.LQ)('the Anthropic API', what, origin, e, unreachable);
}

// EXTERNAL MODULE: ./src/adapters/http.ts
var http = __webpack_require__(93618);
// EXTERNAL MODULE: ./src/adapters/rest.ts
var adapters_rest = __webpack_require__(39300);
;// CONCATENATED MODULE: ./src/adapters/anthropic-http.ts




/**
 * Every call to Anthropic: its headers and its errors worded, over the
 * shared REST caller (rest.ts) and its one retry layer of reads.
 */
/**
 * The API version sent. Not 2026-10-21, the one @anthropic-ai/sdk 1.10 sends:
 * Anthropic's migration guide says that version refuses request lines that set
 * `temperature`, `top_p` or `top_k`, which users' files often do; 2023-06-01
 * takes the lines as Anthropic documents them.
 */
const ANTHROPIC_VERSION = '2023-06-01';
function anthropicHttp({ apiKey, baseUrl, clock, fetch }) {
    // The SDK's base URL has no /v1 (its paths carry it); one copied with it still works.
    const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
    const rest = (0,adapters_rest/* restCaller */.iA)({
        keyHeader: 'x-api-key',
        // content-type on every call, as Anthropic's examples send it.
        headers: {
            'anthropic-version': ANTHROPIC_VERSION,
            accept: 'application/json',
            'content-type': 'application/json',
            'user-agent': 'openai-batch-action'
        },
        isRetryableStatus: isRetryableStatus,
        refused: refused,
        lost: lost
    }, { apiKey, base, clock, fetch });
    return {
        origin: rest.origin,
        url: path => `${base}${path}`,
        call: (what, url, opts) => rest.call(what, url, opts),
        async post(what, url, body) {
            let answer;
            try {
                answer = await (0,http/* postStream */.Z)(url, rest.headers(url), body, undefined, adapters_rest/* TIMEOUT_MS */.rl);
            }
            catch (e) {
                throw lost(what, rest.origin, e, (0,rest_errors/* neverConnected */.i_)(e));
            }
            if (answer.status < 200 || answer.status >= 300)
                throw refused(what, answer.status, answer.text);
            return answer.text;
        }
    };
}
/** The JSON of a 2xx answer, or a retryable ApiError when it is not JSON (a proxy's page, a cut body). */
const json = (what, res) => (0,rest_errors/* jsonFrom */.Dq)("Anthropic's", what, res);
const parseJson = (what, text) => (0,rest_errors/* parseJsonFrom */.CB)("Anthropic's", what, text);

// EXTERNAL MODULE: ./src/adapters/jsonl-split.ts
var jsonl_split = __webpack_require__(64407);
;// CONCATENATED MODULE: ./src/adapters/anthropic-results.ts


/**
 * A batch's results file, one line a request in no particular order, split
 * into the two files the action reads as OpenAI's output and error files:
 * `succeeded` lines, and the rest (errored, canceled, expired). Each line
 * gets the user's own custom_id back (the tag the action sent cut off).
 */
/** A result line with the user's custom_id, and whether it succeeded. */
function restore(text, n) {
    let r;
    try {
        r = JSON.parse(text);
    }
    catch {
        throw new Error(`result line ${n} is not JSON: ${text.slice(0, 100)}`);
    }
    if (typeof r.custom_id === 'string')
        r.custom_id = (0,tags/* readTagged */.hq)(r.custom_id)?.id ?? r.custom_id;
    return { line: JSON.stringify(r), succeeded: r.result?.type === 'succeeded' };
}
/** Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl` (jsonl-split.ts). */
const splitResults = (body, dir, name) => (0,jsonl_split/* splitLines */.u)(body, dir, name, restore);
/** The custom_id of the first line of a body, or undefined when there is none; the rest is not read. */
async function firstCustomId(body) {
    for await (const raw of (0,jsonl_split/* lines */.M)(body)) {
        try {
            const id = JSON.parse(raw.toString('utf8')).custom_id;
            return typeof id === 'string' ? id : undefined;
        }
        catch {
            return undefined;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/adapters/split-download.ts
var split_download = __webpack_require__(48541);
;// CONCATENATED MODULE: ./src/adapters/anthropic-client.ts









const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
const BATCHES = '/v1/messages/batches';
function createAnthropicBatchApi(opts) {
    const { clock, log } = opts;
    const http = anthropicHttp({ ...opts, baseUrl: opts.baseUrl ?? ANTHROPIC_BASE_URL });
    const api = {
        http,
        ledger: new Ledger(log),
        clock,
        log,
        tmpDir: opts.tmpDir ?? external_node_os_.tmpdir(),
        sources: new Map(),
        tags: new Map()
    };
    return {
        recentFiles: since => recentFiles(api, since),
        recentBatches: since => batchPages(api, since),
        uploadFile: async (source, filename) => register(api, source, filename),
        createBatch: req => createBatch(api, req),
        getBatch: async (id) => api.ledger.toBatch(await retrieve(api, id)),
        cancelBatch: async (id) => {
            const what = `Cancelling batch ${id}`;
            const res = await http.call(what, http.url(`${BATCHES}/${enc(id)}/cancel`), {
                method: 'POST',
                notFound: `no batch ${id}`
            });
            return api.ledger.toBatch(await json(what, res));
        },
        // Nothing to delete: requests go inline, and ended batches are kept (phases/clean.ts keepStep says so).
        deleteFile: async () => false,
        download: downloads(api)
    };
}
const enc = encodeURIComponent;
async function retrieve({ http }, id) {
    const what = `Retrieving batch ${id}`;
    const res = await http.call(what, http.url(`${BATCHES}/${enc(id)}`), { notFound: `no batch ${id}` });
    return json(what, res);
}
/**
 * No call: Anthropic takes requests inline. The range is sent by the create.
 * Names carry the content's hash, so two alike are the same bytes; still, a
 * name met again for another range gets an id of its own.
 */
function register({ clock, sources }, source, filename) {
    const same = (id) => {
        const s = sources.get(id)?.source;
        return !s || (s.abs === source.abs && s.start === source.start && s.end === source.end);
    };
    let id = `local:${filename}`;
    for (let n = 2; !same(id); n++)
        id = `local:${filename}#${n}`;
    sources.set(id, { source, filename });
    return { id, filename, bytes: source.end - source.start, createdAt: clock.now(), status: 'processed' };
}
/**
 * One POST, its body streamed from the file; never retried here (phases/once.ts
 * looks for a lost one first: the ledger claims it when listed).
 */
async function createBatch(api, req) {
    const { http, ledger, clock, sources } = api;
    const registered = sources.get(req.inputFileId);
    if (!registered)
        throw new Error(`Creating a batch: ${req.inputFileId} was not registered by uploadFile this run.`);
    const { source, filename } = registered;
    const tag = (0,tags/* tagOf */.Lq)(req.metadata);
    if (!tag)
        throw new Error(`Creating a batch of ${filename}: its metadata carries no tag (too many parts or rounds?),` +
            ' so the action could not find the batch again.');
    const what = `Creating a batch of ${filename}`;
    // Read before anything is sent (a failure here made nothing): what a lost answer's batch is newer than.
    const after = await newestBatch(api);
    const body = createBody(source, filename, tag);
    const attempt = ledger.attempt({
        metadata: req.metadata,
        inputFileId: req.inputFileId,
        after,
        get requests() {
            return body.sent();
        },
        sentAt: clock.now()
    });
    let text;
    try {
        text = await http.post(what, http.url(BATCHES), body.chunks);
    }
    catch (e) {
        const failure = body.failure();
        // Retryable: the answer may be lost after the batch was made; the ledger keeps the attempt to claim it.
        if (failure || !(e instanceof errors/* ApiError */.hD && e.retryable))
            ledger.forget(attempt);
        else
            ledger.lost(attempt);
        throw failure ?? e;
    }
    const b = parseJson(what, text);
    ledger.made(b.id, attempt);
    return ledger.toBatch(b);
}
/** The workspace's newest batch (one call), by the API's clock; undefined when it has none. */
async function newestBatch({ http }) {
    const what = 'Listing batches';
    const page = await json(what, await http.call(what, http.url(`${BATCHES}?limit=1`), {}));
    const b = page.data[0];
    return b ? { id: b.id, created: instant(b.created_at) } : undefined;
}
/** Page by page, newest first, so that the caller decides whether the next one is worth a call. */
async function* batchPages(api, since) {
    for await (const page of rawPages(api, since))
        yield page.map(b => api.ledger.toBatch(b));
}
/** The batches created at or after `since`, as the API shows them, a page (one call) at a time. */
async function* rawPages({ http }, since) {
    let after = null;
    for (;;) {
        const q = new URLSearchParams({
            limit: String(limits/* BATCH_LIST_PAGE */.kA),
            ...(after ? { after_id: after } : {})
        });
        const what = 'Listing batches';
        const page = await json(what, await http.call(what, http.url(`${BATCHES}?${q}`), {}));
        const kept = page.data.filter(b => anthropic_client_seconds(b.created_at) >= since);
        yield kept;
        if (kept.length < page.data.length || !page.has_more || !page.last_id)
            return;
        after = page.last_id;
    }
}
/**
 * Anthropic has no files: each ended batch since `since` stands for one, named
 * by the tag its first result's custom_id carries, so batches are tied to the
 * request files they came from after a lost cache. Untagged batches are not the action's.
 */
async function* recentFiles(api, since) {
    for await (const page of rawPages(api, since))
        for (const raw of page) {
            if (raw.processing_status !== 'ended' || !raw.results_url)
                continue;
            const b = api.ledger.toBatch(raw);
            const tag = await tagOfResults(api, raw.id, raw.results_url);
            if (tag)
                yield { id: b.inputFileId, filename: tag, bytes: 0, createdAt: b.createdAt };
        }
}
/** The tag of a batch's first result line, once a run; its results past that line are not fetched. */
function tagOfResults(api, id, url) {
    let tag = api.tags.get(id);
    if (!tag) {
        tag = (async () => {
            const stop = new AbortController();
            let res;
            try {
                res = await api.http.call(`Reading the results of batch ${id}`, url, { signal: stop.signal });
            }
            catch (e) {
                // Archived (29 days after it ended) or gone: nothing to tie it with, as for another's.
                if (e instanceof errors/* ApiError */.hD && e.status === 404)
                    return undefined;
                throw e;
            }
            try {
                const first = await firstCustomId(res.body);
                return first && (0,tags/* readTagged */.hq)(first) ? first.slice(0, tags/* TAG_PREFIX_LENGTH */.fd - 1) : undefined;
            }
            finally {
                stop.abort();
            }
        })();
        api.tags.set(id, tag);
        tag.catch(() => api.tags.delete(id));
    }
    return tag;
}
/**
 * `<batch id>/succeeded` or `<batch id>/failed`: the batch's results are
 * fetched from the `results_url` it gives (absolute, not built here) and split
 * once a run (split-download.ts); the other kind is then served from disk.
 */
function downloads(api) {
    return (0,split_download/* splitDownloads */.q)({
        ...api,
        parse: (0,split_download/* batchKind */.N)('.+'),
        async open(id) {
            const { results_url } = await retrieve(api, id);
            const what = `Downloading the results of batch ${id}`;
            if (!results_url)
                throw new errors/* ApiError */.hD(`${what}: the batch has no results_url yet (has it ended?).`, { retryable: true });
            const res = await api.http.call(what, results_url, { notFound: `no results for batch ${id}` });
            return res.body;
        },
        split: splitResults
    });
}
const anthropic_client_seconds = (iso) => Math.floor(Date.parse(iso) / 1000);


/***/ }),

/***/ 2197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ contentHash),
/* harmony export */   Lq: () => (/* binding */ tagOf),
/* harmony export */   ae: () => (/* binding */ taggedId),
/* harmony export */   fd: () => (/* binding */ TAG_PREFIX_LENGTH),
/* harmony export */   hq: () => (/* binding */ readTagged),
/* harmony export */   zW: () => (/* binding */ readTag)
/* harmony export */ });
/* unused harmony export MAX_TAGGED */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _limits__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(36419);
/* harmony import */ var _records__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(82840);



/**
 * The tag a provider without batch metadata (Anthropic) carries in every
 * custom_id it is sent: `<tag>_<the user's custom_id>`. Results show the
 * custom_ids, so an ended batch says which content it stands for, and the
 * user's ids come back by cutting the tag off.
 *
 * A tag is 11 characters: 8 hex of sha256(scope, path, content sha256),
 * then the retry round, the part and the count of parts, one base-36 digit
 * each. What it stands for is found by hashing the present files the same way.
 */
/** The characters a tag and its separator take from a custom_id. */
const TAG_PREFIX_LENGTH = _limits__WEBPACK_IMPORTED_MODULE_1__/* .CustomIdLimits */ .d7.tagPrefix;
/** The most rounds, parts and parts of a content one base-36 digit holds. */
const MAX_TAGGED = 35;
const TAG = '([0-9a-f]{8})([0-9a-z])([1-9a-z])([1-9a-z])';
const TAGGED = new RegExp(`^${TAG}_(.+)$`);
const BARE = new RegExp(`^${TAG}$`);
/** The 8 hex digits that stand for a content of a scope. */
const contentHash = (scope, path, sha256) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`${scope}\n${path}\n${sha256}`).digest('hex').slice(0, 8);
/**
 * The tag of the batch that batch metadata (records.ts `batchMetadata`)
 * describes, or undefined when it is not the action's or is past MAX_TAGGED.
 */
function tagOf(metadata) {
    const scope = metadata[_records__WEBPACK_IMPORTED_MODULE_2__/* .MetadataKeys */ .yg.Scope];
    const path = metadata[_records__WEBPACK_IMPORTED_MODULE_2__/* .MetadataKeys */ .yg.Path];
    const sha256 = metadata[_records__WEBPACK_IMPORTED_MODULE_2__/* .MetadataKeys */ .yg.Sha256];
    const part = /^(\d+)\/(\d+)$/.exec(metadata[_records__WEBPACK_IMPORTED_MODULE_2__/* .MetadataKeys */ .yg.Part] ?? '1/1');
    const round = Number(metadata[_records__WEBPACK_IMPORTED_MODULE_2__/* .MetadataKeys */ .yg.Round] ?? '0');
    if (scope === undefined || !path || !sha256 || !part)
        return undefined;
    const [p, n] = [Number(part[1]), Number(part[2])];
    if (round > MAX_TAGGED || n > MAX_TAGGED || p < 1 || p > n)
        return undefined;
    return `${contentHash(scope, path, sha256)}${round.toString(36)}${p.toString(36)}${n.toString(36)}`;
}
/** `<tag>_<id>`: the custom_id sent for the user's `id`. */
const taggedId = (tag, id) => `${tag}_${id}`;
/** What a bare tag (as a batch's label) says, or undefined when `label` is not one. */
const readTag = (label) => tagFrom(BARE.exec(label));
/** The tag and the user's custom_id in a custom_id the action sent, or undefined for another's. */
function readTagged(customId) {
    const m = TAGGED.exec(customId);
    const tag = tagFrom(m);
    return tag ? { tag, id: m[5] } : undefined;
}
function tagFrom(m) {
    if (!m)
        return undefined;
    const [round, part, parts] = [m[2], m[3], m[4]].map(d => parseInt(d, 36));
    return part > parts ? undefined : { content: m[1], round, part, parts };
}


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

/***/ 74496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Df: () => (/* binding */ responseUsage),
/* harmony export */   E9: () => (/* binding */ geminiFailure),
/* harmony export */   IO: () => (/* binding */ requestBody),
/* harmony export */   W9: () => (/* binding */ lineId),
/* harmony export */   cM: () => (/* binding */ responseBody),
/* harmony export */   f2: () => (/* binding */ isRetryableLine),
/* harmony export */   je: () => (/* binding */ responseModel),
/* harmony export */   xl: () => (/* binding */ anthropicFailure)
/* harmony export */ });
/* unused harmony export isSucceededLine */
/**
 * What a request line and a result line say, in each provider's own shape:
 * OpenAI's `{custom_id, response: {status_code, body}, error}`,
 * Anthropic's `{custom_id, result: {type, message | error}}` and Gemini's
 * `{key, response}` or `{key, error: {code, message, status}}`. A line says
 * whose it is by its fields, so a results file reads the same whichever
 * provider wrote it; nothing else looks inside them.
 */
const obj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
const str = (v) => (typeof v === 'string' ? v : undefined);
/** A Gemini line (request or result): it is joined on `key`, and holds no custom_id. */
const geminiLine = (line) => line !== undefined && typeof line.key === 'string' && !('custom_id' in line) ? line : undefined;
/** The id a line is joined on: OpenAI's and Anthropic's `custom_id`, Gemini's `key`. */
const lineId = (line) => str(line?.custom_id) ?? str(geminiLine(line)?.key);
/** The body of a request line: OpenAI's `body`, Anthropic's `params`, Gemini's `request`. */
const requestBody = (request) => obj(request?.body) ?? obj(request?.params) ?? obj(geminiLine(request)?.request);
/** Anthropic's result of a line, when it is one of theirs. */
const anthropicResult = (line) => {
    const result = obj(line?.result);
    return typeof result?.type === 'string' ? result : undefined;
};
/**
 * The response body of a result line: OpenAI's `response.body`, Anthropic's succeeded `message`,
 * Gemini's `response` (a GenerateContentResponse, also when blocked: its usage still counts).
 */
function responseBody(line) {
    const result = anthropicResult(line);
    if (result)
        return obj(result.message);
    const gemini = geminiLine(line);
    if (gemini)
        return obj(gemini.response);
    return obj(obj(line?.response)?.body);
}
/** A response body's usage: OpenAI's and Anthropic's `usage`, Gemini's `usageMetadata` (cost/usage.ts reads either). */
const responseUsage = (body) => obj(body?.usage) ?? obj(body?.usageMetadata);
/** The model a response body names: `model`, Gemini's `modelVersion`. */
const responseModel = (body) => str(body?.model) ?? str(body?.modelVersion);
/**
 * Gemini's error statuses that may pass when sent again (google.rpc.Code): unavailable, out of
 * quota, failing, timed out. A line's `error.code` is the gRPC code, not an HTTP status: the status is read.
 */
const GEMINI_RETRYABLE = new Set([
    'UNAVAILABLE',
    'RESOURCE_EXHAUSTED',
    'INTERNAL',
    'DEADLINE_EXCEEDED'
]);
/** Why a Gemini result line did not succeed, or undefined when it did (or is not Gemini's). */
function geminiFailure(line) {
    const gemini = geminiLine(line);
    if (!gemini)
        return undefined;
    const error = obj(gemini.error);
    if (error)
        return [str(error.status), str(error.message)].filter(Boolean).join(': ') || 'error';
    const response = obj(gemini.response);
    if (!response)
        return 'no response';
    const candidates = response.candidates;
    if (Array.isArray(candidates) && candidates.length > 0)
        return undefined;
    // A prompt blocked before any answer: promptFeedback says why.
    const reason = str(obj(response.promptFeedback)?.blockReason);
    return reason ? `blocked: ${reason}` : 'no candidates';
}
/**
 * Whether a result line holds an answer: the split of a provider's output into results and
 * errors. Gemini's responses with no candidates (a blocked prompt) are failures.
 */
function isSucceededLine(line) {
    if (!line)
        return false;
    const result = anthropicResult(line);
    if (result)
        return result.type === 'succeeded';
    if (geminiLine(line))
        return geminiFailure(line) === undefined;
    const status = obj(line.response)?.status_code;
    return (line.error === undefined || line.error === null) && typeof status === 'number' && status < 400;
}
/**
 * Errors of Anthropic's that may pass when sent again
 * (platform.claude.com/docs/en/api/errors): overloaded, internal, rate-limited, timed out.
 */
const ANTHROPIC_RETRYABLE = new Set([
    'overloaded_error',
    'api_error',
    'rate_limit_error',
    'timeout_error'
]);
/** OpenAI's error codes of lines that may succeed when sent again. */
const OPENAI_RETRYABLE = new Set(['batch_expired', 'request_timeout']);
/** The type of an Anthropic errored result's error (`result.error.error.type`). */
const anthropicErrorType = (result) => str(obj(obj(result.error)?.error)?.type);
/**
 * Whether a result line failed for a reason that may pass on a retry: expiry,
 * a timeout, an overloaded or failing API (OpenAI: 429 or 5xx).
 */
function isRetryableLine(line) {
    const gemini = geminiLine(line);
    if (gemini) {
        const status = str(obj(gemini.error)?.status);
        return status !== undefined && GEMINI_RETRYABLE.has(status);
    }
    const result = anthropicResult(line);
    if (result) {
        if (result.type === 'expired')
            return true;
        const type = result.type === 'errored' ? anthropicErrorType(result) : undefined;
        return type !== undefined && ANTHROPIC_RETRYABLE.has(type);
    }
    const error = obj(line?.error);
    if (typeof error?.code === 'string' && OPENAI_RETRYABLE.has(error.code))
        return true;
    const status = obj(line?.response)?.status_code;
    return typeof status === 'number' && (status === 429 || status >= 500);
}
/** Why an Anthropic result line did not succeed, or undefined when it did (or is not Anthropic's). */
function anthropicFailure(line) {
    const result = anthropicResult(line);
    if (!result || result.type === 'succeeded')
        return undefined;
    if (result.type !== 'errored')
        return String(result.type);
    const error = obj(obj(result.error)?.error);
    return [str(error?.type), str(error?.message)].filter(Boolean).join(': ') || 'errored';
}


/***/ }),

/***/ 81603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ parseLine),
/* harmony export */   C2: () => (/* reexport safe */ _core_requests_id_log__WEBPACK_IMPORTED_MODULE_1__.C2),
/* harmony export */   JH: () => (/* binding */ customId),
/* harmony export */   QW: () => (/* binding */ lineKey),
/* harmony export */   W9: () => (/* reexport safe */ _core_requests_result_line__WEBPACK_IMPORTED_MODULE_0__.W9),
/* harmony export */   oU: () => (/* binding */ customIdAt)
/* harmony export */ });
/* harmony import */ var _core_requests_id_log__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(55174);
/* harmony import */ var _core_requests_result_line__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74496);


/**
 * What a JSONL line holds: the parsed object, or its id found from its bytes: the `custom_id` of
 * OpenAI's and Anthropic's lines, the `key` of Gemini's (core/requests/result-line.ts's lineId,
 * for a parsed line). Every join of results to requests goes through these.
 */
// lineKey's hash, for an id already parsed: the two must agree.

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
/** The names a line's id goes by, custom_id first (a Gemini line has no custom_id). */
const KEYS = [Buffer.from('"custom_id"'), Buffer.from('"key"')];
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
 * Where the top-level `custom_id` of a JSON line has its string value, else its `key`'s (Gemini):
 * the index of its opening quote, or -1. Scans the bytes up to it rather than parsing the line:
 * results are often tens of kilobytes a line, and their ids come first. A custom_id wins over a
 * key wherever it is, as lineId does: an OpenAI line may hold a field named key, and its results
 * are joined on its custom_id; so a Gemini line is scanned to its end.
 */
function idAt(line) {
    let depth = 0;
    let key = -1;
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
            return key;
        const name = depth === 1 ? KEYS.findIndex(k => end - i === k.length && line.compare(k, 0, k.length, i, end) === 0) : -1;
        i = end;
        if (name < 0)
            continue;
        let j = end;
        while (isSpace(line[j]))
            j++;
        if (line[j] !== 0x3a)
            continue; // a value that reads "custom_id" or "key", not the key
        j++;
        while (isSpace(line[j]))
            j++;
        if (name === 0)
            return line[j] === QUOTE ? j : -1;
        if (line[j] === QUOTE && key < 0)
            key = j;
        i = j;
    }
    return key;
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
/**
 * Where the top-level `custom_id` string of a JSON line is: `open` its opening
 * quote, `close` just past its closing quote; undefined when there is none.
 */
function customIdAt(line) {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    return close < 0 ? undefined : { open, close };
}
/** The top-level `custom_id` (Gemini: `key`) of a JSON line, when it is a string. */
function customId(line) {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    return close < 0 ? undefined : stringAt(line, open, close);
}
/**
 * The id hash of a line, or -1 when it names no custom_id (nor key). A plain ASCII id
 * (the usual kind) is hashed from its bytes, making no string a line
 * (BENCHMARKS.md, "Collecting a million").
 */
const lineKey = (line) => {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    if (close < 0)
        return -1;
    const fast = (0,_core_requests_id_log__WEBPACK_IMPORTED_MODULE_1__/* .asciiIdHash */ .Fc)(line, open + 1, close - 1);
    if (fast >= 0)
        return fast;
    const id = stringAt(line, open, close);
    return id === undefined ? -1 : (0,_core_requests_id_log__WEBPACK_IMPORTED_MODULE_1__/* .idHash */ .C2)(id);
};


/***/ })

};
