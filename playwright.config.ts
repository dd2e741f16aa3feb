import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { FIXTURE_CONTENT_DIR } from './lib/server/runtime';

/**
 * End-to-end tests run against a production build of the tests' own content,
 * tests/fixtures/content (`npm run test:e2e` builds it with CONTENT_DIR=tests/fixtures/content,
 * then runs them), never content/: a post comms staff add must not change what a test sees.
 * Playwright cannot download its own browser here: Debian's chromium is used.
 */
// For the web server below, and every server a spec starts (tests/support/server.ts,
// tests/e2e/fixture-site.ts), which inherit it.
process.env.CONTENT_DIR = FIXTURE_CONTENT_DIR;
// A build of content/ would serve its own pre-rendered pages beside the fixture's: say so
// rather than fail test by test. The build copies the folder it read into its standalone server.
const standalone = path.join(process.env.NEXT_DIST_DIR || '.next', 'standalone');
if (existsSync(standalone) && !existsSync(path.join(standalone, FIXTURE_CONTENT_DIR))) {
  throw new Error(
    `The build in ${standalone} was made from content/, not ${FIXTURE_CONTENT_DIR}: run npm run test:e2e (or CONTENT_DIR=${FIXTURE_CONTENT_DIR} npm run build) first.`,
  );
}
const port = Number(process.env.E2E_PORT ?? 3000);
// The suite tests only a server it started itself: a server already on the port (another
// checkout's, a developer's npm start) would be tested in its place, so refuse to run. Checked
// in the main process only: workers load this file too, once the server holds the port.
if (process.env.TEST_WORKER_INDEX === undefined)
  try {
    execFileSync(process.execPath, ['-e', `require('node:net').createServer().once('error', () => process.exit(1)).listen(${port}, () => process.exit(0))`]);
  } catch {
    throw new Error(`Port ${port} is already in use by another program: stop it, or choose a free port with E2E_PORT=<port> npx playwright test.`);
  }
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  // For a hang only: an axe run took 15–32 s on a machine shared with other work (load 17–29).
  timeout: 60_000,
  use: { baseURL: `http://127.0.0.1:${port}`, launchOptions, trace: 'off' },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    // Without JavaScript: the forms, search and the alerts' (the alert pages, rendered per
    // request, keep Next.js's router). Every other page, search included, is served without a
    // script (cache-handler.mjs; tests/e2e/page-weight.spec.ts proves it), so a run without
    // JavaScript would repeat the desktop run. filtered-views.spec.ts submits the search form, and
    // alerts-forward-plan.spec.ts the alerts' forms; script-policy.spec.ts runs search in both;
    // the specs of new page kinds (history, the API reference, the decision record, decision
    // makers) check them both ways.
    {
      name: 'no-js',
      use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions },
      testMatch: /\/(search|alerts|alerts-forward-plan|filtered-views|script-policy|history|data-api|decision-record|decision-makers)\.spec\.ts$/,
    },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, grep: /@phone/ },
  ],
  webServer: {
    // The standalone server, as production runs it (npm start: scripts/serve-standalone.mjs).
    // HOSTNAME localhost, not 127.0.0.1: Next.js 16 then sees its own origin as 127.0.0.1 while
    // the proxy's URLs say localhost, and its 404 rewrite becomes a second HTTP request
    // (docs/security.md, A).
    command: 'node scripts/serve-standalone.mjs',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // A fixed clock in a production server must be acknowledged (lib/server/runtime.ts).
    env: {
      PORT: String(port),
      HOSTNAME: 'localhost',
      CONTENT_DIR: FIXTURE_CONTENT_DIR,
      SITE_NOW: process.env.SITE_NOW ?? '',
      SITE_NOW_FOR_TESTS: process.env.SITE_NOW ? '1' : '',
    },
  },
});
