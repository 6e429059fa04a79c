import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Lint, including the import boundaries: renderer → preload/api.ts (types) ← main. */
export default tseslint.config(
  { ignores: ['dist/', 'dist-electron/', 'release/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '../../main/*'],
              message: 'The renderer never imports main code.',
            },
            { group: ['electron', 'node:*'], message: 'The renderer runs in a sandboxed page.' },
          ],
        },
      ],
    },
  },
  {
    // Only the contract may be shared, and only as types.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // request-url is the contract side's one pure helper (it imports only types): main
              // and the renderer must compute a request URL the same way.
              group: ['**/preload/*', '!**/preload/api', '!**/preload/request-url'],
              message: 'The renderer may import only the preload contract (preload/api.ts).',
            },
            {
              group: ['**/preload/api'],
              allowTypeImports: true,
              message: 'Import the contract as types only (import type …).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: [
      'main/index.ts',
      'main/window.ts',
      'main/app-protocol.ts',
      'main/electron-platform.ts',
      'main/desktop.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only the edge of main imports electron (see docs/architecture.md, layering rules).',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main never imports renderer code.' }],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The preload imports only its contract.',
            },
          ],
        },
      ],
    },
  },
);
