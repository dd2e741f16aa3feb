import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { FIXTURE_CONTENT_DIR } from './lib/runtime';

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
  timeout: 30_000,
  use: { baseURL: `http://127.0.0.1:${port}`, launchOptions, trace: 'off' },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    // nginx.spec.ts and nginx-alerts.spec.ts drive deploy/nginx.conf over HTTP: no browser, and
    // its per-client limits would count every project's requests as one client's.
    { name: 'no-js', use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions }, testIgnore: /nginx(-alerts)?\.spec\.ts/ },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions }, grep: /@phone/ },
  ],
  webServer: {
    // No -H 127.0.0.1: Next.js 16 then sees its own origin as 127.0.0.1 while the proxy's URLs
    // say localhost, and its 404 rewrite becomes a second HTTP request (docs/security.md, A).
    command: `npx next start -p ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    // A fixed clock in a production server must be acknowledged (lib/runtime.ts).
    env: { CONTENT_DIR: FIXTURE_CONTENT_DIR, SITE_NOW: process.env.SITE_NOW ?? '', SITE_NOW_FOR_TESTS: process.env.SITE_NOW ? '1' : '' },
  },
});
