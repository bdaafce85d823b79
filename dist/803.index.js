export const id = 803;
export const ids = [803];
export const modules = {

/***/ 64789:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ CreateAttempts)
/* harmony export */ });
/**
 * The creates a run sent whose batch it does not know yet, shared by the
 * ledgers of the REST providers (anthropic-batches.ts, gemini-batches.ts):
 * when a create's answer is lost, a batch listed later that fits it is taken
 * for its own, so that the caller does not create a second one. What "fits"
 * is each provider's.
 */
class CreateAttempts {
    attempts = [];
    /** A create about to be sent. */
    attempt(a) {
        this.attempts.push(a);
        return a;
    }
    /**
     * A create whose answer was lost: from now on an unknown batch like it is
     * taken for its own. Not before: a batch of a create still waiting for its
     * answer must not be taken for another's.
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
    /** The first lost attempt that `fits`, taken off the list: the create that made the batch. */
    takeLost(fits) {
        const i = this.attempts.findIndex(a => a.lost === true && fits(a));
        return i < 0 ? undefined : this.attempts.splice(i, 1)[0];
    }
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

/***/ 64407:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ lines),
/* harmony export */   u: () => (/* binding */ splitLines)
/* harmony export */ });
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * A body of lines streamed into two files by a predicate, for the providers
 * whose batch has one results file (Anthropic, Gemini); each says how a line
 * is classed (and rewritten) in its own results file.
 */
/** The lines of a body of bytes, without their newlines; a line may be a view of the body's chunk. */
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
const NL = Buffer.from('\n');
/** A file written through a stream, with the stream's backpressure. */
class Out {
    file;
    stream;
    constructor(file) {
        this.file = file;
        this.stream = node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream(file);
    }
    async write(line) {
        // A Buffer is written as is, its newline after: the second write's answer says for both.
        if (typeof line !== 'string')
            this.stream.write(line);
        if (!this.stream.write(typeof line === 'string' ? `${line}\n` : NL))
            await (0,node_events__WEBPACK_IMPORTED_MODULE_0__.once)(this.stream, 'drain');
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
async function splitLines(body, dir, name, classify) {
    const done = {
        succeeded: node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, `${name}.succeeded.jsonl`),
        failed: node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, `${name}.failed.jsonl`)
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
            const { line, succeeded } = classify(text, n, raw);
            await (succeeded ? ok : bad).write(line);
        }
        await ok.close();
        await bad.close();
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.rename(ok.file, done.succeeded);
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.rename(bad.file, done.failed);
        return done;
    }
    catch (e) {
        ok.destroy();
        bad.destroy();
        await Promise.all([ok.file, bad.file].map(f => node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.rm(f, { force: true })));
        throw e;
    }
}


/***/ }),

/***/ 60102:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CB: () => (/* binding */ parseJsonFrom),
/* harmony export */   Dq: () => (/* binding */ jsonFrom),
/* harmony export */   LQ: () => (/* binding */ lostConnection),
/* harmony export */   i_: () => (/* binding */ neverConnected)
/* harmony export */ });
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

/**
 * The wording shared by the REST providers (Anthropic, Gemini): lost
 * connections, and answers that are not JSON. Each provider names itself;
 * its refusals (statuses, hints) stay in its own errors file.
 */
/**
 * `what` got no answer from `origin` of `api` ("the Anthropic API").
 * `unreachable` (the run stops) after the retries of a read, or when the host
 * refused the connection; a create whose connection broke after its body went
 * may have been applied, and is looked for.
 */
