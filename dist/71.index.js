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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/limits.ts
var limits = __webpack_require__(36419);
// EXTERNAL MODULE: ./src/core/remote/tags.ts
var tags = __webpack_require__(2197);
;// CONCATENATED MODULE: ./src/adapters/anthropic-batches.ts
/**
 * A batch made by a create whose answer was lost can show up before the API
 * has it listed, and clocks differ: one created this long before the create
 * was sent may still be its batch.
 */
const CLOCK_SLACK_S = 60;
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);
/** The total of a batch's requests, whatever their state. */
function total(b) {
    const c = b.request_counts;
    return c.processing + c.succeeded + c.errored + c.canceled + c.expired;
}
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
    made(id, a) {
        this.forget(a);
        this.known.set(id, { metadata: a.metadata, inputFileId: a.inputFileId });
    }
    /**
     * A create whose answer was lost: from now on an unknown batch like it is
     * taken for its own. Not before: a batch of a create still waiting for its
     * answer must not be taken for another's of the same size.
     */
    lost(a) {
        a.lost = true;
    }
    /** A create refused, or never sent in full: it made no batch. */
    forget(a) {
        const i = this.attempts.indexOf(a);
        if (i >= 0)
            this.attempts.splice(i, 1);
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
        const i = this.attempts.findIndex(a => a.lost && created >= a.sentAt - CLOCK_SLACK_S && a.requests === n);
        if (i < 0)
            return undefined;
        const [a] = this.attempts.splice(i, 1);
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

// EXTERNAL MODULE: ./src/core/backoff.ts
var backoff = __webpack_require__(93915);
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
    const why = connectionMessage(e);
    const text = unreachable
        ? `${what}: could not reach the Anthropic API at ${origin} (${why}). Check base-url and the runner's network.`
        : `${what}: the connection to ${origin} broke before the answer came (${why}).`;
    return new errors/* ApiError */.hD(text, { retryable: true, unreachable });
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

// EXTERNAL MODULE: ./src/adapters/http.ts
var adapters_http = __webpack_require__(93618);
;// CONCATENATED MODULE: ./src/adapters/anthropic-http.ts




/**
 * Every call to Anthropic: its headers, its errors worded, and the one retry
 * layer of reads (creates are retried by phases/once.ts, which looks for a
 * lost one first).
 */
/**
 * The API version sent. Not 2026-10-21, the one @anthropic-ai/sdk 1.10 sends:
 * Anthropic's migration guide says that version refuses request lines that set
 * `temperature`, `top_p` or `top_k`, which users' files often do; 2023-06-01
 * takes the lines as Anthropic documents them.
 */
const ANTHROPIC_VERSION = '2023-06-01';
/** Retries of a read after its first try. */
const MAX_RETRIES = 4;
/** The longest wait a `retry-after` header can ask for, in seconds. */
const MAX_RETRY_AFTER_S = 60;
/** A call whose answer does not begin in this long is given up (and a read retried). */
const TIMEOUT_MS = 10 * 60 * 1000;
function anthropicHttp({ apiKey, baseUrl, clock, fetch }) {
    // The SDK's base URL has no /v1 (its paths carry it); one copied with it still works.
    const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
    const origin = new URL(base).origin;
    // content-type on every call, as Anthropic's examples send it; the key only to the base URL's origin.
    const headers = (url) => ({
        ...(new URL(url).origin === origin ? { 'x-api-key': apiKey } : {}),
        'anthropic-version': ANTHROPIC_VERSION,
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': 'openai-batch-action'
    });
    const once = (url, opts) => timed(opts.signal, signal => fetch(url, { method: opts.method ?? 'GET', headers: headers(url), redirect: 'manual', signal }));
    /**
     * Redirects followed here, not by fetch: fetch drops only `authorization`
     * on the way to another origin, and would take x-api-key along.
     */
    const follow = async (url, opts) => {
        let res = await once(url, opts);
        for (let hops = 0; REDIRECTS.has(res.status) && hops < MAX_REDIRECTS; hops++) {
            const location = res.headers.get('location');
            if (!location)
                break;
            await res.body?.cancel();
            res = await once(new URL(location, url).href, { ...opts, method: res.status === 303 ? 'GET' : opts.method });
        }
        return res;
    };
    return {
        origin,
        url: path => `${base}${path}`,
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
                await clock.sleep(retryAfterMs(res.headers.get('retry-after')) ?? (0,backoff/* backoffMs */.j)(n));
            }
        },
        async post(what, url, body) {
            let answer;
            try {
                answer = await (0,adapters_http/* postStream */.Z)(url, headers(url), body, undefined, TIMEOUT_MS);
            }
            catch (e) {
                throw lost(what, origin, e, neverConnected(e));
            }
            if (answer.status < 200 || answer.status >= 300)
                throw refused(what, answer.status, answer.text);
            return answer.text;
        }
    };
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/**
 * `call` with a signal that aborts it when no answer (headers) came in
 * TIMEOUT_MS, or when `outer` aborts; the body may take longer: a results
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
/** A `retry-after` of seconds, capped; undefined when absent or not seconds. */
function retryAfterMs(header) {
    if (header === null || !/^\d+(\.\d+)?$/.test(header.trim()))
        return undefined;
    return Math.min(Number(header), MAX_RETRY_AFTER_S) * 1000;
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
        throw new errors/* ApiError */.hD(`${what}: Anthropic's answer was not JSON (${text.slice(0, 200)}).`, { retryable: true });
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
;// CONCATENATED MODULE: ./src/adapters/anthropic-results.ts




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
/** A file written through a stream, with the stream's backpressure. */
class Out {
    file;
    stream;
    constructor(file) {
        this.file = file;
        this.stream = external_node_fs_.createWriteStream(file);
    }
    async write(line) {
        if (!this.stream.write(`${line}\n`))
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
/**
 * Splits `body` into `<dir>/<name>.succeeded.jsonl` and `<name>.failed.jsonl`.
 * Written to temporary names and renamed once complete: a body that breaks off
 * leaves nothing half-made, and the caller downloads again from the start.
 */
async function splitResults(body, dir, name) {
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
            const { line, succeeded } = restore(text, n);
            await (succeeded ? ok : bad).write(line);
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
/** The custom_id of the first line of a body, or undefined when there is none; the rest is not read. */
async function firstCustomId(body) {
    for await (const raw of lines(body)) {
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

;// CONCATENATED MODULE: ./src/adapters/anthropic-client.ts












const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
const BATCHES = '/v1/messages/batches';
function createAnthropicBatchApi(opts) {
    const { clock, log } = opts;
    const http = anthropicHttp({
        apiKey: opts.apiKey,
        baseUrl: opts.baseUrl ?? ANTHROPIC_BASE_URL,
        clock,
        fetch: opts.fetch ?? adapters_http/* proxiedFetch */.i
    });
    const api = {
        http,
        ledger: new Ledger(log),
        clock,
        log,
        tmpDir: opts.tmpDir ?? external_node_os_.tmpdir(),
        sources: new Map(),
        splits: new Map(),
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
        deleteFile: async () => undefined,
        download: fileId => download(api, fileId)
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
async function createBatch({ http, ledger, clock, sources }, req) {
    const registered = sources.get(req.inputFileId);
    if (!registered)
        throw new Error(`Creating a batch: ${req.inputFileId} was not registered by uploadFile this run.`);
    const { source, filename } = registered;
    const tag = (0,tags/* tagOf */.Lq)(req.metadata);
    if (!tag)
        throw new Error(`Creating a batch of ${filename}: its metadata carries no tag (too many parts or rounds?),` +
            ' so the action could not find the batch again.');
    const what = `Creating a batch of ${filename}`;
    const body = createBody(source, filename, tag);
    const attempt = ledger.attempt({
        metadata: req.metadata,
        inputFileId: req.inputFileId,
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
 * once a run; the other kind is then served from disk.
 */
async function download(api, fileId) {
    const m = /^(.+)\/(succeeded|failed)$/.exec(fileId);
    if (!m)
        throw new Error(`Downloading ${fileId}: not a file of an Anthropic batch (<batch id>/succeeded or /failed).`);
    const [, id, kind] = m;
    let split = api.splits.get(id);
    if (!split) {
        split = fetchSplit(api, id);
        api.splits.set(id, split);
        // A broken-off body is downloaded again by the caller's next try.
        split.catch(() => api.splits.delete(id));
    }
    const file = (await split)[kind];
    const { size } = await external_node_fs_.promises.stat(file);
    return { body: external_node_stream_.Readable.toWeb(external_node_fs_.createReadStream(file)), length: size };
}
async function fetchSplit(api, id) {
    const { results_url } = await retrieve(api, id);
    const what = `Downloading the results of batch ${id}`;
    if (!results_url)
        throw new errors/* ApiError */.hD(`${what}: the batch has no results_url yet (has it ended?).`, { retryable: true });
    const res = await api.http.call(what, results_url, { notFound: `no results for batch ${id}` });
    await external_node_fs_.promises.mkdir(api.tmpDir, { recursive: true });
    const dir = await external_node_fs_.promises.mkdtemp(external_node_path_.join(api.tmpDir, 'oba-anthropic-'));
    try {
        return await splitResults(res.body, dir, id);
    }
    catch (e) {
        await external_node_fs_.promises.rm(dir, { recursive: true, force: true });
        throw e instanceof errors/* ApiError */.hD ? e : new errors/* ApiError */.hD(`${what}: ${(0,errors/* errorMessage */.gJ)(e)}`, { retryable: true });
    }
}
const anthropic_client_seconds = (iso) => Math.floor(Date.parse(iso) / 1000);


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

/***/ 93915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ backoffMs)
/* harmony export */ });
/** Exponential backoff for attempt `n` (0-based): 1 s, 2 s, 4 s, ... capped at 30 s. */
const backoffMs = (n) => Math.min(30_000, 1000 * 2 ** n);


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


/***/ }),

/***/ 81603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ parseLine),
/* harmony export */   C2: () => (/* reexport safe */ _core_requests_id_log__WEBPACK_IMPORTED_MODULE_0__.C2),
/* harmony export */   JH: () => (/* binding */ customId),
/* harmony export */   QW: () => (/* binding */ lineKey),
/* harmony export */   oU: () => (/* binding */ customIdAt)
/* harmony export */ });
/* harmony import */ var _core_requests_id_log__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55174);

/** What a JSONL line holds: the parsed object, or its custom_id found from its bytes. */
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
/**
 * Where the top-level `custom_id` string of a JSON line is: `open` its opening
 * quote, `close` just past its closing quote; undefined when there is none.
 */
function customIdAt(line) {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    return close < 0 ? undefined : { open, close };
}
/** The top-level `custom_id` of a JSON line, when it is a string. */
function customId(line) {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    return close < 0 ? undefined : stringAt(line, open, close);
}
/**
 * The id hash of a line, or -1 when it names no custom_id. A plain ASCII id
 * (the usual kind) is hashed from its bytes, making no string a line
 * (BENCHMARKS.md, "Collecting a million").
 */
const lineKey = (line) => {
    const open = idAt(line);
    const close = open < 0 ? -1 : stringEnd(line, open);
    if (close < 0)
        return -1;
    const fast = (0,_core_requests_id_log__WEBPACK_IMPORTED_MODULE_0__/* .asciiIdHash */ .Fc)(line, open + 1, close - 1);
    if (fast >= 0)
        return fast;
    const id = stringAt(line, open, close);
    return id === undefined ? -1 : (0,_core_requests_id_log__WEBPACK_IMPORTED_MODULE_0__/* .idHash */ .C2)(id);
};


/***/ })

};
