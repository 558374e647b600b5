import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.data/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // ARCHITECTURE rule 1: only electron/desktop/ may import Electron; everything else runs under plain Node.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/desktop/ may import electron: the core must run under plain Node.' }] }],
    },
  },
  {
    files: ['electron/desktop/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // node:sqlite is synchronous: only the cache's connection module (which runs in worker threads) opens a database.
    files: ['electron/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['electron/core/contacts/cache-connection.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'node:sqlite', allowTypeImports: true, message: 'Open the contact cache through electron/core/contacts/cache-connection.ts, in a worker: node:sqlite blocks the thread it runs on.' }] }],
    },
  },
);
