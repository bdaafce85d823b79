export const id = 912;
export const ids = [912];
export const modules = {

/***/ 65912:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  submitPhase: () => (/* binding */ submitPhase)
});

// UNUSED EXPORTS: uploadName

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/api.ts
var src_api = __webpack_require__(46879);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(81532);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(99373);
;// CONCATENATED MODULE: ./src/once.ts



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
            if (!(0,src_api/* isRetryable */.r3)(e) || n + 1 >= MAX_ATTEMPTS)
                throw e;
            core/* info */.pq(`${what}: ${e.message} Checking whether it took effect before trying again.`);
            await clock.sleep((0,src_clock/* backoffMs */.j)(n));
            const found = await find();
            if (found !== undefined) {
                core/* info */.pq(`${what}: it had taken effect; using it.`);
                return found;
            }
        }
    }
}

// EXTERNAL MODULE: ./src/plan.ts
var src_plan = __webpack_require__(22464);
// EXTERNAL MODULE: ./src/state.ts
var src_state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/submit.ts








/** The uploaded file's name: derived from the content (and part), so a lost upload can be found again. */
function uploadName(src, part) {
    const stem = external_node_path_.posix.basename(src.path, '.jsonl');
    const n = src.parts.length;
    return n > 1 ? `${stem}.part${part + 1}of${n}.${src.sha256}.jsonl` : `${stem}.${src.sha256}.jsonl`;
}
async function indexFiles(api, since) {
    const byName = new Map();
    for await (const f of api.recentFiles(since))
        if (!byName.has(f.filename))
            byName.set(f.filename, f);
    return byName;
}
async function findBatch(api, scope, src, part, since) {
    for await (const remote of api.recentBatches(since)) {
        const b = (0,src_plan/* fromRemote */.Hm)(remote, scope);
        if (b && b.path === src.path && b.sha256 === src.sha256 && b.part === part && b.parts === src.parts.length && (0,src_plan/* isUsable */.Ng)(b))
            return b;
    }
    return undefined;
}
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
    const uploaded = plan.submit.length > 0 ? await indexFiles(api, deps.since) : new Map();
    const work = plan.submit.flatMap(src => (0,src_plan/* missingParts */.tL)(src, state).map(part => ({ src, part })));
    await (0,concurrency/* mapLimit */.s)(work, settings.maxConcurrency, async ({ src, part }) => {
        const n = src.parts.length;
        const label = n > 1 ? `${src.file} (part ${part + 1} of ${n})` : src.file;
        try {
            const name = uploadName(src, part);
            const range = src.parts[part];
            let file = uploaded.get(name);
            if (file && file.bytes === range.end - range.start)
                core/* info */.pq(`${label}: this content was uploaded before as ${file.id}; reusing it.`);
            else {
                const source = { abs: src.abs, start: range.start, end: range.end };
                file = await createOnce(`Uploading ${label}`, clock, () => api.uploadFile(source, name), async () => (await indexFiles(api, runStart)).get(name));
                core/* info */.pq(`${label}: uploaded as ${file.id} (${range.requests} requests, ${range.end - range.start} bytes).`);
            }
            const inputFileId = file.id;
            const metadata = {
                ...settings.metadata,
                [constants/* MetadataKeys */.yg.Scope]: settings.scope,
                [constants/* MetadataKeys */.yg.Path]: src.path,
                [constants/* MetadataKeys */.yg.Sha256]: src.sha256,
                [constants/* MetadataKeys */.yg.Part]: `${part + 1}/${n}`
            };
            const batch = await createOnce(`Creating the batch for ${label}`, clock, async () => (0,src_plan/* fromRemote */.Hm)(await api.createBatch({ inputFileId, endpoint: settings.endpoint ?? src.endpoint ?? '', completionWindow: settings.completionWindow, metadata }), settings.scope), () => findBatch(api, settings.scope, src, part + 1, runStart));
            if (!batch)
                throw new Error(`${label}: the batch was created without the action's metadata; is openai-base-url an OpenAI-compatible Batch API?`);
            core/* info */.pq(`${label}: batch ${batch.batchId} created (${batch.status}).`);
            created.push(batch);
            state = { ...state, batches: [...state.batches, batch] };
        }
        catch (e) {
            // A key the API refuses fails every file alike: stop at the first.
            if (e instanceof src_api/* ApiError */.hD && (e.status === 401 || e.status === 403))
                throw e;
            const message = e instanceof Error ? e.message : String(e);
            core/* error */.z3(message, { file: src.file });
            failures.push({ file: src.file, message });
        }
    });
    const settled = await settle(api, settings.scope, created, runStart);
    for (const [mine, first] of settled)
        state = { ...state, batches: state.batches.map(b => (b.batchId === mine ? first : b)) };
    state = await prune(state, sources, api, settings.cancelSuperseded);
    return { state, created: created.filter(b => !settled.has(b.batchId)), failures };
}
const sameContent = (a, b) => a.path === b.path && a.sha256 === b.sha256 && a.part === b.part;
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
        const b = (0,src_plan/* fromRemote */.Hm)(remote, scope);
        if (b && (0,src_plan/* isUsable */.Ng)(b))
            recent.push(b);
    }
    for (const mine of created) {
        const first = recent.filter(o => sameContent(o, mine)).sort(older)[0];
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
/** Drops superseded batches and those of deleted files, cancelling the unfinished ones when asked. */
async function prune(state, sources, api, cancel) {
    const dropped = (0,src_plan/* planPrune */.wM)(sources, state);
    for (const b of dropped) {
        if (!cancel || (0,src_state/* isFinal */.dR)(b.status) || b.status === 'cancelling')
            continue;
        try {
            // The state's status may be old: a batch that has finished since is left alone.
            if ((0,src_state/* isFinal */.dR)((await api.getBatch(b.batchId)).status))
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


/***/ })

};
