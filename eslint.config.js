// @ts-check
/**
 * Lint rules, including the dependency rule of DESIGN section 2 (docs/adr/001-layering.md):
 * folder-scoped no-restricted-imports, no-restricted-globals and no-restricted-properties.
 * tests/lint/layering.test.ts proves that a forbidden import or global is rejected.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const framework = ['preact', 'preact/*', '@preact/signals', 'lit', 'lit/*', 'wxt', 'wxt/*', '#imports', 'react', 'react-dom'];
const forbid = (patterns, message) => ({ group: patterns, message });
/**
 * The adapters take shared/api, shared/storage and shared/sync through their barrels (index.ts), so each area's
 * public surface is one file. Test helpers (`testing/`, `test-helpers`) are not part of it. Importing through a
 * barrel costs the widget nothing (measured; its build tree-shakes what the barrel re-exports and it does not use).
 * shared/i18n is not listed: its index.ts is the merged catalogue, and the helpers and area catalogues beside it are
 * imported from their own files (see the note there).
 */
const throughBarrel = {
  regex: '(^|/)shared/(api|storage|sync)/(?!testing/|test-helpers$)',
  message: 'Import shared/api, shared/storage and shared/sync through their barrel (the folder, its index.ts), not their files.',
};

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'dist', 'reports', '.data', 'tests/e2e/.tmp', 'zz-*'] /* zz-*: untracked scratch files (.gitignore) */ },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Render text, never markup (DESIGN section 12).' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Render text, never markup (DESIGN section 12).' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render text, never markup.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never markup.' },
        { selector: "ImportSpecifier[imported.name='unsafeHTML']", message: 'Render text, never markup.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid(framework, 'shared/ knows no framework (DESIGN section 2).'),
          forbid(['**/entrypoints/**', '**/widget/**', '**/intranet/**'], 'shared/ never imports an adapter or the intranet.'),
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'browser', message: 'shared/ never touches the extension API; inject it.' },
        { name: 'chrome', message: 'shared/ never touches the extension API; inject it.' },
        { name: 'window', message: 'shared/ runs in windows and workers; use globalThis and feature-detect.' },
        { name: 'document', message: 'shared/ runs in windows and workers; it has no document.' },
        { name: 'location', message: 'shared/ runs in windows and workers; inject the address it needs.' },
        { name: 'localStorage', message: 'shared/ stores in IndexedDB only.' },
        { name: 'sessionStorage', message: 'shared/ stores in IndexedDB only.' },
      ],
      // The same globals reached through the global object, which no-restricted-globals does not see.
      'no-restricted-properties': ['error',
        ...['globalThis', 'self'].flatMap((object) => [
          { object, property: 'window', message: 'shared/ runs in windows and workers; use globalThis and feature-detect.' },
          { object, property: 'document', message: 'shared/ runs in windows and workers; it has no document.' },
          { object, property: 'location', message: 'shared/ runs in windows and workers; inject the address it needs.' },
          { object, property: 'localStorage', message: 'shared/ stores in IndexedDB only.' },
          { object, property: 'sessionStorage', message: 'shared/ stores in IndexedDB only.' },
        ]),
      ],
    },
  },
  {
    files: ['entrypoints/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid(['**/widget/**', '**/intranet/**', 'lit', 'lit/*'], 'entrypoints/ is the extension; it shares code only through shared/.'),
          throughBarrel,
        ],
      }],
    },
  },
  {
    files: ['widget/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid(['**/entrypoints/**', '**/intranet/**', 'preact', 'preact/*', '@preact/signals', 'wxt', 'wxt/*', '#imports'], 'widget/ is the Lit widget; it shares code only through shared/.'),
          throughBarrel,
        ],
      }],
    },
  },
  {
    files: ['intranet/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid(['**/entrypoints/**', '**/widget/**', ...framework], 'intranet/ is the server; it knows no client adapter.'),
          // An allow-list: any shared/ folder but domain and i18n, including folders added later.
          { regex: '(^|/)shared/(?!(domain|i18n)(/|$))', message: 'intranet/ may import only shared/domain and shared/i18n.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts', 'scripts/**/*.mjs'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
