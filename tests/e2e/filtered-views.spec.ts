import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';

/**
 * Every view in every format (issue 17): a filtered search followed to its feeds and its data,
 * which must hold the same decisions; the vocabulary's 400s and redirects; and the feeds and
 * data read by a page on another origin (CORS), while HTML pages stay unreadable to it.
 */

const xml = new XMLParser({ ignoreAttributes: false });

async function resultLinks(page: Page): Promise<string[]> {
  return page.locator('.search-results h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

const pathOf = (url: string) => new URL(url).pathname;

test.describe('a filtered search, as a feed and as data', () => {
  test('the search page links to its own view as RSS, Atom, JSON Feed, CSV and JSON, and they hold the same decisions', async ({ page, request }) => {
    await page.goto('/search');
    await page.getByText('Filter decisions').click();
    await page.getByLabel('Outcome').selectOption('approved');
    await page.getByLabel('Stage').selectOption('business-case');
    await Promise.all([page.waitForURL(/outcome=approved/), page.locator('form.search-form button[type="submit"]').click()]);
    const posts = await resultLinks(page);
    expect(posts.length).toBeGreaterThan(1);

    const box = page.locator('.view-formats');
    await expect(box).toBeVisible();
    const href = async (name: string) => (await box.getByRole('link', { name, exact: true }).getAttribute('href'))!;
    const rssPath = await href('RSS');
    expect(rssPath).toBe('/feed.xml?stage=business-case&outcome=approved');
    expect(await href('Atom')).toBe('/atom.xml?stage=business-case&outcome=approved');

    // The feed: the same posts, newest first, as the search lists them.
    const rss = await request.get(rssPath);
    expect(rss.status()).toBe(200);
    expect(rss.headers()['content-type']).toMatch(/^application\/rss\+xml/);
    const items = [xml.parse(await rss.text()).rss.channel.item].flat() as { link: string }[];
    expect(items.map((i) => pathOf(i.link))).toEqual(posts);

    const jsonFeed = (await (await request.get(await href('JSON Feed'))).json()) as { items: { url: string }[]; feed_url: string };
    expect(jsonFeed.items.map((i) => pathOf(i.url))).toEqual(posts);
    expect(jsonFeed.feed_url).toMatch(/\/feed\.json\?stage=business-case&outcome=approved$/);

    // The data: exactly the matching items, the same in CSV and JSON, from the same posts.
    const csv = await request.get(await href('CSV'));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toBe('attachment; filename="decisions-stage-business-case-outcome-approved.csv"');
    const rows = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThanOrEqual(posts.length);
    for (const row of rows) expect([row.stage, row.outcome]).toEqual(['business-case', 'approved']);
    expect([...new Set(rows.map((r) => pathOf(r.post_url!)))]).toEqual(posts);
    const json = (await (await request.get(await href('JSON'))).json()) as { count: number; decisions: { id: string }[]; filter: { query: string } };
    expect(json.decisions.map((d) => d.id)).toEqual(rows.map((r) => r.id));
    expect(json.filter.query).toBe('stage=business-case&outcome=approved');
    for (const row of rows) expect(row.id).toBe(`${row.post_slug}/${row.id!.split('/')[1]}`);
  });

  test('a filtered search advertises its feeds in <link rel="alternate">', async ({ page }) => {
    await page.goto('/search?committee=cabinet-resources-committee&outcome=approved&outcome=accepted');
    const links = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((all) => all.map((link) => ({ type: link.getAttribute('type'), href: link.getAttribute('href') })));
    for (const [type, file] of [
      ['application/rss+xml', 'feed.xml'],
      ['application/atom+xml', 'atom.xml'],
      ['application/feed+json', 'feed.json'],
    ]) {
      const own = links.find((l) => l.type === type && l.href?.endsWith(`/${file}?committee=cabinet-resources-committee&outcome=accepted&outcome=approved`));
      expect(own, file).toBeTruthy();
    }
  });

  test('a search with a value that does not exist still shows results, and says what it left out', async ({ page }) => {
    await page.goto('/search?outcome=approved&outcome=exploded');
    await expect(page.locator('.govuk-error-summary')).toContainText("outcome: 'exploded' is not an outcome. Accepted values:");
    expect((await resultLinks(page)).length).toBeGreaterThan(0);
  });
});

test.describe('the vocabulary over HTTP', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'HTTP answers do not depend on the browser');

  test('an unknown value is a 400 that names the parameter and what it accepts; another spelling redirects to the normal one', async ({ request }) => {
    for (const path of ['/feed.xml?committee=nope', '/data/decisions.csv?stage=maybe', '/data/decisions.json?from=2011-02-30', '/atom.xml?tag=no-such-topic']) {
      const answer = await request.get(path);
      expect(answer.status(), path).toBe(400);
      expect(answer.headers()['content-type']).toMatch(/^text\/plain/);
      expect(answer.headers()['cache-control']).toBe('no-store');
      expect(await answer.text()).toMatch(/^(committee|stage|from|tag): '.+' is not .+ Accepted values: .+$/m);
    }
    const reversed = await request.get('/feed.json?outcome=approved&committee=cabinet-resources-committee&outcome=approved', { maxRedirects: 0 });
    expect(reversed.status()).toBe(308);
    expect(reversed.headers().location).toBe('/feed.json?committee=cabinet-resources-committee&outcome=approved');
  });

  test('a filtered download has its own ETag and answers a conditional GET with 304', async ({ request }) => {
    const whole = await request.get('/data/decisions.csv');
    const filtered = await request.get('/data/decisions.csv?outcome=approved');
    expect(filtered.headers().etag).toBeTruthy();
    expect(filtered.headers().etag).not.toBe(whole.headers().etag);
    expect(filtered.headers()['cache-control']).toMatch(/s-maxage=\d+/);
    const again = await request.get('/data/decisions.csv?outcome=approved', { headers: { 'if-none-match': filtered.headers().etag! } });
    expect(again.status()).toBe(304);
  });
});

