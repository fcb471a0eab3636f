import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'demo/react/build/', 'custom-elements.json', 'bench/results*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  wcConfigs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The lower layers must run in Node and in a worker: no DOM, no storage, no elements.
    files: ['src/contract/**/*.ts', 'src/metrics/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage', 'customElements', 'HTMLElement'],
      'no-restricted-imports': ['error', { patterns: ['**/data/**', '**/elements/**', '**/theme/**', '**/i18n/**', 'lit', 'lit/*', 'idb'] }],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/elements/**', 'lit', 'lit/*'] }] },
  },
  {
    files: ['test/**/*.ts', 'stories/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
