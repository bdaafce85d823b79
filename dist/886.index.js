export const id = 886;
export const ids = [886];
export const modules = {

/***/ 75886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(81532);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/plan.ts
var src_plan = __webpack_require__(22464);
// EXTERNAL MODULE: ./src/state.ts
var src_state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/remember.ts



/** Where the state comes from: the cache first, else the batches at OpenAI. */
async function restore(storage, scope) {
    const text = await storage.restore();
    if (text === undefined)
        return undefined;
    const parsed = (0,src_state/* parseState */.Bu)(text, scope);
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
        const b = (0,src_plan/* fromRemote */.Hm)(remote, state.scope);
        if (b)
            found.push(b);
    }
    const next = { ...(0,src_plan/* adopt */.di)(state, found, sources), asOf: now };
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
            const b = (0,src_plan/* outsideBatch */.aE)(await api.getBatch(id));
            core/* info */.pq(`Watching batch ${id} (${b.status}); its results go to ${b.path} under the target folder.`);
            next = { ...next, batches: [...next.batches, b] };
        }
        catch (e) {
            failures.push({ file: `batch-ids: ${id}`, message: `Cannot watch batch ${id}: ${e.message}` });
        }
    }
    return next;
}

// EXTERNAL MODULE: ./src/report.ts
var report = __webpack_require__(70665);
// EXTERNAL MODULE: ./src/scan.ts + 1 modules
var scan = __webpack_require__(21164);
;// CONCATENATED MODULE: ./src/action.ts








function annotate(invalid) {
    for (const f of invalid)
        for (const p of f.problems)
            core/* error */.z3(p.message, { file: f.file, startLine: p.line, title: 'Invalid batch request' });
}
/**
 * The submit half: plan against what exists (looking at OpenAI when the state
 * may be stale), then create; only for the files `only` picks, when given.
 */
