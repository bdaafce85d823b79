export const id = 993;
export const ids = [993];
export const modules = {

/***/ 55993:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHub: () => (/* binding */ createGitHub)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);


/** What a 403 means the token lacks, by the kind of call. */
const LACKS = {
    contents: 'The token cannot write to {repo}: add `permissions: contents: write` to the workflow or the job,' +
        ' or pass a github-token that may push.',
    comments: 'The token cannot comment on pull requests of {repo}:' +
        ' add `permissions: pull-requests: write` to the workflow or the job.',
    pulls: 'The token cannot open pull requests in {repo}:' +
        ' add `permissions: contents: write` and `pull-requests: write` to the workflow or the job.'
};
/**
 * GitHub's 403 when the repository (or its organisation) does not let workflows open pull requests:
 * no `permissions:` line helps, only the setting does.
 */
const ACTIONS_MAY_NOT_OPEN = /not permitted to create or approve pull requests/i;
const ALLOW_ACTIONS_PULLS = 'Allow it in {repo}: Settings → Actions → General → Workflow permissions,' +
    ' "Allow GitHub Actions to create and approve pull requests" (an organisation may have to allow it first),' +
    ' or pass a github-token that may open pull requests.';
/** Rewords a GitHub API error into what the user should change. */
function explain(e, what, repository, lacks = 'contents') {
    const err = e;
    if (err.status === 403 && ACTIONS_MAY_NOT_OPEN.test(err.message ?? ''))
        return new Error(`${what}: GitHub answered 403 (${err.message}). ${ALLOW_ACTIONS_PULLS.replace('{repo}', repository)}`);
    if (err.status === 403)
        return new Error(`${what}: GitHub answered 403 (${err.message}). ${LACKS[lacks].replace('{repo}', repository)}`);
    if (err.status === 404)
        return new Error(`${what}: GitHub answered 404 (${err.message}):` +
            ` the branch or ${repository} is not there, or the token may not see it.`);
    return new Error(`${what}: ${err.status ? `GitHub answered ${err.status} (${err.message})` : (err.message ?? String(e))}`);
}
/** GitHub's refusal of a ref update that is not "the branch moved": branch protection or a ruleset. */
const PROTECTED = /protected branch|rule violation|repository rule/i;
/** The error for a branch that protection keeps from moving, with what to do instead. */
const protectedBranch = (branch, message) => new Error(`GitHub refused to move ${branch}: the branch is protected (${message?.split('\n')[0]}).` +
    ' Use results: pull-request (or artifact), or a github-token allowed to bypass the protection.');