test.describe('another site reads the feeds and the data (CORS)', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the other site reads them with a script');

  let other: http.Server;
  let otherOrigin: string;

  test.beforeAll(async () => {
    other = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>A newsroom notebook</title><h1>Notebook</h1>');
    });
    // A port of its own (3141-3149 beside E2E_PORT 3140), or any free one.
    const wanted = Number(process.env.E2E_PORT ?? 3000) + 1;
    await new Promise<void>((resolve) => {
      other.once('error', () => other.listen(0, '127.0.0.1', () => resolve()));
      other.listen(wanted, '127.0.0.1', () => resolve());
    });
    const address = other.address() as { port: number };
    otherOrigin = `http://127.0.0.1:${address.port}`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => other?.close(resolve));
  });

  test('a page on a second origin fetches /feed.json and /data/decisions.json, with a preflighted conditional request, but not an HTML page', async ({
    page,
    baseURL,
  }) => {
    await page.goto(`${otherOrigin}/`);
    expect(new URL(page.url()).origin).not.toBe(new URL(baseURL!).origin);
    const result = await page.evaluate(async (site) => {
      const feed = await fetch(`${site}/feed.json`).then((r) => r.json());
      const data = await fetch(`${site}/data/decisions.json?outcome=approved`).then((r) => r.json());
      const first = await fetch(`${site}/data/decisions.json`);
      const etag = first.headers.get('etag');
      // If-None-Match is not a simple header: the browser asks with OPTIONS first.
      const conditional = await fetch(`${site}/data/decisions.json`, { headers: { 'If-None-Match': etag ?? '' }, cache: 'no-store' });
      let html = 'readable';
      try {
        await fetch(`${site}/`).then((r) => r.text());
      } catch (error) {
        html = String(error);
      }
      return {
        feedItems: feed.items.length,
        version: feed.version,
        dataCount: data.count,
        outcomes: data.decisions.map((d: { outcome: string }) => d.outcome),
        etag,
        conditional: conditional.status,
        html,
      };
    }, baseURL!);
    expect(result.version).toBe('https://jsonfeed.org/version/1.1');
    expect(result.feedItems).toBeGreaterThan(0);
    expect(result.dataCount).toBeGreaterThan(0);
    expect(new Set(result.outcomes)).toEqual(new Set(['approved']));
    expect(result.etag).toBeTruthy();
    expect([200, 304]).toContain(result.conditional);
    expect(result.html).toMatch(/TypeError/);
  });
});
