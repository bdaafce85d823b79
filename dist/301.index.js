export const id = 301;
export const ids = [301];
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


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// UNUSED EXPORTS: liveSteps, planSteps

// EXTERNAL MODULE: ./src/core/limits.ts
var limits = __webpack_require__(36419);
// EXTERNAL MODULE: ./src/core/report/batch-rows.ts
var batch_rows = __webpack_require__(71170);
// EXTERNAL MODULE: ./src/core/cost/spend.ts
var spend = __webpack_require__(4409);
// EXTERNAL MODULE: ./src/core/state/state.ts
var state_state = __webpack_require__(46624);
;// CONCATENATED MODULE: ./src/core/report/outcome.ts



/**
 * Past this many tracked batches, the summary and the `batches` output count settled ones the run
 * did not touch instead of listing them. GitHub keeps 1 MB of a job's outputs (docs: workflow
 * syntax, jobs.<job_id>.outputs), less than a year of batches takes (BENCHMARKS.md, "A year of state").
 */
const LIST_ALL_UP_TO = 1000;
/** The batches to list, and how many settled ones the run did not touch are only counted. */
function listed(state, touched) {
    const own = state.batches.filter(b => !b.superseded);
    if (own.length <= LIST_ALL_UP_TO)
        return { shown: own, unlisted: 0 };
    const ids = new Set(touched.map(b => b.batchId));
    const shown = own.filter(b => !(0,state_state/* isFinal */.dR)(b.status) || !b.collected || ids.has(b.batchId));
    return { shown, unlisted: own.length - shown.length };
}
/** What became of an invalid file: a plan uploads nothing anyway. */
const refusal = (run) => run.dryRun || run.mode === 'plan' ? 'a submit would refuse it' : 'it was not uploaded';
/** Files whose listed batches are all for content they no longer hold: gone, or changed (see RunReport.stale). */
function staleFiles(shown, present, sourceDir) {
    const current = new Set(shown.filter(b => !b.outside && present.get(b.path) === b.sha256).map(b => b.path));
    const out = new Map();
    for (const b of shown)
        if (!b.outside && !current.has(b.path))
            out.set(`${sourceDir}/${b.path}`, present.has(b.path) ? 'changed' : 'missing');
    return out;
}
/** The step's failure: each failure not annotated yet in full, the annotated ones by file (one message each). */
function failed(failures) {
    const files = [...new Set(failures.filter(f => f.annotated).map(f => f.file))];
    const named = files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ');
    return [
        ...failures.filter(f => !f.annotated).map(f => f.message),
        ...(files.length > 0 ? [`Failed for ${named}: see the annotations above and the job summary.`] : [])
    ];
}
function outcome(p, run, price) {
    const { state } = p;
    const invalid = run.sources.filter(s => s.problems.length > 0);
    // An invalid file fails the runs that would submit it; a collect only warns, so it does not fail every scheduled run.
    const refused = run.mode === 'collect' ? [] : invalid.map(f => `${f.file} is invalid (see the annotations); ${refusal(run)}.`);
    const present = new Map(run.sources.map(s => [s.path, s.sha256]));
    // Superseded batches: still tracked (in the state, newest facts) or dropped in this run.
    const tracked = state.batches.filter(b => b.superseded);
    const superseded = [...tracked, ...p.superseded.filter(b => !tracked.some(t => t.batchId === b.batchId))];
    // Settled in this run (the state keeps them until the next): what they did was paid for.
    const settled = p.superseded.filter(b => b.collected && tracked.some(t => t.batchId === b.batchId));
    const { shown, unlisted } = listed(state, [...p.created, ...p.collected]);
    const stale = staleFiles(shown, present, run.sourceDir);
    return {
        mode: run.mode,
        dryRun: run.dryRun,
        cancelSuperseded: run.cancelSuperseded,
        keepSuperseded: run.keepSuperseded,
        rows: (0,batch_rows/* batchRows */.e1)(shown, run, price),
        stale,
        unlisted,
        superseded: (0,batch_rows/* batchRows */.e1)(superseded, run, price),
        links: { ...run.links, ref: p.commitSha ?? run.links.ref },
        wouldSubmit: p.wouldSubmit,
        invalid,
        problems: [...refused, ...failed(p.failures)],
        failures: p.failures,
        waiting: p.waiting,
        notes: p.notes,
        submitted: p.created.length,
        completed: p.collected.filter(b => b.status === 'completed').length,
        failed: p.collected.filter(b => b.status !== 'completed').length,
        failedRequests: p.failedRequests,
        // Batches still working for what the files hold now (or named in batch-ids).
        pending: state.batches.filter(b => !(0,state_state/* isFinal */.dR)(b.status) && (b.outside || present.get(b.path) === b.sha256)).length,
        resultsChanged: p.changes.some(c => c.changed),
        commitSha: p.commitSha,
        preview: p.preview,
        spent: (0,spend/* spent */.RT)([...p.collected, ...settled], price),
        pullRequest: p.pullRequest
    };
}

;// CONCATENATED MODULE: ./src/core/step-result.ts
const startProgress = (state) => ({
    state,
    created: [],
    failures: [],
    waiting: [],
    notes: [],
    collected: [],
    changes: [],
    failedRequests: 0,
    wouldSubmit: [],
    superseded: []
});
/** The one place results come together: lists append, the state and the commit are the newest. */
function merge(p, r) {
    return {
        state: r.state,
        created: [...p.created, ...(r.created ?? [])],
        failures: [...p.failures, ...(r.failures ?? [])],
        waiting: [...p.waiting, ...(r.waiting ?? [])],
        notes: [...p.notes, ...(r.notes ?? [])],
        collected: [...p.collected, ...(r.collected ?? [])],
        changes: [...p.changes, ...(r.changes ?? [])],
        failedRequests: p.failedRequests + (r.failedRequests ?? 0),
        commitSha: r.commitSha ?? p.commitSha,
        pullRequest: r.pullRequest ?? p.pullRequest,
        preview: r.preview ?? p.preview,
        wouldSubmit: [...p.wouldSubmit, ...(r.wouldSubmit ?? [])],
        superseded: [...p.superseded, ...(r.superseded ?? [])]
    };
}

;// CONCATENATED MODULE: ./src/core/state/batches.ts

/** What a tracked batch stands for, and the small updates of the state's batch list. */
/**
 * A batch refused for the organisation's enqueued-token limit: nothing is
 * wrong with its requests, so its content is submitted again on a later run.
 */
const tokenLimited = (b) => b.status === 'failed' && (b.errors ?? []).some(e => e.code === 'token_limit_exceeded');
/** A batch that can still yield results for its content (a cancelled or token-limited one cannot). */
const isUsable = (b) => b.status !== 'cancelled' && b.status !== 'cancelling' && !tokenLimited(b);
/** A batch of this file's own requests for this content (not one named in batch-ids). */
const matches = (b, src) => !b.outside && b.path === src.path && b.sha256 === src.sha256;
/** The same round and part of a content: two such batches stand for the same requests. */
const sameSlot = (a, b) => (0,state_state/* roundOf */.O7)(a) === (0,state_state/* roundOf */.O7)(b) && a.part === b.part && a.parts === b.parts;
/**
 * The index `make` builds of a list, made once and kept while the list lives (why index at all:
 * BENCHMARKS.md, "Planning over a year of state").
 *
 * Safe to keep: the state's lists are never changed once made (each update makes a new
 * one); the length is checked too, for a list still being filled.
 */
function indexed(cache, list, make) {
    const hit = cache.get(list);
    if (hit && hit.n === list.length)
        return hit.index;
    const index = make(list);
    cache.set(list, { n: list.length, index });
    return index;
}
const BY_PATH = new WeakMap();
const NONE = [];
/** The state's batches for one path, any content, outside ones left out. */
function ofPath(state, path) {
    const index = indexed(BY_PATH, state.batches, list => {
        const m = new Map();
        for (const b of list) {
            if (b.outside)
                continue;
            const at = m.get(b.path);
            if (at)
                at.push(b);
            else
                m.set(b.path, [b]);
        }
        return m;
    });
    return index.get(path) ?? NONE;
}
/** The state's batches of a file's own requests for this content. */
const batchesOf = (state, src) => ofPath(state, src.path).filter(b => b.sha256 === src.sha256);
const PRESENT = new WeakMap();
/** The source file whose present content `b` is a batch of, if any. */
function sourceOf(b, sources) {
    if (b.outside)
        return undefined;
    const src = indexed(PRESENT, sources, list => new Map(list.map(s => [s.path, s]))).get(b.path);
    return src && src.sha256 === b.sha256 ? src : undefined;
}
/** Whether the present content of `src` has a batch of its own requests refused for the enqueued-token limit. */
const refusedForTokens = (src, state) => batchesOf(state, src).some(b => (0,state_state/* roundOf */.O7)(b) === 0 && tokenLimited(b));
/** A batch whose results are wanted now: one for a file's present content, or one named in batch-ids. */
const wanted = (b, sources) => b.outside === true || sourceOf(b, sources) !== undefined;
/** The file ids that are there (a batch without errors has no error file). */
const presentIds = (ids) => ids.filter((id) => Boolean(id));
/** The state with one batch's record replaced by `next`. */
function update(state, next) {
    return { ...state, batches: state.batches.map(b => (b.batchId === next.batchId ? next : b)) };
}
/** The state with each of `next` in place of its record: one pass, for a thousand batches checked at once. */
function updateAll(state, next) {
    if (next.length === 0)
        return state;
    const byId = new Map(next.map(b => [b.batchId, b]));
    return { ...state, batches: state.batches.map(b => byId.get(b.batchId) ?? b) };
}
/** The state with `added` tracked too. */
function track(state, added) {
    return added.length === 0 ? state : { ...state, batches: [...state.batches, ...added] };
}
/** The state with the given batches marked as not collected: their results are to be fetched again. */
function uncollect(state, batchIds) {
    return { ...state, batches: state.batches.map(b => (batchIds.has(b.batchId) ? { ...b, collected: false } : b)) };
}
/** The state's batches with each settled one replaced by the batch that stands. */
function replaceSettled(state, settled) {
    return settled.size === 0 ? state : { ...state, batches: state.batches.map(b => settled.get(b.batchId) ?? b) };
}

;// CONCATENATED MODULE: ./src/core/plans/renames.ts

/**
 * Moves the batches of content whose path is gone to the new path that holds it: no upload, no new
 * batch, no cancel. Results already written are collected again, to the new result path, and the
 * old ones removed (`renamedFrom`). A copy (both paths present) is its own work, submitted as usual.
 */
function adoptRenames(sources, state) {
    const present = new Set(sources.map(s => s.path));
    const renames = [];
    let batches = state.batches;
    for (const src of sources) {
        if (src.problems.length > 0 || batchesOf({ batches }, src).length > 0)
            continue;
        // The newest usable batch of this content under a path that is gone names the path it moved from.
        const from = batches
            .filter(b => !b.outside && b.sha256 === src.sha256 && !present.has(b.path) && isUsable(b))
            .sort((a, b) => b.createdAt - a.createdAt)[0]?.path;
        if (from === undefined)
            continue;
        const moved = (b) => !b.outside && b.path === from && b.sha256 === src.sha256;
        renames.push({ from, to: src.path, batchIds: batches.filter(moved).map(b => b.batchId) });
        batches = batches.map(b => moved(b)
            ? {
                ...b,
                path: src.path,
                superseded: undefined,
                ...(b.collected ? { collected: false, renamedFrom: b.renamedFrom ?? from } : {})
            }
            : b);
    }
    return { state: renames.length > 0 ? { ...state, batches } : state, renames };
}

;// CONCATENATED MODULE: ./src/core/requests/source.ts
/** Valid files whose lines were checked in this run: content that may have no batch yet. */
const mayBeNew = (sources) => sources.some(s => s.checked && s.problems.length === 0);

// EXTERNAL MODULE: ./src/core/format.ts
var format = __webpack_require__(96228);
;// CONCATENATED MODULE: ./src/core/state/saved.ts

const STATUSES = new Set(state_state/* BATCH_STATUSES */.mL);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const isWhole = (v, min) => Number.isInteger(v) && v >= min;
const isStr = (v) => typeof v === 'string';
const isNums = (v, n) => {
    if (!Array.isArray(v) || v.length !== n)
        return false;
    for (const x of v)
        if (!isNum(x))
            return false;
    return true;
};
const isChannels = (v) => {
    if (!Array.isArray(v))
        return false;
    for (const c of v)
        if (c !== 'webhook' && c !== 'dispatch')
            return false;
    return true;
};
/** Whether `v` is a row: checked by hand as its record is built, not by zod (BENCHMARKS.md, "A year of state"). */
const isRow = (v) => Array.isArray(v) &&
    v.length === 17 &&
    isStr(v[0]) &&
    isStr(v[1]) &&
    isWhole(v[2], 1) &&
    isWhole(v[3], 1) &&
    isWhole(v[4], 0) &&
    isStr(v[5]) &&
    STATUSES.has(v[6]) &&
    isNum(v[7]) &&
    (v[8] === null || isNums(v[8], 3)) &&
    isStr(v[9]) &&
    (v[10] === null || isStr(v[10])) &&
    (v[11] === null || isStr(v[11])) &&
    isStr(v[12]) &&
    (v[13] === null || isWhole(v[13], 0)) &&
    (v[14] === null || isStr(v[14])) &&
    (v[15] === null || isNums(v[15], 4)) &&
    isChannels(v[16]);
/**
 * The fields a row holds (and `expiresAt`, which a final batch has no use for).
 * A batch with any other field set stays a record: a field added to the schema
 * later is never lost to a row that does not know it.
 */
const ROW_FIELDS = new Set([
    'path',
    'sha256',
    'part',
    'parts',
    'round',
    'batchId',
    'status',
    'createdAt',
    'requestCounts',
    'inputFileId',
    'outputFileId',
    'errorFileId',
    'errorsRetried',
    'filesDeleted',
    'untagged',
    'retryable',
    'model',
    'usage',
    'announced',
    'collected',
    'expiresAt',
    'errors'
]);
/** Whether a batch is saved as a row: nothing about it changes any more, and a row holds all its record does. */
function isSettled(b) {
    if (!((0,state_state/* isFinal */.dR)(b.status) &&
        b.collected &&
        !b.superseded &&
        !b.renamedFrom &&
        !b.outside &&
        !b.guessed &&
        !(b.errors && b.errors.length > 0)))
        return false;
    for (const k in b)
        if (!ROW_FIELDS.has(k) && b[k] !== undefined)
            return false;
    return true;
}
function toRow(b) {
    const c = b.requestCounts;
    const u = b.usage;
    const flags = `${b.errorsRetried ? 'r' : ''}${b.filesDeleted ? 'd' : ''}${b.untagged ? 'u' : ''}`;
    return [
        b.path,
        b.sha256,
        b.part,
        b.parts,
        b.round ?? 0,
        b.batchId,
        b.status,
        b.createdAt,
        c ? [c.total, c.completed, c.failed] : null,
        b.inputFileId,
        b.outputFileId ?? null,
        b.errorFileId ?? null,
        flags,
        b.retryable ?? null,
        b.model ?? null,
        u ? [u.input, u.cachedInput, u.output, u.reasoning] : null,
        b.announced ?? []
    ];
}
function fromRow(r) {
    const [path, sha256, part, parts, round, batchId, status, createdAt, c, inputFileId, outputFileId, errorFileId, flags, retryable, model, u, announced] = r;
    // Assigned one by one: spreading the optional fields cost more than parsing the rows.
    const b = { path, sha256, part, parts, batchId, inputFileId, status, createdAt, collected: true };
    if (round > 0)
        b.round = round;
    if (c)
        b.requestCounts = { total: c[0], completed: c[1], failed: c[2] };
    // OpenAI reports a missing file as null, and so does a row.
    b.outputFileId = outputFileId;
    b.errorFileId = errorFileId;
    if (flags.includes('r'))
        b.errorsRetried = true;
    if (retryable !== null)
        b.retryable = retryable;
    if (model !== null)
        b.model = model;
    if (u)
        b.usage = { input: u[0], cachedInput: u[1], output: u[2], reasoning: u[3] };
    if (flags.includes('d'))
        b.filesDeleted = true;
    if (flags.includes('u'))
        b.untagged = true;
    if (announced.length > 0)
        b.announced = announced;
    return b;
}
/** Parses a saved state, or says in one line why it cannot be used. */
function parseState(text, scope) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return { reason: 'the saved state is not valid JSON' };
    }
    const version = json?.version;
    if (version !== state_state/* STATE_VERSION */.nd)
        return { reason: `the saved state has schema version ${String(version)}, this action reads ${state_state/* STATE_VERSION */.nd}` };
    // Rows taken out before zod sees the rest: even as unknowns they cost there (BENCHMARKS.md, "A year of state").
    const { settled, ...doc } = json;
    if (settled !== undefined && !Array.isArray(settled))
        return { reason: 'the saved state does not match its schema (settled is not a list)' };
    const parsed = state_state/* stateSchema */.Jy.safeParse(doc);
    if (!parsed.success)
        return { reason: `the saved state does not match its schema (${parsed.error.issues[0]?.message})` };
    const rest = parsed.data;
    if (rest.scope !== scope)
        return { reason: `the saved state belongs to '${rest.scope}', not '${scope}'` };
    if (!settled)
        return { state: rest };
    const batches = rest.batches.slice();
    for (let i = 0; i < settled.length; i++) {
        const r = settled[i];
        if (!isRow(r))
            return { reason: `the saved state does not match its schema (settled batch ${i + 1})` };
        batches.push(fromRow(r));
    }
    return { state: { ...rest, batches } };
}
/** A record's keys in schema order, nested too: the same state is the same text, so an unchanged run saves nothing. */
const RECORD_KEYS = [
    ...Object.keys(state_state/* stateSchema */.Jy.shape.batches.element.shape),
    ...['total', 'completed', 'failed', 'code', 'message', 'line', 'input', 'cachedInput', 'output', 'reasoning']
];
/** The saved form: live batches as records, one a line; settled ones as rows, one a line. */
function serializeState(state) {
    const { batches, ...head } = state;
    const live = batches.filter(b => !isSettled(b));
    const settled = batches.filter(isSettled);
    const lines = (xs) => (xs.length === 0 ? '[]' : `[\n${xs.join(',\n')}\n]`);
    const top = JSON.stringify(head).slice(0, -1);
    const records = lines(live.map(b => JSON.stringify(b, RECORD_KEYS)));
    const rows = settled.length > 0 ? `,"settled":${lines(settled.map(b => JSON.stringify(toRow(b))))}` : '';
    return `${top},"batches":${records}${rows}}\n`;
}

;// CONCATENATED MODULE: ./src/core/plans/superseded.ts


/** What a submit makes of a batch it supersedes: dropped when nothing of it is left to report, else kept and marked. */
function supersede(b, why) {
    // Its results were written for the old content (or it was refused before it ran): nothing more to report.
    // A guessed batch may be another's (core/remote/by-name.ts): let go, never cancelled or collected.
    if (b.outside || b.guessed || ((0,state_state/* isFinal */.dR)(b.status) && b.collected) || (b.status === 'failed' && !b.outputFileId))
        return { drop: b };
    return { keep: { ...b, superseded: why } };
}
/** Superseded batches that have ended and are not settled yet: their output is to be kept or reported. */
const toSettle = (state) => state.batches.filter(b => b.superseded && (0,state_state/* isFinal */.dR)(b.status) && !b.collected);
/**
 * The state at the start of a run: a superseded batch whose content is back
 * (the change was reverted) is its file's batch again, unless it was cancelled; one that ended, was
 * settled and announced on every channel the run announces on is forgotten.
 */
