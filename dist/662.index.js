export const id = 662;
export const ids = [662];
export const modules = {

/***/ 75662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
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

// EXTERNAL MODULE: ./src/config/constants.ts
var constants = __webpack_require__(64687);
// EXTERNAL MODULE: ./src/core/state.ts
var core_state = __webpack_require__(7066);
;// CONCATENATED MODULE: ./src/core/plan.ts


/**
 * The deciding core: given the request files on disk and the state, what to do.
 * Pure; the phases carry the plans out.
 *
 * A batch belongs to a path and a content hash. Results are written only for
 * batches whose content is what the path holds now, so a branch gets the
 * results of its own requests, whichever run created the batch.
 */
/**
 * A batch refused for the organisation's enqueued-token limit: nothing is
 * wrong with its requests, so its content is submitted again on a later run.
 */
const tokenLimited = (b) => b.status === 'failed' && (b.errors ?? []).some(e => e.code === 'token_limit_exceeded');
/** Whether the present content of `src` has a batch of its own requests refused for the enqueued-token limit. */
const refusedForTokens = (src, state) => state.batches.some(b => matches(b, src) && (0,core_state/* roundOf */.O7)(b) === 0 && tokenLimited(b));
/** A batch that can still yield results for its content (a cancelled or token-limited one cannot). */
const isUsable = (b) => b.status !== 'cancelled' && b.status !== 'cancelling' && !tokenLimited(b);
const matches = (b, src) => !b.outside && b.path === src.path && b.sha256 === src.sha256;
/** Two batches for the same round and part of a content. */
const sameSlot = (a, b) => (0,core_state/* roundOf */.O7)(a) === (0,core_state/* roundOf */.O7)(b) && a.part === b.part && a.parts === b.parts;
/** A batch whose results are wanted now: one for a file's present content, or one named in batch-ids. */
const wanted = (b, sources) => b.outside === true || sources.some(s => matches(b, s));
/** The parts (0-based) of `n` for retry round `round` of a file's content that have no usable batch yet. */
function missingParts(src, n, state) {
    const round = src.round ?? 0;
    const have = new Set(state.batches.filter(b => matches(b, src) && (0,core_state/* roundOf */.O7)(b) === round && isUsable(b) && b.parts === n).map(b => b.part - 1));
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
 * Batches to stop tracking after a submit: those of deleted files, those
 * superseded by a usable batch for the file's present content, and
 * token-limited ones submitted again.
 */
function planPrune(sources, state) {
    const byPath = new Map(sources.map(s => [s.path, s]));
    return state.batches.filter(b => {
        if (b.outside)
            return false;
        const src = byPath.get(b.path);
        if (!src)
            return true;
        if (tokenLimited(b))
            return state.batches.some(o => o !== b && matches(o, src) && sameSlot(o, b) && isUsable(o));
        return b.sha256 !== src.sha256 && state.batches.some(o => matches(o, src) && isUsable(o));
    });
}
function planCollect(sources, state) {
    const refresh = [];
    const stale = [];
    for (const b of state.batches) {
        if (!wanted(b, sources))
            stale.push(b);
        else if (!(0,core_state/* isFinal */.dR)(b.status))
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
        const mine = batches.filter(b => (0,core_state/* roundOf */.O7)(b) === k && (k === 0 || isUsable(b))).sort((a, b) => b.createdAt - a.createdAt);
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
        if (!wanted(b, sources))
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
        .filter(unit => unit.every(b => (0,core_state/* isFinal */.dR)(b.status)) && unit.some(b => !b.collected));
}
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
        const r = rounds(state.batches.filter(b => matches(b, src)));
        const last = r.rounds.length - 1;
        if (last < 0)
            continue;
        if (!r.complete) {
            if (last > 0)
                work.push({ src, round: last, before: r.rounds.slice(0, last).flat() });
            continue;
        }
        const done = r.rounds[last];
        // Not counted: collected while retries were off. Its errors are looked at once.
        const count = done[0].retryable ?? (r.rounds.flat().some(b => b.errorFileId) ? Infinity : 0);
        const retryable = done.every(b => (0,core_state/* isFinal */.dR)(b.status) && b.collected) && count > 0;
        if (retryable && last < maxRounds)
            work.push({ src, round: last + 1, before: r.rounds.flat() });
    }
    return work;
}
/** Our batch record for a remote batch carrying this scope's metadata, else undefined. */
function fromRemote(b, scope) {
    const m = b.metadata;
    if (m[constants/* MetadataKeys */.yg.Scope] !== scope)
        return undefined;
    const path = m[constants/* MetadataKeys */.yg.Path];
    const sha256 = m[constants/* MetadataKeys */.yg.Sha256];
    const part = /^(\d+)\/(\d+)$/.exec(m[constants/* MetadataKeys */.yg.Part] ?? '1/1');
    const round = /^[1-9]\d*$/.exec(m[constants/* MetadataKeys */.yg.Round] ?? '') ? Number(m[constants/* MetadataKeys */.yg.Round]) : undefined;
    if (!path || !sha256 || !part)
        return undefined;
    return { path, sha256, part: Number(part[1]), parts: Number(part[2]), ...(round ? { round } : {}), collected: false, ...remoteFacts(b) };
}
/** The facts of a batch that change as OpenAI works on it. */
function remoteFacts(b) {
    const status = core_state/* BATCH_STATUSES */.mL.includes(b.status) ? b.status : 'in_progress';
    return {
        batchId: b.id,
        inputFileId: b.inputFileId,
        status,
        createdAt: b.createdAt,
        requestCounts: b.requestCounts,
        outputFileId: b.outputFileId,
        errorFileId: b.errorFileId,
        errors: b.errors.length > 0 ? b.errors.map(e => ({ code: e.code, message: e.message, line: e.line })) : undefined
    };
}
/**
 * Adds batches found at OpenAI that stand for the present content of a file
 * and that the state does not know, the newest one per round and part.
 */
function adopt(state, found, sources) {
    const batches = [...state.batches];
    const newestFirst = [...found].sort((a, b) => b.createdAt - a.createdAt);
    for (const src of sources) {
        if (src.problems.length > 0)
            continue;
        for (const b of newestFirst) {
            const taken = batches.some(o => o.batchId === b.batchId || (matches(o, src) && sameSlot(o, b) && isUsable(o)));
            if (matches(b, src) && isUsable(b) && !taken)
                batches.push(b);
        }
    }
    return { ...state, batches };
}
/** The state with one batch's record replaced by `next`. */
function update(state, next) {
    return { ...state, batches: state.batches.map(b => (b.batchId === next.batchId ? next : b)) };
}
/** Our record of a batch created elsewhere (batch-ids): its results go to `batches/<id>.jsonl` under target-dir. */
function outsideBatch(b) {
    return { path: `batches/${b.id}.jsonl`, sha256: '', part: 1, parts: 1, collected: false, outside: true, ...remoteFacts(b) };
}
/** The state with the given batches marked as not collected: their results are to be fetched again. */
function uncollect(state, batchIds) {
    return { ...state, batches: state.batches.map(b => (batchIds.has(b.batchId) ? { ...b, collected: false } : b)) };
}

;// CONCATENATED MODULE: ./src/phases/restore.ts



/** Where the state comes from: the cache first, else the batches at OpenAI. */
async function restore(storage, scope) {
    const text = await storage.restore();
    if (text === undefined)
        return undefined;
    const parsed = (0,core_state/* parseState */.Bu)(text, scope);
    if ('reason' in parsed) {
        core/* warning */.$e(`Ignoring the saved state: ${parsed.reason}. It will be rebuilt from OpenAI.`);
        return undefined;
    }
    core/* info */.pq(`State: ${parsed.state.batches.length} tracked batches.`);
    return parsed.state;
}
/**
 * Adopts this scope's batches created since `since` that stand for present
 * content. Every batch created before `now` is then known: the state's `asOf`.
 */
async function discover(api, state, sources, since, now) {
    const found = [];
    for await (const remote of api.recentBatches(since)) {
        const b = fromRemote(remote, state.scope);
        if (b)
            found.push(b);
    }
    const next = { ...adopt(state, found, sources), asOf: now };
    for (const b of next.batches.slice(state.batches.length))
        core/* info */.pq(`${b.path}: found batch ${b.batchId} (${b.status}) at OpenAI.`);
    return next;
}
/** Starts tracking the batches named in batch-ids (or by a relayed webhook event) that the state does not know. */
async function watchOutside(api, state, ids, failures) {
    let next = state;
    for (const id of new Set(ids)) {
        if (next.batches.some(b => b.batchId === id))
            continue;
        try {
            const b = outsideBatch(await api.getBatch(id));
            core/* info */.pq(`Watching batch ${id} (${b.status}); its results go to ${b.path} under the target folder.`);
            next = { ...next, batches: [...next.batches, b] };
        }
        catch (e) {
            failures.push({ file: `batch-ids: ${id}`, message: `Cannot watch batch ${id}: ${e.message}` });
        }
    }
    return next;
}

// EXTERNAL MODULE: ./src/core/report.ts
var report = __webpack_require__(88557);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/io/hash.ts
var hash = __webpack_require__(34246);
// EXTERNAL MODULE: ./src/io/lines.ts
var lines = __webpack_require__(69715);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/core/requests.ts


const BOM = [0xef, 0xbb, 0xbf];
const ENDPOINTS = constants/* BatchEndpoints */.$O;
/** Endpoints whose body may leave `model` to the API's default. */
const MODEL_OPTIONAL = new Set(['/v1/moderations']);
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function quote(v) {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > 60 ? `'${s.slice(0, 57)}...'` : `'${s}'`;
}
/**
 * Checks the lines of one request file as they stream past, holding only the
 * custom_ids seen so far. Feed every line (without its `\n`) to `line`, then
 * call `finish` with the file's size.
 */
class RequestChecker {
    opts;
    ids = new Map();
    problems = [];
    hidden = 0;
    requests = 0;
    offset = 0;
    parts = [];
    part = { start: 0, requests: 0, line: 1 };
    blankSince;
    endpoint;
    model;
    constructor(opts = {}) {
        this.opts = {
            endpoint: opts.endpoint ?? '',
            maxRequests: opts.maxRequests ?? constants/* BatchLimits */.Di.maxRequests,
            maxBytes: opts.maxBytes ?? constants/* BatchLimits */.Di.maxBytes,
            maxProblems: opts.maxProblems ?? 20
        };
    }
    problem(line, message) {
        if (this.problems.length < this.opts.maxProblems)
            this.problems.push({ line, message });
        else
            this.hidden++;
    }
    /** Checks line number `n` (1-based); `raw` may end in `\r`, which is tolerated. */
    line(raw, n) {
        let end = raw.length;
        if (end > 0 && raw[end - 1] === 0x0d)
            end--;
        let text = raw.subarray(0, end);
        if (n === 1 && BOM.every((b, i) => text[i] === b)) {
            this.problem(n, 'The file starts with a byte order mark (BOM); save it as UTF-8 without BOM.');
            text = text.subarray(3);
        }
        if (!(0,external_node_buffer_.isUtf8)(text))
            return this.problem(n, 'This line is not valid UTF-8; save the file as UTF-8.');
        const s = Buffer.from(text.buffer, text.byteOffset, text.length).toString('utf8');
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
            return this.problem(n, `Not valid JSON (${e.message}); each line must be one JSON request object.`);
        }
        if (!isObject(value))
            return this.problem(n, 'Each line must be a JSON object with custom_id, method, url and body.');
        this.checkRequest(value, n);
    }
    /** Closes the current part before a request of `size` bytes that would not fit in it. */
    cut(size, n) {
        if (size > this.opts.maxBytes)
            this.problem(n, `This request is ${size} bytes, over the ${this.opts.maxBytes} bytes a batch may hold (max-batch-bytes); shorten it.`);
        const full = this.part.requests === this.opts.maxRequests || this.offset + size - this.part.start > this.opts.maxBytes;
        if (this.part.requests > 0 && full) {
            this.parts.push({ ...this.part, end: this.offset });
            this.part = { start: this.offset, requests: 0, line: n };
        }
    }
    checkRequest(req, n) {
        const id = req.custom_id;
        if (id === undefined)
            this.problem(n, 'No custom_id; add a "custom_id" string unique in this file.');
        else if (typeof id !== 'string')
            this.problem(n, `custom_id must be a string; got ${quote(id)}.`);
        else if (id === '')
            this.problem(n, 'custom_id is empty; give every request a unique non-empty id.');
        else {
            const first = this.ids.get(id);
            if (first !== undefined)
                this.problem(n, `custom_id ${quote(id)} is used again (first on line ${first}); ids must be unique in a file.`);
            else
                this.ids.set(id, n);
        }
        if (req.method !== 'POST')
            this.problem(n, `method must be "POST"; got ${quote(req.method ?? 'nothing')}.`);
        this.checkUrl(req.url, n);
        if (!isObject(req.body))
            return this.problem(n, 'body must be a JSON object: the request body for the url.');
        this.checkModel(req.body.model, n);
    }
    checkUrl(url, n) {
        if (typeof url !== 'string' || !ENDPOINTS.includes(url))
            return this.problem(n, `url ${quote(url ?? 'nothing')} is not a Batch endpoint; use one of ${ENDPOINTS.join(', ')}.`);
        if (this.opts.endpoint && url !== this.opts.endpoint)
            return this.problem(n, `url ${quote(url)} differs from the endpoint input ${quote(this.opts.endpoint)}.`);
        if (!this.endpoint)
            this.endpoint = { url, line: n };
        else if (url !== this.endpoint.url)
            this.problem(n, `url ${quote(url)} differs from ${quote(this.endpoint.url)} on line ${this.endpoint.line}; one file holds requests for one endpoint, so split it.`);
    }
    checkModel(model, n) {
        if (model === undefined && this.endpoint && MODEL_OPTIONAL.has(this.endpoint.url))
            return;
        if (typeof model !== 'string' || model === '')
            return this.problem(n, 'body.model must name the model, e.g. "gpt-4o-mini".');
        if (!this.model)
            this.model = { name: model, line: n };
        else if (model !== this.model.name)
            this.problem(n, `body.model ${quote(model)} differs from ${quote(this.model.name)} on line ${this.model.line}; a batch uses one model, so split the file.`);
    }
    /** Ends the file; `bytes` is its size. */
    finish(bytes) {
        if (this.part.requests > 0)
            this.parts.push({ ...this.part, end: bytes });
        if (this.requests === 0)
            this.problem(undefined, 'The file has no requests; add one JSON request a line, or delete it.');
        const problems = [...this.problems];
        if (this.hidden > 0)
            problems.push({ message: `...and ${this.hidden} more problems in this file.` });
        return { requests: this.requests, parts: this.parts, endpoint: this.endpoint?.url, model: this.model?.name, problems };
    }
}