function createRepo(client) {
    const { octokit, owner, repo, call } = client;
    const ref = async (branch) => (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
    return {
        head: branch => call(`Reading branch ${branch}`, async () => {
            const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: await ref(branch) });
            return { commit: commit.data.sha, tree: commit.data.tree.sha };
        }),
        hasBranch: branch => call(`Reading branch ${branch}`, async () => {
            try {
                await ref(branch);
                return true;
            }
            catch (e) {
                if (e.status === 404)
                    return false;
                throw e;
            }
        }),
        isProtected: branch => isProtected(client, branch),
        createBlob: (abs, path) => call(`Storing ${path}`, async () => {
            // Bounded by MAX_BLOB_BYTES: larger files never get here.
            const content = (await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile(abs)).toString('base64');
            return (await octokit.rest.git.createBlob({ owner, repo, content, encoding: 'base64' })).data.sha;
        }),
        createTree: (baseTree, entries) => call('Creating the results tree', async () => {
            const tree = entries.map(e => ({ path: e.path, mode: '100644', type: 'blob', sha: e.sha }));
            return (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree })).data.sha;
        }),
        createCommit: (message, tree, parent) => call('Creating the results commit', async () => (await octokit.rest.git.createCommit({ owner, repo, message, tree, parents: [parent] })).data.sha),
        moveBranch: (branch, commit, opts) => moveBranch(client, branch, commit, opts),
        dispatch: (eventType, payload) => call(`Sending repository_dispatch ${eventType}`, async () => {
            await octokit.rest.repos.createDispatchEvent({ owner, repo, event_type: eventType, client_payload: payload });
        })
    };
}
function createPulls(client) {
    const { octokit, owner, repo, call } = client;
    const pull = (p) => ({ number: p.number, url: p.html_url });
    return {
        find: (head, base) => call(`Looking for the pull request from ${head}`, async () => {
            const open = await octokit.rest.pulls.list({
                owner,
                repo,
                head: `${owner}:${head}`,
                base,
                state: 'open',
                per_page: 1
            });
            return open.data[0] ? pull(open.data[0]) : undefined;
        }),
        create: p => call(`Opening a pull request from ${p.head}`, async () => pull((await octokit.rest.pulls.create({ owner, repo, ...p })).data), 'pulls'),
        update: (n, p) => call(`Updating pull request #${n}`, async () => {
            await octokit.rest.pulls.update({ owner, repo, pull_number: n, ...p });
        }, 'pulls'),
        decorate: (n, p) => call(`Labelling pull request #${n}`, () => decorate(client, n, p), 'pulls'),
        upsertComment: (issue, marker, body) => call(`Commenting on pull request #${issue}`, () => upsertComment(client, issue, marker, body), 'comments')
    };
}
/** Whether GitHub protects the branch; undefined when the token may not read its protection. */
async function isProtected({ octokit, owner, repo, repository }, branch) {
    try {
        return (await octokit.rest.repos.getBranch({ owner, repo, branch })).data.protected;
    }
    catch (e) {
        // Reading a branch's protection may need more than the token has: then there is nothing to say.
        const status = e.status;
        if (status === 403 || status === 404)
            return undefined;
        throw explain(e, `Reading branch ${branch}`, repository);
    }
}
/** Points (or creates) the branch at the commit; false when a non-forced move was refused as not a fast-forward. */
async function moveBranch({ octokit, owner, repo, repository }, branch, commit, opts = {}) {
    try {
        if (opts.create)
            await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit });
        else
            await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit, force: opts.force ?? false });
        return true;
    }
    catch (e) {
        const err = e;
        // Protection never lets go on a retry: say so once, with what to do instead.
        if (PROTECTED.test(err.message ?? ''))
            throw protectedBranch(branch, err.message);
        if (err.status === 422 && !opts.create)
            return false;
        throw explain(e, `Moving branch ${branch}`, repository);
    }
}
/** Labels, assignees and reviewers, each asked for only when given. */
async function decorate({ octokit, owner, repo }, n, p) {
    if (p.labels.length)
        await octokit.rest.issues.addLabels({ owner, repo, issue_number: n, labels: [...p.labels] });
    if (p.assignees.length)
        await octokit.rest.issues.addAssignees({ owner, repo, issue_number: n, assignees: [...p.assignees] });
    if (p.reviewers.length || p.teamReviewers.length)
        await octokit.rest.pulls.requestReviewers({
            owner,
            repo,
            pull_number: n,
            reviewers: [...p.reviewers],
            team_reviewers: [...p.teamReviewers]
        });
}
/** The comment that carries `marker`, updated in place, or created. */
async function upsertComment({ octokit, owner, repo }, issue, marker, body) {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        per_page: 100
    });
    const mine = comments.find(c => c.body?.includes(marker));
    if (mine) {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
        return 'updated';
    }
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
    return 'created';
}
/** The repository and its pull requests, over one client. */
function createGitHub(token, repository) {
    // GITHUB_API_URL points the client at GHES or, in tests, at a fake.
    const octokit = _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q(token);
    const [owner = '', repo = ''] = repository.split('/');
    const call = async (what, fn, lacks) => {
        try {
            return await fn();
        }
        catch (e) {
            throw explain(e, what, repository, lacks);
        }
    };
    const client = { octokit, owner, repo, repository, call };
    return { repo: createRepo(client), pulls: createPulls(client) };
}


/***/ })

};
