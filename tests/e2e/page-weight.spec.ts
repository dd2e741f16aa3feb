import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { hendon, pageTypes } from './routes';

/**
 * Pages are complete as HTML: cache-handler.mjs takes Next.js's client router out of every
 * page that passes through it (search included, which it never stores), so a phone downloads
 * and runs no JavaScript (issue 5: Lighthouse mobile performance, "light pages"; issue 23).
 */
test.describe('light pages', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'what the server sends does not depend on the browser');

  for (const { name, path } of pageTypes) {
    test(`${name} (${path}) ships no JavaScript`, async ({ request }) => {
      const response = await request.get(path);
      const html = await response.text();
      expect(html).toContain('</html>');
      expect(html.match(/<script\b[^>]*>/g)?.filter((tag) => !tag.includes('application/ld+json')) ?? []).toEqual([]);
      expect(html).not.toContain('__next_f');
      expect(html).not.toMatch(/<link[^>]+as="script"/);
    });
  }

  test('a decision page: HTML and CSS together stay under 40 KB compressed', async ({ request }) => {
    const html = await (await request.get(hendon)).body();
    const stylesheets = [...html.toString('utf8').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(stylesheets.length).toBeGreaterThan(0);
    let bytes = gzipSync(html).length;
    for (const href of stylesheets) bytes += gzipSync(await (await request.get(href)).body()).length;
    expect(bytes).toBeLessThan(40 * 1024);
  });

  // Search is rendered for each request, yet ships none either (proxy.ts, cache-handler.mjs).
  for (const path of ['/search', '/search?q=catalyst', '/search?committee=cabinet-resources-committee&outcome=approved', '/search?q=business&page=2']) {
    test(`search (${path}) ships no JavaScript, and its results are kept by no cache`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      expect(response.headers()['cache-control']).toBe('private, no-store');
      const html = await response.text();
      expect(html).toContain('<h1 class="govuk-heading-xl">Search</h1>');
      expect(html.match(/<script\b[^>]*>/g)?.filter((tag) => !tag.includes('application/ld+json')) ?? []).toEqual([]);
      expect(html).not.toContain('__next_f');
      expect(html).not.toMatch(/<link[^>]+as="script"/);
    });
  }

  test('the address a search is rendered at cannot be asked for directly', async ({ request }) => {
    // `s` and base64url of "q=catalyst": what proxy.ts rewrites /search?q=catalyst to.
    for (const path of ['/search/scT1jYXRhbHlzdA', '/search/anything']) expect((await request.get(path)).status(), path).toBe(404);
  });
});
