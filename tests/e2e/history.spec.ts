import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { historyPages } from './routes';

/**
 * The history of a post and a withdrawn post, from the tests' scripted history
 * (tests/support/history-fixture.ts), which the fixture's build wrote. Run with JavaScript and
 * without it (playwright.config.ts, no-js project): the pages need none.
 */
const run = promisify(execFile);
const POST = historyPages.changed.replace(/\/history$/, '');

test('a history page marks insertions and deletions for screen readers as well as visually', async ({ page }) => {
  const response = await page.goto(historyPages.changed);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1')).toHaveText('History of this post');
  // Newest first: version 3 (the text), 2 (outcome and summary), 1 (first published).
  await expect(page.locator('.history-version h2')).toHaveText([
    'Version 3: Changed without a note',
    'Version 2: Changed without a note',
    'Version 1: First published',
  ]);
  const second = page.locator('#version-2');
  await expect(second).toContainText('No note in the post explains this change.');
  await expect(second.locator('del').filter({ hasText: 'deferred' }).first()).toContainText('[removed: deferred]');
  await expect(second.locator('ins').filter({ hasText: 'approved' }).first()).toContainText('[added: approved]');
  await expect(second.locator('ins .govuk-visually-hidden').first()).toHaveText('[added: ');
  // Struck through and underlined, not colour alone.
  expect(
    await second
      .locator('del')
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine),
  ).toBe('line-through');
  expect(
    await second
      .locator('ins')
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine),
  ).toBe('underline');
  await expect(page.locator('#version-3 del')).toContainText('considered');
  await expect(page.locator('#version-3 ins')).toContainText('approved');
  // The commit's id, and the versions linked as RFC 5829 names them.
  await expect(page.locator('#version-3 .history-commit')).toHaveText(/^[0-9a-f]{40}$/);
  await expect(page.locator('#version-3 a[rel="predecessor-version"]')).toHaveAttribute('href', '#version-2');
  await expect(page.locator('a[rel="latest-version"]').first()).toHaveAttribute('href', POST);
  await expect(page.locator('#version-3 time').first()).toHaveAttribute('datetime', '2011-03-31T10:15:00+01:00');
});

test('the post links to its history in plain English', async ({ page }) => {
  await page.goto(POST);
  await page.getByRole('link', { name: 'Changed 2 times since it was first published' }).click();
  await expect(page).toHaveURL(historyPages.changed);
  const jsonLd = await page.goto(POST).then(() => page.locator('script[type="application/ld+json"]').allTextContents());
  expect(jsonLd.join('')).toContain('"dateModified":"2011-03-31T10:15:00+01:00"');
});

test('a post withdrawn after it was public answers 410 Gone with a short page', async ({ page, request }) => {
  for (let i = 0; i < 2; i++) {
    // Twice: rendered, then served from the page cache, which keeps the status.
    const response = await request.get(historyPages.withdrawn);
    expect(response.status()).toBe(410);
  }
  const response = await page.goto(historyPages.withdrawn);
  expect(response?.status()).toBe(410);
  await expect(page.locator('h1')).toHaveText('This post has been withdrawn');
  await expect(page.locator('main')).toContainText('A post withdrawn after publication (test fixture)');
  await expect(page.locator('main')).toContainText('withdrawn on 5 April 2011 at 10:00am');
  await page.getByRole('link', { name: 'See every version of this post, and what changed' }).click();
  await expect(page.locator('#version-3 h2')).toHaveText('Version 3: Withdrawn');
  await expect(page.locator('#version-2')).toContainText('Correction noted in the post: The meeting was on 29 March, not 28 March.');
});

test('a withdrawn post leaves the feeds, the data and the sitemap, and the changes list it', async ({ request }) => {
  const slug = path.basename(historyPages.withdrawn);
  for (const url of ['/feed.xml', '/feed.json', '/data/decisions.csv', '/sitemap.xml']) expect(await (await request.get(url)).text()).not.toContain(slug);
  const atom = await request.get('/changes.xml');
  expect(atom.status()).toBe(200);
  expect(atom.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(atom.headers()['access-control-allow-origin']).toBe('*');
  expect(await atom.text()).toContain(`${slug}/history#version-3`);
  const csv = await request.get('/data/changes.csv');
  const etag = csv.headers().etag!;
  expect(await csv.text()).toContain(`${slug},,post,A post withdrawn after publication (test fixture),,2011-04-05T10:00:00+01:00`);
  expect((await request.get('/data/changes.csv', { headers: { 'If-None-Match': etag } })).status()).toBe(304);
  expect((await request.get('/data/changes.json?outcome=nope')).status()).toBe(400);
});

test('the history pages have no axe violations', async ({ page, browser, javaScriptEnabled }) => {
  // axe is a script: without JavaScript, the same DOM with the site's own scripts blocked.
  const context = javaScriptEnabled ? undefined : await browser.newContext({ javaScriptEnabled: true });
  const target = context ? await context.newPage() : page;
  if (context) await context.route('**/_next/static/**/*.js', (route) => route.abort());
  for (const url of [historyPages.changed, historyPages.withdrawn, historyPages.withdrawnHistory]) {
    await target.goto(url);
    const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${url} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await context?.close();
});

test('the history pages are valid HTML (Nu HTML Checker)', async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the HTML is the same for every browser project');
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'vnu-history-'));
  const files = [];
  for (const [i, url] of [historyPages.changed, historyPages.withdrawn, historyPages.withdrawnHistory, POST].entries()) {
    const file = path.join(dir, `page-${i}.html`);
    writeFileSync(file, await (await request.get(url)).text());
    files.push(file);
  }
  const jar = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
  const output = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 20 * 1024 * 1024 }).then(
    (r) => r.stderr || r.stdout,
    (error: { stderr: string; stdout: string }) => error.stderr || error.stdout,
  );
  const messages = (JSON.parse(output || '{"messages":[]}') as { messages: Array<{ type: string; url: string; message: string; extract?: string }> }).messages;
  expect(messages.filter((m) => m.type === 'error').map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ''}`)).toEqual([]);
});
