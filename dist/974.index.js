export const id = 974;
export const ids = [974];
export const modules = {

/***/ 25974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishPhase: () => (/* binding */ publishPhase)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(99373);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
;// CONCATENATED MODULE: ./src/commit.ts









/** Moves of the branch that lost a race with another push, before giving up. */
const MAX_ATTEMPTS = 5;
function defaultMessage(changes) {
    const lines = changes.map(c => `- ${c.path} (${c.batchId}${c.removed ? ', removed' : ''})`);
    const batches = new Set(changes.map(c => c.batchId)).size;
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
        if (n + 1 >= MAX_ATTEMPTS)
            throw new Error(`Could not commit the results: ${opts.branch} kept moving (${MAX_ATTEMPTS} attempts).`);
        core/* info */.pq(`${opts.branch} moved while committing; building the commit again on its new head.`);
        await opts.clock.sleep((0,clock/* backoffMs */.j)(n));
    }
}

;// CONCATENATED MODULE: ./src/publish.ts



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


/***/ })

};
