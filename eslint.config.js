import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Packages that must never reach src/core: it runs unchanged in the page, workers and Node. */
const coreForbidden = [
  { name: 'svelte', message: 'src/core is UI-free.' },
  { name: 'dexie', message: 'src/core is storage-free: use src/data.' },
  { name: 'comlink', message: 'src/core knows nothing of workers.' },
  { name: '@tensorflow/tfjs', message: 'The full bundle registers backends; core may use tfjs-core/layers only.' },
];
const corePatterns = [
  { group: ['svelte/*', 'dexie/*', 'comlink/*'], message: 'src/core is UI-, storage- and worker-free.' },
  { group: ['@tensorflow/tfjs-backend-*', '@tensorflow/tfjs-node*'], message: 'The caller picks the TF.js backend.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/core must run in browsers too.' },
  { group: ['**/app/*', '**/data/*', '**/workers/*'], message: 'src/core depends on nothing outside itself.' },
];

/** src/data is the storage layer: core types and Dexie, nothing of the page, workers or UI. */
const dataPatterns = [
  { group: ['**/app/*', '**/workers/*'], message: 'src/data depends only on src/core and dexie.' },
  { group: ['svelte', 'svelte/*', 'comlink', 'comlink/*', '@tensorflow/*'], message: 'src/data is storage only.' },
];
/** Dexie belongs to src/data alone (benchmarks of the store itself excepted, below). */
const dexieForbidden = { name: 'dexie', message: 'Only src/data imports dexie: add a store function there.' };
/** Queries on Dexie tables or collections outside src/data (`db.gaps.where(...)`, `.toArray()`). */
const dexieQuery = {
  selector:
    'CallExpression[callee.property.name=/^(where|orderBy|toArray|toCollection|bulkPut|bulkAdd|bulkDelete|bulkGet|modify)$/]',
  message: 'Query IndexedDB through a store in src/data, not from the page or a worker entry.',
};

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'dev-dist/'] },
  js.configs.recommended,
  ...ts.configs.strict,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: coreForbidden, patterns: corePatterns }] },
  },
  {
    files: ['src/data/**/*.ts'],
    ignores: ['src/data/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: dataPatterns }] },
  },
  {
    // Worker entries are thin: they wire core and data, never the page.
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [dexieForbidden],
          patterns: [{ group: ['**/app/*'], message: 'Workers never import the page (src/app).' }],
        },
      ],
      'no-restricted-syntax': ['error', dexieQuery],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [dexieForbidden] }] },
  },
  {
    // The page reads storage only through src/data's stores.
    files: ['src/app/**/*.ts', 'src/app/**/*.svelte'],
    rules: { 'no-restricted-syntax': ['error', dexieQuery] },
  },
  {
    // Tests assert shapes they just built; `!` there reads better than a guard per line.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The page talks to workers only through their types; their code must not enter the page bundle.
    files: ['src/app/**/*.ts', 'src/app/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [dexieForbidden],
          patterns: [
            { group: ['**/workers/*'], message: 'Import worker APIs with `import type`.', allowTypeImports: true },
            {
              // Venue runtime (parsers, backfill, the profiles registry) belongs to the feed worker and the CLI.
              group: [
                '**/core/exchange/registry',
                '**/core/exchange/*/parser',
                '**/core/exchange/*/adapter',
                '**/core/exchange/*/backfill',
                '**/core/feed/feed-controller',
                '**/core/feed/ingest-pipeline',
              ],
              message:
                'The page reads venues through core/exchange/venues (the catalogue); use `import type` for runtime types.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
