import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Lint, including the import boundaries: renderer → preload/api (types, via its index) ← main. */
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
              group: ['**/preload/*', '!**/preload/api'],
              message: 'The renderer may import only the preload contract (preload/api).',
            },
            {
              group: ['**/preload/api/*'],
              message: 'Import the contract through its index (preload/api), not its files.',
            },
            {
              // A regex, not a group: a group would also match (and so allow) files under api/.
              regex: '(^|/)preload/api$',
              allowTypeImports: true,
              message: 'Import the contract as types only (import type …).',
            },
          ],
        },
      ],
    },
  },
  {
    // Typed sends only (GitHub Desktop's ipc-webcontents): main talks to a page through
    // sendEvent (main/events/send-event.ts), whose payload type comes from the event table.
    files: ['main/**/*.ts'],
    ignores: ['main/events/send-event.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='send'][arguments.0.type='Literal']",
          message:
            'Send events with sendEvent (main/events/send-event.ts), typed by the event table.',
        },
      ],
    },
  },
  {
    // common/ runs in both processes: plain TypeScript, no Node, DOM or Electron API, and it
    // imports nothing but the contract's types (main and the renderer may import it as code).
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron-*', 'node:*'],
              message: 'common/ runs in both processes.',
            },
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'common/ imports only the contract.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)preload/api$',
              allowTypeImports: true,
              message: 'Import the contract as types only (import type …).',
            },
          ],
        },
      ],
    },
  },
  {
    // Layering by folder: main/electron/ is the Electron edge (app lifecycle, windows, the
    // platform, the updater); everything else in main is core and runs in plain Node, so it is
    // tested without Electron and shared with the browser harness. The core never imports
    // electron, an electron-* package (electron-updater, electron-store, …) or main/electron/.
    // Folder cycles are caught by test/main/layering.test.ts (no import plugin is installed).
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only main/electron/ imports electron (docs/architecture.md, layering rules).',
            },
          ],
          patterns: [
            {
              group: ['electron-*', '@electron/*'],
              message: 'Only main/electron/ imports Electron packages.',
            },
            {
              group: ['**/electron', '**/electron/**', './electron', './electron/**'],
              message: 'The core of main never imports the Electron edge (main/electron/).',
            },
            { group: ['**/renderer/**'], message: 'Main never imports renderer code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'Main never imports renderer code.' }] },
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
