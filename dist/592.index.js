export const id = 592;
export const ids = [592];
export const modules = {

/***/ 5592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   announcePhase: () => (/* binding */ announcePhase)
/* harmony export */ });
/* unused harmony exports batchEvent, sign, deliver, toAnnounce */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99373);
/* harmony import */ var _results__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9871);
/* harmony import */ var _state__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2462);





function batchEvent(b, ctx, now) {
    const type = `batch.${b.status}`;
    const paths = (0,_results__WEBPACK_IMPORTED_MODULE_3__/* .resultPaths */ .O)(ctx.targetDir, b.path);
    return {
        // The same id on every delivery of this event, so receivers can drop repeats.
        id: `evt_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256').update(`${b.batchId}:${type}`).digest('hex').slice(0, 32)}`,
        object: 'event',
        type,
        created_at: now,
        data: {
            id: b.batchId,
            status: b.status,
            source_file: b.outside ? null : `${ctx.sourceDir}/${b.path}`,
            request_counts: b.requestCounts ?? null,
            output_path: b.outputFileId ? paths.output : null,
            error_path: b.errorFileId ? paths.errors : null,
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
    return `v1,${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHmac)('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
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
        await clock.sleep((0,_clock__WEBPACK_IMPORTED_MODULE_2__/* .backoffMs */ .j)(n));
    }
}
/** Batches whose final state is to be announced on `channel`. */
function toAnnounce(state, channel) {
    return state.batches.filter(b => (0,_state__WEBPACK_IMPORTED_MODULE_4__/* .isFinal */ .dR)(b.status) && b.collected && !b.announced?.includes(channel));
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
            const event = batchEvent(b, ctx, clock.now());
            try {
                await send(event);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Announced ${event.type} for ${b.batchId} (${channel}).`);
                state = { ...state, batches: state.batches.map(x => (x.batchId === b.batchId ? { ...x, announced: [...(x.announced ?? []), channel] } : x)) };
            }
            catch (e) {
                // A receiver that is down must not fail the run: it gets the event on a later run.
                const message = `Could not announce ${b.batchId} (${channel}): ${e.message}. It is tried again on the next run.`;
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message);
                failures.push(message);
            }
        }
    }
    return { state, failures };
}


/***/ })

};
