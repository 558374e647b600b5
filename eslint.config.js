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
);
