export const id = 937;
export const ids = [937];
export const modules = {

/***/ 67937:
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
        const at = instant(b.created_at);
        // Newer than the newest batch listed before the create, by the API's clock: never one made
        // before it (another file's, of the same size, by the run before: chaos found that).
        // Strictly: batches made in one millisecond (two files' creates side by side) cannot be told apart,
        // and a create is sent a round trip after the look, so its batch is made later.
        const newer = (a) => (a.after ? at > a.after.created : true);
        const i = this.attempts.findIndex(a => a.lost && created >= a.sentAt - CLOCK_SLACK_S && newer(a) && a.requests === n);
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
// EXTERNAL MODULE: ./src/adapters/anthropic-errors.ts
var anthropic_errors = __webpack_require__(82806);
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
                        throw (0,anthropic_errors/* lost */.DU)(what, new URL(url).origin, e, true);
                    await clock.sleep((0,backoff/* backoffMs */.j)(n));
                    continue;
                }
                if (res.ok)
                    return res;
                const text = await res.text().catch(() => '');
                if (last || !(0,anthropic_errors/* isRetryableStatus */.PS)(res.status))
                    throw (0,anthropic_errors/* refused */.J5)(what, res.status, text, opts.notFound);
                await clock.sleep(retryAfterMs(res.headers.get('retry-after')) ?? (0,backoff/* backoffMs */.j)(n));
            }
        },
        async post(what, url, body) {
            let answer;
            try {
                answer = await (0,adapters_http/* postStream */.Z)(url, headers(url), body, undefined, TIMEOUT_MS);
            }
            catch (e) {
                throw (0,anthropic_errors/* lost */.DU)(what, origin, e, (0,anthropic_errors/* neverConnected */.i_)(e));
            }
            if (answer.status < 200 || answer.status >= 300)
                throw (0,anthropic_errors/* refused */.J5)(what, answer.status, answer.text);
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
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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

// EXTERNAL MODULE: ./src/adapters/split-download.ts
var split_download = __webpack_require__(48541);
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
 * once a run; the other kind is then served from disk.
 */
/** Each batch's results, split once a run (split-download.ts): a results_url followed as the API gives it. */
function downloads(api) {
    return (0,split_download/* splitDownloads */.q)({
        clock: api.clock,
        log: api.log,
        tmpDir: api.tmpDir,
        parse: fileId => {
            const m = /^(.+)\/(succeeded|failed)$/.exec(fileId);
            return m ? { id: m[1], kind: m[2] } : undefined;
        },
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


/***/ })

};