function tidySuperseded(sources, state, channels) {
    if (!state.batches.some(b => b.superseded))
        return state;
    const batches = [];
    for (const b of state.batches) {
        if (!b.superseded)
            batches.push(b);
        // Its content is back: its file's batch again, unless it was cancelled (a new one is made then).
        else if (sourceOf(b, sources) && isUsable(b))
            batches.push({ ...b, superseded: undefined });
        else if (!((0,state_state/* isFinal */.dR)(b.status) && b.collected && channels.every(c => b.announced?.includes(c))))
            batches.push(b);
    }
    return { ...state, batches };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/core/paths.ts
var core_paths = __webpack_require__(56107);
;// CONCATENATED MODULE: ./src/core/report/events.ts





/** Whether a later retry round of the batch's content is still under way. */
const retryPending = (state, b) => !b.outside && ofPath(state, b.path).some(o => o.sha256 === b.sha256 && (0,state_state/* roundOf */.O7)(o) > (0,state_state/* roundOf */.O7)(b) && !(0,state_state/* isFinal */.dR)(o.status));
function batchEvent(b, state, ctx, now) {
    const type = `batch.${b.status}`;
    const paths = (0,core_paths/* resultOf */.Bg)(b, ctx);
    return {
        // The same id on every delivery of this event, after a lost cache too, so receivers can drop repeats (#23 item 8).
        id: `evt_${(0,external_node_crypto_.createHash)('sha256').update(`${b.batchId}:${type}`).digest('hex').slice(0, 32)}`,
        object: 'event',
        type,
        created_at: now,
        data: {
            id: b.batchId,
            provider: ctx.provider,
            status: b.status,
            source_file: b.outside ? null : `${ctx.sourceDir}/${b.path}`,
            part: `${b.part}/${b.parts}`,
            round: (0,state_state/* roundOf */.O7)(b),
            retry_pending: retryPending(state, b),
            request_counts: b.requestCounts ?? null,
            usage: b.usage ? (0,spend/* openaiUsage */.Yw)(b.usage) : null,
            cost: (0,spend/* batchCost */._Z)(b, ctx.price) ?? null,
            output_path: paths.output,
            error_path: paths.errors,
            superseded: b.superseded ?? null,
            commit_sha: ctx.commitSha ?? null,
            run_url: ctx.runUrl
        }
    };
}
/** Batches whose final state is to be announced on `channel`. */
function toAnnounce(state, channel) {
    return state.batches.filter(b => (0,state_state/* isFinal */.dR)(b.status) && b.collected && !b.announced?.includes(channel));
}
/** The state with the batch's announcement on `channel` recorded, so no later run repeats it. */
function markAnnounced(state, batchId, channel) {
    return {
        ...state,
        batches: state.batches.map(b => b.batchId === batchId ? { ...b, announced: [...(b.announced ?? []), channel] } : b)
    };
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/phases/announce.ts


/**
 * Announces every collected final batch not yet announced, on each channel the
 * settings name. Each delivery is recorded in the state, so no later run repeats
 * it. Last in a run, so an event can say whether a retry of its file is under way.
 */
const announceStep = {
    name: 'Announce',
    async run(ctx, so) {
        const { settings, repo, webhook, clock, log } = ctx;
        let state = so.state;
        const notes = [];
        const priced = ['webhook', 'dispatch'].some(c => toAnnounce(state, c).some(b => b.usage));
        const prices = priced ? await ctx.prices() : undefined;
        const events = {
            provider: settings.provider.kind,
            sourceDir: settings.sourceDir,
            targetDir: settings.targetDir,
            keepSuperseded: settings.keepSuperseded,
            commitSha: so.commitSha,
            runUrl: settings.run.runUrl,
            price: prices?.price
        };
        const dispatch = settings.dispatchEvent;
        if (dispatch && !repo)
            log.warning(`dispatch-event needs a github-token to send repository_dispatch events; none is sent.`);
        const channels = [
            ['webhook', webhook ? e => webhook.send(e) : undefined],
            ['dispatch', dispatch && repo ? async (e) => (await repo()).dispatch(dispatch, { ...e }) : undefined]
        ];
        for (const [channel, send] of channels) {
            if (!send)
                continue;
            for (const b of toAnnounce(state, channel)) {
                const event = batchEvent(b, state, events, clock.now());
                try {
                    await send(event);
                    log.info(`Announced ${event.type} for ${b.batchId} (${channel}).`);
                    state = markAnnounced(state, b.batchId, channel);
                }
                catch (e) {
                    // A receiver that is down must not fail the run: it gets the event on a later run.
                    const message = `Could not announce ${b.batchId} (${channel}): ${(0,errors/* errorMessage */.gJ)(e)}. ` + 'It is tried again on the next run.';
                    log.warning(message);
                    notes.push(message);
                }
            }
        }
        return { state, notes };
    }
};

;// CONCATENATED MODULE: ./src/core/plans/collect.ts


function planCollect(sources, state) {
    const refresh = [];
    const stale = [];
    for (const b of state.batches) {
        if (!wanted(b, sources) && !b.superseded)
            stale.push(b);
        else if (!(0,state_state/* isFinal */.dR)(b.status))
            refresh.push(b);
    }
    return { refresh, stale };
}
/**
 * The batches standing for one content, by round: round 0 has the newest
 * batch of each part (a cancelled one yields what it finished); a retry round
 * the newest usable one (a refused one is made again). Rounds stop at the
 * first with no batch; `complete` says whether the last has all its parts.
 */
function rounds(batches) {
    const out = [];
    for (let k = 0;; k++) {
        const mine = batches
            .filter(b => (0,state_state/* roundOf */.O7)(b) === k && (k === 0 || isUsable(b)))
            .sort((a, b) => b.createdAt - a.createdAt);
        if (mine.length === 0)
            return { rounds: out, complete: true };
        const n = mine[0].parts;
        const parts = new Map();
        for (const b of mine)
            if (b.parts === n && !parts.has(b.part))
                parts.set(b.part, b);
        out.push([...parts.values()].sort((a, b) => a.part - b.part));
        if (parts.size < n)
            return { rounds: out, complete: false };
    }
}
/** The batches of present content (or outside batches), grouped by what they stand for. */
function contents(sources, state) {
    const units = new Map();
    for (const b of state.batches) {
        if (b.superseded || !wanted(b, sources))
            continue;
        const key = b.outside ? b.batchId : `${b.path}\n${b.sha256}`;
        units.set(key, [...(units.get(key) ?? []), b]);
    }
    return [...units.values()];
}
/**
 * What to collect: for each file's present content (or outside batch), its
 * batches in round and part order, once every part of every round is final
 * and some are not collected.
 */
function toCollect(sources, state) {
    return contents(sources, state)
        .map(rounds)
        .filter(r => r.complete)
        .map(r => r.rounds.flat())
        .filter(unit => unit.every(b => (0,state_state/* isFinal */.dR)(b.status)) && unit.some(b => !b.collected));
}

;// CONCATENATED MODULE: ./src/core/plans/retry.ts



/**
 * Retry rounds to make: for present content whose last round is collected and
 * left retryable error lines, the next round while fewer than `maxRounds` were
 * made; and the missing parts of a round begun by a run that stopped.
 */
function planRetry(sources, state, maxRounds) {
    if (maxRounds <= 0)
        return [];
    const work = [];
    for (const src of sources) {
        if (src.problems.length > 0)
            continue;
        const r = rounds(batchesOf(state, src));
        const last = r.rounds.length - 1;
        // Its files were deleted at OpenAI once it was done: no round can be made from them.
        if (last < 0 || r.rounds.flat().some(b => b.filesDeleted))
            continue;
        if (!r.complete) {
            if (last > 0)
                work.push({ src, round: last, before: r.rounds.slice(0, last).flat() });
            continue;
        }
        const done = r.rounds[last];
        // Not counted: collected while retries were off. Its errors are looked at once.
        const count = done[0].retryable ?? (r.rounds.flat().some(b => b.errorFileId) ? Infinity : 0);
        const retryable = done.every(b => (0,state_state/* isFinal */.dR)(b.status) && b.collected) && count > 0;
        if (retryable && last < maxRounds)
            work.push({ src, round: last + 1, before: r.rounds.flat() });
    }
    return work;
}
/** The state with the last round before `w` marked as leaving no line to retry, so it is not looked at again. */
function countedNone(state, w) {
    const last = w.round - 1;
    const mine = new Set(w.before.filter(b => (0,state_state/* roundOf */.O7)(b) === last).map(b => b.batchId));
    return { ...state, batches: state.batches.map(b => (mine.has(b.batchId) ? { ...b, retryable: 0 } : b)) };
}

;// CONCATENATED MODULE: ./src/core/plans/clean.ts



/**
 * Which batches' files to delete at OpenAI (delete-remote-files): those whose
 * results are published and can no longer change. That is every batch of a
 * file's present content once all of them are final and collected and no
 * retry round can follow (a round downloads the earlier error files, and a
 * collect after it downloads every round's output again), and a superseded
 * batch once settled. Batches named by batch-ids belong to someone else.
 */
function toClean(sources, state, retryFailed) {
    const done = (b) => (0,state_state/* isFinal */.dR)(b.status) && b.collected && !b.renamedFrom;
    const clean = [];
    for (const b of state.batches) {
        if (b.outside || b.filesDeleted || !done(b))
            continue;
        if (b.superseded) {
            clean.push(b);
            continue;
        }
        const src = sourceOf(b, sources);
        if (!src || src.problems.length > 0)
            continue;
        const unit = batchesOf(state, src).filter(o => !o.superseded);
        if (unit.every(done) && planRetry([src], state, retryFailed).length === 0)
            clean.push(b);
    }
    return clean;
}
/**
 * The files of `batches` to delete: theirs, less any another tracked batch
 * still uses (an upload reused), and less the upload of a batch without our
 * metadata: after a lost cache its name is all that ties the batch to its file (#12).
 */
function filesOf(batches, state) {
    const going = new Set(batches.map(b => b.batchId));
    const used = new Set(presentIds(state.batches
        .filter(b => !going.has(b.batchId) && !b.filesDeleted)
        .flatMap(b => [b.inputFileId, b.outputFileId, b.errorFileId])));
    const files = (b) => [b.untagged ? undefined : b.inputFileId, b.outputFileId, b.errorFileId];
    return [...new Set(presentIds(batches.flatMap(files)))].filter(id => !used.has(id));
}

;// CONCATENATED MODULE: ./src/core/concurrency.ts
/** Runs `fn` over `items` with at most `limit` calls under way, keeping the order of results. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/phases/clean.ts





/** A file OpenAI no longer has: deleted before, or expired. */
const isGone = (e) => e instanceof errors/* ApiError */.hD && e.status === 404;
/**
 * Deletes at OpenAI the files of batches whose results are published for good
 * (delete-remote-files). The organisation's file storage does not fill up, and
 * the state keeps the batches' ids and facts. A file that cannot be deleted now
 * is tried again by the next run.
 */
const cleanStep = {
    name: 'Delete finished remote files',
    idle: (ctx, so) => toClean(ctx.sources, so.state, ctx.settings.retryFailed).length === 0,
    async run(ctx, so) {
        const { api, log, settings } = ctx;
        const batches = toClean(ctx.sources, so.state, settings.retryFailed);
        if (batches.length === 0)
            return { state: so.state };
        const unused = new Set(filesOf(batches, so.state));
        let state = so.state;
        let deleted = 0;
        const cleaned = [];
        await mapLimit(batches, settings.maxConcurrency, async (b) => {
            try {
                for (const id of [b.inputFileId, b.outputFileId, b.errorFileId]) {
                    if (!id || !unused.has(id))
                        continue;
                    unused.delete(id);
                    await api.deleteFile(id).then(made => void (deleted += made ? 1 : 0), e => {
                        if (!isGone(e))
                            throw e;
                    });
                }
            }
            catch (e) {
                if ((0,errors/* stopsRun */.PW)(e))
                    throw e;
                // Degraded, not failed: the file only costs storage until it expires, and the next run tries again.
                log.warning(`Could not delete the files of batch ${b.batchId} at ${ctx.settings.provider.label}: ${(0,errors/* errorMessage */.gJ)(e)}`);
                return;
            }
            cleaned.push(b);
            state = update(state, { ...b, filesDeleted: true });
        });
        if (deleted === 0)
            return { state };
        const { label, keepsMetadata } = ctx.settings.provider;
        // Without metadata, a batch is found again after a lost cache by its name or its upload's: it stays.
        const kept = keepsMetadata
            ? ''
            : ' The batches are kept: they are what finds this content again after a lost cache.';
        const note = `Deleted ${(0,format/* plural */.LS)(deleted, 'file')} at ${label}, of ` +
            `${(0,format/* plural */.LS)(cleaned.length, 'finished batch', 'finished batches')} (delete-remote-files).${kept}`;
        log.info(note);
        return { state, notes: [note] };
    }
};
/**
 * In place of cleanStep for a provider without files (Anthropic): its batches are kept, as deleting
 * one erases its only record of what was submitted and a lost cache would then submit it again.
 * Said once a run that published results, so a user who set delete-remote-files knows why.
 */
const keepStep = {
    name: 'Keep finished batches',
    idle: (_ctx, so) => so.collected.length === 0,
    async run(ctx, so) {
        const { label } = ctx.settings.provider;
        ctx.log.info(`${label} batches have no files to delete: the finished ones are kept (${label} archives their results ` +
            'after 29 days), so a lost cache still finds them; delete-remote-files deletes nothing here.');
        return { state: so.state };
    }
};

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/core/state/orphans.ts
/**
 * The state with the request files among `dropped` that were deleted after
 * their results were written marked as orphans: their results are removed by
 * the next commit (unless keep-orphan-results). Only results the action wrote
 * are ever removed, never other files under target-dir.
 */
function orphan(state, dropped, present) {
    const deleted = dropped.filter(b => !b.outside && b.collected && !present.has(b.path)).map(b => b.path);
    if (deleted.length === 0)
        return state;
    return { ...state, orphans: [...new Set([...(state.orphans ?? []), ...deleted])].sort() };
}
/** The state once the orphans' results are gone; `done` are the paths removed. */
function clearOrphans(state, done) {
    const left = (state.orphans ?? []).filter(p => !done.includes(p));
    const { orphans: _orphans, ...rest } = state;
    return left.length > 0 ? { ...rest, orphans: left } : rest;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./src/core/backoff.ts
var backoff = __webpack_require__(93915);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: ./src/io/chunks.ts
var chunks = __webpack_require__(69724);
// EXTERNAL MODULE: ./src/io/line-ids.ts
var line_ids = __webpack_require__(81603);
;// CONCATENATED MODULE: ./src/io/line-index.ts


/**
 * An index of JSONL lines by the hash of their custom_id: memory for the index,
 * never for the lines (BENCHMARKS.md, "Collecting a million").
 */
function countLines(chunk) {
    let n = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1))
        n++;
    return n;
}
/** Lines of one or more files by the hash of their custom_id: add them all, seal, then look up. */
class LineIndex {
    n = 0;
    keys;
    offsets;
    lengths;
    files;
    /** By key: open addressing over the key's low bits, an entry's number + 1 (0 empty), at most half full. */
    heads;
    /** The next entry with the same key, in the order added, + 1 (0 for none). */
    next;
    /**
     * `capacity`: the lines expected. Sized exactly, the arrays never grow:
     * doubling holds the old arrays and the new at once, and leaves the old to the
     * collector (BENCHMARKS.md, "Collecting a million").
     */
    constructor(capacity = 1024) {
        const n = Math.max(16, capacity);
        this.keys = new Float64Array(n);
        this.offsets = new Float64Array(n);
        this.lengths = new Uint32Array(n);
        this.files = new Uint16Array(n);
    }
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
    /**
     * Builds the lookup; no entry may be added after. A hash table rather than a
     * sort, whose comparator copies the whole order into the JS heap and back
     * (BENCHMARKS.md, "Collecting a million").
     */
    seal() {
        let size = 2;
        while (size < this.n * 2)
            size *= 2;
        const heads = new Int32Array(size);
        const next = new Int32Array(this.n);
        const mask = size - 1;
        // Last entry first, each put in front of its key's chain: the chains come out in the order added.
        for (let i = this.n - 1; i >= 0; i--) {
            const key = this.keys[i];
            let s = this.slot(key, mask);
            while (heads[s] !== 0 && this.keys[heads[s] - 1] !== key)
                s = (s + 1) & mask;
            next[i] = heads[s];
            heads[s] = i + 1;
        }
        this.heads = heads;
        this.next = next;
    }
    /** A key's first slot: its low bits (the key is a hash; -1, no id, lands anywhere). */
    slot(key, mask) {
        return ((key % (mask + 1)) + mask + 1) & mask;
    }
    /** The entries with `key`, in the order they were added. */
    *find(key) {
        for (let e = this.head(key); e !== 0; e = this.next[e - 1])
            yield e - 1;
    }
    /** The first entry with `key` + 1, 0 for none (no generator: looked up once a line). */
    head(key) {
        const heads = this.heads;
        const mask = heads.length - 1;
        let s = this.slot(key, mask);
        while (heads[s] !== 0 && this.keys[heads[s] - 1] !== key)
            s = (s + 1) & mask;
        return heads[s];
    }
    /** The first entry with `key` not marked in `taken`, or -1. */
    take(key, taken) {
        for (let e = this.head(key); e !== 0; e = this.next[e - 1])
            if (!taken[e - 1])
                return e - 1;
        return -1;
    }
    has(key) {
        return this.head(key) !== 0;
    }
    get size() {
        return this.n;
    }
    key(i) {
        return this.keys[i];
    }
    file(i) {
        return this.files[i];
    }
    offset(i) {
        return this.offsets[i];
    }
    length(i) {
        return this.lengths[i];
    }
}
/**
 * Indexes the non-empty lines of `files` under `keyOf`, which skips a line by
 * returning undefined. A line's file number is its file's position in `files`.
 */
async function indexLines(files, keyOf = line_ids/* lineKey */.QW) {
    // Counted first, so the index is made at its size: a read from the page cache of files just written.
    let lines = 0;
    for (const file of files)
        await (0,chunks/* eachChunk */.H1)(file, chunk => void (lines += countLines(chunk)));
    const index = new LineIndex(lines + files.length);
    for (const [f, file] of files.entries()) {
        await (0,chunks/* eachLine */.IM)(file, (line, offset) => {
            const key = line.length > 0 ? keyOf(line) : undefined;
            if (key !== undefined)
                index.add(key, f, offset, line.length);
        });
    }
    index.seal();
    return index;
}

;// CONCATENATED MODULE: ./src/io/order.ts





/**
 * Result lines in the order of the request file, joined on custom_id. Memory
 * holds an index of the result lines (line-index.ts), never the lines.
 */
/**
 * Reads exactly `length` bytes at `position` into `buf` at `at`. Synchronous: a
 * line of a result file just downloaded is a copy from the page cache, far
 * cheaper than a round trip through the thread pool (BENCHMARKS.md, "Collecting
 * a million"). The event loop still turns between chunks of the request file.
 */
function readFully(fd, buf, at, length, position) {
    for (let done = 0; done < length;) {
        const bytesRead = (0,external_node_fs_.readSync)(fd, buf, at + done, length - done, position + done);
        if (bytesRead === 0)
            throw new Error('a result file ended early');
        done += bytesRead;
    }
}
/**
 * Copies indexed lines, in the order `pick` yields them, from their files to
 * `out`, through one reused buffer; returns how many.
 */
async function copyLines(index, files, out, pick) {
    const fds = await Promise.all(files.map(f => promises_.open(f, 'r')));
    const sink = await promises_.open(out, 'w');
    const buf = Buffer.allocUnsafeSlow(1 << 20);
    let used = 0;
    let written = 0;
    const flush = async () => {
        for (let off = 0; off < used;)
            off += (await sink.write(buf, off, used - off)).bytesWritten;
        used = 0;
    };
    try {
        const add = (fd, offset, length) => {
            readFully(fd, buf, used, length, offset);
            used += length;
            buf[used++] = 10;
        };
        /** A line that does not fit in what is left of the buffer. */
        const copy = async (fd, offset, length) => {
            await flush();
            if (length + 1 <= buf.length)
                return add(fd, offset, length);
            // A line longer than the buffer goes through it in pieces.
            for (let done = 0; done < length;) {
                used = Math.min(buf.length, length - done);
                readFully(fd, buf, 0, used, offset + done);
                done += used;
                await flush();
            }
            buf[used++] = 10;
        };
        await pick(i => {
            written++;
            const fd = fds[index.file(i)].fd;
            const [offset, length] = [index.offset(i), index.length(i)];
            if (used + length + 1 > buf.length)
                return copy(fd, offset, length);
            add(fd, offset, length);
            return undefined;
        });
        await flush();
    }
    finally {
        await sink.close();
        await Promise.all(fds.map(fd => fd.close()));
    }
    return written;
}
/**
 * Writes the lines of `results` to `out` in the order of the requests in
 * `requests`; returns how many. Lines whose id no request names follow at the
 * end, as they came.
 */
async function orderByInput(requests, results, out) {
    const index = await indexLines(results);
    const taken = new Uint8Array(index.size);
    return copyLines(index, results, out, async (write) => {
        // The requests are read again as the lines are written, rather than their id hashes kept (8 bytes a request).
        await (0,chunks/* eachLine */.IM)(requests, line => {
            const key = line.length > 0 ? (0,line_ids/* lineKey */.QW)(line) : -1;
            if (key === -1)
                return undefined;
            const i = index.take(key, taken);
            if (i < 0)
                return undefined;
            taken[i] = 1;
            return write(i);
        });
        for (let i = 0; i < index.size; i++)
            if (!taken[i])
                await write(i);
    });
}

// EXTERNAL MODULE: ./src/core/requests/result-line.ts
var result_line = __webpack_require__(74496);
;// CONCATENATED MODULE: ./src/io/failed-lines.ts







/**
 * The error lines of a file retried in rounds, and the requests to retry.
 * Memory holds indexes of the error lines (line-index.ts), never the lines.
 */
/**
 * Writes the error lines still standing after every round to `out`; returns
 * how many. An id keeps the line of the newest round it failed in, none once a
 * retry of it succeeded (its id is in `succeeded`). `errors` are oldest round
 * first.
 */
async function finalErrors(errors, succeeded, out) {
    const index = await indexLines(errors);
    const ok = await indexLines(succeeded);
    return copyLines(index, errors, out, async (write) => {
        for (let i = 0; i < index.size; i++) {
            const key = index.key(i);
            if (key === -1) {
                await write(i);
                continue;
            }
            let newest = i;
            for (const j of index.find(key))
                newest = j;
            if (newest === i && !ok.has(key))
                await write(i);
        }
    });
}
/** The id hash of an error line that may pass on a retry, else undefined. */
function retryableKey(line) {
    const parsed = (0,line_ids/* parseLine */.A)(line);
    const id = (0,line_ids/* lineId */.W9)(parsed);
    return (0,result_line/* isRetryableLine */.f2)(parsed) && id !== undefined ? (0,line_ids/* idHash */.C2)(id) : undefined;
}
/** The lines of an errors file that may pass on a retry, indexed by id. */
function retryableIndex(errorsFile) {
    return indexLines([errorsFile], retryableKey);
}
/** Copies the lines of `requests` whose id `ids` holds to `out`, in order; returns how many. */
async function selectRequests(requests, ids, out) {
    const sink = (0,external_node_fs_.createWriteStream)(out);
    let n = 0;
    try {
        await (0,chunks/* eachLine */.IM)(requests, async (line) => {
            if (line.length === 0 || !ids.has((0,line_ids/* lineKey */.QW)(line)))
                return;
            n++;
            // The line is a view of a buffer that is read into again: write a copy.
            if (!sink.write(Buffer.concat([line, NL])))
                await (0,external_node_events_.once)(sink, 'drain');
        });
    }
    finally {
        sink.end();
        await (0,external_node_events_.once)(sink, 'finish');
    }
    return n;
}
const NL = Buffer.from('\n');
const failed_lines_text = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
/**
 * What the provider said of a failed request, from its error line: the HTTP
 * status and error code when there are any, then the message
 * (`400 invalid_request_error: ...`, `batch_expired: ...`); Gemini's status and message, or why
 * its response has no answer (`UNAVAILABLE: ...`, `blocked: SAFETY`).
 */
function errorText(line) {
    const gemini = (0,result_line/* geminiFailure */.E9)(line);
    if (gemini !== undefined)
        return gemini;
    const response = line.response;
    const body = response?.body;
    const error = ((typeof body === 'object' && body?.error) || line.error);
    const status = typeof response?.status_code === 'number' ? String(response.status_code) : undefined;
    const code = failed_lines_text(error?.code) ?? failed_lines_text(error?.type);
    const head = [status, code].filter(x => x !== undefined).join(' ');
    const message = failed_lines_text(error?.message) ?? 'no message';
    return head ? `${head}: ${message}` : message;
}
/**
 * Reads an errors file for what failed in it, a line at a time: memory holds
 * `keep` lines at most. A missing file has no failures.
 */
async function readErrors(errorsFile, opts) {
    const { only, countRetryable, retrying, keep } = opts;
    const first = [];
    let [failed, retryable] = [0, 0];
    try {
        await (0,chunks/* eachLine */.IM)(errorsFile, line => {
            if (line.length === 0)
                return;
            // Parsed only when it matters: every line when retries are on, else the few kept.
            const parsed = countRetryable || retrying || first.length < keep ? (0,line_ids/* parseLine */.A)(line) : undefined;
            const mayPass = (countRetryable || retrying) && (0,result_line/* isRetryableLine */.f2)(parsed) && (0,line_ids/* lineId */.W9)(parsed) !== undefined;
            if (mayPass && countRetryable)
                retryable++;
            if ((mayPass && retrying) || (only && !only.has((0,line_ids/* lineKey */.QW)(line))))
                return;
            failed++;
            if (first.length < keep)
                first.push({ id: failed_lines_text((0,line_ids/* lineId */.W9)(parsed)), text: errorText(parsed ?? {}) });
        });
    }
    catch (e) {
        if (e.code !== 'ENOENT')
            throw e;
    }
    return { failed, retryable, first };
}
/**
 * The line numbers (1-based) of the requests with `ids` in a request file:
 * read a line at a time, each line's id hash compared with the few asked for.
 */
async function requestLines(requestFile, ids) {
    const wanted = ids.map(id => ({ id, key: (0,line_ids/* idHash */.C2)(id) }));
    const found = new Map();
    let n = 0;
    await (0,chunks/* eachLine */.IM)(requestFile, line => {
        n++;
        if (found.size === wanted.length || line.length === 0)
            return;
        const key = (0,line_ids/* lineKey */.QW)(line);
        for (const w of wanted)
            if (w.key === key && !found.has(w.id) && (0,line_ids/* customId */.JH)(line) === w.id)
                found.set(w.id, n);
    });
    return found;
}

;// CONCATENATED MODULE: ./src/io/hash.ts


/**
 * A sha256 for a request file's identity: of its bytes alone, or, with a rerun-key, of the key
 * first (CheckOptions.rerunKey), so that the same bytes under another key are other content.
 */
function contentHasher(rerunKey) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    if (rerunKey)
        hash.update(`openai-batch-action rerun-key ${rerunKey}\n`);
    return hash;
}
/** Streams a file through sha256 (seeded with a rerun-key, when given); undefined when there is no such file. */
async function sha256File(file, rerunKey) {
    const hash = contentHasher(rerunKey);
    let bytes = 0;
    try {
        await (0,chunks/* eachChunk */.H1)(file, chunk => {
            hash.update(chunk);
            bytes += chunk.length;
        });
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
    return { sha256: hash.digest('hex'), bytes };
}

// EXTERNAL MODULE: ./src/core/cost/usage.ts
var cost_usage = __webpack_require__(89886);
;// CONCATENATED MODULE: ./src/io/usage-lines.ts




/**
 * Sums the usage in a result file's lines, streaming (for batches that report
 * none: older ones, compatible providers). Also says the model the lines name.
 */
async function tallyUsage(file) {
    let usage = cost_usage/* NO_USAGE */.yJ;
    let model;
    await (0,chunks/* eachLine */.IM)(file, line => {
        const body = (0,result_line/* responseBody */.cM)((0,line_ids/* parseLine */.A)(line));
        const u = (0,cost_usage/* bodyUsage */.CQ)((0,result_line/* responseUsage */.Df)(body));
        if (u)
            usage = (0,cost_usage/* addUsage */.vk)(usage, u);
        model ??= (0,result_line/* responseModel */.je)(body);
    });
    return { usage, model };
}

;// CONCATENATED MODULE: ./src/io/result-writer.ts













/**
 * Attempts at a download whose body is cut off after its headers, each from
 * the start. The SDK retries everything up to the headers (the one retry
 * layer for requests); only a body that breaks off mid-stream needs ours.
 */
const DOWNLOAD_ATTEMPTS = 5;
/** Streams an OpenAI file to `tmp`, whole or not at all; returns its sha256. */
async function fetchWhole(api, fileId, tmp, deps) {
    for (let n = 0;; n++) {
        // A failed request was retried by the SDK already: it is final here.
        const { body, length } = await api.download(fileId);
        try {
            const hash = (0,external_node_crypto_.createHash)('sha256');
            let bytes = 0;
            const tap = new external_node_stream_.Transform({
                transform(chunk, _enc, done) {
                    hash.update(chunk);
                    bytes += chunk.length;
                    done(null, chunk);
                }
            });
            await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.fromWeb(body), tap, (0,external_node_fs_.createWriteStream)(tmp));
            if (length !== undefined && bytes !== length)
                throw new Error(`got ${bytes} of ${length} bytes`);
            return hash.digest('hex');
        }
        catch (e) {
            if (n + 1 >= DOWNLOAD_ATTEMPTS)
                throw e;
            deps.log.info(`Download of ${fileId} broke off (${(0,errors/* errorMessage */.gJ)(e)}); trying again.`);
            await deps.clock.sleep((0,backoff/* backoffMs */.j)(n));
        }
    }
}
async function concat(files, out) {
    const sink = (0,external_node_fs_.createWriteStream)(out);
    for (const f of files)
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(f), sink, { end: false });
    sink.end();
    await new Promise((resolve, reject) => sink.on('finish', resolve).on('error', reject));
}
const sizeOf = (file) => promises_.stat(file).then(s => s.size, (e) => {
    if (e.code === 'ENOENT')
        return undefined;
    throw e;
});
/**
 * Whether `dest` holds the bytes of `tmp` (whose sha256 is `sha256`): sizes
 * first, so a result of another size (they reach 1 GB) is not read at all.
 */
