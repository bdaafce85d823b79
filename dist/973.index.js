export const id = 973;
export const ids = [973];
export const modules = {

/***/ 11973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   collectPhase: () => (/* binding */ collectPhase)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _api__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46879);
/* harmony import */ var _concurrency__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(81532);
/* harmony import */ var _plan__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22464);
/* harmony import */ var _results__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9871);
/* harmony import */ var _scan__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(21164);







const fatal = (e) => e instanceof _api__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD && (e.status === 401 || e.status === 403);
/** Checks the unfinished batches, then writes the results of the finished ones. */
async function collectPhase(sources, initial, deps) {
    const { api, clock, settings } = deps;
    let state = initial;
    const failures = [];
    const plan = (0,_plan__WEBPACK_IMPORTED_MODULE_3__/* .planCollect */ .qk)(sources, state);
    for (const b of plan.stale)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${b.path}: batch ${b.batchId} is for earlier content of the file; its results are not collected.`);
    await (0,_concurrency__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .s)(plan.refresh, settings.maxConcurrency, async (b) => {
        try {
            const next = { ...b, ...(0,_plan__WEBPACK_IMPORTED_MODULE_3__/* .remoteFacts */ .M0)(await api.getBatch(b.batchId)) };
            if (next.status !== b.status)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${b.path}: batch ${b.batchId} is ${next.status}.`);
            state = (0,_plan__WEBPACK_IMPORTED_MODULE_3__/* .update */ .yo)(state, next);
        }
        catch (e) {
            if (fatal(e))
                throw e;
            // Checked again on the next run; the rest goes on.
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not check batch ${b.batchId} of ${b.path}: ${e.message}`);
        }
    });
    const writer = (0,_results__WEBPACK_IMPORTED_MODULE_4__/* .createResultWriter */ .H)(api, clock, settings.tempDir);
    const collected = [];
    const changes = [];
    await (0,_concurrency__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .s)((0,_plan__WEBPACK_IMPORTED_MODULE_3__/* .toCollect */ .yp)(sources, state), settings.maxConcurrency, async (unit) => {
        const src = unit[0].outside ? undefined : sources.find(s => s.path === unit[0].path);
        const file = src?.file ?? `batch ${unit[0].batchId}`;
        try {
            changes.push(...(await collectUnit(unit, src, writer, settings)));
            for (const b of unit) {
                const done = { ...b, collected: true };
                state = (0,_plan__WEBPACK_IMPORTED_MODULE_3__/* .update */ .yo)(state, done);
                collected.push(done);
            }
        }
        catch (e) {
            if (fatal(e))
                throw e;
            const message = `${file}: could not collect batch ${unit.map(b => b.batchId).join(', ')}: ${e.message}`;
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message);
            failures.push({ file, message });
        }
    });
    changes.sort((a, b) => a.path.localeCompare(b.path));
    return { state, collected, changes, failures };
}
/** Writes the results of one file's batches (its parts, in order): the output and the errors. */
async function collectUnit(unit, src, writer, settings) {
    const file = src?.file ?? `batch ${unit[0].batchId}`;
    const ids = unit.map(b => b.batchId).join(', ');
    if (unit.some(b => b.status === 'failed')) {
        // OpenAI numbers the lines of the part it was given: cut the file again to find where each part starts.
        const parts = src && unit[0].parts > 1 ? (await (0,_scan__WEBPACK_IMPORTED_MODULE_5__/* .checkSource */ .As)(src, (0,_scan__WEBPACK_IMPORTED_MODULE_5__/* .checkOptions */ .Jr)(settings))).parts : [];
        const firstLine = (b) => (parts.length === b.parts ? parts[b.part - 1].line : 1);
        for (const b of unit)
            if (b.status === 'failed')
                annotateFailure(b, src?.file, firstLine(b));
    }
    const paths = (0,_results__WEBPACK_IMPORTED_MODULE_4__/* .resultPaths */ .O)(settings.targetDir, unit[0].path);
    const orderBy = settings.resultsOrder === 'input' && src ? src.abs : undefined;
    const changes = [];
    for (const [fileIds, rel] of [
        [unit.map(b => b.outputFileId), paths.output],
        [unit.map(b => b.errorFileId), paths.errors]
    ]) {
        const present = fileIds.filter((id) => Boolean(id));
        const w = await writer.write(present, node_path__WEBPACK_IMPORTED_MODULE_1__.join(settings.workspace, rel), orderBy);
        // Unchanged files count too: the branch may not have them yet (a publish that failed).
        if (present.length > 0 || w.changed)
            changes.push({ path: rel, batchId: ids, removed: present.length === 0, existed: w.existed, changed: w.changed });
    }
    for (const b of unit) {
        const counts = b.requestCounts ? ` (${b.requestCounts.completed} ok, ${b.requestCounts.failed} failed)` : '';
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${file}: batch ${b.batchId}${unit.length > 1 ? ` (part ${b.part} of ${b.parts})` : ''} ${b.status}${counts}.`);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${file}: results ${changes.some(c => c.changed) ? 'written' : 'unchanged'}.`);
    return changes;
}
/** A batch that failed validation: its errors point at lines of the request file. */
function annotateFailure(b, file, firstLine) {
    if ((0,_plan__WEBPACK_IMPORTED_MODULE_3__/* .tokenLimited */ .Qn)(b)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Batch ${b.batchId} was refused for the organisation's enqueued-token limit; it is submitted again on a later run.`, { file });
        return;
    }
    const errors = b.errors ?? [];
    if (errors.length === 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`Batch ${b.batchId} failed without a reason from OpenAI.`, { file });
    for (const e of errors) {
        const message = `Batch ${b.batchId} failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? 'no message'}`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, { file, startLine: e.line ? e.line + firstLine - 1 : undefined });
    }
}


/***/ })

};
