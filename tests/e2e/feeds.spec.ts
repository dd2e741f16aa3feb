import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { DATA_FIELDS } from '../../lib/data/fields';

const SEED_POSTS = [
  '2011-03-03-last-night-in-hendon',
  '2011-03-30-another-one-barnet-project-approved',
  '2011-05-25-adults-in-house-services-business-case-approved',
  '2011-06-30-back-office-and-customer-service-project-given-the-green-light',
];

/** Feeds and open data against `next start`: discovery, HTTP for feed readers, downloads. */

const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json'];

async function alternates(page: import('@playwright/test').Page) {
  return page
    .locator('head link[rel="alternate"]')
    .evaluateAll((links) => links.map((link) => ({ type: link.getAttribute('type'), href: link.getAttribute('href'), title: link.getAttribute('title') })));
}

test.describe('feed autodiscovery', () => {
  test('the home page advertises the site feeds', async ({ page }) => {
    await page.goto('/');
    const links = await alternates(page);
    for (const type of FEED_TYPES) {
      const link = links.find(
        (l) => l.type === type && /\/(feed\.xml|atom\.xml|feed\.json)$/.test(l.href ?? '') && !/\/(committees|projects|tags)\//.test(l.href ?? ''),
      );
      expect(link, type).toBeTruthy();
      expect(link!.title).toBeTruthy();
    }
  });

  // A committee's ways to follow it are folded below its decisions (components/FollowSection.tsx).
  for (const [what, path, folded] of [
    ['a committee page', '/committees/cabinet-resources-committee', 'Follow this committee'],
    ['a project page', '/projects/nscso', undefined],
  ] as const) {
    test(`${what} advertises its own feeds and shows a Follow block`, async ({ page, request }) => {
      await page.goto(path);
      if (folded) {
        await expect(page.getByRole('heading', { name: /^Follow/ })).toBeHidden();
        await page.getByText(folded, { exact: true }).click();
      }
      const links = await alternates(page);
      for (const [type, file] of [
        ['application/rss+xml', 'feed.xml'],
        ['application/atom+xml', 'atom.xml'],
        ['application/feed+json', 'feed.json'],
      ]) {
        const own = links.find((l) => l.type === type && new URL(l.href!, 'http://x').pathname === `${path}/${file}`);
        expect(own, `${type} ${path}/${file}`).toBeTruthy();
        // The advertised feed exists.
        const response = await request.get(`${path}/${file}`);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe(`${type}; charset=utf-8`);
      }
      await expect(page.getByRole('heading', { name: /^Follow/ })).toBeVisible();
      await expect(page.getByText(`${path}/feed.xml`).first()).toBeVisible();
    });
  }

  test('the /feeds page lists every feed and explains what a feed reader is', async ({ page, request }) => {
    await page.goto('/feeds');
    await expect(page.locator('h1')).toHaveText('Feeds');
    await expect(page.getByText('feed reader', { exact: false }).first()).toBeVisible();
    const hrefs = await page.locator('main a[href$="/feed.xml"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.some((h) => new URL(h).pathname === '/feed.xml')).toBe(true);
    expect(hrefs.some((h) => new URL(h).pathname === '/committees/cabinet-resources-committee/feed.xml')).toBe(true);
    expect(hrefs.some((h) => new URL(h).pathname === '/projects/nscso/feed.xml')).toBe(true);
    expect(hrefs.some((h) => new URL(h).pathname.startsWith('/tags/'))).toBe(true);
    for (const href of hrefs) expect((await request.get(new URL(href).pathname)).status(), href).toBe(200);
  });
});

test.describe('HTTP for feed readers', () => {
  test('/feed.xml has its content type, a strong ETag, Last-Modified and a CDN-friendly Cache-Control', async ({ request }) => {
    const response = await request.get('/feed.xml');
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(headers.etag).toMatch(/^"[^"]+"$/);
    expect(Date.parse(headers['last-modified']!)).not.toBeNaN();
    expect(headers['cache-control']).toContain('public');
    expect(headers['cache-control']).toContain('s-maxage=300');
    expect(headers['cache-control']).toContain('stale-while-revalidate');
    const body = await response.text();
    expect(body).toContain('<rss version="2.0"');
  });

  test('a conditional GET answers 304 with no body', async ({ request }) => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/committees/cabinet-resources-committee/feed.xml', '/data/decisions.csv']) {
      const first = await request.get(path);
      const etag = first.headers().etag!;
      const again = await request.get(path, { headers: { 'If-None-Match': etag } });
      expect(again.status(), path).toBe(304);
      expect((await again.body()).length).toBe(0);
      const since = await request.get(path, { headers: { 'If-Modified-Since': first.headers()['last-modified']! } });
      expect(since.status(), path).toBe(304);
    }
  });

  test('an unknown committee, project or tag feed is 404, and says where the feeds are', async ({ request }) => {
    for (const path of [
      '/committees/no-such-committee/feed.xml',
      '/projects/no-such-project/atom.xml',
      '/tags/no-such-tag/feed.json',
      '/committees/Not%20A%20Slug/feed.xml',
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).toContain('listed at /feeds');
    }
  });
});

test.describe('open data', () => {
  test('/data/decisions.csv downloads with a header row and one row per decision item', async ({ request }) => {
    const response = await request.get('/data/decisions.csv');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="decisions\.csv"$/);
    const bytes = await response.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(text).toContain('\r\n');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toContain('post_slug');
    expect(header).toContain('outcome');
    const json = (await (await request.get('/data/decisions.json')).json()) as { count: number; decisions: Array<{ post_slug: string }> };
    expect(rows).toHaveLength(json.count);
    expect(json.decisions).toHaveLength(json.count);
    // The seeds' 4 posts report 6 decisions (the fixture also holds posts added for other tests).
    const seeds = new Set(SEED_POSTS);
    if (!process.env.SITE_NOW) expect(json.decisions.filter((d) => seeds.has(d.post_slug))).toHaveLength(6);
  });

  test('/data documents the fields, the licence and the schema', async ({ page, request }) => {
    await page.goto('/data');
    await expect(page.locator('h1')).toHaveText('Open data');
    await expect(page.locator('table.govuk-table tbody tr')).toHaveCount(DATA_FIELDS.length);
    await expect(page.getByRole('link', { name: /Open Government Licence v3\.0/ }).first()).toBeVisible();
    const schemaLink = page.locator('main a[href$="/data/decisions.schema.json"]').first();
    await expect(schemaLink).toBeVisible();
    const schema = await request.get('/data/decisions.schema.json');
    expect(schema.status()).toBe(200);
    expect(((await schema.json()) as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