;// CONCATENATED MODULE: ./src/io/request-files.ts







/** Lists `*.jsonl` files below `dir`, sorted, as POSIX paths relative to it. */
async function listRequestFiles(dir, workspace) {
    const files = [];
    const problems = new Map();
    const realWorkspace = await promises_.realpath(workspace);
    async function walk(rel) {
        let entries;
        try {
            entries = await promises_.readdir(external_node_path_.join(dir, rel), { withFileTypes: true });
        }
        catch (e) {
            if (e.code === 'ENOENT' && rel === '')
                return;
            throw e;
        }
        for (const entry of entries) {
            const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
            if (entry.isDirectory()) {
                if (entry.name.endsWith('.jsonl'))
                    core/* warning */.$e(`${child} is a folder, not a request file; the .jsonl files inside it are read as usual.`, { file: external_node_path_.relative(workspace, external_node_path_.join(dir, child)) });
                await walk(child);
            }
            else if (entry.name.endsWith('.jsonl') && (entry.isFile() || entry.isSymbolicLink())) {
                if (entry.isSymbolicLink()) {
                    const real = await promises_.realpath(external_node_path_.join(dir, child)).catch(() => '');
                    const inside = real !== '' && !external_node_path_.relative(realWorkspace, real).startsWith('..');
                    const stat = real ? await promises_.stat(real) : undefined;
                    if (!inside || !stat?.isFile()) {
                        problems.set(child, { message: 'This symbolic link points outside the workspace or to no file; replace it with the file itself.' });
                    }
                }
                files.push(child);
            }
        }
    }
    await walk('');
    files.sort();
    return { files, problems };
}
/**
 * Streams one request file once: hashes its bytes and checks every line,
 * holding at most one line (and the custom_ids) in memory.
 */
