import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'build/', 'coverage/', '.ci/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off'
    }
  },
  {
    // The demo and the benchmark are command-line programs: printing is their job.
    // So is the relay's Node server, and a Worker's console is its log.
    files: ['scripts/**', 'bench/**', 'examples/relay/**'],
    rules: { 'no-console': 'off' }
  },
  {
    // Nothing below main.ts reads inputs: settings are read once, into one object.
    files: ['src/**'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^get(Boolean|Multiline)?Input$/]',
          message: 'Read inputs only in main.ts, into Settings.'
        }
      ]
    }
  },
  {
    // Only the adapters talk HTTP: the global fetch is theirs.
    files: ['src/**'],
    ignores: ['src/adapters/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Only src/adapters/ uses fetch: reach the network through a port.' }
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'globalThis',
          property: 'fetch',
          message: 'Only src/adapters/ uses fetch: reach the network through a port.'
        }
      ]
    }
  },
  {
    // The global fetch ignores HTTPS_PROXY and NO_PROXY: the adapters call through src/adapters/http.ts.
    files: ['src/adapters/**'],
    ignores: ['src/adapters/http.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'fetch',
          message: "The global fetch ignores the runner's proxy: use proxiedFetch from src/adapters/http.ts."
        }
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'globalThis',
          property: 'fetch',
          message: "The global fetch ignores the runner's proxy: use proxiedFetch from src/adapters/http.ts."
        }
      ]
    }
  },
  // One adapter per outside system: only it imports that system's library.
  ...adapterImports()
)

/**
 * Every file in src/ may import none of these libraries, except each one's own adapter.
 * The blocks for the owners come last and name only the other libraries: in a flat
 * config the last block that matches a file sets its no-restricted-imports.
 */
function adapterImports() {
  const owners = [
    { files: 'src/adapters/openai-*.ts', names: ['openai'], patterns: ['openai/*'] },
    { files: 'src/adapters/cache-storage.ts', names: ['@actions/cache'] },
    { files: 'src/adapters/github-client.ts', names: ['@actions/github'] },
    { files: 'src/adapters/artifact-client.ts', names: ['@actions/artifact'] },
    { files: 'src/adapters/http.ts', names: ['undici'], patterns: ['undici/*'] }
  ]
  const restrict = libs => ({
    'no-restricted-imports': [
      'error',
      {
        paths: libs.flatMap(o => o.names.map(name => ({ name, message: `Only ${o.files} imports ${o.names[0]}.` }))),
        patterns: libs.flatMap(o =>
          (o.patterns ?? []).map(pattern => ({ group: [pattern], message: `Only ${o.files} imports ${o.names[0]}.` }))
        )
      }
    ]
  })
  return [
    { files: ['src/**'], rules: restrict(owners) },
    ...owners.map(owner => ({ files: [owner.files], rules: restrict(owners.filter(o => o !== owner)) }))
  ]
}