function lostConnection(api, what, origin, e, unreachable) {
    const why = connectionMessage(e);
    const text = unreachable
        ? `${what}: could not reach ${api} at ${origin} (${why}). Check base-url and the runner's network.`
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
/**
 * The JSON of a 2xx answer from `who` ("Anthropic's"), or a retryable
 * ApiError when it is not JSON (a proxy's page, a cut body).
 */
async function jsonFrom(who, what, res) {
    let text;
    try {
        text = await res.text();
    }
    catch (e) {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${what}: the answer broke off (${(0,_core_errors__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}).`, { status: res.status, retryable: true });
    }
    return parseJsonFrom(who, what, text);
}
function parseJsonFrom(who, what, text) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new _core_errors__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${what}: ${who} answer was not JSON (${text.slice(0, 200)}).`, { retryable: true });
    }
}


/***/ }),

/***/ 39300:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   iA: () => (/* binding */ restCaller),
/* harmony export */   kd: () => (/* binding */ MAX_RETRIES),
/* harmony export */   rl: () => (/* binding */ TIMEOUT_MS)
/* harmony export */ });
/* unused harmony export waitMs */
/* harmony import */ var _core_backoff__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93915);
/* harmony import */ var _http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93618);
/* harmony import */ var _rest_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60102);



/**
 * The REST caller the raw-HTTP providers (Anthropic, Gemini) share: the key
 * sent only to the base URL's origin, redirects followed by hand, a timeout on
 * the answer's start, and the one retry layer of reads (creates are retried by
 * phases/once.ts, which looks for a lost one first). What differs per provider
 * (its key header, fixed headers, error wording, retry hints) is a RestProvider.
 */
/** Retries of a read after its first try. */
const MAX_RETRIES = 4;
/** The longest wait a `retry-after` header or a provider's retry hint can ask for, in milliseconds. */
const MAX_RETRY_AFTER_MS = 60_000;
/** A call whose answer does not begin in this long is given up (and a read retried). */
const TIMEOUT_MS = 10 * 60 * 1000;
function restCaller(provider, { apiKey, base, clock, fetch = _http__WEBPACK_IMPORTED_MODULE_0__/* .proxiedFetch */ .i }) {
    const origin = new URL(base).origin;
    const headers = (url, more = {}) => ({
        ...(new URL(url).origin === origin ? { [provider.keyHeader]: apiKey } : {}),
        ...provider.headers,
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
     * on the way to another origin, and would take the key header along.
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
                        throw provider.lost(what, new URL(url).origin, e, true);
                    await clock.sleep((0,_core_backoff__WEBPACK_IMPORTED_MODULE_2__/* .backoffMs */ .j)(n));
                    continue;
                }
                if (res.ok)
                    return res;
                const text = await res.text().catch(() => '');
                if (last || !provider.isRetryableStatus(res.status))
                    throw provider.refused(what, res.status, text, opts.notFound);
                await clock.sleep(waitMs(res.headers.get('retry-after'), text, provider.retryDelayMs) ?? (0,_core_backoff__WEBPACK_IMPORTED_MODULE_2__/* .backoffMs */ .j)(n));
            }
        },
        async once(what, url, opts) {
            let res;
            try {
                res = await follow(url, opts);
            }
            catch (e) {
                throw provider.lost(what, origin, e, (0,_rest_errors__WEBPACK_IMPORTED_MODULE_1__/* .neverConnected */ .i_)(e));
            }
            if (res.ok)
                return res;
            throw provider.refused(what, res.status, await res.text().catch(() => ''), opts.notFound);
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
/** The wait a `retry-after` of seconds or the body's own hint asks for, capped; undefined when neither says. */
function waitMs(retryAfter, body, fromBody = () => undefined) {
    const header = retryAfter !== null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
    const ms = header ?? fromBody(body);
    return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}


/***/ }),

/***/ 48541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ batchKind),
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
/** A SplitSource's parse for ids `<batch>/succeeded` and `<batch>/failed`, the batch matching `batch` (a regex source). */
function batchKind(batch) {
    const re = new RegExp(`^(${batch})\\/(succeeded|failed)$`);
    return fileId => {
        const m = re.exec(fileId);
        return m ? { id: m[1], kind: m[2] } : undefined;
    };
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