async function readRequestFile(abs, opts) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const checker = new RequestChecker(opts);
    let bytes = 0;
    let lineNo = 0;
    await (0,lines/* eachLine */.IM)(abs, line => checker.line(line, ++lineNo), chunk => {
        hash.update(chunk);
        bytes += chunk.length;
    });
    return { sha256: hash.digest('hex'), bytes, facts: checker.finish(bytes) };
}
/**
 * Finds every request file below `sourceDir` (workspace-relative) and hashes
 * it; checks the lines only of content not `known` to have been checked, so a
 * run with nothing new costs little more than reading the bytes once.
 */
async function scanSources(workspace, sourceDir, opts, map, known) {
    const root = external_node_path_.join(workspace, sourceDir);
    const { files, problems } = await listRequestFiles(root, workspace);
    return map(files, async (rel) => {
        const abs = external_node_path_.join(root, rel);
        const file = `${sourceDir}/${rel}`;
        const linkProblem = problems.get(rel);
        if (linkProblem)
            return { path: rel, file, abs, sha256: '', bytes: 0, checked: true, requests: 0, parts: [], endpoint: undefined, model: undefined, problems: [linkProblem] };
        const hashed = await (0,hash/* sha256File */.Q)(abs);
        if (hashed && known(rel, hashed.sha256))
            return { path: rel, file, abs, ...hashed, checked: false, requests: 0, parts: [], endpoint: undefined, model: undefined, problems: [] };
        const { sha256, bytes, facts } = await readRequestFile(abs, opts);
        return { path: rel, file, abs, sha256, bytes, checked: true, ...facts };
    });
}
/** How the settings ask request files to be checked and cut into parts. */
const checkOptions = (settings) => ({ endpoint: settings.endpoint, maxBytes: settings.maxBatchBytes });
/** Checks the lines of a file that the scan only hashed. */
async function checkSource(src, opts) {
    if (src.checked)
        return src;
    const { sha256, bytes, facts } = await readRequestFile(src.abs, opts);
    return { ...src, sha256, bytes, checked: true, ...facts };
}

// EXTERNAL MODULE: ./src/ports/clock.ts
var ports_clock = __webpack_require__(83810);
// EXTERNAL MODULE: ./src/io/result-writer.ts
var result_writer = __webpack_require__(21687);
;// CONCATENATED MODULE: ./src/phases/announce.ts





function batchEvent(b, ctx, now, retryPending = false) {
    const type = `batch.${b.status}`;
    const paths = (0,result_writer/* resultPaths */.OC)(ctx.targetDir, b.path);
    return {
        // The same id on every delivery of this event, so receivers can drop repeats.
        id: `evt_${(0,external_node_crypto_.createHash)('sha256').update(`${b.batchId}:${type}`).digest('hex').slice(0, 32)}`,
        object: 'event',
        type,
        created_at: now,
        data: {
            id: b.batchId,
            status: b.status,
            source_file: b.outside ? null : `${ctx.sourceDir}/${b.path}`,
            part: `${b.part}/${b.parts}`,
            round: (0,core_state/* roundOf */.O7)(b),
            retry_pending: retryPending,
            request_counts: b.requestCounts ?? null,
            output_path: b.outputFileId ? paths.output : null,
            error_path: (0,core_state/* hasErrors */.Cs)(b) ? paths.errors : null,
            commit_sha: ctx.commitSha ?? null,
            run_url: ctx.runUrl
        }
    };
}
/**
 * The Standard Webhooks signature, as OpenAI signs its own webhooks: HMAC-SHA256
 * of `id.timestamp.body`, keyed by the secret (base64-decoded after `whsec_`).
 */