async function holds(dest, tmp, sha256) {
    const [was, now] = await Promise.all([sizeOf(dest), sizeOf(tmp)]);
    if (was === undefined)
        return { existed: false, same: false };
    return { existed: true, same: was === now && (await sha256File(dest))?.sha256 === sha256 };
}
/** Moves `tmp` to `dest` atomically, unless `dest` already holds the same bytes. */
async function place(tmp, dest, sha256) {
    const before = await holds(dest, tmp, sha256);
    if (before.same) {
        await promises_.rm(tmp, { force: true });
        return { changed: false, existed: true };
    }
    await promises_.mkdir(external_node_path_.dirname(dest), { recursive: true });
    try {
        await promises_.rename(tmp, dest);
    }
    catch (e) {
        if (e.code !== 'EXDEV')
            throw e;
        // Temp space on another filesystem: copy beside the target, then rename.
        const near = `${dest}.${(0,external_node_crypto_.randomUUID)()}.partial`;
        await promises_.copyFile(tmp, near);
        await promises_.rename(near, dest);
        await promises_.rm(tmp, { force: true });
    }
    return { changed: true, existed: before.existed };
}
const allEmpty = async (files) => (await Promise.all(files.map(f => promises_.stat(f)))).every(s => s.size === 0);
/** Makes sure `dest` does not exist. */
async function remove(dest) {
    const existed = await promises_.rm(dest).then(() => true, () => false);
    return { changed: existed, existed, removed: true };
}
function createResultWriter(api, deps) {
    const { tempDir } = deps;
    return {
        async write(fileIds, dest, { orderBy, succeeded, tally, index } = {}) {
            if (fileIds.length === 0)
                return remove(dest);
            await promises_.mkdir(tempDir, { recursive: true });
            const base = external_node_path_.join(tempDir, (0,external_node_crypto_.randomUUID)());
            const downloads = fileIds.map((_, i) => `${base}.part${i}`);
            const oks = (succeeded ?? []).map((_, i) => `${base}.ok${i}`);
            const [errors, merged] = [`${base}.errors`, `${base}.merged`];
            try {
                const shas = [];
                const tallied = new Map();
                for (const [i, id] of fileIds.entries()) {
                    shas.push(await fetchWhole(api, id, downloads[i], deps));
                    if (tally?.has(id))
                        tallied.set(id, await tallyUsage(downloads[i]));
                }
                const indexed = index && (await indexLines(downloads.filter((_, i) => index.has(fileIds[i]))));
                const done = (w) => ({
                    ...w,
                    ...(tallied.size > 0 ? { tallied } : {}),
                    ...(indexed ? { indexed } : {})
                });
                // An empty file (Azure gives a successful batch an empty error file) is no result.
                if (await allEmpty(downloads))
                    return done(await remove(dest));
                // The files whose lines make the result.
                let lines = downloads;
                if (succeeded) {
                    for (const [i, id] of succeeded.entries())
                        await fetchWhole(api, id, oks[i], deps);
                    // Every line retried to success: no errors file.
                    if ((await finalErrors(downloads, oks, errors)) === 0)
                        return done(await remove(dest));
                    lines = [errors];
                }
                if (orderBy)
                    await orderByInput(orderBy, lines, merged);
                else if (lines === downloads && lines.length === 1)
                    return done(await place(lines[0], dest, shas[0]));
                else
                    await concat(lines, merged);
                return done(await place(merged, dest, (await sha256File(merged)).sha256));
            }
            finally {
                for (const f of [...downloads, ...oks, errors, merged])
                    await promises_.rm(f, { force: true });
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/core/report/changes.ts
/** The results commit's message when the user gives none: every file and its batches. */
function defaultMessage(changes, provider) {
    const why = (c) => c.batchId ? `${c.batchId}${c.removed ? ', removed' : ''}` : 'removed: its request file was deleted';
    const lines = changes.map(c => `- ${c.path} (${why(c)})`);
    const batches = new Set(changes.flatMap(c => c.batchId.split(', ')).filter(Boolean)).size;
    return `Add ${provider} batch results (${batches} batch${batches === 1 ? '' : 'es'})\n\n${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/io/exists.ts

/** Whether a path exists (a file or a folder); any error reading it counts as no. */
const exists = (abs) => promises_.stat(abs).then(() => true, () => false);

;// CONCATENATED MODULE: ./src/phases/publish/commit.ts









/** Moves of the branch that lost a race with another push, before giving up. */
const MAX_ATTEMPTS = 5;
async function gzipTo(src, tempDir) {
    await promises_.mkdir(tempDir, { recursive: true });
    const file = external_node_path_.join(tempDir, `${(0,external_node_crypto_.randomUUID)()}.gz`);
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(src), (0,external_node_zlib_.createGzip)(), (0,external_node_fs_.createWriteStream)(file));
    return { file, bytes: (await promises_.stat(file)).size };
}
/** Stores each changed file as a blob (gzip-compressed when over the limit) and says what the tree gets. */
async function entriesFor(repo, changes, workspace, tempDir) {
    const entries = [];
    const leftOut = [];
    const compressed = [];
    for (const c of changes) {
        const abs = external_node_path_.join(workspace, c.path);
        if (c.removed) {
            entries.push({ path: c.path, sha: null });
            continue;
        }
        const gzInWorkspace = await exists(`${abs}.gz`);
        if ((await promises_.stat(abs)).size <= limits/* MAX_BLOB_BYTES */.TP) {
            entries.push({ path: c.path, sha: await repo.createBlob(abs, c.path) });
            if (gzInWorkspace)
                entries.push({ path: `${c.path}.gz`, sha: null });
            continue;
        }
        const gz = await gzipTo(abs, tempDir);
        try {
            if (gz.bytes <= limits/* MAX_BLOB_BYTES */.TP) {
                entries.push({ path: `${c.path}.gz`, sha: await repo.createBlob(gz.file, `${c.path}.gz`) });
                compressed.push(c.path);
            }
            else
                leftOut.push(c.path);
            if (c.existed)
                entries.push({ path: c.path, sha: null });
        }
        finally {
            await promises_.rm(gz.file, { force: true });
        }
    }
    return { entries, leftOut, compressed };
}
/**
 * One commit of the changed result files on top of the branch's head, through
 * the Git Data API. Built again on the new head when the branch moved meanwhile.
 */
async function commitResults(repo, changes, opts) {
    const { entries, leftOut, compressed } = await entriesFor(repo, changes, opts.workspace, opts.tempDir);
    if (entries.length === 0)
        return { sha: undefined, leftOut, compressed };
    const move = opts.onto ? (opts.onto.exists ? { force: true } : { create: true }) : {};
    for (let n = 0;; n++) {
        const head = await repo.head(opts.onto?.branch ?? opts.branch);
        const tree = await repo.createTree(head.tree, entries);
        if (tree === head.tree) {
            opts.log.info('The results are already on the branch; nothing to commit.');
            return { sha: undefined, leftOut, compressed };
        }
        const sha = await repo.createCommit(opts.message, tree, head.commit);
        if (await repo.moveBranch(opts.branch, sha, move)) {
            opts.log.info(`Committed the results to ${opts.branch} as ${sha}.`);
            return { sha, leftOut, compressed };
        }
        if (n + 1 >= MAX_ATTEMPTS)
            throw new Error(`Could not commit the results: ${opts.branch} kept moving (${MAX_ATTEMPTS} attempts).`);
        opts.log.info(`${opts.branch} moved while committing; building the commit again on its new head.`);
        await opts.clock.sleep((0,backoff/* backoffMs */.j)(n));
    }
}

;// CONCATENATED MODULE: ./src/core/report/pull-body.ts


/** The results pull request's body: each result file and its batches, and what they used and cost. */
function pullBody(changes, collected, opts) {
    const rows = changes.map(c => `| \`${c.path}\` | ${c.removed ? 'removed' : c.existed ? 'updated' : 'added'} | ${c.batchId
        ? c.batchId
            .split(', ')
            .map(id => `\`${id}\``)
            .join(' ')
        : 'its request file was deleted'} |`);
    const out = [
        `Results of ${opts.provider} batches, collected by [this run](${opts.runUrl}).`,
        '',
        '| Result file | Change | Batches |',
        '|---|---|---|',
        ...rows,
        ''
    ];
    const s = (0,spend/* spent */.RT)(collected, opts.price);
    if (s.usage.input > 0 || s.usage.output > 0) {
        out.push(`${(0,format/* plural */.LS)(collected.length, 'batch', 'batches')}: ${(0,spend/* spentText */.u8)(s)}.`, '');
        if (opts.priceSource && (0,spend/* costKnown */.Jx)(s))
            out.push(`<sub>Prices from ${opts.priceSource}.</sub>`, '');
    }
    out.push('Merge to keep the results. A later run adds its results here while this pull request is open.');
    return `${out.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/phases/publish/pull-request.ts


/**
 * Commits the results to the results branch and opens its pull request into
 * the run's branch, or updates the one open. While that pull request is open,
 * the branch holds results not merged yet, so the commit goes on top of it;
 * once merged, closed or deleted, the branch starts again from the base.
 */
async function pullRequestFor(ctx, repo, changes, collected, opts) {
    const { settings, log } = ctx;
    const p = settings.resultsPull;
    if (!ctx.pulls)
        throw new Error("results: pull-request needs a token: set the github-token input (its default is the job's GITHUB_TOKEN).");
    const pulls = await ctx.pulls();
    const branch = p.branch || `openai-batch-results/${opts.base}`;
    const open = await pulls.find(branch, opts.base);
    const exists = await repo.hasBranch(branch);
    const onto = open && exists ? undefined : { branch: opts.base, exists };
    const out = await commitResults(repo, changes, { ...opts, branch, onto });
    if (!out.sha && !open) {
        log.info(`The results are already on ${opts.base}; no pull request needed.`);
        return { out, pull: undefined };
    }
    const prices = collected.some(b => b.usage) ? await ctx.prices() : undefined;
    const body = pullBody(changes, collected, {
        runUrl: settings.run.runUrl,
        provider: settings.provider.label,
        price: prices?.price,
        priceSource: prices?.source
    });
    if (open) {
        await pulls.update(open.number, { title: p.title, body });
        log.info(`Updated pull request #${open.number} with the results.`);
        return { out, pull: { ...open, operation: 'updated', branch } };
    }
    const made = await pulls.create({ head: branch, base: opts.base, title: p.title, body, draft: p.draft });
    await pulls.decorate(made.number, p);
    log.info(`Opened pull request #${made.number} with the results: ${made.url}`);
    return { out, pull: { ...made, operation: 'created', branch } };
}

;// CONCATENATED MODULE: ./src/phases/publish/publish.ts





const files = (n) => (0,format/* plural */.LS)(n, 'result file');
/** Notes on what a commit did with files too big for GitHub; returns the files left to the artifact. */
function bigFiles(ctx, out, notes) {
    for (const f of out.compressed)
        notes.push(`\`${f}\` is over GitHub's 40 MiB blob limit: committed gzip-compressed as \`${f}.gz\`.`);
    for (const f of out.leftOut) {
        const message = `${f} is over GitHub's 40 MiB blob limit even compressed: ` +
            `left out of the commit and uploaded as the artifact '${ctx.settings.artifactName}'.`;
        ctx.log.warning(message);
        notes.push(message);
    }
    return [...out.leftOut];
}
/** The results committed to the run's branch, or to a results branch with its pull request. */
async function commit(ctx, changes, collected) {
    const { settings } = ctx;
    const base = settings.run.branch;
    const how = `results: ${settings.results}`;
    if (!base)
        throw new Error(`${how} needs a run on a branch; this one is not (GITHUB_REF). Use results: artifact here.`);
    if (!ctx.repo)
        throw new Error(`${how} needs a token: set the github-token input (its default is the job's GITHUB_TOKEN).`);
    const repo = await ctx.repo();
    const message = settings.commitMessage || defaultMessage(changes, settings.provider.label);
    const opts = { workspace: settings.workspace, tempDir: settings.tempDir, message, clock: ctx.clock, log: ctx.log };
    if (settings.results === 'pull-request') {
        const { out, pull } = await pullRequestFor(ctx, repo, changes, collected, { ...opts, base });
        return { out, pull, where: `\`${pull?.branch}\`` };
    }
    return { out: await commitResults(repo, changes, { ...opts, branch: base }), pull: undefined, where: `\`${base}\`` };
}
/**
 * Gets the results this run changed off the runner: a commit, a pull request,
 * an artifact, or a commit and an artifact. Throws when they could not be
 * published, so the batches are collected again on the next run.
 */
async function publish(ctx, changes, collected = []) {
    const { settings, log } = ctx;
    const notes = [];
    if (changes.length === 0 || settings.results === 'none')
        return { commitSha: undefined, notes };
    let commitSha;
    let pullRequest;
    let forArtifact = [];
    if (settings.results === 'commit' || settings.results === 'both' || settings.results === 'pull-request') {
        const { out, pull, where } = await commit(ctx, changes, collected);
        commitSha = out.sha;
        pullRequest = pull;
        const removed = changes.filter(c => c.removed).length;
        const gone = removed > 0 ? `, removing ${files(removed)} that no longer apply` : '';
        if (out.sha)
            notes.push(`Committed ${files(changes.length - removed)} to ${where} as ${out.sha}${gone}.`);
        if (pull)
            notes.push(`The results are in pull request #${pull.number} (${pull.operation}): ${pull.url}`);
        forArtifact = bigFiles(ctx, out, notes);
    }
    if (settings.results === 'artifact' || settings.results === 'both')
        forArtifact = changes.filter(c => c.changed && !c.removed).map(c => c.path);
    if (forArtifact.length > 0) {
        const store = await ctx.artifacts();
        const abs = forArtifact.map(f => external_node_path_.join(settings.workspace, f));
        const id = await store.upload(settings.artifactName, abs, settings.workspace, settings.artifactRetentionDays);
        notes.push(`Uploaded ${files(abs.length)} as the artifact '${settings.artifactName}'${id ? ` (id ${id})` : ''}.`);
        log.info(notes.at(-1));
    }
    return { commitSha, notes, ...(pullRequest ? { pullRequest } : {}) };
}

;// CONCATENATED MODULE: ./src/phases/superseded.ts








const counts = (b) => b.requestCounts?.total ? ` (${b.requestCounts.completed} of ${b.requestCounts.total} requests done)` : '';
/**
 * Settles the superseded batches that have ended. With keep-superseded their
 * partial output is downloaded beside the file's results, else they are only
 * reported; either way they are then announced, and the next run forgets them.
 */
async function settleSuperseded(ctx, initial) {
    const { api, clock, log, settings } = ctx;
    let state = initial;
    const changes = [];
    const settled = [];
    const writer = createResultWriter(api, { clock, log, tempDir: settings.tempDir });
    await mapLimit(toSettle(state), settings.maxConcurrency, async (b) => {
        const file = `${settings.sourceDir}/${b.path}`;
        const why = b.superseded === 'deleted' ? 'was deleted' : 'changed';
        let done = { ...b, collected: true, usage: b.usage ?? (b.outputFileId ? undefined : cost_usage/* NO_USAGE */.yJ) };
        if (settings.keepSuperseded && b.outputFileId) {
            const rel = (0,core_paths/* supersededPath */.S9)(settings.targetDir, b.path, b.batchId);
            try {
                const w = await writer.write([b.outputFileId], external_node_path_.join(settings.workspace, rel), {
                    tally: b.usage ? undefined : new Set([b.outputFileId])
                });
                changes.push({ path: rel, batchId: b.batchId, removed: false, existed: w.existed, changed: w.changed });
                const lines = w.tallied?.get(b.outputFileId);
                done = { ...done, usage: done.usage ?? lines?.usage, model: b.model ?? lines?.model };
                log.info(`${file} ${why} while batch ${b.batchId} ran; ` +
                    `it ended ${b.status}${counts(b)}, its partial output kept in ${rel}.`);
            }
            catch (e) {
                if ((0,errors/* stopsRun */.PW)(e))
                    throw e;
                // Degraded, not failed: it is tried again by the next run.
                log.warning(`Could not keep the partial output of the superseded batch ${b.batchId} of ${file}: ${(0,errors/* errorMessage */.gJ)(e)}`);
                return;
            }
        }
        else {
            const kept = b.outputFileId ? ' (keep-superseded keeps its partial output)' : '';
            log.info(`${file} ${why} while batch ${b.batchId} ran; it ended ${b.status}${counts(b)}${kept}.`);
        }
        settled.push(done);
        state = update(state, done);
    });
    return { state, changes, superseded: settled };
}

;// CONCATENATED MODULE: ./src/core/plans/adopt.ts

/**
 * Adds batches found at OpenAI that stand for the present content of a file
 * and that the state does not know, the newest one per round and part. A
 * batch of that content under a path that is gone stands for it too (the file
 * was renamed): `adoptRenames` moves it to the new path. Each is marked
 * `rebuilt`: the state cannot tell whether a lost run collected it.
 */
function adopt(state, found, sources) {
    const batches = [...state.batches];
    const present = new Set(sources.map(s => s.path));
    const newestFirst = [...found].sort((a, b) => b.createdAt - a.createdAt);
    for (const src of sources) {
        if (src.problems.length > 0)
            continue;
        for (const b of newestFirst) {
            const mine = matches(b, src) || (!b.outside && b.sha256 === src.sha256 && !present.has(b.path));
            const taken = batches.some(o => o.batchId === b.batchId || (matches(o, b) && sameSlot(o, b) && isUsable(o)));
            if (mine && isUsable(b) && !taken)
                batches.push({ ...b, rebuilt: true });
        }
    }
    return { ...state, batches };
}

// EXTERNAL MODULE: ./src/core/remote/tags.ts
var tags = __webpack_require__(2197);
// EXTERNAL MODULE: ./src/core/remote/records.ts
var records = __webpack_require__(82840);
;// CONCATENATED MODULE: ./src/core/remote/by-name.ts






/** Every reading of a batch's label (its upload's name or its tag), longest stem first. */
function readings(label, scope) {
    const tag = (0,tags/* readTag */.zW)(label);
    if (tag)
        return [{ ...tag, key: label, holds: s => (0,tags/* contentHash */.Ae)(scope, s.path, s.sha256) === tag.content }];
    return (0,core_paths/* uploadReadings */.DX)(label).map(name => ({
        key: `${name.stem}\n${name.sha256}\n${name.round}\n${name.part}/${name.parts}`,
        round: name.round,
        part: name.part,
        parts: name.parts,
        holds: s => s.sha256 === name.sha256 && (0,core_paths/* uploadStem */.BE)(s.path) === name.stem
    }));
}
/**
 * Ties each usable untagged batch the state does not track to the present file its upload's name
 * (from `filenames`, by file id) says, for a slot the state has no batch for.
 *
 * Files of the same base name and content share one upload, so its batches are shared out among
 * them newest first in path order: each stands for the very same requests, and none is submitted again.
 */
function byUploadName(batches, filenames, sources, state) {
    const known = new Set(state.batches.map(b => b.batchId));
    const groups = new Map();
    for (const b of [...batches].sort((x, y) => y.createdAt - x.createdAt)) {
        const filename = filenames.get(b.inputFileId);
        if (!(0,records/* isUntagged */.qp)(b) || known.has(b.id) || !filename || !usable(b))
            continue;
        for (const name of readings(filename, state.scope)) {
            const files = sources.filter(s => s.problems.length === 0 && name.holds(s) && !tracked(state, s, name));
            if (files.length === 0)
                continue;
            const group = groups.get(name.key) ?? {
                name,
                files: [...files].sort((x, y) => (0,format/* byText */.z4)(x.path, y.path)),
                batches: []
            };
            groups.set(name.key, group);
            group.batches.push(b);
            break;
        }
    }
    const found = [];
    for (const { name, files, batches: bs } of groups.values())
        bs.forEach((b, i) => {
            const src = files[i % files.length];
            found.push((0,records/* untaggedBatch */.o)(b, { path: src.path, sha256: src.sha256, round: name.round, part: name.part, parts: name.parts }));
        });
    const ambiguous = [...groups.values()].filter(g => g.files.length > 1).map(g => g.files.map(f => f.path));
    return { found, ambiguous };
}
/** A cancelled or token-limited batch stands for nothing. */
const usable = (b) => isUsable((0,records/* remoteFacts */.M0)(b));
/** Whether the state already has a usable batch of `src` for the slot `name` says. */
const tracked = (state, src, name) => batchesOf(state, src).some(o => sameSlot(o, { round: name.round, part: name.part, parts: name.parts }) && isUsable(o));
/**
 * Unfinished batches nothing ties to a file yet, not even a label (Anthropic shows whose a batch
 * is only once it ends), each taken for the first file in path order whose part of round 0 has as
 * many requests and no usable batch: that file waits for it, and is not submitted twice. Marked
 * `guessed`; `guessHolds` checks the guess once the batch ends.
 */
function byRequestCount(batches, sources, state) {
    const known = new Set(state.batches.map(b => b.batchId));
    const guessed = [];
    const taken = (src, part, parts) => [...state.batches, ...guessed].some(b => b.path === src.path && b.sha256 === src.sha256 && sameSlot(b, { part, parts }) && isUsable(b));
    const files = [...sources].sort((x, y) => (0,format/* byText */.z4)(x.path, y.path));
    for (const b of [...batches].sort((x, y) => y.createdAt - x.createdAt)) {
        const total = b.requestCounts?.total;
        if (known.has(b.id) || !(0,records/* isUntagged */.qp)(b) || (0,state_state/* isFinal */.dR)(b.status) || !total)
            continue;
        for (const src of files) {
            if (src.problems.length > 0 || !src.checked)
                continue;
            const n = src.parts.length;
            const i = src.parts.findIndex((p, k) => p.requests === total && !taken(src, k + 1, n));
            if (i < 0)
                continue;
            guessed.push({
                ...(0,records/* untaggedBatch */.o)(b, { path: src.path, sha256: src.sha256, part: i + 1, parts: n }),
                guessed: true
            });
            break;
        }
    }
    return guessed;
}
/** Whether a guessed batch's label, now that it has ended, says it is what it was taken for. */
const guessHolds = (b, label, scope) => label !== undefined &&
    readings(label, scope).some(r => sameSlot(b, r) && r.holds({ path: b.path, sha256: b.sha256, problems: [] }));

;// CONCATENATED MODULE: ./src/phases/once.ts


/** Attempts at a create whose answer keeps getting lost, before giving up. */
const once_MAX_ATTEMPTS = 5;
/**
 * Creates something at most once. OpenAI's create calls take no idempotency
 * key, so after a retryable failure (which may have been a lost answer to a
 * request that took effect) we look for what may have been created before
 * trying again. The SDK does not retry creates (see BatchApi): this is their
 * one retry layer.
 */
async function createOnce(what, deps, attempt, find) {
    for (let n = 0;; n++) {
        try {
            return await attempt();
        }
        catch (e) {
            if (!(0,errors/* isRetryable */.r3)(e) || n + 1 >= once_MAX_ATTEMPTS)
                throw e;
            deps.log.info(`${what}: ${(0,errors/* errorMessage */.gJ)(e)} Checking whether it took effect before trying again.`);
            await deps.clock.sleep((0,backoff/* backoffMs */.j)(n));
            const found = await find();
            if (found !== undefined) {
                deps.log.info(`${what}: it had taken effect; using it.`);
                return found;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/phases/create.ts









/** Uploads made since `since`, by name. */
async function indexFiles(api, since) {
    const byName = new Map();
    for await (const f of api.recentFiles(since))
        if (!byName.has(f.filename))
            byName.set(f.filename, f);
    return byName;
}
/**
 * The names of the uploads of `batches`, by file id, listed until each is
 * found. An upload may be older than its batch (a run that stopped between the
 * two, its upload reused later), so the list looks a lookback further back.
 */
async function uploadNames(api, batches, since) {
    const wanted = new Set(batches.map(b => b.inputFileId));
    const names = new Map();
    for await (const f of api.recentFiles(since - limits/* REBUILD_LOOKBACK_SECONDS */.$_)) {
        if (!wanted.has(f.id))
            continue;
        names.set(f.id, f.filename);
        if (names.size === wanted.size)
            break;
    }
    return names;
}
/** Batches made since `since`: this scope's usable ones, and those that carry no metadata of any scope (#12). */
async function listRecent(api, scope, since) {
    const mine = [];
    const untagged = [];
    for await (const page of api.recentBatches(since))
        for (const remote of page) {
            const b = (0,records/* fromRemote */.Hm)(remote, scope);
            // A cancelled or token-limited batch stands for nothing.
            if (b && isUsable(b))
                mine.push(b);
            else if ((0,records/* isUntagged */.qp)(remote))
                untagged.push(remote);
        }
    return { mine, untagged };
}
/** Usable batches made since `since`: this scope's, and those without metadata named for the contents of `made`. */
async function recentUsable(api, scope, since, made) {
    const { mine, untagged } = await listRecent(api, scope, since);
    const contents = [
        ...new Map(made
            .filter(b => b.untagged)
            .map(b => [`${b.path}\n${b.sha256}`, { path: b.path, sha256: b.sha256, problems: [] }])).values()
    ];
    if (contents.length === 0 || untagged.length === 0)
        return mine;
    return [
        ...mine,
        ...byUploadName(untagged, await uploadNames(api, untagged, since), contents, (0,state_state/* emptyState */.p$)(scope)).found
    ];
}
const standsFor = (b, slot) => matches(b, slot) && sameSlot(b, slot);
/**
 * Uploads part `part` (0-based) of a target, unless `uploaded` has it, then
 * creates its batch. Each happens at most once, whatever answers get lost.
 */
async function createPart(t, part, uploaded, deps) {
    const { api, clock, log, settings } = deps;
    const n = t.parts.length;
    const slot = { path: t.path, sha256: t.sha256, round: t.round, part: part + 1, parts: n };
    const label = `${t.file}${(0,core_paths/* slotLabel */.Df)((0,state_state/* roundOf */.O7)(t), part + 1, n)}`;
    const name = (0,core_paths/* uploadName */.Vr)(t, part, n);
    const range = t.parts[part];
    let file = uploaded.get(name);
    if (file && file.bytes === range.end - range.start)
        log.info(`${label}: this content was uploaded before as ${file.id}; reusing it.`);
    else {
        const source = { abs: t.abs, start: range.start, end: range.end };
        file = await createOnce(`Uploading ${label}`, { clock, log }, () => api.uploadFile(source, name, { expiresAfter: settings.remoteFilesExpireAfter }), async () => (await indexFiles(api, deps.runStart)).get(name));
        // A provider without files (Anthropic) sends the requests inline with the create: nothing was uploaded.
        if (settings.provider.files)
            log.info(`${label}: uploaded as ${file.id} ` +
                `(${(0,format/* plural */.LS)(range.requests, 'request')}, ${(0,format/* plural */.LS)(range.end - range.start, 'byte')}).`);
    }
    const request = {
        inputFileId: file.id,
        endpoint: settings.endpoint ?? t.endpoint ?? '',
        completionWindow: settings.completionWindow,
        metadata: (0,records/* batchMetadata */.cG)(settings.metadata, settings.scope, slot),
        outputExpiresAfter: settings.remoteFilesExpireAfter
    };
    const input = file.id;
    const batch = await createOnce(`Creating the batch for ${label}`, { clock, log }, async () => {
        const remote = await api.createBatch(request);
        const made = (0,records/* fromRemote */.Hm)(remote, settings.scope);
        if (made)
            return made;
        // A compatible API keeping no metadata (metadata.ts warns once a run): what the batch stands for is known here.
        log.info(`${label}: batch ${remote.id} carries no metadata of ours; ` +
            `it is tracked in the saved state, and by its upload's name ${name}.`);
        return (0,records/* untaggedBatch */.o)(remote, slot);
    }, async () => {
        const recent = await listRecent(api, settings.scope, deps.runStart);
        // Without metadata, the batch made from this run's upload is the one that was lost: one just
        // made, so unfinished (a reused upload may be an earlier, cancelled batch's too).
        const made = recent.untagged.find(r => r.inputFileId === input && !(0,state_state/* isFinal */.dR)((0,records/* remoteFacts */.M0)(r).status));
        return recent.mine.find(b => standsFor(b, slot)) ?? (made ? (0,records/* untaggedBatch */.o)(made, slot) : undefined);
    });
    const sent = settings.provider.files ? '' : `, ${(0,format/* plural */.LS)(range.requests, 'request')} sent inline`;
    log.info(`${label}: batch ${batch.batchId} created (${batch.status}${sent}).`);
    return batch;
}
const older = (a, b) => a.createdAt - b.createdAt || (0,format/* byText */.z4)(a.batchId, b.batchId);
/**
 * Two runs at once (without the README's concurrency block) may each create a
 * batch for the same content. Every run keeps the oldest and cancels its own
 * younger one, so one stands. Returns our cancelled batches with the one kept.
 */
async function settle(deps, created) {
    const { api, log } = deps;
    const settled = new Map();
    if (created.length === 0)
        return settled;
    const recent = await recentUsable(api, deps.settings.scope, deps.runStart, created);
    for (const mine of created) {
        const first = recent.filter(o => standsFor(o, mine)).sort(older)[0];
        if (!first || first.batchId === mine.batchId)
            continue;
        log.info(`${mine.path}: another run created ${first.batchId} for the same content first; cancelling our ${mine.batchId}.`);
        await api
            .cancelBatch(mine.batchId)
            .catch(e => log.warning(`Could not cancel the duplicate batch ${mine.batchId}: ${(0,errors/* errorMessage */.gJ)(e)}`));
        // Our upload too, unless the batch that stands uses it.
        if (mine.inputFileId !== first.inputFileId)
            await api
                .deleteFile(mine.inputFileId)
                .catch(e => log.warning(`Could not delete the duplicate upload ${mine.inputFileId}: ${(0,errors/* errorMessage */.gJ)(e)}`));
        settled.set(mine.batchId, first);
    }
    return settled;
}
/** The state and the batches a step made, once races with runs alongside are settled: only ours that stand count. */
async function settleAll(deps, state, created) {
    const settled = await settle(deps, created);
    return { state: replaceSettled(state, settled), created: created.filter(b => !settled.has(b.batchId)) };
}

;// CONCATENATED MODULE: ./src/phases/restore.ts








/** Where the state comes from: the cache first, else the batches at OpenAI. */
/** The saved state, with the text it was read from: a run that changed nothing saves nothing. */
async function restore(storage, scope, log) {
    const text = await storage.restore();
    if (text === undefined)
        return undefined;
    const parsed = parseState(text, scope);
    if ('reason' in parsed) {
        log.warning(`Ignoring the saved state: ${parsed.reason}. It will be rebuilt from the batches at the provider.`);
        return undefined;
    }
    log.info(`State: ${(0,format/* plural */.LS)(parsed.state.batches.length, 'tracked batch', 'tracked batches')}.`);
    return { state: parsed.state, text };
}
/**
 * Adopts the batches created since `since` that stand for present content; the
 * state then knows every batch made before now (`asOf`). They are this scope's
 * and, from a provider that may not keep metadata, those without any that their
 * uploads' names tie to present content.
 */
async function discover(deps, state, sources, since) {
    const { api, log, scope, provider } = deps;
    const listed = await listRecent(api, scope, since);
    const found = [...listed.mine];
    const known = new Set(state.batches.map(b => b.batchId));
    // Only unknown ones: a state that tracks them all needs no list of files.
    const untagged = provider.keepsMetadata ? [] : listed.untagged.filter(b => !known.has(b.id));
    if (untagged.length > 0) {
        const labels = await uploadNames(api, untagged, since);
        const named = byUploadName(untagged, labels, sources, state);
        for (const paths of named.ambiguous)
            log.warning(sameNameAndContent(paths));
        found.push(...named.found);
        // Nothing says yet whose these are: as many requests as a file's part, they are waited for.
        const unlabelled = untagged.filter(b => !labels.has(b.inputFileId));
        found.push(...byRequestCount(unlabelled, sources, { ...state, batches: [...state.batches, ...found] }));
    }
    const next = { ...adopt(state, found, sources), asOf: deps.now };
    const adopted = next.batches.slice(state.batches.length);
    if (adopted.length === 0)
        log.info(`No batch of these request files at ${provider.label} since ${(0,format/* utc */.n$)(since)}.`);
    for (const b of adopted)
        log.info(foundLine(b, provider));
    return next;
}
function foundLine(b, { label, files }) {
    // Without files, the label is the tag in the custom_ids of its results (core/remote/tags.ts).
    const by = b.untagged ? (files ? " by its upload's name" : ' by the tag in its custom_ids') : '';
    if (!b.guessed)
        return `${b.path}: found batch ${b.batchId} (${b.status}) at ${label}${by}.`;
    const requests = (0,format/* plural */.LS)(b.requestCounts?.total ?? 0, 'request');
    return (`${b.path}: batch ${b.batchId} at ${label} (${b.status}, ${requests}) may be this file's: ` +
        `${label} shows whose a batch is only once it ends, so the file waits for it instead of being submitted twice.`);
}
const sameNameAndContent = (paths) => `${paths.join(', ')} have the same name and content: ` +
    'their batches without metadata are shared out between them in path order, ' +
    "so the results of one may be the other's (the same requests).";
/**
 * Plans against the state; when the plan would make batches and the state may
 * be stale, looks at OpenAI and plans again. A run that crashed, or ran
 * alongside, may have made some since its `asOf`.
 */
async function freshPlan(ctx, state, plan, wouldCreate) {
    const first = plan(state);
    const { api, loaded, clock } = ctx;
    if (!wouldCreate(first) || !loaded || !api)
        return { state, plan: first };
    const now = clock.now();
    const looked = await discover({ api, log: ctx.log, now, scope: ctx.settings.scope, provider: ctx.settings.provider }, state, ctx.sources, (0,state_state/* listSince */.jV)(loaded, now));
    return { state: looked, plan: plan(looked) };
}
/** Starts tracking the batches named in batch-ids (or by a relayed webhook event) that the state does not know. */
async function watchOutside(ctx, state) {
    const { settings, api, log } = ctx;
    const ids = [...settings.batchIds, ...(settings.run.eventBatchId ? [settings.run.eventBatchId] : [])];
    let next = state;
    const failures = [];
    for (const id of new Set(ids)) {
        if (next.batches.some(b => b.batchId === id))
            continue;
        try {
            const remote = await api.getBatch(id);
            const scope = remote.metadata[records/* MetadataKeys */.yg.Scope];
            // A relayed event names any batch of the OpenAI project: only batch-ids, or this folder's own, are taken.
            if (!settings.batchIds.includes(id)) {
                const mine = scope === settings.scope ? (0,records/* fromRemote */.Hm)(remote, settings.scope) : undefined;
                if (mine)
                    next = adopt(next, [mine], ctx.sources);
                else
                    log.info(`Batch ${id} of the relayed event is ${scope ? `another folder's (${scope})` : "not this action's"}; ` +
                        'it is left alone (batch-ids watches one).');
                continue;
            }
            // Rebuilt: a lost cache forgets the batches it watched, and their results may be in already.
            const b = { ...(0,records/* outsideBatch */.aE)(remote), rebuilt: true };
            log.info(`Watching batch ${id} (${b.status}); its results go to ${b.path} under the target folder.`);
            next = { ...next, batches: [...next.batches, b] };
        }
        catch (e) {
            if ((0,errors/* stopsRun */.PW)(e))
                throw e;
            failures.push((0,errors/* failure */.V2)(`batch-ids: ${id}`, e, `Cannot watch batch ${id}`));
        }
    }
    return { state: next, failures };
}

;// CONCATENATED MODULE: ./src/phases/guesses.ts




/**
 * Checks the guessed batches (core/remote/by-name.ts `byRequestCount`) that have ended, before
 * anything of them is collected: one whose label says it is what it was taken for is the file's
 * batch; any other is let go, untouched, and the file is submitted by the next run.
 */
async function confirmGuesses(ctx, state) {
    const ended = state.batches.filter(b => b.guessed && (0,state_state/* isFinal */.dR)(b.status));
    if (ended.length === 0)
        return state;
    const { api, log, settings } = ctx;
    // uploadNames looks a lookback further back than it is given.
    const since = Math.min(...ended.map(b => b.createdAt)) + limits/* REBUILD_LOOKBACK_SECONDS */.$_;
    const labels = await uploadNames(api, ended, since);
    const wrong = new Set();
    const batches = state.batches.map(b => {
        if (!ended.includes(b))
            return b;
        if (guessHolds(b, labels.get(b.inputFileId), settings.scope)) {
            log.info(`${b.path}: batch ${b.batchId} has ended, and its custom_ids say it is this file's.`);
            return { ...b, guessed: undefined };
        }
        log.info(`${b.path}: batch ${b.batchId} has ended, and is not this file's after all; ` +
            'it is left alone, and the file is submitted by the next run.');
        wrong.add(b.batchId);
        return b;
    });
    return { ...state, batches: batches.filter(b => !wrong.has(b.batchId)) };
}

;// CONCATENATED MODULE: ./src/core/plans/statuses.ts

/** The list is read when it takes at most one call in this many of retrieving each. */
const LIST_SAVES = 10;
/**
 * Lists when the pages it expects are at most a tenth of the retrieves (so
 * from 10 unfinished batches up): a few retrieves at once are as quick as a
 * page and read only what they need. Other tools' batches in the list are not
 * counted, as they are not known; `listOn` bounds what they cost.
 */
function planStatuses(unfinished, tracked) {
    if (unfinished.length === 0)
        return { list: false };
    // OpenAI sets both created_at; the margin covers a list not strictly in created_at order.
    const since = unfinished.reduce((t, b) => Math.min(t, b.createdAt), Infinity) - limits/* CLOCK_SKEW_SECONDS */._r;
    // The pages it takes at least: every tracked batch created since is in them.
    const pages = Math.max(1, Math.ceil(tracked.filter(b => b.createdAt >= since).length / limits/* BATCH_LIST_PAGE */.kA));
    return pages * LIST_SAVES <= unfinished.length ? { list: true, since } : { list: false };
}
/**
 * Whether to read another page, after `pages`, with `unseen` unfinished batches not found yet.
 * Not once the pages read are as many as the retrieves left: a list crowded with other tools'
 * batches then costs at most twice the retrieves it was to save.
 */
const listOn = (pages, unseen) => unseen > 0 && pages < unseen;

;// CONCATENATED MODULE: ./src/phases/statuses.ts






/**
 * The unfinished batches' records brought up to date from OpenAI. They are read
 * from the batch list when that takes fewer calls (core/plans/statuses.ts), else
 * retrieved one by one, as are those the list did not show. A batch that cannot
 * be checked is left out with a warning (it is checked next run); a refused key
 * stops the run.
 */
async function checkStatuses(ctx, unfinished, tracked) {
    const { api, log, settings } = ctx;
    const plan = planStatuses(unfinished, tracked);
    const checked = plan.list ? await fromList(ctx, unfinished, plan.since) : new Map();
    await mapLimit(unfinished.filter(b => !checked.has(b.batchId)), settings.maxConcurrency, async (b) => {
        try {
            checked.set(b.batchId, { ...b, ...(0,records/* remoteFacts */.M0)(await api.getBatch(b.batchId)) });
        }
        catch (e) {
            if ((0,errors/* stopsRun */.PW)(e))
                throw e;
            // Degraded, not failed: checked again on the next run, and the rest goes on.
            log.warning(`Could not check batch ${b.batchId} of ${b.path}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    });
    const out = [];
    for (const b of unfinished) {
        const next = checked.get(b.batchId);
        if (!next)
            continue;
        // A batch that ended is logged once, with its counts, when its results are collected.
        if (next.status !== b.status)
            ((0,state_state/* isFinal */.dR)(next.status) ? log.debug : log.info)(`${b.path}: batch ${b.batchId} is ${next.status}.`);
        out.push(next);
    }
    return out;
}
/**
 * The unfinished batches found in the batch list, newest first, read down to
 * `since` (or until the rest are cheaper to retrieve). Other tools' batches,
 * and ours that are final, are passed over.
 */
async function fromList(ctx, unfinished, since) {
    const { api, log } = ctx;
    const wanted = new Map(unfinished.map(b => [b.batchId, b]));
    const found = new Map();
    let pages = 0;
    try {
        for await (const page of api.recentBatches(since)) {
            pages++;
            for (const remote of page) {
                const b = wanted.get(remote.id);
                if (b)
                    found.set(b.batchId, { ...b, ...(0,records/* remoteFacts */.M0)(remote) });
            }
            if (!listOn(pages, wanted.size - found.size))
                break;
        }
    }
    catch (e) {
        if ((0,errors/* stopsRun */.PW)(e))
            throw e;
        // Degraded: the batches not found yet are retrieved one by one, as without the list.
        log.warning(`Could not list the batches: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    const rest = wanted.size - found.size;
    const retrieving = rest > 0 ? `; retrieving ${(0,format/* plural */.LS)(rest, 'batch', 'batches')} by id` : '';
    log.info(`Read ${(0,format/* plural */.LS)(found.size, 'batch', 'batches')} from ${(0,format/* plural */.LS)(pages, 'page')} of the batch list${retrieving}.`);
    return found;
}

;// CONCATENATED MODULE: ./src/phases/collect/failed-requests.ts




/**
 * GitHub shows 10 warning annotations a step: a few failed lines of each file,
 * fewer in all, so a file's count and other warnings still show.
 */
const ANNOTATED_A_FILE = 3;
const ANNOTATED_IN_ALL = 8;
const annotationBudget = () => ({ left: ANNOTATED_IN_ALL });
/**
 * Reports the requests of one file that failed for good in this run: a warning
 * at the request line of the first few (the run did not fail), then one with
 * how many more. Returns how many failed, and how many may pass on a retry.
 */
async function reportFailed(ctx, f, budget) {
    const { log, settings } = ctx;
    try {
        const abs = external_node_path_.join(settings.workspace, f.errors);
        const read = await readErrors(abs, { ...f, keep: f.src ? ANNOTATED_A_FILE : 0 });
        if (read.failed === 0 || f.reported)
            return { ...read, failed: f.reported ? 0 : read.failed };
        // Taken at once, with no wait in between: the files are collected side by side.
        const shown = read.first.slice(0, Math.max(0, budget.left));
        budget.left -= shown.length;
        const ids = shown.flatMap(l => (l.id === undefined ? [] : [l.id]));
        const lines = f.src && ids.length > 0 ? await requestLines(f.src.abs, ids) : new Map();
        for (const l of shown) {
            const startLine = l.id === undefined ? undefined : lines.get(l.id);
            log.warning(`${l.id ?? 'a request without a custom_id'}: ${l.text}`, {
                file: f.src?.file,
                startLine,
                title: 'Request failed'
            });
        }
        const more = read.failed - shown.length;
        const where = f.src ? 'in this file' : `in ${f.file}`;
        if (more > 0)
            log.warning(`${shown.length > 0 ? 'and ' : ''}${(0,format/* plural */.LS)(more, `${shown.length > 0 ? 'more ' : ''}failed request`)} ` +
                `${where}: see ${f.errors}`, { file: f.src?.file, title: 'Requests failed' });
        log.info(`${f.file}: ${(0,format/* plural */.LS)(read.failed, 'request')} failed; their errors are in ${f.errors}.`);
        return read;
    }
    catch (e) {
        // The results are written: a report that cannot be made does not undo them.
        log.warning(`Could not report the failed requests of ${f.file}: ${(0,errors/* errorMessage */.gJ)(e)}`, { file: f.src?.file });
        return { failed: 0, retryable: 0 };
    }
}

;// CONCATENATED MODULE: ./src/phases/step.ts

/**
 * Does one file's share of a step. An error that stops the run (a refused
 * key, no API) is thrown on; any other is the file's failure, annotated as an
 * error since it fails the step, and the other files go on.
 */
async function forFile(log, task, fn) {
    try {
        return { value: await fn() };
    }
    catch (e) {
        if ((0,errors/* stopsRun */.PW)(e))
            throw e;
        const f = (0,errors/* failure */.V2)(task.file, e, task.context);
        log.error(f.message, task.annotate === false ? undefined : { file: task.file });
        return { failure: f };
    }
}

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/core/requests/id-log.ts
var id_log = __webpack_require__(55174);
;// CONCATENATED MODULE: ./src/core/requests/results-size.ts

/**
 * How big a request file's results will be, estimated from the requests alone
 * (#26 item 4), so a file whose results would not fit in git is named before
 * it is paid for. Bytes a results line takes in JSON, measured on results
 * shaped like OpenAI's (a float32 embedding printed as JSON, with its comma,
 * takes about 21 bytes).
 */
const ResultBytes = {
    /** One number of an embedding, e.g. `-0.006929283495992422,`. */
    perFloat: 20,
    /** An embeddings line around its numbers: ids, status, model, usage. */
    embeddingEnvelope: 300,
    /** A chat, responses or completions line around its text. */
    textEnvelope: 600,
    /** One output token of text, escaped as JSON. */
    perToken: 4,
    /**
     * How much gzip shrinks a results file: 2.3 measured on embeddings (random-looking digits);
     * text shrinks more, so for text "left out" is a pessimistic guess.
     */
    gzipRatio: 2.3
};
/** Dimensions of an embedding when the body does not set `dimensions` (https://platform.openai.com/docs/guides/embeddings). */
const DEFAULT_DIMENSIONS = {
    'text-embedding-3-small': 1536,
    'text-embedding-3-large': 3072,
    'text-embedding-ada-002': 1536
};
const num = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
/** How many embeddings a request asks for: a string or a token array is one, an array of them one each. */
function inputs(input) {
    if (!Array.isArray(input))
        return 1;
    return input.length > 0 && input.every(i => typeof i === 'number') ? 1 : input.length;
}
/** The most output tokens a text request allows, when the body bounds it. */
function outputBound(path, body) {
    const n = num(body.n) ?? 1;
    const bound = path === '/chat/completions'
        ? (num(body.max_completion_tokens) ?? num(body.max_tokens))
        : path === '/responses'
            ? num(body.max_output_tokens)
            : path === '/completions'
                ? num(body.max_tokens)
                : undefined;
    return bound === undefined ? undefined : bound * (path === '/responses' ? 1 : n);
}
/**
 * The bytes of one request's results line, estimated; undefined when the
 * request does not bound them (a text request with no output limit, an
 * embedding model of unknown dimension, other endpoints).
 */
function resultLineBytes(url, body) {
    const path = url.replace(/^\/v1/, '');
    if (path === '/embeddings') {
        const model = typeof body.model === 'string' ? body.model : '';
        const dims = num(body.dimensions) ?? DEFAULT_DIMENSIONS[model];
        if (dims === undefined)
            return undefined;
        return ResultBytes.embeddingEnvelope + inputs(body.input) * dims * ResultBytes.perFloat;
    }
    const bound = outputBound(path, body);
    return bound === undefined ? undefined : ResultBytes.textEnvelope + bound * ResultBytes.perToken;
}
/** What a commit would do with results of this size: keep them, gzip them, or leave them out (publish/commit.ts). */
function resultsFate(bytes, limit = limits/* MAX_BLOB_BYTES */.TP) {
    if (bytes <= limit)
        return 'fits';
    return bytes / ResultBytes.gzipRatio <= limit ? 'gzip' : 'left-out';
}
const MB = 1000 * 1000;
/** A size the way the warning says it: `96 MB`. */
const megabytes = (bytes) => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;
/**
 * The warning for a file whose estimated results would not be committed as
 * they are; undefined when they fit. `resultsBytes` is a lower bound: requests
 * that do not bound their results count for nothing.
 */
function resultsSizeWarning(file, resultsBytes) {
    if (resultsBytes === undefined)
        return undefined;
    const fate = resultsFate(resultsBytes);
    if (fate === 'fits')
        return undefined;
    const what = fate === 'gzip'
        ? 'a commit would hold them gzip-compressed, as a .gz file'
        : 'likely over it even gzip-compressed, so a commit would leave them out and upload them as an artifact';
    return (`${file}: its results are estimated at about ${megabytes(resultsBytes)}, ` +
        `over GitHub's 40 MiB blob limit: ${what}. ` +
        'To keep them out of git, use results: artifact; readable-results: csv adds a CSV a person can read.');
}

;// CONCATENATED MODULE: ./src/core/requests/line-messages.ts

function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * JSON.parse's complaint, its place given as a character of the line: its own "(line 1 column 2)"
 * counts the line alone, which misleads beside an annotation on the file's line.
 */
const jsonError = (e) => (0,errors/* errorMessage */.gJ)(e).replace(/ in JSON at position (\d+)(?: \(line \d+ column \d+\))?/, (_, pos) => ` at character ${Number(pos) + 1}`);
function quote(v) {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > 60 ? `'${s.slice(0, 57)}...'` : `'${s}'`;
}
const REQUEST_EXAMPLE = '{"custom_id": "q-1", "method": "POST", "url": "/v1/chat/completions", "body": {...}}';
/** A Message Batches request line, as Anthropic documents it. */
const ANTHROPIC_EXAMPLE = '{"custom_id": "q-1", "params": {"model": "claude-haiku-4-5", "max_tokens": 256, "messages": [...]}}';
/** A Gemini Batch Mode request line, as Google documents it. */
const GEMINI_EXAMPLE = '{"key": "q-1", "request": {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}}';
/** A line in Gemini's shape, for the other shapes' messages to say which provider takes it. */
const isGeminiShaped = (req) => 'key' in req && 'request' in req;
/** What the other shapes' messages add for a `{key, request}` line. */
const GEMINI_HINT = " It has key and request, the shape of Gemini's Batch Mode: set 'provider: gemini' to submit it there.";
/** A first line that opens JSON spread over lines: the file is not JSON Lines at all, so one message says so. */
function notJsonLines(first) {
    const t = first.trim();
    if (t.startsWith('['))
        return "This file is a JSON array, not JSON Lines: write one request object a line, with no [ ] around them (jq -c '.[]' in.json > out.jsonl does it).";
    if (/[{[]$/.test(t) || (t.endsWith(',') && !/[}\]],$/.test(t)))
        return 'This file is pretty-printed JSON, not JSON Lines: write each request object on one line (jq -c . in.json > out.jsonl does it).';
    return undefined;
}
function notAnObject(value, shape) {
    if (Array.isArray(value) && value.length > 0 && value.every(isObject))
        return 'This line is a JSON array of requests: JSON Lines holds one request object a line, so put each on its own line.';
    if (shape === 'gemini')
        return 'Each line must be a JSON object with key and request.';
    return shape === 'anthropic'
        ? 'Each line must be a JSON object with custom_id and params.'
        : 'Each line must be a JSON object with custom_id, method, url and body.';
}
/** A JSON object with none of a request's fields: one message naming what a request line holds, not one a field. */
function notARequest(req) {
    const has = Object.keys(req).slice(0, 5).join(', ') || 'no fields';
    const hint = 'params' in req
        ? " It has params, the shape of Anthropic's Message Batches: set 'provider: anthropic' to submit it there."
        : isGeminiShaped(req)
            ? GEMINI_HINT
            : 'model' in req || 'messages' in req || 'input' in req
                ? ' It looks like a request body: put it under "body", with custom_id, method and url beside it.'
                : '';
    return `Not a Batch request: a request line holds custom_id, method, url and body, e.g. ${REQUEST_EXAMPLE}; this one has ${has}.${hint}`;
}
function unknownUrl(url, endpoints) {
    const near = typeof url === 'string' && endpoints.find(e => e === `/v1${url}` || e === url.replace(/\/+$/, ''));
    const fix = near ? `did you mean '${near}'?` : `use one of ${endpoints.join(', ')}.`;
    return `url ${quote(url ?? 'nothing')} is not a Batch endpoint; ${fix}`;
}
/** A line's model that is not the `model` input's. */
const otherModel = (field, model, input) => `${field} ${quote(model)} differs from the model input ${quote(input)}; name ${quote(input)} on every line, ` +
    'or leave the model input empty.';
/** An id used again, `first` the line it was first on: Gemini's `key`, the others' `custom_id`. */
const usedAgain = (shape, id, first) => shape === 'gemini'
    ? `key ${quote(id)} is used again (first on line ${first}); keys must be unique in a file, as results are joined on them.`
    : `custom_id ${quote(id)} is used again (first on line ${first}); ids must be unique in a file.`;

;// CONCATENATED MODULE: ./src/core/requests/anthropic-line.ts



/**
 * One line of an Anthropic request file, `{"custom_id": ..., "params": {...}}`,
 * checked as Anthropic's Message Batches would take it
 * (https://docs.anthropic.com/en/api/creating-message-batches), so a file it
 * would refuse, whole, is refused here at its line instead, before anything is sent.
 */
/** The one endpoint Message Batches serve: a line holds no url, so this is every Anthropic file's. */
const ANTHROPIC_ENDPOINT = '/v1/messages';
/** Anthropic's rule for a custom_id. */
const ID = /^[a-zA-Z0-9_-]{1,64}$/;
const TAG_PREFIX_LENGTH = limits/* CustomIdLimits */.d7.tagPrefix;
/** The custom_id's length left to the user: Anthropic takes 64, and the action's tag takes 12 (remote/tags.ts). */
const MAX_ANTHROPIC_ID = limits/* CustomIdLimits */.d7.anthropic - TAG_PREFIX_LENGTH;
/** What a line holds: Message Batches refuse a request with any other field. */
const FIELDS = new Set(['custom_id', 'params']);
/** Where the docs say why the ids are shorter than Anthropic's own limit. */
const DOCS = 'docs/providers.md#anthropic';
/** Checks the JSON object of one line. */
function checkAnthropicLine(req) {
    const shape = shapeProblem(req);
    if (shape)
        return { problems: [shape], id: undefined, model: undefined, resultsBytes: 0 };
    const problems = [];
    const id = idProblem(req.custom_id);
    if (id)
        problems.push(id);
    const extra = Object.keys(req).filter(k => !FIELDS.has(k));
    if (extra.length > 0)
        problems.push(`${extra.slice(0, 3).join(', ')} ${extra.length === 1 ? 'is not a field' : 'are not fields'} of a ` +
            'Message Batches request, which holds custom_id and params only: move it into params, or remove it.');
    const params = req.params;
    const given = typeof req.custom_id === 'string' && req.custom_id !== '' ? req.custom_id : undefined;
    if (!isObject(params)) {
        problems.push('params must be a JSON object: the Messages API request (model, max_tokens, messages).');
        return { problems, id: given, model: undefined, resultsBytes: 0 };
    }
    problems.push(...paramsProblems(params));
    const model = typeof params.model === 'string' && params.model !== '' ? params.model : undefined;
    const maxTokens = typeof params.max_tokens === 'number' && params.max_tokens >= 1 ? params.max_tokens : 0;
    const resultsBytes = maxTokens > 0 ? ResultBytes.textEnvelope + maxTokens * ResultBytes.perToken : 0;
    return { problems, id: given, model, resultsBytes };
}
/** A line in another shape than `{custom_id, params}`: one message for the line, not one a field. */
function shapeProblem(req) {
    if ('params' in req)
        return undefined;
    if ('method' in req || 'url' in req || 'body' in req)
        return ("This line has OpenAI's Batch shape (custom_id, method, url, body); Anthropic's Message Batches take " +
            `custom_id and params, e.g. ${ANTHROPIC_EXAMPLE}: put the body under "params", with no method or url.`);
    if (isGeminiShaped(req))
        return `Not a Message Batches request: a line holds custom_id and params, e.g. ${ANTHROPIC_EXAMPLE}.${GEMINI_HINT}`;
    if ('custom_id' in req)
        return 'No params; add "params", the Messages API request: model, max_tokens and messages.';
    const has = Object.keys(req).slice(0, 5).join(', ') || 'no fields';
    const hint = 'model' in req || 'messages' in req
        ? ' It looks like the request itself: put it under "params", with a custom_id beside it.'
        : '';
    return `Not a Message Batches request: a line holds custom_id and params, e.g. ${ANTHROPIC_EXAMPLE}; this one has ${has}.${hint}`;
}
function idProblem(id) {
    if (id === undefined)
        return 'No custom_id; add a "custom_id" string unique in this file.';
    if (typeof id !== 'string')
        return `custom_id must be a string; got ${quote(id)}.`;
    if (id === '')
        return 'custom_id is empty; give every request a unique non-empty id.';
    if (!ID.test(id.slice(0, 64)))
        return `custom_id ${quote(id)} may hold only letters, digits, _ and - (Anthropic's rule: ^[a-zA-Z0-9_-]{1,64}$).`;
    if (id.length > MAX_ANTHROPIC_ID)
        return (`custom_id ${quote(id)} is ${id.length} characters, over ${MAX_ANTHROPIC_ID}: Anthropic takes ${limits/* CustomIdLimits */.d7.anthropic}, and the ` +
            `action prefixes ${TAG_PREFIX_LENGTH} characters of its own to find its batches again, so at most ` +
            `${MAX_ANTHROPIC_ID} here (see ${DOCS}).`);
    return undefined;
}
function paramsProblems(params) {
    const problems = [];
    if (typeof params.model !== 'string' || params.model === '')
        problems.push('params.model must name the model, e.g. "claude-haiku-4-5".');
    const max = params.max_tokens;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
        problems.push('params.max_tokens must be a whole number of at least 1, the most tokens the reply may take; ' +
            `got ${quote(max ?? 'nothing')}.`);
    if (!Array.isArray(params.messages))
        problems.push('params.messages must be an array of messages, e.g. [{"role": "user", "content": "Hello"}]; ' +
            `got ${quote(params.messages ?? 'nothing')}.`);
    if (params.stream === true)
        problems.push('params.stream is true, and a batch cannot stream: remove it (results come whole when it ends).');
    return problems;
}

;// CONCATENATED MODULE: ./src/core/requests/gemini-line.ts


/**
 * One line of a Gemini request file, `{"key": ..., "request": {...}}`, checked as Gemini's Batch
 * Mode reads an input file (https://ai.google.dev/gemini-api/docs/batch-mode): `key` names the
 * line's result, `request` is a GenerateContentRequest. The batch names the model (the `model`
 * input), so a line holds none. A file Google would fail, whole or line by line, is named here at
 * its line instead, before anything is sent.
 */
/** What a line holds: the results are joined on `key`, and anything else would be dropped or refused. */
const gemini_line_FIELDS = new Set(['key', 'request']);
/** Checks the JSON object of one line. */
function checkGeminiLine(req) {
    const shape = gemini_line_shapeProblem(req);
    if (shape)
        return { problems: [shape], id: undefined, resultsBytes: 0 };
    const problems = [];
    const key = keyProblem(req.key);
    if (key)
        problems.push(key);
    const extra = Object.keys(req).filter(k => !gemini_line_FIELDS.has(k));
    if (extra.length > 0)
        problems.push(`${extra.slice(0, 3).join(', ')} ${extra.length === 1 ? 'is not a field' : 'are not fields'} of a ` +
            'Gemini batch line, which holds key and request only: move it into request, or remove it.');
    const id = typeof req.key === 'string' && req.key !== '' ? req.key : undefined;
    const request = req.request;
    if (!isObject(request)) {
        problems.push(`request must be a JSON object: the GenerateContentRequest (contents, generationConfig, ...); got ${quote(request ?? 'nothing')}.`);
        return { problems, id, resultsBytes: 0 };
    }
    problems.push(...requestProblems(request));
    const max = isObject(request.generationConfig) ? request.generationConfig.maxOutputTokens : undefined;
    const bound = typeof max === 'number' && max >= 1 ? max : 0;
    return { problems, id, resultsBytes: bound > 0 ? ResultBytes.textEnvelope + bound * ResultBytes.perToken : 0 };
}
/** A line in another shape than `{key, request}`: one message for the line, not one a field. */
function gemini_line_shapeProblem(req) {
    if ('request' in req)
        return undefined;
    if ('method' in req || 'url' in req || 'body' in req)
        return ("This line has OpenAI's Batch shape (custom_id, method, url, body); Gemini's Batch Mode takes key and " +
            `request, e.g. ${GEMINI_EXAMPLE}: the id goes in "key" and the request under "request". ` +
            "Or set 'provider' to openai if the file is meant for OpenAI.");
    if ('params' in req)
        return ("This line has Anthropic's Message Batches shape (custom_id, params); Gemini's Batch Mode takes key and " +
            `request, e.g. ${GEMINI_EXAMPLE}. Or set 'provider' to anthropic if the file is meant for Anthropic.`);
    if ('key' in req)
        return 'No request; add "request", the GenerateContentRequest: at least "contents", e.g. [{"role": "user", "parts": [{"text": "Hello"}]}].';
    const has = Object.keys(req).slice(0, 5).join(', ') || 'no fields';
    const hint = 'contents' in req
        ? ' It looks like the request itself: put it under "request", with a "key" beside it.'
        : 'custom_id' in req
            ? ' Its custom_id goes in "key".'
            : '';
    return `Not a Gemini batch request: a line holds key and request, e.g. ${GEMINI_EXAMPLE}; this one has ${has}.${hint}`;
}
function keyProblem(key) {
    if (key === undefined)
        return 'No key; add a "key" string unique in this file: the results are joined on it.';
    if (typeof key !== 'string')
        return `key must be a string; got ${quote(key)}.`;
    if (key === '')
        return 'key is empty; give every request a unique non-empty key.';
    return undefined;
}
function requestProblems(request) {
    const problems = [];
    if (!Array.isArray(request.contents))
        problems.push('request.contents must be an array of turns, e.g. [{"role": "user", "parts": [{"text": "Hello"}]}]; ' +
            `got ${quote(request.contents ?? 'nothing')}.`);
    else if (request.contents.length === 0)
        problems.push('request.contents is empty; give at least one turn.');
    if (request.generationConfig !== undefined && !isObject(request.generationConfig))
        problems.push(`request.generationConfig must be a JSON object; got ${quote(request.generationConfig)}.`);
    return problems;
}

;// CONCATENATED MODULE: ./src/core/requests/validate.ts







const BOM = [0xef, 0xbb, 0xbf];
/** Endpoints whose body may leave `model` to the API's default. */
const MODEL_OPTIONAL = new Set(['/v1/moderations']);
/**
 * Checks the lines of one request file as they stream past, holding only
 * hashes of the custom_ids (see id-log.ts). Feed every line (without its
 * `\n`) to `line`, then call `end` with the file's size; when it says so (an
 * id hash came twice), feed every line again to `again`, which names the
 * duplicates; then take the `facts`.
 */
class RequestChecker {
    opts;
    ids = new id_log/* IdLog */.Cx();
    problems = [];
    hidden = 0;
    /** The second pass: the hashes that came twice, each one's ids with their first lines, the duplicates found. */
    repeats = new Set();
    firsts = new Map();
    duplicates = [];
    bytes = 0;
    requests = 0;
    offset = 0;
    parts = [];
    part = { start: 0, requests: 0, line: 1 };
    /** Bytes the current part takes beyond its lines' own: the tags its custom_ids are sent with. */
    partTags = 0;
    blankSince;
    /** The file as a whole is not JSON Lines (pretty-printed JSON, a JSON array): one problem says so, no line is checked. */
    notLines = false;
    endpoint;
    model;
    resultsBytes = 0;
    constructor(opts = {}) {
        this.opts = {
            endpoint: opts.endpoint ?? '',
            endpoints: opts.endpoints ?? limits/* BatchEndpoints */.$O,
            maxRequests: opts.maxRequests ?? limits/* BatchLimits */.Di.maxRequests,
            maxBytes: opts.maxBytes ?? limits/* BatchLimits */.Di.maxBytes,
            maxProblems: opts.maxProblems ?? 20,
            lines: opts.lines ?? 'openai',
            model: opts.model ?? ''
        };
    }
    problem(line, message, into = this.problems) {
        if (into.length < this.opts.maxProblems)
            into.push({ line, message });
        else
            this.hidden++;
    }
    /** The line's text without a `\r` at its end (or the BOM of line 1), undefined when it is not UTF-8. */
    text(raw, n, report) {
        let end = raw.length;
        if (end > 0 && raw[end - 1] === 0x0d)
            end--;
        let text = raw.subarray(0, end);
        if (n === 1 && BOM.every((b, i) => text[i] === b)) {
            if (report)
                this.problem(n, 'The file starts with a byte order mark (BOM); save it as UTF-8 without BOM.');
            text = text.subarray(3);
        }
        if (!(0,external_node_buffer_.isUtf8)(text))
            return void (report && this.problem(n, 'This line is not valid UTF-8; save the file as UTF-8.'));
        return Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8');
    }
    /** Checks line number `n` (1-based); `raw` may end in `\r`, which is tolerated. */
    line(raw, n) {
        if (this.notLines)
            return;
        const s = this.text(raw, n, true);
        if (s === undefined)
            return;
        const size = raw.length + 1;
        if (s.trim() === '') {
            this.blankSince ??= n;
            this.offset += size;
            return;
        }
        if (this.blankSince !== undefined) {
            this.problem(this.blankSince, 'Blank line between requests; remove it (only trailing blank lines are allowed).');
            this.blankSince = undefined;
        }
        this.cut(size, n);
        if (this.part.requests === 0)
            this.part.line = n;
        this.requests++;
        this.part.requests++;
        this.offset += size;
        let value;
        try {
            value = JSON.parse(s);
        }
        catch (e) {
            const shape = n === 1 ? notJsonLines(s) : undefined;
            if (shape)
                this.notLines = true;
            return this.problem(n, shape ?? `Not valid JSON (${jsonError(e)}); each line must be one JSON request object.`);
        }
        if (!isObject(value))
            return this.problem(n, notAnObject(value, this.opts.lines));
        if (this.opts.lines === 'anthropic')
            this.checkAnthropic(value, n);
        else if (this.opts.lines === 'gemini')
            this.checkGemini(value, n);
        else
            this.checkRequest(value, n);
    }
    /**
     * Closes the current part before a request of `size` bytes that would not fit in it. An
     * Anthropic line is sent with its custom_id tagged (remote/tags.ts): its tag's bytes count too.
     */
    cut(size, n) {
        const tag = this.opts.lines === 'anthropic' ? limits/* CustomIdLimits */.d7.tagPrefix : 0;
        if (size + tag > this.opts.maxBytes)
            this.problem(n, `This request is ${size + tag} bytes${tag ? ` with the ${tag} of its custom_id's tag` : ''}, ` +
                `over the ${this.opts.maxBytes} bytes a batch may hold (max-batch-bytes); shorten it.`);
        const bytes = this.offset + size - this.part.start + this.partTags + tag;
        const full = this.part.requests === this.opts.maxRequests || bytes > this.opts.maxBytes;
        if (this.part.requests > 0 && full) {
            this.parts.push({ ...this.part, end: this.offset });
            this.part = { start: this.offset, requests: 0, line: n };
            this.partTags = 0;
        }
        this.partTags += tag;
    }
    checkAnthropic(req, n) {
        const line = checkAnthropicLine(req);
        for (const message of line.problems)
            this.problem(n, message);
        if (line.id !== undefined)
            this.ids.add(line.id);
        if (line.model !== undefined && this.opts.model && line.model !== this.opts.model)
            this.problem(n, otherModel('params.model', line.model, this.opts.model));
        // One batch may mix models at Anthropic: the file's model is its first.
        if (line.model !== undefined)
            this.model ??= { name: line.model, line: n };
        this.resultsBytes += line.resultsBytes;
    }
    /** A Gemini line: its key is its id; the model is the batch's, the `model` input (facts). */
    checkGemini(req, n) {
        const line = checkGeminiLine(req);
        for (const message of line.problems)
            this.problem(n, message);
        if (line.id !== undefined)
            this.ids.add(line.id);
        this.resultsBytes += line.resultsBytes;
    }
    checkRequest(req, n) {
        if (!('method' in req || 'url' in req || 'body' in req))
            return this.problem(n, notARequest(req));
        const id = req.custom_id;
        if (id === undefined)
            this.problem(n, 'No custom_id; add a "custom_id" string unique in this file.');
        else if (typeof id !== 'string')
            this.problem(n, `custom_id must be a string; got ${quote(id)}.`);
        else if (id === '')
            this.problem(n, 'custom_id is empty; give every request a unique non-empty id.');
        else
            this.ids.add(id);
        if (req.method !== 'POST')
            this.problem(n, `method must be "POST"; got ${quote(req.method ?? 'nothing')}.`);
        this.checkUrl(req.url, n);
        if (!isObject(req.body))
            return this.problem(n, 'body must be a JSON object: the request body for the url.');
        this.checkModel(req.body.model, n);
        if (typeof req.url === 'string')
            this.resultsBytes += resultLineBytes(req.url, req.body) ?? 0;
    }
    checkUrl(url, n) {
        const endpoints = this.opts.endpoints;
        if (typeof url !== 'string' || !endpoints.includes(url))
            return this.problem(n, unknownUrl(url, endpoints));
        if (this.opts.endpoint && url !== this.opts.endpoint)
            return this.problem(n, `url ${quote(url)} differs from the endpoint input ${quote(this.opts.endpoint)}.`);
        if (!this.endpoint)
            this.endpoint = { url, line: n };
        else if (url !== this.endpoint.url)
            this.problem(n, `url ${quote(url)} differs from ${quote(this.endpoint.url)} on line ${this.endpoint.line}; ` +
                'one file holds requests for one endpoint, so split it.');
    }
    checkModel(model, n) {
        if (model === undefined && this.endpoint && MODEL_OPTIONAL.has(this.endpoint.url))
            return;
        if (typeof model !== 'string' || model === '')
            return this.problem(n, 'body.model must name the model, e.g. "gpt-4o-mini".');
        if (this.opts.model && model !== this.opts.model)
            return this.problem(n, otherModel('body.model', model, this.opts.model));
        if (!this.model)
            this.model = { name: model, line: n };
        else if (model !== this.model.name)
            this.problem(n, `body.model ${quote(model)} differs from ${quote(this.model.name)} on line ${this.model.line}; ` +
                'a batch uses one model, so split the file.');
    }
    /** Ends the first pass over a file of `bytes`; true when an id hash came twice: then pass every line to `again`. */
    end(bytes) {
        this.bytes = bytes;
        this.repeats = this.ids.repeated();
        return this.repeats.size > 0;
    }
    /** The second pass, line number `n`: names an id used again (only ids whose hash came twice are looked at). */
    again(raw, n) {
        const s = this.text(raw, n, false);
        let id;
        try {
            const line = s && JSON.parse(s);
            id = line && (this.opts.lines === 'gemini' ? line.key : line.custom_id);
        }
        catch {
            return;
        }
        if (typeof id !== 'string' || id === '' || !this.repeats.has((0,id_log/* idHash */.C2)(id)))
            return;
        const first = this.firsts.get(id);
        if (first === undefined)
            this.firsts.set(id, n);
        else
            this.problem(n, usedAgain(this.opts.lines, id, first), this.duplicates);
    }
    /** What the file's passes found. */
    facts() {
        if (this.part.requests > 0)
            this.parts.push({ ...this.part, end: this.bytes });
        if (this.requests === 0)
            this.problem(undefined, 'The file has no requests; add one JSON request a line, or delete it.');
        // Each list holds the first of its kind; merged in line order, the first of all (on one line
        // the duplicate id first, as the id is checked first).
        const all = [...this.duplicates.map(p => ({ ...p, dup: 0 })), ...this.problems.map(p => ({ ...p, dup: 1 }))];
        all.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.dup - b.dup);
        const hidden = this.hidden + Math.max(0, all.length - this.opts.maxProblems);
        const problems = all
            .slice(0, this.opts.maxProblems)
            .map(({ line, message }) => (line === undefined ? { message } : { line, message }));
        if (hidden > 0)
            problems.push({ message: `...and ${hidden} more problems in this file.` });
        return {
            requests: this.requests,
            parts: this.parts,
            endpoint: this.opts.lines === 'anthropic' ? ANTHROPIC_ENDPOINT : this.endpoint?.url,
            // Gemini's lines name no model: the batch runs the `model` input's.
            model: this.opts.lines === 'gemini' ? this.opts.model || undefined : this.model?.name,
            problems,
            resultsBytes: this.resultsBytes
        };
    }
}

;// CONCATENATED MODULE: ./src/io/request-files.ts






/** Names of files that look like request files but are not read: only `*.jsonl` is. */
const LOOKALIKE = /\.(jsonl|json|ndjson)$/i;
/** Folders looked into at most when naming where `.jsonl` files are: a hint does not walk a big checkout whole. */
const LOOK_INTO = 2000;
/** Folders named at most. */
const NAMED = 5;
/**
 * Workspace folders that hold `*.jsonl` files, the top-most of each tree and
 * shallow ones first (`.` for the workspace itself), for a source-dir that is
 * not there. Hidden folders, `node_modules` and the `skip` folders are left out.
 */
async function foldersWithRequestFiles(workspace, skip) {
    const found = [];
    const queue = [''];
    for (let looked = 0; queue.length > 0 && looked < LOOK_INTO && found.length < NAMED; looked++) {
        const rel = queue.shift();
        const entries = await promises_.readdir(external_node_path_.join(workspace, rel), { withFileTypes: true }).catch(() => []);
        entries.sort((a, b) => (0,format/* byText */.z4)(a.name, b.name));
        if (entries.some(e => e.isFile() && e.name.endsWith('.jsonl'))) {
            found.push(rel || '.');
            if (rel !== '')
                continue;
        }
        for (const e of entries) {
            const child = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !skip.includes(child))
                queue.push(child);
        }
    }
    return found.slice(0, NAMED);
}
/** Lists `*.jsonl` files below `dir`, sorted, as POSIX paths relative to it; `missing` when `dir` is not there. */
async function listRequestFiles(dir, workspace) {
    const files = [];
    const problems = new Map();
    const notices = [];
    const realWorkspace = await promises_.realpath(workspace);
    let missing = false;
    async function walk(rel) {
        let entries;
        try {
            entries = await promises_.readdir(external_node_path_.join(dir, rel), { withFileTypes: true });
        }
        catch (e) {
            if (e.code !== 'ENOENT' || rel !== '')
                throw e;
            missing = true;
            return;
        }
        for (const entry of entries) {
            const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
            if (entry.isDirectory()) {
                if (entry.name.endsWith('.jsonl'))
                    notices.push({
                        level: 'warning',
                        message: `${child} is a folder, not a request file; the .jsonl files inside it are read as usual.`,
                        file: external_node_path_.relative(workspace, external_node_path_.join(dir, child))
                    });
                await walk(child);
            }
            else if (entry.name.endsWith('.jsonl') && (entry.isFile() || entry.isSymbolicLink())) {
                if (entry.isSymbolicLink()) {
                    const real = await promises_.realpath(external_node_path_.join(dir, child)).catch(() => '');
                    const inside = real !== '' && !external_node_path_.relative(realWorkspace, real).startsWith('..');
                    const stat = real ? await promises_.stat(real) : undefined;
                    if (!inside || !stat?.isFile()) {
                        problems.set(child, {
                            message: 'This symbolic link points outside the workspace or to no file; replace it with the file itself.'
                        });
                    }
                }
                files.push(child);
            }
            else if (LOOKALIKE.test(entry.name))
                notices.push({
                    level: 'notice',
                    message: `${child} is not read: only files named *.jsonl are request files.`,
                    file: external_node_path_.relative(workspace, external_node_path_.join(dir, child))
                });
        }
    }
    await walk('');
    files.sort();
    notices.sort((a, b) => (0,format/* byText */.z4)(a.file ?? '', b.file ?? ''));
    return { files, problems, notices, missing };
}
/**
 * Hashes a request file and checks every line in one read, holding one line at
 * a time and the ids' hashes. A file whose ids repeat a hash is read again to
 * name the duplicates.
 */
async function readRequestFile(abs, opts) {
    const hash = contentHasher(opts.rerunKey);
    const checker = new RequestChecker(opts);
    let bytes = 0;
    let lineNo = 0;
    await (0,chunks/* eachLine */.IM)(abs, line => checker.line(line, ++lineNo), chunk => {
        hash.update(chunk);
        bytes += chunk.length;
    });
    if (checker.end(bytes)) {
        lineNo = 0;
        await (0,chunks/* eachLine */.IM)(abs, line => checker.again(line, ++lineNo));
    }
    return { sha256: hash.digest('hex'), bytes, facts: checker.facts() };
}
/**
 * Finds and hashes every request file below `sourceDir` (workspace-relative).
 * Only content not `known` to have been checked has its lines checked, so a
 * run with nothing new costs little more than one read of the bytes.
 */
async function scanSources(workspace, sourceDir, opts, map, known) {
    const root = external_node_path_.join(workspace, sourceDir);
    const { files, problems, notices, missing } = await listRequestFiles(root, workspace);
    const sources = await map(files, async (rel) => {
        const abs = external_node_path_.join(root, rel);
        const file = `${sourceDir}/${rel}`;
        const linkProblem = problems.get(rel);
        if (linkProblem)
            return {
                path: rel,
                file,
                abs,
                sha256: '',
                bytes: 0,
                checked: true,
                requests: 0,
                parts: [],
                endpoint: undefined,
                model: undefined,
                problems: [linkProblem]
            };
        const hashed = await sha256File(abs, opts.rerunKey);
        if (hashed && known(rel, hashed.sha256))
            return {
                path: rel,
                file,
                abs,
                ...hashed,
                checked: false,
                requests: 0,
                parts: [],
                endpoint: undefined,
                model: undefined,
                problems: []
            };
        const { sha256, bytes, facts } = await readRequestFile(abs, opts);
        return { path: rel, file, abs, sha256, bytes, checked: true, ...facts };
    });
    return { sources, notices, missing };
}
/** Checks the lines of a file that the scan only hashed. */
async function checkSource(src, opts) {
    if (src.checked)
        return src;
    const { sha256, bytes, facts } = await readRequestFile(src.abs, opts);
    return { ...src, sha256, bytes, checked: true, ...facts };
}

;// CONCATENATED MODULE: ./src/phases/collect/kept-results.ts





/** A renamed file whose batches' files were deleted: its committed results move to its new result path. */
async function moveCommitted(ctx, unit, src) {
    const { log, settings } = ctx;
    const to = (0,core_paths/* resultPaths */.OC)(settings.targetDir, unit[0].path);
    const batchIds = unit.map(b => b.batchId).join(', ');
    const changes = [];
    for (const from of new Set(presentIds(unit.map(b => b.renamedFrom)))) {
        const old = (0,core_paths/* resultPaths */.OC)(settings.targetDir, from);
        for (const [a, b] of [
            [old.output, to.output],
            [old.errors, to.errors],
            [old.csv, to.csv]
        ]) {
            const [absA, absB] = [external_node_path_.join(settings.workspace, a), external_node_path_.join(settings.workspace, b)];
            if (!(await exists(absA)))
                continue;
            await promises_.mkdir(external_node_path_.dirname(absB), { recursive: true });
            const existed = await exists(absB);
            await promises_.rename(absA, absB);
            changes.push({ path: a, batchId: batchIds, removed: true, existed: true, changed: true }, { path: b, batchId: batchIds, removed: false, existed, changed: true });
        }
        log.info(`${src?.file ?? to.output}: renamed from ${from}; ` +
            `its results moved with it (their files at ${ctx.settings.provider.label} were deleted once published).`);
    }
    return {
        changes,
        held: false,
        retryable: undefined,
        errorsRetried: unit.some(b => b.errorsRetried),
        filesDeleted: true
    };
}
const goneAt = (ctx, file, unit) => `${file}: the result files of batch ${unit.map(b => b.batchId).join(', ')} are gone at ${ctx.settings.provider.label} ` +
    '(deleted once published, or expired)';
/** A unit whose files are gone at OpenAI (a rebuilt state does not know they were deleted): target-dir stands. */
async function keepCommitted(ctx, unit, src) {
    const { log, settings } = ctx;
    const file = src?.file ?? `batch ${unit[0].batchId}`;
    const paths = (0,core_paths/* resultPaths */.OC)(settings.targetDir, unit[0].path);
    const have = (await exists(external_node_path_.join(settings.workspace, paths.output))) ||
        (await exists(external_node_path_.join(settings.workspace, paths.errors)));
    if (have)
        log.info(`${goneAt(ctx, file, unit)}; the results in ${settings.targetDir} stand.`);
    else
        log.warning(`${goneAt(ctx, file, unit)}, and ${settings.targetDir} does not have them: they cannot be collected.`);
    return {
        changes: [],
        held: have,
        retryable: undefined,
        errorsRetried: unit.some(b => b.errorsRetried),
        filesDeleted: true
    };
}

;// CONCATENATED MODULE: ./src/core/report/readable-row.ts


/**
 * One row of the readable results (readable-results: csv): a request and its
 * answer as a person reads them, from the parsed request line and result line.
 * Pure: the file work is io/readable-csv.ts.
 */
/** The CSV's columns, in order. */
const READABLE_COLUMNS = [
    'custom_id',
    'status',
    'model',
    'prompt',
    'answer',
    'input_tokens',
    'output_tokens'
];
/** Characters kept of a prompt and of an answer: enough to recognise them; the JSONL holds the whole. */
const PROMPT_CHARS = 200;
const ANSWER_CHARS = 1000;
const obj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
const str = (v) => (typeof v === 'string' ? v : undefined);
const list = (v) => (Array.isArray(v) ? v : []);
const readable_row_num = (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
/**
 * A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
 * first) starts with `'`, as OWASP's CSV injection advice says: a prompt or an answer is text a
 * model or a user wrote, and opening the CSV must not run it. The JSONL keeps it as it was.
 */
const inert = (s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
/** `s` cut to `max` characters with an ellipsis, never inside a surrogate pair. */
function shorten(s, max) {
    if (s.length <= max)
        return s;
    let cut = max - 1;
    const last = s.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        cut--;
    return `${s.slice(0, cut)}…`;
}
/**
 * A message's text: a string, or the text parts of an array (chat `text`, responses
 * `input_text`/`output_text`, Gemini's `parts`; its thought summaries left out).
 */
function textOf(content) {
    if (typeof content === 'string')
        return content;
    const parts = list(content)
        .map(p => (obj(p)?.thought === true ? undefined : str(obj(p)?.text)))
        .filter((t) => t !== undefined);
    return parts.length > 0 ? parts.join('\n') : undefined;
}
/** The last user message's text of a list of messages. */
function lastUser(messages) {
    const users = list(messages).filter(m => obj(m)?.role === 'user');
    return users.length > 0 ? textOf(obj(users[users.length - 1])?.content) : undefined;
}
/** Gemini's last user turn's text parts: a turn with no role is the user's. */
function lastUserTurn(contents) {
    const users = list(contents).filter(c => (obj(c)?.role ?? 'user') === 'user');
    return users.length > 0 ? textOf(obj(users[users.length - 1])?.parts) : undefined;
}
/** What was asked: the last user message (chat, Anthropic), the responses input, the completion prompt, the text embedded. */
function promptOf(request) {
    const body = (0,result_line/* requestBody */.IO)(request);
    if (!body)
        return '';
    if ('messages' in body)
        return lastUser(body.messages) ?? '';
    if ('contents' in body)
        return lastUserTurn(body.contents) ?? '';
    const input = body.input ?? body.prompt;
    if (typeof input === 'string')
        return input;
    // Responses: an array of messages; completions and embeddings: an array of strings.
    return (lastUser(input) ??
        list(input)
            .filter(x => typeof x === 'string')
            .join('\n'));
}
/** What came back: by the body's shape, so a result without its request still reads. */
function answerOf(body) {
    if (!body)
        return '';
    const data = list(body.data);
    if (body.object === 'list' && data.length > 0) {
        const dims = data.map(d => list(obj(d)?.embedding).length);
        return dims.map(n => `(embedding, ${n} dimensions)`).join('\n');
    }
    if (body.object === 'response' || Array.isArray(body.output)) {
        const texts = list(body.output).flatMap(o => (obj(o)?.type === 'message' ? [textOf(obj(o)?.content) ?? ''] : []));
        return texts.join('\n');
    }
    // Gemini's candidates: each one's text parts.
    const candidates = list(body.candidates).map(obj);
    if (candidates.length > 0)
        return candidates.map(c => textOf(obj(c?.content)?.parts) ?? '').join('\n');
    const choices = list(body.choices).map(obj);
    if (choices.length > 0)
        return choices.map(c => str(c?.text) ?? textOf(obj(c?.message)?.content) ?? '').join('\n');
    // Anthropic's messages: their text blocks.
    return textOf(body.content) ?? '';
}
/** Why a line failed: its error's code and message, or the response's status and error. */
function failureOf(line, body, statusCode) {
    const err = obj(line.error) ?? obj(body?.error);
    if (err)
        return [str(err.code) ?? str(err.type), str(err.message)].filter(Boolean).join(': ') || 'error';
    if (typeof statusCode === 'number' && statusCode >= 400)
        return `HTTP ${statusCode}`;
    if (body?.status === 'incomplete') {
        const reason = str(obj(body.incomplete_details)?.reason);
        return reason ? `incomplete: ${reason}` : 'incomplete';
    }
    return undefined;
}
/**
 * The row for one request line (undefined when the request file is not known)
 * and its result or error line (undefined when there is none yet).
 */
function readableRow(request, result) {
    const response = obj(result?.response);
    const body = (0,result_line/* responseBody */.cM)(result);
    const id = (0,result_line/* lineId */.W9)(result) ?? (0,result_line/* lineId */.W9)(request) ?? '';
    const failed = (0,result_line/* anthropicFailure */.xl)(result) ?? (0,result_line/* geminiFailure */.E9)(result) ?? (result && failureOf(result, body, response?.status_code));
    const status = result ? (failed ?? 'ok') : 'no result';
    const model = (0,result_line/* responseModel */.je)(body) ?? str((0,result_line/* requestBody */.IO)(request)?.model) ?? '';
    const [input, output] = tokensOf(body);
    return [
        id,
        status,
        model,
        inert(shorten(promptOf(request), PROMPT_CHARS)),
        inert(shorten(answerOf(body), ANSWER_CHARS)),
        readable_row_num(input),
        readable_row_num(output)
    ];
}
/** The input and output tokens a response body reports, as it reports them; Gemini's as cost/usage.ts reads them. */
function tokensOf(body) {
    const meta = obj(body?.usageMetadata);
    if (meta) {
        const u = (0,cost_usage/* bodyUsage */.CQ)(meta);
        return [u?.input, u?.output];
    }
    const usage = obj(body?.usage);
    return [usage?.input_tokens ?? usage?.prompt_tokens, usage?.output_tokens ?? usage?.completion_tokens];
}

// EXTERNAL MODULE: ./node_modules/csv-stringify/lib/sync.js + 7 modules
var sync = __webpack_require__(96789);
;// CONCATENATED MODULE: ./src/io/csv-rows.ts

/**
 * CSV rows written to a file through one reused buffer. `add` returns a promise
 * only when the buffer had to be written out first. Was a write stream: each
 * row a string it turned into a Buffer of its own, 16 MB of ArrayBuffers
 * waiting for the collector at a million rows (BENCHMARKS.md, "Writing the CSV").
 */
class RowBuffer {
    sink;
    /**
     * 64 KB, a write about every 90 rows. A 1 MB buffer ran the event loop so
     * seldom that V8's collection tasks waited, and the JS heap grew by 24 MB.
     */
    buf = Buffer.allocUnsafeSlow(64 * 1024);
    used = 0;
    constructor(sink) {
        this.sink = sink;
    }
    add(row) {
        // A row a call: rows stringified together outlive young-generation collections (tried: +110 MB at a million).
        const text = (0,sync/* stringify */.A)([row]);
        const bytes = Buffer.byteLength(text);
        if (this.used + bytes > this.buf.length)
            return this.spill(text, bytes);
        this.used += this.buf.write(text, this.used);
        return undefined;
    }
    /** Empties the buffer to the file. */
    async flush() {
        await this.write(this.buf, this.used);
        this.used = 0;
    }
    /** A row that does not fit in what is left of the buffer: written after it, or alone when longer than it. */
    async spill(text, bytes) {
        await this.flush();
        if (bytes > this.buf.length)
            await this.write(Buffer.from(text), bytes);
        else
            this.used += this.buf.write(text, this.used);
    }
    async write(buf, length) {
        for (let off = 0; off < length;)
            off += (await this.sink.write(buf, off, length - off)).bytesWritten;
    }
}

;// CONCATENATED MODULE: ./src/core/requests/id-set.ts
/**
 * A set of id hashes (id-log.ts `idHash`: whole numbers from 0 to 2^53) in one typed array, open
 * addressing with linear probing, grown at half full. The house keeps indexes of ids in typed arrays,
 * not in JS objects: a Set of a million numbers is tens of megabytes the collector walks.
 */
class IdSet {
    table = new Float64Array(64).fill(-1);
    n = 0;
    get size() {
        return this.n;
    }
    add(key) {
        if ((this.n + 1) * 2 > this.table.length)
            this.grow();
        if (IdSet.put(this.table, key))
            this.n++;
    }
    has(key) {
        const t = this.table;
        for (let i = key % t.length;; i = (i + 1) % t.length) {
            if (t[i] === key)
                return true;
            if (t[i] === -1)
                return false;
        }
    }
    /** Puts `key` in `t` (not full); false when it was there. */
    static put(t, key) {
        for (let i = key % t.length;; i = (i + 1) % t.length) {
            if (t[i] === key)
                return false;
            if (t[i] === -1) {
                t[i] = key;
                return true;
            }
        }
    }
    grow() {
        const old = this.table;
        this.table = new Float64Array(old.length * 2).fill(-1);
        for (const k of old)
            if (k !== -1)
                IdSet.put(this.table, k);
    }
}

;// CONCATENATED MODULE: ./src/io/line-cursor.ts


/**
 * The non-empty lines of a file, pulled one at a time: several files read side
 * by side (readable-merge.ts), where `eachLine` pushes the lines of one.
 */
class LineCursor {
    chunks;
    /** The line at the cursor, without its newline; undefined at the end. Valid until `advance`. */
    head;
    /** The id hash of `head` (line-ids.ts `lineKey`), -1 when it names none or at the end. */
    key = -1;
    chunk = Buffer.alloc(0);
    at = 0;
    done = false;
    constructor(chunks) {
        this.chunks = chunks;
    }
    /** A cursor on the first line of `file`. Call `close` once done with it, whatever happened. */
    static async open(file) {
        const cursor = new LineCursor((0,chunks/* chunksOf */.U_)(file));
        await cursor.advance();
        return cursor;
    }
    /**
     * Moves to the next non-empty line. Returns a promise only when a chunk had
     * to be read: a million lines are not a million promises.
     */
    advance() {
        for (;;) {
            const nl = this.chunk.indexOf(10, this.at);
            if (nl === -1)
                return this.across();
            const line = this.chunk.subarray(this.at, nl);
            this.at = nl + 1;
            if (line.length > 0)
                return this.set(line);
        }
    }
    /** The next line starts in this chunk and ends in a later one, or there is none. */
    async across() {
        // The chunk is read into again once the next is asked for: keep a copy of what is left of it.
        const carry = this.at < this.chunk.length ? [Buffer.from(this.chunk.subarray(this.at))] : [];
        for (;;) {
            const next = this.done ? undefined : await this.chunks.next();
            if (!next || next.done) {
                this.done = true;
                this.chunk = Buffer.alloc(0);
                this.at = 0;
                const rest = carry.length > 0 ? Buffer.concat(carry) : undefined;
                return this.set(rest && rest.length > 0 ? rest : undefined);
            }
            const chunk = next.value;
            const nl = chunk.indexOf(10);
            if (nl === -1) {
                carry.push(Buffer.from(chunk));
                continue;
            }
            this.chunk = chunk;
            this.at = nl + 1;
            const line = carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(0, nl)]) : chunk.subarray(0, nl);
            if (line.length > 0)
                return this.set(line);
            return this.advance();
        }
    }
    set(line) {
        this.head = line;
        this.key = line ? (0,line_ids/* lineKey */.QW)(line) : -1;
        return undefined;
    }
    /** Closes the file and gives its read buffers back. */
    async close() {
        await this.chunks.return(undefined);
    }
}

;// CONCATENATED MODULE: ./src/io/readable-merge.ts





/**
 * The readable results' rows joined with no index: the request file walked
 * beside the results and errors files, one cursor on each. With
 * `results-order: input` the collect writes them in the request file's order
 * (order.ts `orderByInput`, after failed-lines.ts `finalErrors` for retry
 * rounds), so the line a request wants is at the head of a cursor. Memory
 * holds a line of each file and the ids of requests a cursor's head did not
 * answer, not the 34 bytes a result line of the index (BENCHMARKS.md,
 * "Writing the CSV").
 *
 * It must write what the index join (readable-csv.ts) writes: each request
 * takes the first line not yet taken with its id hash, the files in order;
 * the lines no request took follow, in order. Here a request takes the head
 * of the first cursor whose head has its id. Each cursor has taken exactly
 * the lines before its head, so that head is the first untaken line of its
 * file with that id; the two joins differ only if an earlier file (or, for a
 * request left with nothing, any file) still holds an untaken line with the
 * id further on. Such a line is taken or left over later, always passing the
 * head of its cursor: so the ids a cursor's head missed are kept, per cursor,
 * and a line reaching a head with one of them means the join went wrong.
 * Checked for every line, exact both ways: the rows are then thrown away and
 * the index join writes them (`mergeRows` returns false).
 */
/** Thrown from the request walk to stop it: a line out of order. */
const OUT_OF_ORDER = new Error('a results file is out of the request file’s order');
const both = (a, b) => a || b ? Promise.all([a, b]).then(() => undefined) : undefined;
/**
 * Writes to `out` a row per request line of `requests` (none when undefined)
 * joined with the lines of `files` (results first, then errors), then the
 * lines no request took. False when a file was out of order: what `out` got
 * is then wrong and must be discarded.
 */
async function mergeRows(requests, files, out) {
    const cursors = [];
    try {
        for (const f of files)
            cursors.push(await LineCursor.open(f));
        // Ids only while their cursor has lines: most requests find their line, so these stay small.
        const missed = cursors.map(() => new IdSet());
        /** The cursor whose head answers `key`, or -1; the ones it passes remember missing it. */
        const answering = (key) => {
            // Counted, not iterated: an iterator and an entry a request are garbage that makes scavenges.
            for (let c = 0; c < cursors.length; c++) {
                const cursor = cursors[c];
                if (cursor.head === undefined)
                    continue;
                if (cursor.key === key)
                    return c;
                missed[c].add(key);
            }
            return -1;
        };
        if (requests)
            await (0,chunks/* eachLine */.IM)(requests, line => {
                const request = line.length > 0 ? (0,line_ids/* parseLine */.A)(line) : undefined;
                if (!request)
                    return undefined;
                const key = (0,line_ids/* lineKey */.QW)(line);
                const c = key === -1 ? -1 : answering(key);
                if (c === -1)
                    return out.add(readableRow(request, undefined));
                if (missed[c].has(key))
                    throw OUT_OF_ORDER;
                const cursor = cursors[c];
                // Parsed before the cursor moves: its head is a view of a buffer read into again.
                const row = readableRow(request, (0,line_ids/* parseLine */.A)(cursor.head));
                return both(cursor.advance(), out.add(row));
            });
        for (const [c, cursor] of cursors.entries())
            while (cursor.head !== undefined) {
                if (missed[c].has(cursor.key))
                    return false;
                const row = readableRow(undefined, (0,line_ids/* parseLine */.A)(cursor.head));
                const wait = both(cursor.advance(), out.add(row));
                if (wait)
                    await wait;
            }
        return true;
    }
    catch (e) {
        if (e === OUT_OF_ORDER)
            return false;
        throw e;
    }
    finally {
        await Promise.all(cursors.map(c => c.close()));
    }
}

;// CONCATENATED MODULE: ./src/io/readable-csv.ts













/** Makes `dest` the CSV of `results`, or not exist when there are none; says what that did to it. */
async function writeReadable({ requests, results, dest, tempDir, inOrder }) {
    const present = [];
    for (const f of results)
        if (await exists(f))
            present.push(f);
    if (present.length === 0)
        return remove(dest);
    await promises_.mkdir(tempDir, { recursive: true });
    const tmp = external_node_path_.join(tempDir, `${(0,external_node_crypto_.randomUUID)()}.csv`);
    try {
        // Without a request file every line is left over, as it comes: the walk never fails.
        const merged = (inOrder !== false || !requests) && (await toCsv(tmp, out => mergeRows(requests, present, out)));
        if (!merged)
            await toCsv(tmp, out => indexedRows(requests, present, out));
        return await place(tmp, dest, (await sha256File(tmp)).sha256);
    }
    finally {
        await promises_.rm(tmp, { force: true });
    }
}
/** Writes `tmp` anew: the header, then the rows of `rows`; says what `rows` did. */
async function toCsv(tmp, rows) {
    const sink = await promises_.open(tmp, 'w');
    try {
        const out = new RowBuffer(sink);
        await out.add(READABLE_COLUMNS);
        const done = await rows(out);
        await out.flush();
        return done;
    }
    finally {
        await sink.close();
    }
}
/** The rows joined through an index of the lines of `files` by id: any order. */
async function indexedRows(requests, files, out) {
    const index = await indexLines(files);
    const taken = new Uint8Array(index.size);
    const fds = await Promise.all(files.map(f => promises_.open(f, 'r')));
    // One buffer for the result lines, grown to the longest. A new one a line was, past 4 KB, an
    // ArrayBuffer each, left to the collector (BENCHMARKS.md, "Writing the CSV").
    let held = Buffer.allocUnsafeSlow(64 * 1024);
    const resultAt = (i) => {
        const length = index.length(i);
        if (length > held.length)
            held = Buffer.allocUnsafeSlow(length);
        readFully(fds[index.file(i)].fd, held, 0, length, index.offset(i));
        return (0,line_ids/* parseLine */.A)(held.subarray(0, length));
    };
    try {
        if (requests)
            await (0,chunks/* eachLine */.IM)(requests, line => {
                const request = line.length > 0 ? (0,line_ids/* parseLine */.A)(line) : undefined;
                if (!request)
                    return undefined;
                const key = (0,line_ids/* lineKey */.QW)(line);
                const i = key === -1 ? -1 : index.take(key, taken);
                if (i >= 0)
                    taken[i] = 1;
                return out.add(readableRow(request, i >= 0 ? resultAt(i) : undefined));
            });
        // Lines no request names (or every line, without the request file): as they come, results before errors.
        for (let i = 0; i < index.size; i++)
            if (!taken[i])
                await out.add(readableRow(undefined, resultAt(i)));
        return true;
    }
    finally {
        await Promise.all(fds.map(fd => fd.close()));
    }
}

;// CONCATENATED MODULE: ./src/phases/collect/readable.ts


/**
 * The CSV of a file's results (readable-results: csv), made from the results
 * and errors files just written: a change like them, or none when it is off.
 */
async function readableChanges(ctx, src, paths, batchId) {
    const { settings } = ctx;
    if (settings.readableResults !== 'csv')
        return [];
    const abs = (rel) => external_node_path_.join(settings.workspace, rel);
    const w = await writeReadable({
        requests: src?.abs,
        results: [abs(paths.output), abs(paths.errors)],
        dest: abs(paths.csv),
        tempDir: settings.tempDir,
        inOrder: settings.resultsOrder === 'input'
    });
    if (w.removed && !w.changed)
        return [];
    return [{ path: paths.csv, batchId, removed: w.removed === true, existed: w.existed, changed: w.changed }];
}

;// CONCATENATED MODULE: ./src/phases/collect/unit.ts










/** A unit's results: downloaded, or, when OpenAI no longer has their files, what the workspace holds. */
async function gather(ctx, unit, src, writer, budget) {
    if (unit.every(b => b.filesDeleted))
        return moveCommitted(ctx, unit, src);
    try {
        return await collectUnit(ctx, unit, src, writer, budget);
    }
    catch (e) {
        if (isGone(e))
            return keepCommitted(ctx, unit, src);
        throw e;
    }
}
/** A batch the state lost whose results target-dir holds already: collected, reported and announced before. */
const seenBefore = (held, unit) => held && unit.every(b => b.collected || b.rebuilt);
/**
 * Writes the results of one file's batches (every round, its parts in order):
 * the output, and the errors that still stand. Returns the files written,
 * the requests that failed for good and, when retries are on, how many error
 * lines may pass on a retry.
 */
async function collectUnit(ctx, unit, src, writer, budget) {
    const { log, settings } = ctx;
    const file = src?.file ?? `batch ${unit[0].batchId}`;
    const batchIds = unit.map(b => b.batchId).join(', ');
    if (unit.some(b => b.status === 'failed'))
        await annotateFailures(ctx, unit, src);
    const paths = (0,core_paths/* resultPaths */.OC)(settings.targetDir, unit[0].path);
    const orderBy = settings.resultsOrder === 'input' && src ? src.abs : undefined;
    const retried = unit.some(b => (0,state_state/* roundOf */.O7)(b) > 0);
    const errors = presentIds(unit.map(b => b.errorFileId));
    // The rounds new in this run: an earlier round's failures were reported when it was collected.
    const fresh = unit.filter(b => !b.collected && !b.renamedFrom);
    const index = fresh.length < unit.length ? new Set(presentIds(fresh.map(b => b.errorFileId))) : undefined;
    const changes = [];
    const written = [];
    // Batches that report no usage (older ones, compatible providers): summed from their result lines.
    const tally = new Set(presentIds(unit.filter(b => !b.usage).map(b => b.outputFileId)));
    for (const [present, rel, succeeded] of [
        [presentIds(unit.map(b => b.outputFileId)), paths.output, undefined],
        [errors, paths.errors, retried ? presentIds(unit.filter(b => (0,state_state/* roundOf */.O7)(b) > 0).map(b => b.outputFileId)) : undefined]
    ]) {
        const w = await writer.write(present, external_node_path_.join(settings.workspace, rel), {
            orderBy,
            succeeded,
            tally: succeeded ? undefined : tally,
            index: rel === paths.errors ? index : undefined
        });
        written.push(w);
        // Unchanged files count too: the branch may not have them yet (a publish that failed).
        if (!w.removed || w.changed)
            changes.push({
                path: rel,
                batchId: batchIds,
                removed: w.removed === true,
                existed: w.existed,
                changed: w.changed
            });
    }
    changes.push(...(await readableChanges(ctx, src, paths, batchIds)));
    // Its file was renamed: the results move with it, in the same commit.
    for (const from of new Set(presentIds(unit.map(b => b.renamedFrom)))) {
        const old = (0,core_paths/* resultPaths */.OC)(settings.targetDir, from);
        for (const rel of [old.output, old.errors, old.csv]) {
            const w = await writer.write([], external_node_path_.join(settings.workspace, rel));
            if (w.existed)
                changes.push({ path: rel, batchId: batchIds, removed: true, existed: true, changed: true });
        }
        log.info(`${file}: renamed from ${from}; its results moved with it.`);
    }
    for (const b of unit) {
        const counts = b.requestCounts ? ` (${b.requestCounts.completed} ok, ${b.requestCounts.failed} failed)` : '';
        const which = src
            ? `${src.file}: batch ${b.batchId}${(0,core_paths/* slotLabel */.Df)((0,state_state/* roundOf */.O7)(b), b.part, b.parts)}`
            : `Batch ${b.batchId} (batch-ids)`;
        log.info(`${which} ${b.status}${counts}.`);
    }
    log.info(`${file}: results ${changes.some(c => c.changed) ? 'written' : 'unchanged'}.`);
    const countRetryable = settings.retryFailed > 0 && src !== undefined;
    const retrying = countRetryable && src !== undefined && retryFollows(unit, src, settings.retryFailed);
    // No index only when there was no error file to write, and so no errors file to read.
    const only = index ? written[1].indexed : undefined;
    const held = changes.length > 0 && changes.every(c => c.existed && !c.changed);
    const failed = { src, file, errors: paths.errors, only, countRetryable, retrying, reported: seenBefore(held, unit) };
    const read = await reportFailed(ctx, failed, budget);
    // Error lines there were, and every one passed on a retry: there is no errors file.
    const errorsRetried = errors.length > 0 && written[1].removed === true;
    const retryable = countRetryable ? read.retryable : undefined;
    return { changes, held, retryable, errorsRetried, tallied: written[0].tallied, failed: read.failed };
}
/** Whether this run makes a retry round of the file (core/plans/retry.ts): within the rounds asked for, its files kept. */
const retryFollows = (unit, src, maxRounds) => src.problems.length === 0 && !unit.some(b => b.filesDeleted) && Math.max(...unit.map(state_state/* roundOf */.O7)) < maxRounds;
/** What a collected batch used, and with which model: OpenAI's figures, else its result lines'. */
function spentBy(b, src, tallied) {
    const lines = b.outputFileId ? tallied?.get(b.outputFileId) : undefined;
    return {
        usage: b.usage ?? lines?.usage ?? (b.outputFileId ? undefined : cost_usage/* NO_USAGE */.yJ),
        model: b.model ?? src?.model ?? lines?.model
    };
}
/** The batches of a unit that failed validation: their errors point at lines of the request file. */
async function annotateFailures(ctx, unit, src) {
    const { log } = ctx;
    const file = src?.file;
    // OpenAI numbers the lines of the part it was given: cut the file again to find where each part starts.
    const parts = src && unit[0].parts > 1 ? (await checkSource(src, ctx.settings.check)).parts : [];
    const firstLine = (b) => (0,state_state/* roundOf */.O7)(b) > 0 ? undefined : parts.length === b.parts ? parts[b.part - 1].line : 1;
    for (const b of unit.filter(b => b.status === 'failed')) {
        if (tokenLimited(b)) {
            log.warning(`Batch ${b.batchId} was refused for the organisation's enqueued-token limit; ` +
                'it is submitted again on a later run.', { file });
            continue;
        }
        const errors = b.errors ?? [];
        if (errors.length === 0)
            log.error(`Batch ${b.batchId} failed without a reason from ${ctx.settings.provider.label}.`, { file });
        for (const e of errors) {
            const message = `Batch ${b.batchId} failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`;
            const line = firstLine(b);
            log.error(message, { file, startLine: e.line && line ? e.line + line - 1 : undefined });
        }
    }
}

;// CONCATENATED MODULE: ./src/phases/collect/collect.ts


















/** What a collect that found nothing finished says, so its heading is never empty. */
function stillRunning(state) {
    const running = state.batches.filter(b => !(0,state_state/* isFinal */.dR)(b.status)).length;
    return running === 0
        ? 'No batch is running: nothing to collect.'
        : `No batch finished since the last run; ${(0,format/* plural */.LS)(running, 'batch', 'batches')} still running.`;
}
/**
 * Checks the unfinished batches, then writes and publishes the results of the
 * finished ones. Results that reach no one are collected again next run.
 */
const collectStep = {
    name: 'Collect results',
    async run(ctx, so) {
        const watched = await watchOutside(ctx, so.state);
        const refreshed = await confirmGuesses(ctx, await refresh(ctx, watched.state));
        const collected = await collect(ctx, refreshed);
        const ended = await settleSuperseded(ctx, collected.state);
        const gone = await removeOrphans(ctx, ended.state);
        const changes = [...collected.changes, ...ended.changes, ...gone.changes].sort((a, b) => (0,format/* byText */.z4)(a.path, b.path));
        const out = { ...collected, state: ended.state, changes, superseded: ended.superseded };
        // The orphans are done with once their removal is published (or there was nothing to remove).
        const done = {
            ...out,
            state: clearOrphans(out.state, gone.paths),
            failures: [...watched.failures, ...out.failures]
        };
        if (collected.collected.length === 0)
            ctx.log.info(stillRunning(refreshed));
        if (out.changes.length === 0)
            return done;
        try {
            const published = await publish(ctx, out.changes, out.collected);
            return { ...done, ...published };
        }
        catch (e) {
            if ((0,errors/* stopsRun */.PW)(e))
                throw e;
            // No annotation of its own: the step's failure names it.
            const message = (0,core_paths/* shortPaths */.PM)(`Could not publish the results: ${(0,errors/* errorMessage */.gJ)(e)}`, ctx.settings);
            const failures = [...watched.failures, ...out.failures, { file: ctx.settings.targetDir, message }];
            // Results that reached no one are fetched again by the next run.
            const unpublished = new Set([...out.collected, ...out.superseded].map(b => b.batchId));
            return { state: uncollect(out.state, unpublished), changes: out.changes, failures };
        }
    }
};
/**
 * Removes the results of request files deleted after their results were
 * written. A path that holds a request file again keeps its results.
 */
async function removeOrphans(ctx, state) {
    const { api, clock, log, settings } = ctx;
    const present = new Set(ctx.sources.map(s => s.path));
    const changes = [];
    const writer = createResultWriter(api, { clock, log, tempDir: settings.tempDir });
    for (const p of state.orphans ?? []) {
        if (present.has(p))
            continue;
        const paths = (0,core_paths/* resultPaths */.OC)(settings.targetDir, p);
        for (const rel of [paths.output, paths.errors, paths.csv]) {
            const w = await writer.write([], external_node_path_.join(settings.workspace, rel));
            if (w.existed)
                changes.push({ path: rel, batchId: '', removed: true, existed: true, changed: true });
        }
        log.info(`${settings.sourceDir}/${p} was deleted: its results are removed (keep-orphan-results keeps them).`);
    }
    return { changes, paths: state.orphans ?? [] };
}
/** The state with the unfinished batches' status brought up to date; one that cannot be checked is checked next run. */
async function refresh(ctx, initial) {
    const plan = planCollect(ctx.sources, initial);
    const present = new Set(ctx.sources.map(s => s.path));
    for (const b of plan.stale)
        ctx.log.info(present.has(b.path)
            ? `${b.path}: batch ${b.batchId} is for earlier content of the file; its results are not collected.`
            : `Batch ${b.batchId} of ${ctx.settings.sourceDir}/${b.path}: its file is missing; its results are not collected.`);
    return updateAll(initial, await checkStatuses(ctx, plan.refresh, initial.batches));
}
/** Writes the results of every file whose batches are all final. */
async function collect(ctx, initial) {
    const { api, clock, log, settings, sources } = ctx;
    let state = initial;
    const writer = createResultWriter(api, { clock, log, tempDir: settings.tempDir });
    const budget = annotationBudget();
    const collected = [];
    const changes = [];
    const failures = [];
    let failedRequests = 0;
    await mapLimit(toCollect(sources, state), settings.maxConcurrency, async (unit) => {
        const src = unit[0].outside ? undefined : sources.find(s => s.path === unit[0].path);
        const file = src?.file ?? `batch ${unit[0].batchId}`;
        const task = {
            file,
            context: `${file}: could not collect batch ${unit.map(b => b.batchId).join(', ')}`,
            annotate: src !== undefined
        };
        const out = await forFile(log, task, () => gather(ctx, unit, src, writer, budget));
        if ('failure' in out)
            return void failures.push(out.failure);
        const before = seenBefore(out.value.held, unit);
        if (before)
            log.info(collectedBefore(file, settings.targetDir, unit));
        else {
            changes.push(...out.value.changes);
            failedRequests += 'failed' in out.value ? out.value.failed : 0;
        }
        const last = Math.max(...unit.map(state_state/* roundOf */.O7));
        for (const b of unit) {
            const gone = 'filesDeleted' in out.value || b.filesDeleted ? { filesDeleted: true } : {};
            const done = {
                ...b,
                ...spentBy(b, src, out.value.tallied),
                ...gone,
                ...(before && !b.collected ? { announced: ANNOUNCED } : {}),
                collected: true,
                errorsRetried: out.value.errorsRetried || undefined,
                renamedFrom: undefined,
                rebuilt: undefined
            };
            if ((0,state_state/* roundOf */.O7)(b) === last && out.value.retryable !== undefined)
                done.retryable = out.value.retryable;
            state = update(state, done);
            // Counted once: a file collected again with its retry round does not count its first round twice.
            if (!b.collected && !b.renamedFrom && !before)
                collected.push(done);
        }
    });
    changes.sort((a, b) => (0,format/* byText */.z4)(a.path, b.path));
    return { state, collected, changes, failures, failedRequests };
}
/**
 * Taken as announced on every channel: the run that wrote these results
 * announced them, unless its delivery failed and the cache was lost before a
 * retry. Where results differ, the event goes out again under its first id (events.ts).
 */
const ANNOUNCED = ['webhook', 'dispatch'];
const collectedBefore = (file, targetDir, unit) => `${file}: the results in ${targetDir} already hold batch ${unit.map(b => b.batchId).join(', ')}: ` +
    'it was collected before the state was lost, and is not counted or announced again.';

;// CONCATENATED MODULE: ./src/phases/metadata.ts


const refusedMetadata = (label, error) => `${label} refused the batch metadata (${error}): creating the batch again without it, ` +
    "and sending none for the rest of the run. Its batches are found again by their uploads' names after a lost cache.";
/**
 * The Batch API a run creates batches through; it says once a run when the
 * provider keeps no batch metadata (#12). A provider that may not keep it (a
 * compatible API) and refuses a create for its metadata gets the create again
 * without it, and none for the rest of the run. The refused create made no
 * batch, so this never makes two; a lost answer to the second is found by its
 * upload (createPart).
 */
function metadataWatch(api, provider, log) {
    let send = true;
    let warned = false;
    const without = (req) => api.createBatch({ ...req, metadata: {} });
    return {
        recentFiles: since => api.recentFiles(since),
        recentBatches: since => api.recentBatches(since),
        uploadFile: (source, filename, opts) => api.uploadFile(source, filename, opts),
        async createBatch(req) {
            if (!send)
                return without(req);
            let made;
            try {
                made = await api.createBatch(req);
            }
            catch (e) {
                if (provider.keepsMetadata || !(0,errors/* refusesMetadata */.Ho)(e))
                    throw e;
                if (send)
                    log.warning(refusedMetadata(provider.label, (0,errors/* errorMessage */.gJ)(e)));
                send = false;
                warned = true;
                return without(req);
            }
            if (!warned && (0,records/* isUntagged */.qp)(made)) {
                warned = true;
                // Names are looked at only for a provider that may not keep metadata (core/providers.ts).
                const lost = provider.keepsMetadata
                    ? 'but a lost cache cannot find them again'
                    : "and found again by their uploads' names after a lost cache";
                log.warning(`${provider.label} kept none of the batch metadata (batch ${made.id}): ` +
                    `its batches are tracked in the saved state, ${lost}.`);
            }
            return made;
        },
        getBatch: id => api.getBatch(id),
        cancelBatch: id => api.cancelBatch(id),
        deleteFile: id => api.deleteFile(id),
        download: fileId => api.download(fileId)
    };
}

;// CONCATENATED MODULE: ./src/core/plans/submit.ts


/** The parts (0-based) of `n` for retry round `round` of a file's content that have no usable batch yet. */
function missingParts(src, n, state) {
    const round = (0,state_state/* roundOf */.O7)(src);
    const have = new Set(batchesOf(state, src)
        .filter(b => (0,state_state/* roundOf */.O7)(b) === round && isUsable(b) && b.parts === n)
        .map(b => b.part - 1));
    return Array.from({ length: n }, (_, i) => i).filter(i => !have.has(i));
}
function planSubmit(sources, state) {
    const submit = [];
    const current = [];
    const invalid = [];
    for (const src of sources) {
        if (src.problems.length > 0)
            invalid.push(src);
        // A file not checked this run has content that was submitted before.
        else if (!src.checked || missingParts(src, src.parts.length, state).length === 0)
            current.push(src);
        else
            submit.push(src);
    }
    return { submit, current, invalid };
}
/**
 * What a collect run finds waiting: files new or changed with no batch yet, because their push run
 * failed, was refused for max-cost, was cancelled by the concurrency group or never ran (a `paths:`
 * filter). A file the token limit refused is not among them: every collect submits it again.
 */
function planWaiting(sources, state) {
    const p = planSubmit(sources, state);
    return { ...p, submit: p.submit.filter(src => !refusedForTokens(src, state)) };
}
/**
 * Batches to stop tracking after a submit: those of deleted files, those
 * superseded by a usable batch for the file's present content, and
 * token-limited ones submitted again.
 */
function planPrune(sources, state) {
    const byPath = new Map(sources.map(s => [s.path, s]));
    return state.batches.filter(b => {
        // Outside batches are named by batch-ids; superseded ones are already dealt with.
        if (b.outside || b.superseded)
            return false;
        const src = byPath.get(b.path);
        if (!src)
            return true;
        if (tokenLimited(b))
            return batchesOf(state, src).some(o => o !== b && sameSlot(o, b) && isUsable(o));
        return b.sha256 !== src.sha256 && batchesOf(state, src).some(isUsable);
    });
}

// EXTERNAL MODULE: ./src/core/cost/estimate.ts
var cost_estimate = __webpack_require__(51983);
// EXTERNAL MODULE: ./src/core/cost/model-prices.ts
var model_prices = __webpack_require__(30163);
;// CONCATENATED MODULE: ./src/core/plans/preview.ts





/** The files of a submit whose results would not be committed as they are, when results go to git. */
function bigResults(submit, resultsInGit) {
    if (!resultsInGit)
        return [];
    return submit.flatMap(src => {
        const message = resultsSizeWarning(src.file, src.resultsBytes);
        return message ? [{ file: src.file, message }] : [];
    });
}
/** Unfinished batches a submit of `plan` would leave superseded: of files changed in the plan, or deleted. */
function toCancel(sources, state, plan) {
    const byPath = new Map(sources.map(s => [s.path, s]));
    const changing = new Set(plan.submit.map(s => s.path));
    const out = [];
    for (const b of state.batches) {
        if (b.outside || (0,state_state/* isFinal */.dR)(b.status) || b.status === 'cancelling')
            continue;
        const src = byPath.get(b.path);
        if (!src)
            out.push({ batch: b, why: 'deleted' });
        else if (!matches(b, src) && (changing.has(b.path) || batchesOf(state, src).some(isUsable)))
            out.push({ batch: b, why: 'changed' });
    }
    return out;
}
/** The budget's verdict on a cost. */
function budgetOf(max, cost) {
    if (max === undefined)
        return undefined;
    if (!cost || cost.unpriced.length > 0)
        return {
            max,
            estimate: undefined,
            unknown: cost ? `no price is known for ${cost.unpriced.join(', ')}` : 'the files were not estimated',
            over: true
        };
    const estimate = (cost.input ?? 0) + (cost.output ?? 0);
    return { max, estimate, over: estimate > max };
}
/** The preview of a plan, with each file's estimate when there is one. */
function preview(sources, state, plan, opts) {
    const { estimates, price } = opts;
    const submit = plan.submit.map(src => {
        const estimate = estimates?.get(src.file);
        return { src, estimate, cost: estimate && price ? (0,cost_estimate/* costOf */.ho)(estimate.models, price) : undefined };
    });
    const models = estimates ? (0,cost_estimate/* mergeModels */.zz)(submit.map(s => s.estimate?.models ?? [])) : undefined;
    const total = models && price ? { models, cost: (0,cost_estimate/* costOf */.ho)(models, price) } : undefined;
    return {
        submit,
        cancel: toCancel(sources, state, plan),
        invalid: plan.invalid,
        total,
        budget: budgetOf(opts.maxCost, total?.cost),
        bigResults: bigResults(plan.submit, opts.resultsInGit ?? false),
        priceSource: total ? opts.priceSource : undefined,
        inputPrices: total && price
            ? (0,model_prices/* entriesUsed */.IM)(total.models.map(m => m.model), price)
            : undefined
    };
}

;// CONCATENATED MODULE: ./src/io/estimate-file.ts




const estimate_file_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * A line's texts, by its shape: Anthropic's `{custom_id, params}`, Gemini's `{key, request}` or OpenAI's
 * `{custom_id, method, url, body}` (only checked files get here, so a line is in its provider's shape);
 * with whether its count is approximate.
 */
function lineTexts(req) {
    if (estimate_file_isObject(req.params))
        return { r: (0,cost_estimate/* messagesTexts */.fi)(req.params), approximate: true };
    if (estimate_file_isObject(req.request))
        return { r: (0,cost_estimate/* contentsTexts */.T7)(req.request), approximate: true };
    if (typeof req.url !== 'string' || !estimate_file_isObject(req.body))
        return undefined;
    return { r: (0,cost_estimate/* requestTexts */.id)(req.url, req.body), approximate: false };
}
/**
 * Counts what submitting a request file would cost, streaming it a line at a
 * time (a line is counted and dropped). Only checked files get here, so every
 * line is a valid request. Claude's tokens are counted with OpenAI's
 * tokenizer, as Anthropic publishes none for its current models, and so are
 * Gemini's: those counts are marked approximate, naming the encoding.
 * `model` is the model of lines that name none: Gemini's, whose batches run
 * the `model` input's.
 */
async function estimateFile(abs, file, tokenizer, model) {
    const by = new Map();
    await (0,chunks/* eachLine */.IM)(abs, line => {
        const req = (0,line_ids/* parseLine */.A)(line);
        const read = req && lineTexts(req);
        if (!read)
            return;
        const { r, approximate } = read;
        const name = r.model ?? model ?? '(default model)';
        const t = by.get(name) ?? { requests: 0, inputTokens: 0, outputBound: 0, unbounded: 0 };
        t.requests++;
        t.inputTokens += r.framing;
        for (const text of r.texts)
            t.inputTokens += tokenizer.count(name, text);
        if (r.maxOutput === undefined)
            t.unbounded++;
        else
            t.outputBound += r.maxOutput;
        if (approximate)
            t.approximate = tokenizer.encoding(name);
        by.set(name, t);
    });
    const models = [...by.entries()]
        .map(([model, t]) => ({ model, ...t }))
        .sort((a, b) => (0,format/* byText */.z4)(a.model, b.model));
    return { file, models };
}

;// CONCATENATED MODULE: ./src/phases/budget.ts




/**
 * The charge for each retry round before its upload, keeping the whole run
 * within max-cost; undefined without it. The run starts from the submit step's
 * estimate; a round is its lines' tokens at the Batch price. A round over the
 * budget, or whose model has no known price, makes the charge throw: it is not
 * uploaded, and the next run tries again.
 */
function runBudget(ctx, so) {
    const max = ctx.settings.maxCost;
    if (max === undefined)
        return undefined;
    let spent = so.preview?.budget?.estimate ?? 0;
    return async (abs, file) => {
        const [tokenizer, prices] = await Promise.all([ctx.tokenizer(), ctx.prices()]);
        const estimate = await estimateFile(abs, file, tokenizer, ctx.settings.model);
        // Checked and charged with no wait between: rounds estimated at the same time are added one by one.
        const b = budgetOf(max - spent, (0,cost_estimate/* costOf */.ho)(estimate.models, prices.price));
        if (b.unknown)
            throw new Error(`not uploaded: max-cost ${(0,format/* usd */.dR)(max)} cannot be checked: ${b.unknown}`);
        if (b.over)
            throw new Error(`not uploaded: its estimate ${(0,format/* usd */.dR)(b.estimate)} would take the run's estimate over max-cost ${(0,format/* usd */.dR)(max)} ` +
                `(${(0,format/* usd */.dR)(spent)} before it)`);
        spent += b.estimate;
        ctx.log.info(`${file}: the retry is estimated at ${(0,format/* usd */.dR)(b.estimate)}; ` +
            `the run's estimate is ${(0,format/* usd */.dR)(spent)}, within max-cost ${(0,format/* usd */.dR)(max)}.`);
    };
}

;// CONCATENATED MODULE: ./src/phases/retry.ts

















/**
 * Follow-up batches of the lines that failed for a retryable reason. Round k
 * holds the requests whose newest error, after rounds 0..k-1, may pass on a
 * retry; its results are merged into the file's results when it is final.
 */
const retryStep = {
    name: 'Retry failed lines',
    async run(ctx, so) {
        const { api, clock, log, settings } = ctx;
        const fresh = await freshPlan(ctx, so.state, s => planRetry(ctx.sources, s, settings.retryFailed), w => w.length > 0);
        if (fresh.plan.length === 0)
            return { state: fresh.state };
        let state = fresh.state;
        const deps = { api, clock, log, settings, runStart: clock.now() - limits/* CLOCK_SKEW_SECONDS */._r };
        const created = [];
        const failures = [];
        const uploaded = await indexFiles(api, (0,state_state/* listSince */.jV)(ctx.loaded, clock.now()));
        const charge = runBudget(ctx, so);
        await mapLimit(fresh.plan, settings.maxConcurrency, async (w) => {
            const record = (b) => {
                created.push(b);
                state = track(state, [b]);
            };
            const task = { file: w.src.file, context: `${w.src.file}: could not submit retry ${w.round}` };
            const out = await forFile(log, task, () => retryOne(w, () => state, record, uploaded, deps, charge));
            if ('failure' in out)
                failures.push(out.failure);
            // Nothing to retry (a file collected while retries were off): counted, so it is not looked at again.
            else if (out.value === 'nothing to retry')
                state = countedNone(state, w);
        });
        const settled = await settleAll(deps, state, created);
        return { ...settled, failures };
    }
};
/** Writes the requests of round `w.round` to `out` (the same bytes on every run); returns how many. */
async function retryRequests(w, out, deps) {
    const { api, clock, log, settings } = deps;
    const errors = `${out}.errors`;
    try {
        const retried = w.before.filter(b => (0,state_state/* roundOf */.O7)(b) > 0);
        await createResultWriter(api, { clock, log, tempDir: settings.tempDir }).write(presentIds(w.before.map(b => b.errorFileId)), errors, {
            succeeded: presentIds(retried.map(b => b.outputFileId))
        });
        const ids = await promises_.access(errors).then(() => retryableIndex(errors), () => undefined);
        return ids && ids.size > 0 ? await selectRequests(w.src.abs, ids, out) : 0;
    }
    finally {
        await promises_.rm(errors, { force: true });
    }
}
/** Makes the missing batches of one retry round, recording each as made; says when no line may pass on a retry. */
async function retryOne(w, state, record, uploaded, deps, charge) {
    const { settings } = deps;
    await promises_.mkdir(settings.tempDir, { recursive: true });
    const abs = external_node_path_.join(settings.tempDir, `${(0,external_node_crypto_.randomUUID)()}.retry.jsonl`);
    try {
        const n = await retryRequests(w, abs, deps);
        if (n === 0)
            return 'nothing to retry';
        const { facts } = await readRequestFile(abs, settings.check);
        if (facts.problems.length > 0)
            throw new Error(`the lines to retry do not make a valid request file: ${facts.problems[0].message}`);
        const target = {
            path: w.src.path,
            sha256: w.src.sha256,
            round: w.round,
            file: w.src.file,
            abs,
            parts: facts.parts,
            endpoint: facts.endpoint
        };
        const missing = missingParts(target, facts.parts.length, state());
        deps.log.info(`${w.src.file}: ${(0,format/* plural */.LS)(n, 'request')} failed for a reason that may pass; ` +
            `retry ${w.round} of at most ${settings.retryFailed}.`);
        if (missing.length > 0)
            await charge?.(abs, w.src.file);
        for (const part of missing)
            record(await createPart(target, part, uploaded, deps));
        return 'made';
    }
    finally {
        await promises_.rm(abs, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/phases/scan.ts




/**
 * A source-dir that is not there: a warning and a line of the summary, naming
 * the folders that do hold `.jsonl` files. A collect that only watches batches
 * of batch-ids (examples/workflows/await-batch.yml) has no request files to
 * read: it says so in the log only, not on every scheduled run.
 */
async function missingFolder(settings, loaded, log) {
    const { sourceDir, mode, batchIds } = settings;
    if (mode === 'collect' && (batchIds.length > 0 || (loaded?.batches ?? []).every(b => b.outside))) {
        log.info(`There is no source folder ${sourceDir}: this run only watches the batches of batch-ids.`);
        return [];
    }
    const found = await foldersWithRequestFiles(settings.workspace, [settings.targetDir]);
    const hint = found.length > 0 ? ` Folders that hold .jsonl files: ${found.map(f => `\`${f}\``).join(', ')}.` : '';
    const message = `The source folder ${sourceDir} is not in the workspace: no request file is read.${hint} ` +
        'Check source-dir, and that the checkout has it.';
    log.warning(message);
    return [message];
}
/**
 * Finds the request files and hashes them; checks the lines only of content
 * without a usable batch, and annotates every bad line. `notes` are lines for
 * the job summary.
 */
async function scan(settings, loaded, log) {
    const submitted = new Set(loaded?.batches.filter(isUsable).map(b => `${b.path}\n${b.sha256}`));
    const { sources, notices, missing } = await scanSources(settings.workspace, settings.sourceDir, settings.check, (items, fn) => mapLimit(items, settings.maxConcurrency, fn), (p, sha) => submitted.has(`${p}\n${sha}`));
    for (const { message, level, ...where } of notices)
        log[level](message, where);
    const notes = missing ? await missingFolder(settings, loaded, log) : [];
    log.info(`${(0,format/* plural */.LS)(sources.length, 'request file')} under ${settings.sourceDir}/, ` +
        `${sources.filter(f => f.checked).length} new or changed.`);
    annotateProblems(sources, settings.mode === 'collect' ? log.warning : log.error, log);
    return { sources, notes };
}
/**
 * GitHub shows 10 error and 10 warning annotations a step (docs: "Workflow commands", annotations).
 * Two are left for the run's own messages; the rest go first to one verdict a file, so every invalid
 * file is seen, then to its other lines; what does not fit is logged, and listed in the summary.
 */
const ANNOTATIONS = 8;
/** Annotates each invalid file's first problem, then its other problems while there is room; logs the rest. */
function annotateProblems(sources, annotate, log) {
    const invalid = sources.filter(f => f.problems.length > 0);
    const title = 'Invalid batch request';
    for (const f of invalid) {
        const [first, ...rest] = f.problems;
        const more = rest.length > 0 ? ' (more problems in this file: see the log and the job summary)' : '';
        annotate(first.message + more, { file: f.file, startLine: first.line, title });
    }
    let room = ANNOTATIONS - invalid.length;
    for (const f of invalid)
        for (const p of f.problems.slice(1))
            if (p.line !== undefined && room > 0) {
                room--;
                annotate(p.message, { file: f.file, startLine: p.line, title });
            }
            else
                log.info(`${f.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`);
}

// EXTERNAL MODULE: ./src/core/report/plan.ts
var plan = __webpack_require__(42767);
;// CONCATENATED MODULE: ./src/phases/estimate.ts



/**
 * The preview of a submit plan with every file estimated: tokens counted a
 * line at a time, priced at the Batch price. Only a plan, a dry run and a run
 * with max-cost pay for it: counting tokens is slower than checking lines
 * (BENCHMARKS.md, "estimate tokens 200 MB").
 */
async function estimatePlan(ctx, plan, state) {
    const [tokenizer, prices] = await Promise.all([ctx.tokenizer(), ctx.prices()]);
    const done = await mapLimit(plan.submit, ctx.settings.maxConcurrency, src => estimateFile(src.abs, src.file, tokenizer, ctx.settings.model));
    const estimates = new Map(done.map(e => [e.file, e]));
    return preview(ctx.sources, state, plan, {
        estimates,
        price: prices.price,
        priceSource: prices.source,
        maxCost: ctx.settings.maxCost,
        resultsInGit: resultsInGit(ctx.settings)
    });
}
/** Whether this run's results are committed, so results too big for git are worth a warning. */
const resultsInGit = (s) => s.results === 'commit' || s.results === 'both' || s.results === 'pull-request';
/** Annotates each request file whose results, estimated, would not be committed as they are. */
function warnBigResults(log, warnings) {
    for (const w of warnings ?? [])
        log.warning(w.message, { file: w.file, title: 'Results too big for git' });
}

;// CONCATENATED MODULE: ./src/phases/plan.ts






const BLIND = 'No saved state and no OpenAI key: this plan is made from the request files alone, ' +
    'so content that already has a batch shows as new. Give the plan a key (api-key) to look at OpenAI.';
/** A submit plan made against the freshest state: OpenAI is looked at when the state may be stale. */
const planFor = (ctx, sources, state) => freshPlan(ctx, state, s => planSubmit(sources, s), p => p.submit.length > 0);
/**
 * A plan (mode plan, or a dry run): what a submit would upload, cancel and
 * refuse, and what it would cost. On a pull request it is one comment that each
 * push updates. Nothing is uploaded, created or saved.
 */
const planStep = {
    name: 'Plan',
    async run(ctx, so) {
        const { log } = ctx;
        const { state, plan } = await planFor(ctx, ctx.sources, so.state);
        let p;
        try {
            p = await estimatePlan(ctx, plan, state);
        }
        catch (e) {
            // The plan stands without its estimate.
            log.warning(`Could not estimate the cost: ${(0,errors/* errorMessage */.gJ)(e)}`);
            p = preview(ctx.sources, state, plan, { maxCost: ctx.settings.maxCost, resultsInGit: resultsInGit(ctx.settings) });
        }
        warnBigResults(log, p.bigResults);
        const wouldSubmit = plan.submit.map(s => s.file);
        log.info(`Plan: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`);
        // Without a key nothing can be looked up at OpenAI: say what the plan may get wrong.
        const blind = !ctx.loaded && !ctx.api;
        if (blind)
            log.warning(BLIND);
        const notes = [...(blind ? [BLIND] : []), ...(ctx.settings.mode === 'plan' ? await comment(ctx, p) : [])];
        return { state, wouldSubmit, preview: p, notes };
    }
};
/** Puts the plan in this action's one comment on the pull request (per source folder); returns summary notes. */
async function comment(ctx, p) {
    const { settings, log } = ctx;
    const pr = settings.run.pullRequest;
    if (pr === undefined)
        return [];
    if (!ctx.pulls) {
        log.warning('No github-token: the plan is in the job summary only, not on the pull request.');
        return [];
    }
    const marker = (0,plan/* planMarker */.Y)(settings.scope);
    const title = `${settings.provider.label} batches: plan for \`${settings.sourceDir}/\``;
    const body = `${marker}\n${(0,plan/* renderPlan */.E)(p, { cancelSuperseded: settings.cancelSuperseded, title })}`;
    try {
        const how = await (await ctx.pulls()).upsertComment(pr, marker, body);
        log.info(`The plan is on pull request #${pr} (comment ${how}).`);
        return [`The plan is on pull request #${pr}.`];
    }
    catch (e) {
        // The plan is in the summary either way; a missing permission must not fail the check.
        const message = `The plan could not be put on pull request #${pr}: ${(0,errors/* errorMessage */.gJ)(e)}`;
        log.warning(message);
        return [message];
    }
}

;// CONCATENATED MODULE: ./src/phases/publish/preflight.ts

/**
 * Before a submit whose results will be committed to the run's branch: when
 * GitHub marks that branch protected, the run says so now, not a day later
 * when the commit is refused (#23 item 3). One call; it never stops the submit.
 * Returns the line for the summary, if any.
 */
async function protectedBranchNote(ctx) {
    const { settings, log } = ctx;
    const branch = settings.run.branch;
    if (!branch || !ctx.repo || (settings.results !== 'commit' && settings.results !== 'both'))
        return undefined;
    let guarded;
    try {
        guarded = await (await ctx.repo()).isProtected(branch);
    }
    catch (e) {
        // Only a forecast: the batches are worth making whatever it says.
        log.warning(`Could not check whether ${branch} is protected: ${(0,errors/* errorMessage */.gJ)(e)}`);
        return undefined;
    }
    if (!guarded)
        return undefined;
    const message = `${branch} is protected: GitHub may refuse the results commit (results: ${settings.results}) ` +
        'when these batches finish. Use `results: pull-request` (or artifact), ' +
        'or a github-token allowed to bypass the protection.';
    log.warning(message, { title: 'Protected branch' });
    return message;
}

;// CONCATENATED MODULE: ./src/phases/submit.ts

















/** Uploads each new or changed file and creates its batches, then stops tracking what they superseded. */
const submitStep = {
    name: 'Submit',
    async run(ctx, so) {
        const { state, plan } = await planFor(ctx, ctx.sources, so.state);
        return submit_submit(ctx, plan, state);
    }
};
/** A batch refused for the enqueued-token limit is submitted again by the next run that can, a scheduled one too. */
const resubmitStep = {
    name: 'Submit again what the token limit refused',
    idle: (ctx, so) => !ctx.sources.some(src => refusedForTokens(src, so.state)),
    async run(ctx, so) {
        const limited = (src) => refusedForTokens(src, so.state);
        const again = await Promise.all(ctx.sources.filter(limited).map(s => checkSource(s, ctx.settings.check)));
        const { state, plan } = await planFor(ctx, again, so.state);
        return submit_submit(ctx, plan, state);
    }
};
/**
 * How a file refused for max-cost gets its batch. "Run workflow" (workflow_dispatch) reads the workflow
 * file as it is now, where re-running the refused run would read the old limit again.
 */
const RUN_AGAIN = 'then run the workflow from the Actions tab (Run workflow), or wait for the next scheduled run';
/** With max-cost: the estimate of the plan, and the files' failures when it is over (then nothing is uploaded). */
async function guard(ctx, plan, state) {
    if (ctx.settings.maxCost === undefined || plan.submit.length === 0)
        return { failures: [] };
    const p = await estimatePlan(ctx, plan, state);
    const b = p.budget;
    if (!b.over) {
        ctx.log.info(`Estimate ${(0,format/* usd */.dR)(b.estimate)}, within max-cost ${(0,format/* usd */.dR)(b.max)}.`);
        return { preview: p, failures: [] };
    }
    const why = b.unknown
        ? `max-cost ${(0,format/* usd */.dR)(b.max)} cannot be checked: ${b.unknown}`
        : `the run's estimate ${(0,format/* usd */.dR)(b.estimate)} is over max-cost ${(0,format/* usd */.dR)(b.max)}`;
    const fix = b.unknown ? 'To submit it unchecked, leave max-cost empty' : 'To submit it, raise max-cost';
    const failures = p.submit.map(({ src, cost }) => {
        const mine = cost?.input !== undefined ? ` (this file: ${(0,format/* usd */.dR)(cost.input + (cost.output ?? 0))})` : '';
        const message = `${src.file}: not uploaded: ${why}${mine}. ${fix}, ${RUN_AGAIN}.`;
        ctx.log.error(message, { file: src.file, title: 'Over max-cost' });
        return { file: src.file, message, annotated: true };
    });
    return { preview: p, failures };
}
/** Carries a submit plan out: within max-cost, uploads and creates each missing part, then prunes what it supersedes. */
async function submit_submit(ctx, plan, initial) {
    const { api, clock, log, settings } = ctx;
    const guarded = await guard(ctx, plan, initial);
    if (guarded.failures.length > 0)
        return { state: initial, ...guarded };
    // Without max-cost there is no estimate: the size comes from the lines' check, which costs nothing more.
    const big = guarded.preview?.bigResults ?? bigResults(plan.submit, resultsInGit(settings));
    warnBigResults(log, big);
    const warned = plan.submit.length > 0 ? await protectedBranchNote(ctx) : undefined;
    const deps = { api, clock, log, settings, runStart: clock.now() - limits/* CLOCK_SKEW_SECONDS */._r };
    let state = initial;
    const created = [];
    const failures = [];
    const uploaded = plan.submit.length > 0 ? await ctx.uploads() : new Map();
    const work = plan.submit.flatMap(src => missingParts(src, src.parts.length, state).map(part => ({ src, part })));
    await mapLimit(work, settings.maxConcurrency, async ({ src, part }) => {
        const out = await forFile(log, { file: src.file, context: src.file }, () => createPart(src, part, uploaded, deps));
        if ('failure' in out)
            return void failures.push(out.failure);
        created.push(out.value);
        state = track(state, [out.value]);
    });
    const settled = await settleAll(deps, state, created);
    const pruned = await prune(ctx, settled.state);
    // A preview renders its own warnings in the summary.
    const notes = [...(warned ? [warned] : []), ...(guarded.preview ? [] : big.map(b => b.message))];
    return { ...pruned, created: settled.created, failures, notes, preview: guarded.preview };
}
/**
 * Deals with the batches of changed and deleted files, cancelling the unfinished
 * ones when asked. Those with something left to report stay, marked superseded,
 * until they end; the rest are dropped. Says which, with their status.
 */
async function prune(ctx, state) {
    const old = planPrune(ctx.sources, state);
    const present = new Set(ctx.sources.map(s => s.path));
    const outs = await mapLimit(old, ctx.settings.maxConcurrency, async (b) => {
        const why = present.has(b.path) ? 'changed' : 'deleted';
        return supersede(await cancelOld(ctx, b, why), why);
    });
    const gone = new Set(outs.flatMap(o => ('drop' in o ? [o.drop.batchId] : [])));
    const marked = new Map(outs.flatMap(o => ('keep' in o ? [[o.keep.batchId, o.keep]] : [])));
    const superseded = outs.map(o => ('keep' in o ? o.keep : o.drop));
    const kept = {
        ...state,
        batches: state.batches.filter(b => !gone.has(b.batchId)).map(b => marked.get(b.batchId) ?? b)
    };
    return { state: ctx.settings.keepOrphanResults ? kept : orphan(kept, old, present), superseded };
}
/** Cancels a superseded batch when asked and it is still running; returns it with its status now. */
async function cancelOld(ctx, b, why) {
    const { api, log, settings } = ctx;
    if (!settings.cancelSuperseded || b.guessed || (0,state_state/* isFinal */.dR)(b.status) || b.status === 'cancelling')
        return b;
    try {
        // The state's status may be old: a batch that has finished since is left alone.
        const now = await api.getBatch(b.batchId);
        if ((0,state_state/* isFinal */.dR)(now.status))
            return { ...b, ...(0,records/* remoteFacts */.M0)(now) };
        const cancelled = await api.cancelBatch(b.batchId);
        log.info(`Cancelled batch ${b.batchId}: ` +
            `${b.path} ${why === 'deleted' ? 'was deleted' : 'has changed since it was created'}.`);
        return { ...b, ...(0,records/* remoteFacts */.M0)(cancelled) };
    }
    catch (e) {
        // The new batch stands either way; an old one left running only costs money.
        log.warning(`Could not cancel the superseded batch ${b.batchId} of ${b.path}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        return b;
    }
}

;// CONCATENATED MODULE: ./src/phases/waiting.ts



/**
 * A collect run meets files that are new or changed and have no batch yet: their push run failed,
 * was refused for max-cost, was cancelled by the concurrency group, or never ran (a `paths:`
 * filter). Nothing waits silently: one of the two steps below deals with them, chosen from the mode.
 */
/** Nothing waiting: the step is passed over, and its heading not printed. */
const idle = (ctx, so) => planWaiting(ctx.sources, so.state).submit.length === 0;
/** The plan against the freshest state: another run may have submitted them since the state was saved. */
const waiting_planFor = (ctx, so) => freshPlan(ctx, so.state, s => planWaiting(ctx.sources, s), p => p.submit.length > 0);
/** A log whose errors are warnings: annotated all the same, without saying the step failed. */
const warningsOnly = (log) => ({ ...log, error: log.warning });
/**
 * Under `mode: auto`, a scheduled run submits the waiting files as a push would: validated, within
 * max-cost. What it could not submit is a warning naming the file, not a failure: a schedule that
 * runs every half hour must not turn red each time for work it does on the side.
 */
const submitWaitingStep = {
    name: 'Submit waiting files',
    idle,
    async run(ctx, so) {
        const { state, plan } = await waiting_planFor(ctx, so);
        const done = await submit_submit({ ...ctx, log: warningsOnly(ctx.log) }, plan, state);
        return { ...done, failures: [], waiting: done.failures ?? [] };
    }
};
/** What an explicit `mode: collect` says of a file it does not submit. */
const notSubmitted = (file) => `${file} is new or changed and has no batch yet; a collect run does not submit it. ` +
    'To submit it, run with mode: submit or sync, or use mode: auto (its scheduled runs submit waiting files).';
/** An explicit `mode: collect` submits nothing of its own: it names each waiting file, and says how to submit it. */
const nameWaitingStep = {
    name: 'Files waiting for a submit',
    idle,
    async run(ctx, so) {
        const { state, plan } = await waiting_planFor(ctx, so);
        const waiting = plan.submit.map(({ file }) => {
            const message = notSubmitted(file);
            ctx.log.warning(message, { file, title: 'Not submitted' });
            return { file, message };
        });
        return { state, waiting };
    }
};

;// CONCATENATED MODULE: ./src/phases/pipeline.ts




















/** A collect run's first step, for the files no push submitted: under auto it submits them; asked for, it names them. */
const waitingStep = (settings) => (settings.auto ? submitWaitingStep : nameWaitingStep);
/** The steps of a run that talks to OpenAI, chosen once from the mode and the settings. */
function liveSteps(settings) {
    const steps = [settings.mode === 'collect' ? waitingStep(settings) : submitStep];
    if (settings.mode === 'submit')
        return steps;
    steps.push(collectStep);
    if (settings.retryFailed > 0)
        steps.push(retryStep);
    if (settings.mode === 'collect')
        steps.push(resubmitStep);
    // After the retries: a file whose retry round was just made still needs its files.
    if (settings.deleteRemoteFiles)
        steps.push(settings.provider.files ? cleanStep : keepStep);
    // Last: an event says whether a retry round of its file is under way.
    if (settings.webhookUrl || settings.dispatchEvent)
        steps.push(announceStep);
    return steps;
}
/** A plan (mode plan, or a dry run) says what a submit would do and does nothing; its storage keeps nothing either. */
const planSteps = (settings) => (settings.mode === 'collect' ? [] : [planStep]);
async function runSteps(ctx, steps, initial, notes) {
    let so = merge(startProgress(initial), { state: initial, notes });
    for (const step of steps)
        if (!step.idle?.(ctx, so))
            so = merge(so, await ctx.log.group(step.name, () => step.run(ctx, so)));
    return so;
}
/** A function that calls `fn` once, the first time it is called, and hands out the same promise after. */
function memo(fn) {
    let p;
    return () => (p ??= fn());
}
/** Where a run starts: the state restored (or rebuilt from OpenAI) and the request files scanned. */
async function prepare(settings, ports, mayUpload) {
    const { api, storage, clock, log } = ports;
    const restored = await log.group('Restore state', () => restore(storage, settings.scope, log));
    const loaded = restored?.state;
    const { sources, notes } = await log.group('Scan request files', () => scan(settings, loaded, log));
    const since = (0,state_state/* listSince */.jV)(loaded, clock.now());
    // A provider without files has no uploads to reuse.
    const uploads = memo(() => api && settings.provider.files ? indexFiles(api, since) : Promise.resolve(new Map()));
    // Earlier uploads are listed alongside the batches when a submit is likely; the submit reports a failed list.
    if (mayUpload && mayBeNew(sources))
        uploads().catch(() => undefined);
    let state = loaded ?? (0,state_state/* emptyState */.p$)(settings.scope);
    if (!loaded && api)
        state = await log.group(`Rebuild state from ${settings.provider.label}`, () => rebuild(api, settings, ports, state, sources));
    const moved = adoptRenames(sources, state);
    for (const r of moved.renames)
        log.info(`${settings.sourceDir}/${r.to} was ${settings.sourceDir}/${r.from}: ` +
            `it keeps its ${(0,format/* plural */.LS)(r.batchIds.length, 'batch', 'batches')} (${r.batchIds.join(', ')}); ` +
            'nothing is submitted again.');
    // The channels the announce step will use: a superseded batch is forgotten once it went out on each.
    const channels = [
        ...(ports.webhook ? ['webhook'] : []),
        ...(settings.dispatchEvent && ports.repo ? ['dispatch'] : [])
    ];
    state = tidySuperseded(sources, moved.state, channels);
    return { ctx: { ...ports, settings, sources, loaded }, state, savedText: restored?.text, uploads, notes };
}
function rebuild(api, settings, ports, state, sources) {
    const now = ports.clock.now();
    return discover({ api, log: ports.log, now, scope: settings.scope, provider: settings.provider }, state, sources, now - limits/* REBUILD_LOOKBACK_SECONDS */.$_);
}
/** A run: prepare, the steps one after the other, then the state saved when it changed. */
async function runAction(settings, given) {
    const ports = { ...given, api: given.api && metadataWatch(given.api, settings.provider, given.log) };
    const { api } = ports;
    // Chosen once: a plan or a dry run (or a run without a key) plans; any other run works.
    const live = api && !settings.planOnly ? liveSteps(settings) : undefined;
    const { ctx, state, savedText, uploads, notes } = await prepare(settings, ports, live?.includes(submitStep) ?? false);
    const so = live && api
        ? await runSteps({ ...ctx, api, uploads }, live, state, notes)
        : await runSteps(ctx, planSteps(settings), state, notes);
    // Compared as text, so the state is serialized once a run (BENCHMARKS.md, "A year of state").
    const text = serializeState(so.state);
    // No heading for a save that does not happen (a plan's or a dry run's storage keeps nothing).
    if (text !== savedText && !ports.storage.readOnly)
        await ports.log.group('Save state', () => ports.storage.save(text));
    // The price list is loaded whenever a cost is shown: any batch the summary lists may carry usage.
    const priced = [so.state.batches, so.collected, so.superseded].some(list => list.some(b => b.usage));
    const prices = priced ? await ports.prices() : undefined;
    const { mode, dryRun, cancelSuperseded, sourceDir, targetDir, keepSuperseded } = settings;
    const run = {
        links: linksFor(settings),
        mode,
        dryRun,
        cancelSuperseded,
        sourceDir,
        targetDir,
        keepSuperseded,
        files: settings.provider.files,
        sources: ctx.sources
    };
    return outcome(so, run, prices?.price);
}
/** Where the summary links to: the repository on GitHub, and the batches on the provider's dashboard. */
function linksFor(settings) {
    return {
        repository: `${settings.run.serverUrl}/${settings.run.repository}`,
        ref: settings.run.branch,
        batchUrl: settings.provider.batchUrl
    };
}


/***/ })

};
