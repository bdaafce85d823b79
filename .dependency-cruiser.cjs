// Architecture rules for src/, checked by `npm run arch` (dependency-cruiser).
// CommonJS (.cjs) because package.json has "type": "module".
//
// Layout:
//   src/index.ts, src/main.ts  the entry: may import anything in src (main.ts wires the adapters)
//   src/config/    inputs schema, settings, constants: core/, config/, zod
//   src/core/      pure decisions and data: core/, zod, node:crypto, node:buffer; inside it
//                  requests/ < state/ < cost/ < plans/, remote/ < report/ (see the core-* rules)
//   src/ports/     small interfaces: core/, ports/
//   src/io/        streaming file work: core/, ports/, io/, node builtins
//   src/phases/    each step of a run, and the pipeline: core/, ports/, io/, config/, phases/,
//                  node builtins except http/https/net
//   src/adapters/  one file per outside system: core/, ports/, io/, adapters/, node builtins,
//                  npm packages; the only importers of the outside systems' libraries
//
// Each folder's rule is an allow-list: an import it does not name is a violation, so a
// folder taking a new npm package, or a new folder, needs a change here. Type-only
// imports count too (tsPreCompilationDeps): a type import is still a dependency.

// A node builtin, with or without the node: prefix, e.g. builtin('crypto|buffer').
const builtin = names => `^(node:)?(${names})(/|$)`
// An npm package: resolved into a node_modules folder, or (when it is not installed) its bare name.
const npm = names => `(^|/)node_modules/(${names})/|^(${names})(/|$)`

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No circular dependencies anywhere in src/ (type-only imports included).',
      from: { path: '^src/' },
      to: { circular: true }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import dependency-cruiser cannot resolve would slip past the allow-lists below.',
      from: { path: '^src/' },
      to: { couldNotResolve: true }
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core/ imports only src/core/, zod, node:crypto and node:buffer.',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', npm('zod'), builtin('crypto|buffer')] }
    },
    // Inside core/ the sub-folders stand on each other in one order:
    // requests < state < cost < plans < report, with remote/ (the provider's records) beside plans/.
    // The shared vocabulary at the top of core/ (errors, limits, format, paths, ...) serves all.
    {
      name: 'core-requests-is-the-floor',
      severity: 'error',
      comment:
        'src/core/requests/ (request files and their lines) imports only the files at the top of src/core/ and itself.',
      from: { path: '^src/core/requests/' },
      to: { path: '^src/core/(state|cost|plans|report|remote)/' }
    },
    {
      name: 'core-state-below-plans',
      severity: 'error',
      comment: 'src/core/state/ knows request files, not costs, plans, reports or the remote records.',
      from: { path: '^src/core/state/' },
      to: { path: '^src/core/(cost|plans|report|remote)/' }
    },
    {
      name: 'core-cost-below-plans',
      severity: 'error',
      comment: 'src/core/cost/ (estimates, prices, usage) knows the state, not plans, reports or the remote records.',
      from: { path: '^src/core/cost/' },
      to: { path: '^src/core/(plans|report|remote)/' }
    },
    {
      name: 'core-plans-and-remote-below-report',
      severity: 'error',
      comment:
        'src/core/plans/ and src/core/remote/ decide and translate; neither imports the reports, nor each other.',
      from: { path: '^src/core/(plans|remote)/' },
      to: { path: '^src/core/(report|plans|remote)/', pathNot: '^src/core/$1/' }
    },
    {
      name: 'core-report-on-top',
      severity: 'error',
      comment: 'Only src/core/report/ and the step results it renders (core/step-result.ts) import src/core/report/.',
      from: { path: '^src/core/', pathNot: ['^src/core/report/', '^src/core/step-result\\.ts$'] },
      to: { path: '^src/core/report/' }
    },
    {
      name: 'config-imports-core-config-zod',
      severity: 'error',
      comment:
        'src/config/ imports only src/core/, src/config/, zod, and fs and path to read what the runner hands over (the event payload, the workspace).',
      from: { path: '^src/config/' },
      to: { pathNot: ['^src/(core|config)/', npm('zod'), builtin('fs|path')] }
    },
    {
      name: 'ports-import-core-ports',
      severity: 'error',
      comment: 'src/ports/ imports only src/core/ and src/ports/.',
      from: { path: '^src/ports/' },
      to: { pathNot: '^src/(core|ports)/' }
    },
    {
      name: 'io-imports-core-ports-io-builtins',
      severity: 'error',
      comment:
        'src/io/ imports only src/core/, src/ports/, src/io/, node builtins and csv-stringify (a file format, no outside system: csv-rows.ts).',
      from: { path: '^src/io/' },
      to: { pathNot: ['^src/(core|ports|io)/', npm('csv-stringify')], dependencyTypesNot: ['core'] }
    },
    {
      name: 'phases-import-core-ports-io-config-phases',
      severity: 'error',
      comment: 'src/phases/ imports only src/core/, ports/, io/, config/, phases/ and node builtins: no npm package.',
      from: { path: '^src/phases/' },
      to: { pathNot: '^src/(core|ports|io|config|phases)/', dependencyTypesNot: ['core'] }
    },
    {
      name: 'phases-no-network',
      severity: 'error',
      comment: 'src/phases/ reaches the network only through ports: no node:http, node:https, node:net.',
      from: { path: '^src/phases/' },
      to: { path: builtin('http|https|net') }
    },
    {
      name: 'adapters-import-core-ports-io',
      severity: 'error',
      comment: 'src/adapters/ imports only src/core/, ports/, io/, adapters/, node builtins and npm packages.',
      from: { path: '^src/adapters/' },
      to: { pathNot: ['^src/(core|ports|io|adapters)/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] }
    },
    {
      name: 'outside-systems-only-in-adapters',
      severity: 'error',
      comment:
        'Only src/adapters/ imports openai, @azure/identity, @actions/cache, @actions/github, @actions/artifact, @actions/http-client, undici, node:http, node:https.',
      from: { path: '^src/', pathNot: '^src/adapters/' },
      to: {
        path: [
          npm('openai|@azure/identity|@actions/cache|@actions/github|@actions/artifact|@actions/http-client|undici'),
          builtin('http|https')
        ]
      }
    },
    {
      name: 'undici-only-in-http',
      severity: 'error',
      comment:
        "Only src/adapters/http.ts imports undici: the one agent, so the runner's HTTPS_PROXY and NO_PROXY hold for every call to OpenAI and the webhook.",
      from: { path: '^src/', pathNot: '^src/adapters/http\\.ts$' },
      to: { path: npm('undici') }
    },
    {
      name: 'azure-identity-only-in-its-adapter',
      severity: 'error',
      comment:
        'Only src/adapters/azure-identity.ts imports @azure/identity: main.ts loads it only for azure-credential: azure-cli, as it costs start-up time.',
      from: { path: '^src/', pathNot: '^src/adapters/azure-identity\\.ts$' },
      to: { path: npm('@azure/identity') }
    },
    {
      name: 'actions-core-only-in-actions-log-and-main',
      severity: 'error',
      comment:
        'Only src/adapters/actions-log.ts (behind the Log port) and src/main.ts (inputs, outputs, the step result, the summary) import @actions/core: the other adapters log through the Log port.',
      from: { path: '^src/', pathNot: ['^src/adapters/actions-log\\.ts$', '^src/main\\.ts$'] },
      to: { path: npm('@actions/core') }
    },
    {
      name: 'adapters-only-from-main',
      severity: 'error',
      comment:
        'Only src/main.ts (the entry wires the adapters together) and other adapters import src/adapters/: phases get adapters through ports.',
      from: { path: '^src/', pathNot: ['^src/adapters/', '^src/main\\.ts$'] },
      to: { path: '^src/adapters/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // import type { X } from '...' is a dependency too.
    tsPreCompilationDeps: true,
    // moduleResolution Bundler, imports without extensions ('./plan').
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings']
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true }
    }
  }
}