function sign(secret, id, timestamp, body) {
    const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
    return `v1,${(0,external_node_crypto_.createHmac)('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
/** Attempts at one delivery (network errors, 429 and 5xx are tried again). */
const DELIVERY_ATTEMPTS = 4;
async function deliver(url, secret, event, clock) {
    const body = JSON.stringify(event);
    for (let n = 0;; n++) {
        const timestamp = clock.now();
        const headers = {
            'content-type': 'application/json',
            'user-agent': 'openai-batch-action',
            'webhook-id': event.id,
            'webhook-timestamp': String(timestamp)
        };
        if (secret)
            headers['webhook-signature'] = sign(secret, event.id, timestamp, body);
        let problem;
        try {
            const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
            await res.body?.cancel();
            if (res.ok)
                return;
            problem = `the receiver answered ${res.status}`;
            if (res.status !== 429 && res.status < 500)
                throw new Error(problem);
        }
        catch (e) {
            if (e.message.startsWith('the receiver answered'))
                throw e;
            problem = e.message;
        }
        if (n + 1 >= DELIVERY_ATTEMPTS)
            throw new Error(problem);
        await clock.sleep((0,ports_clock/* backoffMs */.j)(n));
    }
}
/** Whether a later retry round of the batch's content is still under way. */
const retryPending = (state, b) => !b.outside && state.batches.some(o => o.path === b.path && o.sha256 === b.sha256 && (0,core_state/* roundOf */.O7)(o) > (0,core_state/* roundOf */.O7)(b) && !(0,core_state/* isFinal */.dR)(o.status));
/** Batches whose final state is to be announced on `channel`. */
function toAnnounce(state, channel) {
    return state.batches.filter(b => (0,core_state/* isFinal */.dR)(b.status) && b.collected && !b.announced?.includes(channel));
}
/**
 * Announces every collected final batch not yet announced, on each channel the
 * settings name; records each delivery in the state so no later run repeats it.
 */
async function announcePhase(initial, deps) {
    const { settings, repo, clock } = deps;
    let state = initial;
    const failures = [];
    const ctx = { sourceDir: settings.sourceDir, targetDir: settings.targetDir, commitSha: deps.commitSha, runUrl: settings.run.runUrl };
    const channels = [
        ['webhook', settings.webhookUrl ? e => deliver(settings.webhookUrl, settings.webhookSecret, e, clock) : undefined],
        ['dispatch', settings.dispatchEvent && repo ? async (e) => (await repo()).dispatch(settings.dispatchEvent, { ...e }) : undefined]
    ];
    for (const [channel, send] of channels) {
        if (!send)
            continue;
        for (const b of toAnnounce(state, channel)) {
            const event = batchEvent(b, ctx, clock.now(), retryPending(state, b));
            try {
                await send(event);
                core/* info */.pq(`Announced ${event.type} for ${b.batchId} (${channel}).`);
                state = { ...state, batches: state.batches.map(x => (x.batchId === b.batchId ? { ...x, announced: [...(x.announced ?? []), channel] } : x)) };
            }
            catch (e) {
                // A receiver that is down must not fail the run: it gets the event on a later run.
                const message = `Could not announce ${b.batchId} (${channel}): ${e.message}. It is tried again on the next run.`;
                core/* warning */.$e(message);
                failures.push(message);
            }
        }
    }
    return { state, failures };
}

// EXTERNAL MODULE: ./src/ports/batch-api.ts
var batch_api = __webpack_require__(55757);
// EXTERNAL MODULE: ./src/io/failed-lines.ts
var failed_lines = __webpack_require__(41533);
;// CONCATENATED MODULE: ./src/phases/collect.ts









const fatal = (e) => e instanceof batch_api/* ApiError */.hD && (e.status === 401 || e.status === 403);
/** Checks the unfinished batches, then writes the results of the finished ones. */
async function collectPhase(sources, initial, deps) {
    const { api, clock, settings } = deps;
    let state = initial;
    const failures = [];
    const plan = planCollect(sources, state);
    for (const b of plan.stale)
        core/* info */.pq(`${b.path}: batch ${b.batchId} is for earlier content of the file; its results are not collected.`);
    await mapLimit(plan.refresh, settings.maxConcurrency, async (b) => {
        try {
            const next = { ...b, ...remoteFacts(await api.getBatch(b.batchId)) };
            if (next.status !== b.status)
                core/* info */.pq(`${b.path}: batch ${b.batchId} is ${next.status}.`);
            state = update(state, next);
        }
        catch (e) {
            if (fatal(e))
                throw e;
            // Checked again on the next run; the rest goes on.
            core/* warning */.$e(`Could not check batch ${b.batchId} of ${b.path}: ${e.message}`);
        }
    });
    const writer = (0,result_writer/* createResultWriter */.HW)(api, clock, settings.tempDir);
    const collected = [];
    const changes = [];
    await mapLimit(toCollect(sources, state), settings.maxConcurrency, async (unit) => {
        const src = unit[0].outside ? undefined : sources.find(s => s.path === unit[0].path);
        const file = src?.file ?? `batch ${unit[0].batchId}`;
        try {
            const out = await collectUnit(unit, src, writer, settings);
            changes.push(...out.changes);
            const last = Math.max(...unit.map(core_state/* roundOf */.O7));
            for (const b of unit) {
                const done = { ...b, collected: true, errorsRetried: out.errorsRetried || undefined };
                if ((0,core_state/* roundOf */.O7)(b) === last && out.retryable !== undefined)
                    done.retryable = out.retryable;
                state = update(state, done);
                collected.push(done);
            }
        }
        catch (e) {
            if (fatal(e))
                throw e;
            const message = `${file}: could not collect batch ${unit.map(b => b.batchId).join(', ')}: ${e.message}`;
            core/* warning */.$e(message);
            failures.push({ file, message });
        }
    });
    changes.sort((a, b) => a.path.localeCompare(b.path));
    return { state, collected, changes, failures };
}
/**
 * Writes the results of one file's batches (every round, its parts in order):
 * the output, and the errors that still stand. Returns the files written and,
 * when retries are on, how many error lines may pass on a retry.
 */
async function collectUnit(unit, src, writer, settings) {
    const file = src?.file ?? `batch ${unit[0].batchId}`;
    const batchIds = unit.map(b => b.batchId).join(', ');
    if (unit.some(b => b.status === 'failed')) {
        // OpenAI numbers the lines of the part it was given: cut the file again to find where each part starts.
        const parts = src && unit[0].parts > 1 ? (await checkSource(src, checkOptions(settings))).parts : [];
        const firstLine = (b) => ((0,core_state/* roundOf */.O7)(b) > 0 ? undefined : parts.length === b.parts ? parts[b.part - 1].line : 1);
        for (const b of unit)
            if (b.status === 'failed')
                annotateFailure(b, src?.file, firstLine(b));
    }
    const paths = (0,result_writer/* resultPaths */.OC)(settings.targetDir, unit[0].path);
    const orderBy = settings.resultsOrder === 'input' && src ? src.abs : undefined;
    const retried = unit.some(b => (0,core_state/* roundOf */.O7)(b) > 0);
    const outputs = (0,result_writer/* presentIds */.o2)(unit.map(b => b.outputFileId));
    const errors = (0,result_writer/* presentIds */.o2)(unit.map(b => b.errorFileId));
    const changes = [];
    const written = [];
    for (const [present, rel, succeeded] of [
        [outputs, paths.output, undefined],
        [errors, paths.errors, retried ? (0,result_writer/* presentIds */.o2)(unit.filter(b => (0,core_state/* roundOf */.O7)(b) > 0).map(b => b.outputFileId)) : undefined]
    ]) {
        const w = await writer.write(present, external_node_path_.join(settings.workspace, rel), { orderBy, succeeded });
        written.push(w);
        // Unchanged files count too: the branch may not have them yet (a publish that failed).
        if (!w.removed || w.changed)
            changes.push({ path: rel, batchId: batchIds, removed: w.removed === true, existed: w.existed, changed: w.changed });
    }
    for (const b of unit) {
        const counts = b.requestCounts ? ` (${b.requestCounts.completed} ok, ${b.requestCounts.failed} failed)` : '';
        core/* info */.pq(`${file}: batch ${b.batchId}${(0,core_state/* slotLabel */.Df)((0,core_state/* roundOf */.O7)(b), b.part, b.parts)} ${b.status}${counts}.`);
    }
    core/* info */.pq(`${file}: results ${changes.some(c => c.changed) ? 'written' : 'unchanged'}.`);
    const retryable = settings.retryFailed > 0 && src ? await (0,failed_lines/* countRetryable */.c2)(external_node_path_.join(settings.workspace, paths.errors)).catch(() => 0) : undefined;
    // Error lines there were, and every one passed on a retry: there is no errors file.
    const errorsRetried = errors.length > 0 && written[1].removed === true;
    return { changes, retryable, errorsRetried };
}
/** A batch that failed validation: its errors point at lines of the request file. */
function annotateFailure(b, file, firstLine) {
    if (tokenLimited(b)) {
        core/* warning */.$e(`Batch ${b.batchId} was refused for the organisation's enqueued-token limit; it is submitted again on a later run.`, { file });
        return;
    }
    const errors = b.errors ?? [];
    if (errors.length === 0)
        core/* error */.z3(`Batch ${b.batchId} failed without a reason from OpenAI.`, { file });
    for (const e of errors) {
        const message = `Batch ${b.batchId} failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`;
        core/* error */.z3(message, { file, startLine: e.line && firstLine ? e.line + firstLine - 1 : undefined });
    }
}

