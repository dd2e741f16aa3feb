import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DATABASE_BUILD_FILE } from '../../lib/data/sqlite/build-path';

/**
 * The API reference (/data/api), the OpenAPI file it is rendered from, and the SQLite download,
 * as the production build serves them. Runs in the desktop and the no-JS projects.
 */
const run = promisify(execFile);

test('the API reference reads without JavaScript, lists every address and passes axe', async ({ page, browser, javaScriptEnabled }) => {
  await page.goto('/data/api');
  await expect(page.locator('h1')).toHaveText('API reference');
  await expect(page.getByRole('heading', { name: 'Filters' })).toBeVisible();
  for (const address of ['GET /feed.xml', 'GET /data/decisions.json', 'GET /data/decisions.db', 'GET /committees/{slug}/meetings.ics', 'GET /data/changes.csv'])
    await expect(page.locator('code', { hasText: address }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'the OpenAPI 3.1 file' })).toHaveAttribute('href', '/data/openapi.json');
  // axe is a script: without JavaScript, the same HTML is checked in a page whose own scripts are blocked.
  const checked = javaScriptEnabled ? page : await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  if (!javaScriptEnabled) {
    await checked.context().route('**/_next/static/**/*.js', (route) => route.abort());
    await checked.goto('/data/api');
  }
  const results = await new AxeBuilder({ page: checked }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the API reference and /data are valid HTML (Nu HTML Checker)', async ({ request }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vnu-api-'));
  const files = [];
  for (const [i, url] of ['/data/api', '/data'].entries()) {
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    files.push(path.join(dir, `page-${i}.html`));
    writeFileSync(files[i]!, await response.text());
  }
  const jar = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
  const output = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 20 * 1024 * 1024 }).then(
    (r) => r.stderr || r.stdout,
    (error: { stderr: string; stdout: string }) => error.stderr || error.stdout,
  );
  const messages = (JSON.parse(output || '{"messages":[]}') as { messages: { type: string; url: string; message: string }[] }).messages;
  expect(messages.filter((m) => m.type === 'error').map((m) => `${path.basename(m.url)}: ${m.message}`)).toEqual([]);
});

test('the SQLite file downloads as the build wrote it, with its type, ETag, CORS and 304s', async ({ request }) => {
  const response = await request.get('/data/decisions.db');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-type']).toBe('application/vnd.sqlite3');
  expect(headers['access-control-allow-origin']).toBe('*');
  expect(headers.etag).toMatch(/^"[\w-]+"$/);
  expect(headers['content-disposition']).toContain('decisions.db');
  const body = await response.body();
  expect(body.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  // The file the build wrote (scripts/build.ts), byte for byte, not made for this request.
  expect(body.equals(readFileSync(path.join(process.cwd(), DATABASE_BUILD_FILE)))).toBe(true);
  // Streamed from that file, not made again in memory (which would date it from the server's start).
  const built = JSON.parse(readFileSync(path.join(process.cwd(), `${DATABASE_BUILD_FILE}.json`), 'utf8')) as { lastModified: string };
  expect(headers['last-modified']).toBe(new Date(Math.floor(Date.parse(built.lastModified) / 1000) * 1000).toUTCString());
  // The same file, so the same validator, on the next request; and a client that has it is told so.
  expect((await request.get('/data/decisions.db')).headers().etag).toBe(headers.etag);
  const current = await request.get('/data/decisions.db', { headers: { 'If-None-Match': headers.etag! } });
  expect(current.status()).toBe(304);
  expect((await current.body()).length).toBe(0);

  const api = await request.get('/data/openapi.json');
  expect(api.status()).toBe(200);
  expect(api.headers()['access-control-allow-origin']).toBe('*');
  expect((await api.json()).openapi).toMatch(/^3\.1\./);
  const again = await request.get('/data/openapi.json', { headers: { 'If-None-Match': api.headers().etag! } });
  expect(again.status()).toBe(304);
});
