import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import importLayers from './test/lint/import-layers.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/dist/**', 'build/release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { local: { rules: { 'import-layers': importLayers } }, 'react-hooks': reactHooks },
    rules: {
      'local/import-layers': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Command-line entry points and test harnesses speak to a terminal.
    files: ['electron/cli/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Playwright fixtures: `use` is the fixture callback and `{}` is its required empty pattern.
    files: ['test/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
);
