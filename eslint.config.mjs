// @ts-check
// Lint is also where the architecture is enforced: core imports nothing of ours,
// browser code and server code never import each other (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noHtmlInjection = {
  selector:
    "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/], CallExpression[callee.property.name='insertAdjacentHTML'], CallExpression[callee.property.name='write'][callee.object.name='document']",
  message: 'Story text must never be injected as HTML: use textContent or DOM nodes.',
};

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'packages/server/dist/',
      'node_modules/',
      'storybook-static/',
      '.cache/',
      'coverage/',
      'test-results/',
      'bench/results/',
      'test/media/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'no-restricted-syntax': ['error', noHtmlInjection],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-undef': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/player/**', '**/server/**', '**/cli/**'], message: 'core imports nothing of ours.' },
        {
          group: ['node:*', 'fs', 'path', 'http', 'hls.js', 'pixi.js', 'bullmq'],
          message: 'core is pure: no Node, no DOM libraries.',
        },
      ]),
    },
  },
  {
    files: ['src/player/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/server/**', '**/cli/**'], message: 'browser code never imports server or CLI code.' },
        { group: ['node:*', 'bullmq', '@napi-rs/*'], message: 'browser code cannot use Node modules.' },
      ]),
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/player/**', 'hls.js', 'pixi.js'], message: 'server and CLI code never import browser code.' },
      ]),
    },
  },
  {
    // Importers (Twine, ink) are pure conversion code: text in, story out. The CLI reads the files.
    files: ['src/import/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/player/**', '**/server/**', '**/cli/**', 'hls.js', 'pixi.js'],
          message: 'importers never import player, server or CLI code.',
        },
        { group: ['node:*', 'fs', 'path'], message: 'importers are pure: file reading stays in the CLI command.' },
      ]),
    },
  },
);
