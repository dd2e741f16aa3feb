import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { hendon, pageTypes } from './routes';

/**
 * Pages are complete as HTML: cache-handler.mjs takes Next.js's client router out of every
 * page it stores, so a phone downloads and runs no JavaScript (issue 5: Lighthouse mobile
 * performance, "light pages").
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

  test('a page rendered per request (search) still works with the router Next.js adds', async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto('/search?q=catalyst');
    // Next.js's router fetches the committees page's RSC data, which the cache keeps.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decision makers' }).click();
    await expect(page.locator('h1')).toHaveText(/Decision makers/);
    await expect(page).toHaveURL(/\/committees$/);
    expect(errors).toEqual([]);
  });
});