async function submitStep(settings, deps, sources, loaded, initial, failures, only = () => true) {
    const { api, clock } = deps;
    let state = initial;
    let plan = (0,src_plan/* planSubmit */.MK)(sources.filter(only), state);
    // A run that crashed, or ran alongside, may have created batches after the state's asOf.
    if (plan.submit.length > 0 && loaded && api) {
        state = await discover(api, state, sources, loaded.asOf - constants/* CLOCK_SKEW_SECONDS */._r, clock.now());
        plan = (0,src_plan/* planSubmit */.MK)(sources.filter(only), state);
    }
    const wouldSubmit = plan.submit.map(s => s.file);
    if (settings.dryRun || !api) {
        core/* info */.pq(`Dry run: would submit ${wouldSubmit.length ? wouldSubmit.join(', ') : 'nothing'}.`);
        return { state, created: [], wouldSubmit };
    }
    const since = loaded ? loaded.asOf - constants/* CLOCK_SKEW_SECONDS */._r : clock.now() - constants/* REBUILD_LOOKBACK_SECONDS */.$_;
    const { submitPhase } = await __webpack_require__.e(/* import() */ 912).then(__webpack_require__.bind(__webpack_require__, 65912));
    const out = await core/* group */.Os('Submit', () => submitPhase(plan, sources, state, { api, clock, settings, since }));
    failures.push(...out.failures);
    return { state: out.state, created: out.created, wouldSubmit };
}
/** The collect half: check and download, then publish and announce what finished. */
async function collectStep(settings, deps, api, sources, initial, failures) {
    const { clock } = deps;
    const extra = [...settings.batchIds, ...(settings.run.eventBatchId ? [settings.run.eventBatchId] : [])];
    let state = await watchOutside(api, initial, extra, failures);
    const { collectPhase } = await __webpack_require__.e(/* import() */ 973).then(__webpack_require__.bind(__webpack_require__, 11973));
    const out = await core/* group */.Os('Collect', () => collectPhase(sources, state, { api, clock, settings }));
    state = out.state;
    let collected = out.collected;
    failures.push(...out.failures);
    let commitSha;
    const notes = [];
    if (out.changes.length > 0) {
        const { publishPhase } = await __webpack_require__.e(/* import() */ 974).then(__webpack_require__.bind(__webpack_require__, 25974));
        try {
            const published = await core/* group */.Os('Publish results', () => publishPhase(out.changes, { settings, repo: deps.repo, artifacts: deps.artifacts, clock }));
            commitSha = published.commitSha;
            notes.push(...published.notes);
        }
        catch (e) {
            // Results that reached no one are fetched again by the next run.
            state = (0,src_plan/* uncollect */.ob)(state, new Set(collected.map(b => b.batchId)));
            collected = [];
            failures.push({ file: settings.targetDir, message: `Could not publish the results: ${e.message}` });
        }
    }
    if (settings.webhookUrl || settings.dispatchEvent) {
        const { announcePhase } = await __webpack_require__.e(/* import() */ 592).then(__webpack_require__.bind(__webpack_require__, 5592));
        const announced = await core/* group */.Os('Announce', () => announcePhase(state, { settings, repo: deps.repo, clock, commitSha }));
        state = announced.state;
        notes.push(...announced.failures);
    }
    return { state, collected, changes: out.changes, commitSha, notes };
}
async function runAction(settings, deps) {
    const { api, storage, clock } = deps;
    const loaded = await core/* group */.Os('Restore state', () => restore(storage, settings.scope));
    const sources = await core/* group */.Os('Scan request files', async () => {
        const submitted = new Set(loaded?.batches.filter(src_plan/* isUsable */.Ng).map(b => `${b.path}\n${b.sha256}`));
        const found = await (0,scan/* scanSources */.sQ)(settings.workspace, settings.sourceDir, (0,scan/* checkOptions */.Jr)(settings), (items, fn) => (0,concurrency/* mapLimit */.s)(items, settings.maxConcurrency, fn), (p, sha) => submitted.has(`${p}\n${sha}`));
        core/* info */.pq(`${found.length} request files under ${settings.sourceDir}/, ${found.filter(f => f.checked).length} new or changed.`);
        return found;
    });
    const invalid = sources.filter(s => s.problems.length > 0);
    annotate(invalid);
    let state = loaded ?? (0,src_state/* emptyState */.p$)(settings.scope);
    if (!loaded && api)
        state = await core/* group */.Os('Rebuild state from OpenAI', () => discover(api, state, sources, clock.now() - constants/* REBUILD_LOOKBACK_SECONDS */.$_, clock.now()));
    const failures = [];
    let created = [];
    let wouldSubmit = [];
    if (settings.mode !== 'collect')
        ({ state, created, wouldSubmit } = await submitStep(settings, deps, sources, loaded, state, failures));
    let collected = [];
    let changes = [];
    let commitSha;
    let notes = [];
    if (settings.mode !== 'submit' && api && !settings.dryRun)
        ({ state, collected, changes, commitSha, notes } = await collectStep(settings, deps, api, sources, state, failures));
    // A batch refused for the enqueued-token limit is submitted again by the next run that can, a scheduled one too.
    const limited = (src) => (0,src_plan/* refusedForTokens */.Ks)(src, state);
    if (settings.mode === 'collect' && api && !settings.dryRun && sources.some(limited)) {
        const again = await Promise.all(sources.map(s => (limited(s) ? (0,scan/* checkSource */.As)(s, (0,scan/* checkOptions */.Jr)(settings)) : s)));
        ({ state, created } = await submitStep(settings, deps, again, loaded, state, failures, limited));
    }
    if (!settings.dryRun && (!loaded || (0,src_state/* serializeState */.sU)(loaded) !== (0,src_state/* serializeState */.sU)(state)))
        await core/* group */.Os('Save state', () => storage.save((0,src_state/* serializeState */.sU)(state)));
    const present = new Map(sources.map(s => [s.path, s.sha256]));
    return {
        mode: settings.mode,
        dryRun: settings.dryRun,
        rows: (0,report/* batchRows */.e)(state, settings.sourceDir, settings.targetDir),
        wouldSubmit,
        invalid,
        failures,
        notes,
        submitted: created.length,
        completed: collected.filter(b => b.status === 'completed').length,
        failed: collected.filter(b => b.status !== 'completed').length,
        pending: state.batches.filter(b => !(0,src_state/* isFinal */.dR)(b.status) && (b.outside || present.get(b.path) === b.sha256)).length,
        resultsChanged: changes.some(c => c.changed),
        commitSha
    };
}


/***/ }),

/***/ 81532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
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


/***/ }),

