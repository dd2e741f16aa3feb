import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests run against a production build (`npm run build` first; `npm run test:e2e`
 * does both). Playwright cannot download its own browser here: Debian's chromium is used.
 */
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
    env: { SITE_NOW: process.env.SITE_NOW ?? '', SITE_NOW_FOR_TESTS: process.env.SITE_NOW ? '1' : '' },
  },
});
