export const id = 664;
export const ids = [664];
export const modules = {

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