/***/ 22464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hm: () => (/* binding */ fromRemote),
/* harmony export */   Ks: () => (/* binding */ refusedForTokens),
/* harmony export */   M0: () => (/* binding */ remoteFacts),
/* harmony export */   MK: () => (/* binding */ planSubmit),
/* harmony export */   Ng: () => (/* binding */ isUsable),
/* harmony export */   Qn: () => (/* binding */ tokenLimited),
/* harmony export */   aE: () => (/* binding */ outsideBatch),
/* harmony export */   di: () => (/* binding */ adopt),
/* harmony export */   ob: () => (/* binding */ uncollect),
/* harmony export */   qk: () => (/* binding */ planCollect),
/* harmony export */   tL: () => (/* binding */ missingParts),
/* harmony export */   wM: () => (/* binding */ planPrune),
/* harmony export */   yo: () => (/* binding */ update),
/* harmony export */   yp: () => (/* binding */ toCollect)
/* harmony export */ });
/* harmony import */ var _constants__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27242);
/* harmony import */ var _state__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2462);


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
/** Whether the present content of `src` has a batch refused for the enqueued-token limit. */
const refusedForTokens = (src, state) => state.batches.some(b => matches(b, src) && tokenLimited(b));
/** A batch that can still yield results for its content (a cancelled or token-limited one cannot). */
const isUsable = (b) => b.status !== 'cancelled' && b.status !== 'cancelling' && !tokenLimited(b);
const matches = (b, src) => !b.outside && b.path === src.path && b.sha256 === src.sha256;
/** A batch whose results are wanted now: one for a file's present content, or one named in batch-ids. */
const wanted = (b, sources) => b.outside === true || sources.some(s => matches(b, s));
/** The parts (0-based) of a checked file that have no usable batch yet. */
function missingParts(src, state) {
    const n = src.parts.length;
    const have = new Set(state.batches.filter(b => matches(b, src) && isUsable(b) && b.parts === n).map(b => b.part - 1));
    return src.parts.map((_, i) => i).filter(i => !have.has(i));
}
function planSubmit(sources, state) {
    const submit = [];
    const current = [];
    const invalid = [];
    for (const src of sources) {
        if (src.problems.length > 0)
            invalid.push(src);
        // A file not checked this run has content that was submitted before.
        else if (!src.checked || missingParts(src, state).length === 0)
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
            return state.batches.some(o => o !== b && matches(o, src) && o.part === b.part && isUsable(o));
        return b.sha256 !== src.sha256 && state.batches.some(o => matches(o, src) && isUsable(o));
    });
}
function planCollect(sources, state) {
    const refresh = [];
    const stale = [];
    for (const b of state.batches) {
        if (!wanted(b, sources))
            stale.push(b);
        else if (!(0,_state__WEBPACK_IMPORTED_MODULE_1__/* .isFinal */ .dR)(b.status))
            refresh.push(b);
    }
    return { refresh, stale };
}
/**
 * What to collect: for each file's present content (or outside batch), its
 * batches in part order, once every part is final and some are not collected.
 */
function toCollect(sources, state) {
    // One batch a part: the newest, should a cancelled one have been submitted again.
    const units = new Map();
    for (const b of state.batches) {
        if (!wanted(b, sources))
            continue;
        const key = b.outside ? b.batchId : `${b.path}\n${b.sha256}\n${b.parts}`;
        const parts = units.get(key) ?? new Map();
        const other = parts.get(b.part);
        if (!other || other.createdAt < b.createdAt)
            parts.set(b.part, b);
        units.set(key, parts);
    }
    return [...units.values()]
        .map(parts => [...parts.values()].sort((a, b) => a.part - b.part))
        .filter(unit => unit.length === unit[0].parts && unit.every(b => (0,_state__WEBPACK_IMPORTED_MODULE_1__/* .isFinal */ .dR)(b.status)) && unit.some(b => !b.collected));
}
/** Our batch record for a remote batch carrying this scope's metadata, else undefined. */
function fromRemote(b, scope) {
    const m = b.metadata;
    if (m[_constants__WEBPACK_IMPORTED_MODULE_0__/* .MetadataKeys */ .yg.Scope] !== scope)
        return undefined;
    const path = m[_constants__WEBPACK_IMPORTED_MODULE_0__/* .MetadataKeys */ .yg.Path];
    const sha256 = m[_constants__WEBPACK_IMPORTED_MODULE_0__/* .MetadataKeys */ .yg.Sha256];
    const part = /^(\d+)\/(\d+)$/.exec(m[_constants__WEBPACK_IMPORTED_MODULE_0__/* .MetadataKeys */ .yg.Part] ?? '1/1');
    if (!path || !sha256 || !part)
        return undefined;
    return { path, sha256, part: Number(part[1]), parts: Number(part[2]), collected: false, ...remoteFacts(b) };
}
/** The facts of a batch that change as OpenAI works on it. */
function remoteFacts(b) {
    const status = _state__WEBPACK_IMPORTED_MODULE_1__/* .BATCH_STATUSES */ .mL.includes(b.status) ? b.status : 'in_progress';
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
 * and that the state does not know, the newest one per file and part.
 */
function adopt(state, found, sources) {
    const batches = [...state.batches];
    const newestFirst = [...found].sort((a, b) => b.createdAt - a.createdAt);
    for (const src of sources) {
        if (src.problems.length > 0 || batches.some(b => matches(b, src) && isUsable(b)))
            continue;
        for (const b of newestFirst) {
            const taken = batches.some(o => matches(o, src) && o.part === b.part && isUsable(o));
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


/***/ }),

/***/ 21164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Jr: () => (/* binding */ checkOptions),
  As: () => (/* binding */ checkSource),
  sQ: () => (/* binding */ scanSources)
});

