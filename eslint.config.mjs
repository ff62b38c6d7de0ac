// Flat config: type-aware typescript-eslint rules (promise safety matters in queue code) + Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const ioPackages = ['pg', 'bullmq', 'ioredis', 'express', 'nodemailer', 'strava-v3', 'axios'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'artifacts/**',
      'services/api/public/vendor/**',
      '*.config.js',
      '*.config.mjs',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The domain is pure: no I/O packages, no node built-ins.
    files: ['services/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...ioPackages, 'node:*', 'fs', 'http', 'net', '../../db/*', '../../workers/*'],
              message: 'services/domain is pure: no I/O imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only db/pool.ts talks to pg directly.
    files: ['services/**/*.ts', 'workers/**/*.ts'],
    ignores: ['services/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'pg', message: 'Only db/ imports pg.' }] }],
    },
  },
  {
    files: ['tests/**/*.ts', 'tools/bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Browser scripts of the pages (plain ES modules, not in the TypeScript project).
    files: ['services/api/public/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false },
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'fetch',
          'URLSearchParams',
          'FormData',
          'Node',
          'navigator',
          'setTimeout',
          'clearTimeout',
          'console',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  prettier,
);