;// CONCATENATED MODULE: ./src/phases/once.ts



/** Attempts at a create whose answer keeps getting lost, before giving up. */
const MAX_ATTEMPTS = 5;
/**
 * Creates something at most once. OpenAI's create calls take no idempotency
 * key, so after a retryable failure (which may have been a lost answer to a
 * request that took effect) we look for what may have been created before
 * trying again.
 */
async function createOnce(what, clock, attempt, find) {
    for (let n = 0;; n++) {
        try {
            return await attempt();
        }
        catch (e) {
            if (!(0,batch_api/* isRetryable */.r3)(e) || n + 1 >= MAX_ATTEMPTS)
                throw e;
            core/* info */.pq(`${what}: ${e.message} Checking whether it took effect before trying again.`);
            await clock.sleep((0,ports_clock/* backoffMs */.j)(n));
            const found = await find();
            if (found !== undefined) {
                core/* info */.pq(`${what}: it had taken effect; using it.`);
                return found;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/phases/create.ts






/** The uploaded file's name: derived from the content (round and part), so a lost upload can be found again. */
function uploadName(t, part) {
    const stem = external_node_path_.posix.basename(t.path, '.jsonl');
    const round = (0,core_state/* roundOf */.O7)(t) > 0 ? `.retry${(0,core_state/* roundOf */.O7)(t)}` : '';
    const n = t.parts.length;
    return `${stem}${round}${n > 1 ? `.part${part + 1}of${n}` : ''}.${t.sha256}.jsonl`;
}
/** Uploads made since `since`, by name. */
async function indexFiles(api, since) {
    const byName = new Map();
    for await (const f of api.recentFiles(since))
        if (!byName.has(f.filename))
            byName.set(f.filename, f);
    return byName;
}
/** Two batches for the same content, round and part. */
const create_sameSlot = (a, b) => a.path === b.path && a.sha256 === b.sha256 && (0,core_state/* roundOf */.O7)(a) === (0,core_state/* roundOf */.O7)(b) && a.part === b.part && a.parts === b.parts;
async function findBatch(deps, t, part) {
    const slot = { path: t.path, sha256: t.sha256, round: t.round, part, parts: t.parts.length };
    for await (const remote of deps.api.recentBatches(deps.runStart)) {
        const b = fromRemote(remote, deps.settings.scope);
        if (b && create_sameSlot(b, slot) && isUsable(b))
            return b;
    }
    return undefined;
}
/**
 * Uploads part `part` (0-based) of a target, unless `uploaded` has it, and
 * creates its batch; each at most once, whatever answers get lost.
 */
async function createPart(t, part, uploaded, deps) {
    const { api, clock, settings } = deps;
    const n = t.parts.length;
    const round = (0,core_state/* roundOf */.O7)(t);
    const label = `${t.file}${(0,core_state/* slotLabel */.Df)(round, part + 1, n)}`;
    const name = uploadName(t, part);
    const range = t.parts[part];
    let file = uploaded.get(name);
    if (file && file.bytes === range.end - range.start)
        core/* info */.pq(`${label}: this content was uploaded before as ${file.id}; reusing it.`);
    else {
        const source = { abs: t.abs, start: range.start, end: range.end };
        file = await createOnce(`Uploading ${label}`, clock, () => api.uploadFile(source, name), async () => (await indexFiles(api, deps.runStart)).get(name));
        core/* info */.pq(`${label}: uploaded as ${file.id} (${range.requests} requests, ${range.end - range.start} bytes).`);
    }
    const inputFileId = file.id;
    const metadata = {
        ...settings.metadata,
        [constants/* MetadataKeys */.yg.Scope]: settings.scope,
        [constants/* MetadataKeys */.yg.Path]: t.path,
        [constants/* MetadataKeys */.yg.Sha256]: t.sha256,
        [constants/* MetadataKeys */.yg.Part]: `${part + 1}/${n}`,
        ...(round > 0 ? { [constants/* MetadataKeys */.yg.Round]: String(round) } : {})
    };
    const endpoint = settings.endpoint ?? t.endpoint ?? '';
    const batch = await createOnce(`Creating the batch for ${label}`, clock, async () => fromRemote(await api.createBatch({ inputFileId, endpoint, completionWindow: settings.completionWindow, metadata }), settings.scope), () => findBatch(deps, t, part + 1));
    if (!batch)
        throw new Error(`${label}: the batch was created without the action's metadata; is openai-base-url an OpenAI-compatible Batch API?`);
    core/* info */.pq(`${label}: batch ${batch.batchId} created (${batch.status}).`);
    return batch;
}
const older = (a, b) => a.createdAt - b.createdAt || a.batchId.localeCompare(b.batchId);
/**
 * Two runs at once (without the README's concurrency block) may each create a
 * batch for the same content. Every run keeps the oldest and cancels its own
 * younger one, so one stands. Returns our cancelled batches with the one kept.
 */
async function settle(api, scope, created, since) {
    const settled = new Map();
    if (created.length === 0)
        return settled;
    const recent = [];
    for await (const remote of api.recentBatches(since)) {
        const b = fromRemote(remote, scope);
        if (b && isUsable(b))
            recent.push(b);
    }
    for (const mine of created) {
        const first = recent.filter(o => create_sameSlot(o, mine)).sort(older)[0];
        if (!first || first.batchId === mine.batchId)
            continue;
        core/* info */.pq(`${mine.path}: another run created ${first.batchId} for the same content first; cancelling our ${mine.batchId}.`);
        await api.cancelBatch(mine.batchId).catch(e => core/* warning */.$e(`Could not cancel the duplicate batch ${mine.batchId}: ${e.message}`));
        // Our upload too, unless the batch that stands uses it.
        if (mine.inputFileId !== first.inputFileId)
            await api.deleteFile(mine.inputFileId).catch(e => core/* warning */.$e(`Could not delete the duplicate upload ${mine.inputFileId}: ${e.message}`));
        settled.set(mine.batchId, first);
    }
    return settled;
}
/** The state's batches with each settled one replaced by the batch that stands. */
function replaceSettled(batches, settled) {
    return batches.map(b => settled.get(b.batchId) ?? b);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/phases/commit.ts









/** Moves of the branch that lost a race with another push, before giving up. */
const commit_MAX_ATTEMPTS = 5;
function defaultMessage(changes) {
    const lines = changes.map(c => `- ${c.path} (${c.batchId}${c.removed ? ', removed' : ''})`);
    // A change names every batch of its file (parts, retries), comma-separated.
    const batches = new Set(changes.flatMap(c => c.batchId.split(', '))).size;
    return `Add OpenAI batch results (${batches} batch${batches === 1 ? '' : 'es'})\n\n${lines.join('\n')}\n`;
}
async function gzipTo(src, tempDir) {
    await promises_.mkdir(tempDir, { recursive: true });
    const file = external_node_path_.join(tempDir, `${(0,external_node_crypto_.randomUUID)()}.gz`);
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(src), (0,external_node_zlib_.createGzip)(), (0,external_node_fs_.createWriteStream)(file));
    return { file, bytes: (await promises_.stat(file)).size };
}
const exists = (abs) => promises_.access(abs).then(() => true, () => false);
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
        if ((await promises_.stat(abs)).size <= constants/* MAX_BLOB_BYTES */.TP) {
            entries.push({ path: c.path, sha: await repo.createBlob(abs) });
            if (gzInWorkspace)
                entries.push({ path: `${c.path}.gz`, sha: null });
            continue;
        }
        const gz = await gzipTo(abs, tempDir);
        try {
            if (gz.bytes <= constants/* MAX_BLOB_BYTES */.TP) {
                entries.push({ path: `${c.path}.gz`, sha: await repo.createBlob(gz.file) });
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
 * the Git Data API; rebuilt on the new head when the branch moved meanwhile.
 */
async function commitResults(repo, changes, opts) {
    const { entries, leftOut, compressed } = await entriesFor(repo, changes, opts.workspace, opts.tempDir);
    if (entries.length === 0)
        return { sha: undefined, leftOut, compressed };
    for (let n = 0;; n++) {
        const head = await repo.head(opts.branch);
        const tree = await repo.createTree(head.tree, entries);
        if (tree === head.tree) {
            core/* info */.pq('The results are already on the branch; nothing to commit.');
            return { sha: undefined, leftOut, compressed };
        }
        const sha = await repo.createCommit(opts.message, tree, head.commit);
        if (await repo.moveBranch(opts.branch, sha)) {
            core/* info */.pq(`Committed the results to ${opts.branch} as ${sha}.`);
            return { sha, leftOut, compressed };
        }
        if (n + 1 >= commit_MAX_ATTEMPTS)
            throw new Error(`Could not commit the results: ${opts.branch} kept moving (${commit_MAX_ATTEMPTS} attempts).`);
        core/* info */.pq(`${opts.branch} moved while committing; building the commit again on its new head.`);
        await opts.clock.sleep((0,ports_clock/* backoffMs */.j)(n));
    }
}

;// CONCATENATED MODULE: ./src/phases/publish.ts



/**
 * Gets the results this run changed off the runner: a commit on the run's
 * branch, an artifact, or both. Throws when they could not be published, so
 * the batches are collected again on the next run.
 */
async function publishPhase(changes, deps) {
    const { settings } = deps;
    const notes = [];
    if (changes.length === 0 || settings.results === 'none')
        return { commitSha: undefined, notes };
    let commitSha;
    let forArtifact = [];
    if (settings.results === 'commit' || settings.results === 'both') {
        const branch = settings.run.branch;
        if (!branch)
            throw new Error(`results: commit needs a run on a branch; this one is not (GITHUB_REF). Use results: artifact here.`);
        if (!deps.repo)
            throw new Error(`results: commit needs a token: set the github-token input (its default is the job's GITHUB_TOKEN).`);
        const out = await commitResults(await deps.repo(), changes, {
            workspace: settings.workspace,
            tempDir: settings.tempDir,
            branch,
            message: settings.commitMessage || defaultMessage(changes),
            clock: deps.clock
        });
        commitSha = out.sha;
        if (out.sha)
            notes.push(`Committed ${changes.length} result files to \`${branch}\` as ${out.sha}.`);
        for (const f of out.compressed)
            notes.push(`\`${f}\` is over GitHub's 40 MiB blob limit: committed gzip-compressed as \`${f}.gz\`.`);
        for (const f of out.leftOut) {
            const message = `${f} is over GitHub's 40 MiB blob limit even compressed: left out of the commit and uploaded as the artifact '${settings.artifactName}'.`;
            core/* warning */.$e(message);
            notes.push(message);
        }
        forArtifact = [...out.leftOut];
    }
    if (settings.results === 'artifact' || settings.results === 'both')
        forArtifact = changes.filter(c => c.changed && !c.removed).map(c => c.path);
    if (forArtifact.length > 0) {
        const store = await deps.artifacts();
        const files = forArtifact.map(f => external_node_path_.join(settings.workspace, f));
        const id = await store.upload(settings.artifactName, files, settings.workspace, settings.artifactRetentionDays);
        notes.push(`Uploaded ${files.length} result files as the artifact '${settings.artifactName}'${id ? ` (id ${id})` : ''}.`);
        core/* info */.pq(notes.at(-1));
    }
    return { commitSha, notes };
}

;// CONCATENATED MODULE: ./src/phases/retry.ts













/** Writes the requests of round `w.round` to `out` (the same bytes on every run); returns how many. */
async function retryRequests(w, out, deps) {
    const { api, clock, settings } = deps;
    const errors = `${out}.errors`;
    try {
        const retried = w.before.filter(b => (0,core_state/* roundOf */.O7)(b) > 0);
        await (0,result_writer/* createResultWriter */.HW)(api, clock, settings.tempDir).write((0,result_writer/* presentIds */.o2)(w.before.map(b => b.errorFileId)), errors, {
            succeeded: (0,result_writer/* presentIds */.o2)(retried.map(b => b.outputFileId))
        });
        const ids = await promises_.access(errors).then(() => (0,failed_lines/* retryableIndex */.JN)(errors), () => undefined);
        return ids && ids.size > 0 ? await (0,failed_lines/* selectRequests */.lz)(w.src.abs, ids, out) : 0;
    }
    finally {
        await promises_.rm(errors, { force: true });
    }
}
/** Makes the missing batches of one retry round, recording each as it is made; says when no line may pass on a retry. */
async function retryOne(w, state, record, uploaded, deps) {
    const { settings } = deps;
    await promises_.mkdir(settings.tempDir, { recursive: true });
    const abs = external_node_path_.join(settings.tempDir, `${(0,external_node_crypto_.randomUUID)()}.retry.jsonl`);
    try {
        const n = await retryRequests(w, abs, deps);
        if (n === 0)
            return 'nothing to retry';
        const { facts } = await readRequestFile(abs, checkOptions(settings));
        if (facts.problems.length > 0)
            throw new Error(`the lines to retry do not make a valid request file: ${facts.problems[0].message}`);
        const target = { path: w.src.path, sha256: w.src.sha256, round: w.round, file: w.src.file, abs, parts: facts.parts, endpoint: facts.endpoint };
        const missing = missingParts(target, facts.parts.length, state());
        core/* info */.pq(`${w.src.file}: ${n} requests failed for a reason that may pass; retry ${w.round} of at most ${settings.retryFailed}.`);
        for (const part of missing)
            record(await createPart(target, part, uploaded, deps));
        return 'made';
    }
    finally {
        await promises_.rm(abs, { force: true });
    }
}
/** The state with the last round before `w` marked as leaving no line to retry. */
function countedNone(state, w) {
    const last = w.round - 1;
    const mine = new Set(w.before.filter(b => (0,core_state/* roundOf */.O7)(b) === last).map(b => b.batchId));
    return { ...state, batches: state.batches.map(b => (mine.has(b.batchId) ? { ...b, retryable: 0 } : b)) };
}
/** Creates the retry rounds of `work`, at most `max-concurrency` files at a time. */
async function retryPhase(work, initial, deps) {
    const { api, clock, settings } = deps;
    const runStart = clock.now() - constants/* CLOCK_SKEW_SECONDS */._r;
    let state = initial;
    const created = [];
    const failures = [];
    const uploaded = await indexFiles(api, deps.since);
    await mapLimit(work, settings.maxConcurrency, async (w) => {
        try {
            const record = (b) => {
                created.push(b);
                state = { ...state, batches: [...state.batches, b] };
            };
            // Nothing to retry (a file collected while retries were off): counted, so it is not looked at again.
            if ((await retryOne(w, () => state, record, uploaded, { ...deps, runStart })) === 'nothing to retry')
                state = countedNone(state, w);
        }
        catch (e) {
            if (e instanceof batch_api/* ApiError */.hD && (e.status === 401 || e.status === 403))
                throw e;
            const message = `${w.src.file}: could not submit retry ${w.round}: ${e.message}`;
            core/* warning */.$e(message, { file: w.src.file });
            failures.push({ file: w.src.file, message });
        }
    });
    const settled = await settle(api, settings.scope, created, runStart);
    state = { ...state, batches: replaceSettled(state.batches, settled) };
    return { state, created: created.filter(b => !settled.has(b.batchId)), failures };
}

;// CONCATENATED MODULE: ./src/phases/submit.ts







/**
 * Uploads each file of the plan (unless an upload of the same content exists)
 * and creates its batch, then stops tracking the batches it superseded.
 */
async function submitPhase(plan, sources, initial, deps) {
    const { api, clock, settings } = deps;
    const runStart = clock.now() - constants/* CLOCK_SKEW_SECONDS */._r;
    let state = initial;
    const created = [];
    const failures = [];
    const uploaded = plan.submit.length > 0 ? await (deps.uploads ?? indexFiles(api, deps.since)) : new Map();
    const work = plan.submit.flatMap(src => missingParts(src, src.parts.length, state).map(part => ({ src, part })));
    await mapLimit(work, settings.maxConcurrency, async ({ src, part }) => {
        try {
            const batch = await createPart(src, part, uploaded, { api, clock, settings, runStart });
            created.push(batch);
            state = { ...state, batches: [...state.batches, batch] };
        }
        catch (e) {
            // A key the API refuses fails every file alike: stop at the first.
            if (e instanceof batch_api/* ApiError */.hD && (e.status === 401 || e.status === 403))
                throw e;
            const message = e instanceof Error ? e.message : String(e);
            core/* error */.z3(message, { file: src.file });
            failures.push({ file: src.file, message });
        }
    });
    const settled = await settle(api, settings.scope, created, runStart);
    state = { ...state, batches: replaceSettled(state.batches, settled) };
    state = await prune(state, sources, api, settings.cancelSuperseded);
    return { state, created: created.filter(b => !settled.has(b.batchId)), failures };
}
/** Drops superseded batches and those of deleted files, cancelling the unfinished ones when asked. */
async function prune(state, sources, api, cancel) {
    const dropped = planPrune(sources, state);
    for (const b of dropped) {
        if (!cancel || (0,core_state/* isFinal */.dR)(b.status) || b.status === 'cancelling')
            continue;
        try {
            // The state's status may be old: a batch that has finished since is left alone.
            if ((0,core_state/* isFinal */.dR)((await api.getBatch(b.batchId)).status))
                continue;
            await api.cancelBatch(b.batchId);
            core/* info */.pq(`Cancelled batch ${b.batchId}: ${b.path} has changed since it was created.`);
        }
        catch (e) {
            // The new batch stands either way; an old one left running only costs money.
            core/* warning */.$e(`Could not cancel the superseded batch ${b.batchId} of ${b.path}: ${e.message}`);
        }
    }
    const gone = new Set(dropped.map(b => b.batchId));
    return { ...state, batches: state.batches.filter(b => !gone.has(b.batchId)) };
}

;// CONCATENATED MODULE: ./src/phases/pipeline.ts








// The phases are our own small modules, loaded with this one; only the SDKs are loaded when used (main.ts).






function annotate(invalid) {
    for (const f of invalid)
        for (const p of f.problems)
            core/* error */.z3(p.message, { file: f.file, startLine: p.line, title: 'Invalid batch request' });
}
/** Batches and uploads newer than this may be missing from the state (unix seconds). */
const listSince = (loaded, clock) => loaded ? loaded.asOf - constants/* CLOCK_SKEW_SECONDS */._r : clock.now() - constants/* REBUILD_LOOKBACK_SECONDS */.$_;
/**
 * The submit half: plan against what exists (looking at OpenAI when the state
 * may be stale), then create; only for the files `only` picks, when given.
 * `uploads` is the listing of earlier uploads, when it was started already.
 */
async function submitStep(settings, deps, sources, loaded, initial, failures, opts = {}) {
    const { api, clock } = deps;
    const only = opts.only ?? (() => true);
    let state = initial;
    let plan = planSubmit(sources.filter(only), state);
    // A run that crashed, or ran alongside, may have created batches after the state's asOf.
    if (plan.submit.length > 0 && loaded && api) {
        state = await discover(api, state, sources, listSince(loaded, clock), clock.now());
        plan = planSubmit(sources.filter(only), state);
    }
    const wouldSubmit = plan.submit.map(s => s.file);
    if (settings.dryRun || !api) {
        core/* info */.pq(`Dry run: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`);
        return { state, created: [], wouldSubmit };
    }
    const since = listSince(loaded, clock);
    const out = await core/* group */.Os('Submit', () => submitPhase(plan, sources, state, { api, clock, settings, since, uploads: opts.uploads }));
    failures.push(...out.failures);
    return { state: out.state, created: out.created, wouldSubmit };
}
/** The collect half: check and download, then publish and announce what finished. */
async function collectStep(settings, deps, api, sources, initial, failures) {
    const { clock } = deps;
    const extra = [...settings.batchIds, ...(settings.run.eventBatchId ? [settings.run.eventBatchId] : [])];
    let state = await watchOutside(api, initial, extra, failures);
    const out = await core/* group */.Os('Collect', () => collectPhase(sources, state, { api, clock, settings }));
    state = out.state;
    let collected = out.collected;
    failures.push(...out.failures);
    let commitSha;
    const notes = [];
    if (out.changes.length > 0) {
        try {
            const published = await core/* group */.Os('Publish results', () => publishPhase(out.changes, { settings, repo: deps.repo, artifacts: deps.artifacts, clock }));
            commitSha = published.commitSha;
            notes.push(...published.notes);
        }
        catch (e) {
            // Results that reached no one are fetched again by the next run.
            state = uncollect(state, new Set(collected.map(b => b.batchId)));
            collected = [];
            failures.push({ file: settings.targetDir, message: `Could not publish the results: ${e.message}` });
        }
    }
    return { state, collected, changes: out.changes, commitSha, notes };
}
/** Follow-up batches for lines that failed for a retryable reason, once their file's results are collected. */
async function retryStep(settings, deps, api, sources, loaded, initial, failures) {
    const { clock } = deps;
    let state = initial;
    let work = planRetry(sources, state, settings.retryFailed);
    // A run that stopped may have made some of these batches after the state's asOf.
    if (work.length > 0 && loaded) {
        state = await discover(api, state, sources, listSince(loaded, clock), clock.now());
        work = planRetry(sources, state, settings.retryFailed);
    }
    if (work.length === 0)
        return { state, created: [] };
    const out = await core/* group */.Os('Retry failed lines', () => retryPhase(work, state, { api, clock, settings, since: listSince(loaded, clock) }));
    failures.push(...out.failures);
    return out;
}
/** Finds the request files; checks the lines only of content without a usable batch. */
async function scanStep(settings, loaded) {
    const submitted = new Set(loaded?.batches.filter(isUsable).map(b => `${b.path}\n${b.sha256}`));
    const found = await scanSources(settings.workspace, settings.sourceDir, checkOptions(settings), (items, fn) => mapLimit(items, settings.maxConcurrency, fn), (p, sha) => submitted.has(`${p}\n${sha}`));
    core/* info */.pq(`${found.length} request files under ${settings.sourceDir}/, ${found.filter(f => f.checked).length} new or changed.`);
    return found;
}
/**
 * What follows a collect: retry rounds of failed lines, batches refused for the
 * enqueued-token limit submitted again, then the announcements (last, so an
 * event can say whether a retry round of its file is under way).
 */
async function afterCollect(settings, deps, api, ctx, initial) {
    const { sources, loaded, failures } = ctx;
    let state = initial;
    const created = [];
    const notes = [];
    if (settings.retryFailed > 0) {
        const out = await retryStep(settings, deps, api, sources, loaded, state, failures);
        state = out.state;
        created.push(...out.created);
    }
    // A batch refused for the enqueued-token limit is submitted again by the next run that can, a scheduled one too.
    const limited = (src) => refusedForTokens(src, state);
    if (settings.mode === 'collect' && sources.some(limited)) {
        const again = await Promise.all(sources.map(s => (limited(s) ? checkSource(s, checkOptions(settings)) : s)));
        const out = await submitStep(settings, deps, again, loaded, state, failures, { only: limited });
        state = out.state;
        created.push(...out.created);
    }
    if (settings.webhookUrl || settings.dispatchEvent) {
        const announced = await core/* group */.Os('Announce', () => announcePhase(state, { settings, repo: deps.repo, clock: deps.clock, commitSha: ctx.commitSha }));
        state = announced.state;
        notes.push(...announced.failures);
    }
    return { state, created, notes };
}
async function runAction(settings, deps) {
    const { api, storage, clock } = deps;
    const loaded = await core/* group */.Os('Restore state', () => restore(storage, settings.scope));
    const sources = await core/* group */.Os('Scan request files', () => scanStep(settings, loaded));
    const invalid = sources.filter(s => s.problems.length > 0);
    annotate(invalid);
    // Earlier uploads (a run that stopped may have left some) are listed while the batches are looked at.
    const likelySubmit = settings.mode !== 'collect' && !settings.dryRun && sources.some(s => s.checked && s.problems.length === 0);
    const uploads = api && likelySubmit ? indexFiles(api, listSince(loaded, clock)) : undefined;
    uploads?.catch(() => undefined); // awaited, and its failure reported, by the submit phase if it needs it
    let state = loaded ?? (0,core_state/* emptyState */.p$)(settings.scope);
    if (!loaded && api)
        state = await core/* group */.Os('Rebuild state from OpenAI', () => discover(api, state, sources, clock.now() - constants/* REBUILD_LOOKBACK_SECONDS */.$_, clock.now()));
    const failures = [];
    const created = [];
    let wouldSubmit = [];
    if (settings.mode !== 'collect') {
        const out = await submitStep(settings, deps, sources, loaded, state, failures, { uploads });
        ({ state, wouldSubmit } = out);
        created.push(...out.created);
    }
    let collected;
    const notes = [];
    if (settings.mode !== 'submit' && api && !settings.dryRun) {
        collected = await collectStep(settings, deps, api, sources, state, failures);
        const after = await afterCollect(settings, deps, api, { sources, loaded, failures, commitSha: collected.commitSha }, collected.state);
        state = after.state;
        created.push(...after.created);
        notes.push(...collected.notes, ...after.notes);
    }
    if (!settings.dryRun && (!loaded || (0,core_state/* serializeState */.sU)(loaded) !== (0,core_state/* serializeState */.sU)(state)))
        await core/* group */.Os('Save state', () => storage.save((0,core_state/* serializeState */.sU)(state)));
    const present = new Map(sources.map(s => [s.path, s.sha256]));
    const done = collected?.collected ?? [];
    return {
        mode: settings.mode,
        dryRun: settings.dryRun,
        rows: (0,report/* batchRows */.e)(state, settings.sourceDir, settings.targetDir),
        wouldSubmit,
        invalid,
        failures,
        notes,
        submitted: created.length,
        completed: done.filter(b => b.status === 'completed').length,
        failed: done.filter(b => b.status !== 'completed').length,
        pending: state.batches.filter(b => !(0,core_state/* isFinal */.dR)(b.status) && (b.outside || present.get(b.path) === b.sha256)).length,
        resultsChanged: (collected?.changes ?? []).some(c => c.changed),
        commitSha: collected?.commitSha
    };
}


/***/ })

};