// UNUSED EXPORTS: listRequestFiles, readRequestFile

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/hash.ts
var hash = __webpack_require__(56495);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
;// CONCATENATED MODULE: ./src/requests.ts


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

;// CONCATENATED MODULE: ./src/scan.ts







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
    let carry = [];
    for await (const chunk of (0,external_node_fs_.createReadStream)(abs, { highWaterMark: 1 << 20 })) {
        hash.update(chunk);
        bytes += chunk.length;
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
            let line = chunk.subarray(start, nl);
            if (carry.length > 0) {
                line = Buffer.concat([...carry, line]);
                carry = [];
            }
            checker.line(line, ++lineNo);
            start = nl + 1;
        }
        if (start < chunk.length)
            carry.push(chunk.subarray(start));
    }
    if (carry.length > 0)
        checker.line(Buffer.concat(carry), ++lineNo);
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


/***/ }),

/***/ 2462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   dR: () => (/* binding */ isFinal),
/* harmony export */   mL: () => (/* binding */ BATCH_STATUSES),
/* harmony export */   p$: () => (/* binding */ emptyState),
/* harmony export */   sU: () => (/* binding */ serializeState)
/* harmony export */ });
/* unused harmony exports STATE_VERSION, batchesFor */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38816);

/** Bump when the document's shape changes; an older state is rebuilt from OpenAI. */
const STATE_VERSION = 2;
const BATCH_STATUSES = [
    'validating',
    'failed',
    'in_progress',
    'finalizing',
    'completed',
    'expired',
    'cancelling',
    'cancelled'
];
const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);
const isFinal = (status) => FINAL.has(status);
const counts = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ total: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), completed: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), failed: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() });
const batchError = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    code: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    message: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    line: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable().optional()
});
const trackedBatch = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    /** Source path, relative to source-dir. */
    path: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** sha256 of the source content this batch was created for. */
    sha256: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** 1-based part of the source file, and how many parts it has. */
    part: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1),
    parts: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1),
    batchId: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    inputFileId: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    status: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(BATCH_STATUSES),
    /** Unix seconds, as OpenAI reports them. */
    createdAt: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    requestCounts: counts.optional(),
    outputFileId: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable().optional(),
    errorFileId: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable().optional(),
    /** Validation errors of a failed batch. */
    errors: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(batchError).optional(),
    /** Its results are in target-dir (and published, when the run publishes). */
    collected: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    /** A batch created elsewhere (batch-ids): `path` is then its results path under target-dir. */
    outside: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    /** Where its final state was announced. */
    announced: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['webhook', 'dispatch'])).optional()
});
const stateSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(STATE_VERSION),
    scope: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /**
     * Unix seconds: every batch of this scope created before then is in the state
     * (or was looked at). Batches created later, by a run that crashed or ran
     * alongside, may be missing: they are looked for before creating any.
     */
    asOf: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    batches: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(trackedBatch)
});
function emptyState(scope) {
    return { version: STATE_VERSION, scope, asOf: 0, batches: [] };
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
    if (version !== STATE_VERSION)
        return { reason: `the saved state has schema version ${String(version)}, this action reads ${STATE_VERSION}` };
    const parsed = stateSchema.safeParse(json);
    if (!parsed.success)
        return { reason: `the saved state does not match its schema (${parsed.error.issues[0]?.message})` };
    if (parsed.data.scope !== scope)
        return { reason: `the saved state belongs to '${parsed.data.scope}', not '${scope}'` };
    return { state: parsed.data };
}
function serializeState(state) {
    return `${JSON.stringify(state, null, 1)}\n`;
}
/** The batches that currently stand for `path`, in part order. */
function batchesFor(state, path) {
    return state.batches.filter(b => b.path === path).sort((a, b) => a.part - b.part);
}


/***/ })

};
