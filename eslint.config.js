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
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' }
  },
  {
    // Nothing below main.ts reads inputs: settings are read once, into one object.
    files: ['src/**'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^get(Boolean|Multiline)?Input$/]", message: 'Read inputs only in main.ts, into Settings.' }
      ]
    }
  },
  {
    // One adapter per outside system: only it imports that system's library.
    files: ['src/**'],
    ignores: ['src/adapters/openai-client.ts', 'src/adapters/cache-storage.ts', 'src/adapters/github-client.ts', 'src/adapters/artifact-client.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'openai', message: 'Only src/adapters/openai-client.ts imports openai.' },
            { name: '@actions/cache', message: 'Only src/adapters/cache-storage.ts imports @actions/cache.' },
            { name: '@actions/github', message: 'Only src/adapters/github-client.ts imports @actions/github.' },
            { name: '@actions/artifact', message: 'Only src/adapters/artifact-client.ts imports @actions/artifact.' }
          ],
          patterns: [{ group: ['openai/*'], message: 'Only src/adapters/openai-client.ts imports openai.' }]
        }
      ]
    }
  }
)
