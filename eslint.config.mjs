// ESLint: Next.js's recommended rules (React, hooks, Core Web Vitals) and typescript-eslint's,
// with formatting left to Prettier (eslint-config-prettier turns the style rules off).
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  prettier,
  {
    rules: {
      // `_name` says "deliberately unused" (a parameter a signature requires).
      // Pages are served without Next.js's client scripts (cache-handler.mjs strips them), so a
      // plain <a> is the link: next/link would only render the same element.
      '@next/next/no-html-link-for-pages': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS files (configuration, and the build's launcher, scripts/build.cjs) load with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    '.data/**',
    'schemas/**',
  ]),
]);
