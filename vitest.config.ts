import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
export default defineConfig({
  // Components import the project's modules as '@/…' (tsconfig.json's paths, which Next.js
  // follows); the same here lets tests render them.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: { include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 20000 },
});
