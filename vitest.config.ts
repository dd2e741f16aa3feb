import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
export default defineConfig({
  // Components import the project's modules as '@/…' (tsconfig.json's paths, which Next.js
  // follows); the same here lets tests render them.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // A timeout is wall clock, there to catch a hang: generous, as a machine shared with other
    // work (and two busy loops) stretched a test of a few seconds of CPU past 70 s.
    testTimeout: 180_000,
    // The site's own reads (lib/site.ts, the content check) take the tests' fixture, never
    // content/: a post comms staff add must not change a test's answer (lib/server/runtime.ts's
    // FIXTURE_CONTENT_DIR; a literal here, as Vite loads this file without TypeScript imports).
    env: { CONTENT_DIR: 'tests/fixtures/content' },
  },
});
