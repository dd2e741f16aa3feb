import { expect, test, type Page } from '@playwright/test';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { cleanText } from '../../lib/feeds/text';
import { LOOKALIKE, markdownPayloads } from '../fixtures/injection/payloads';
import { startFixtureSite, type FixtureSite } from './fixture-site';
import { FIXTURE_CONTENT } from '../support/content';

/**
 * The record is exact: the page a resident reads says, word for word and link for link, what
 * the post says, and so do the feeds and the data, on the right London date. The post's words
 * come from /feed.json (the same post, rendered for feed readers, never through the page cache);
 * the page's words from the served HTML, after cache-handler.mjs has removed Next.js's scripts.
 * Both are read by Chromium's own HTML parser.
 */

interface FeedJson {
  items: Array<{ id: string; url: string; content_html: string; date_published: string }>;
}

interface Text {
  words: string[];
  links: string[];
}

/** The words and link targets of each post body: a page's `article .prose`, or a feed entry's HTML. */
async function textsOf(page: Page, documents: Array<{ html: string; base: string; fragment: boolean }>): Promise<Text[]> {
  return page.evaluate((list) => {
    return list.map(({ html, base, fragment }) => {
      const doc = new DOMParser().parseFromString(fragment ? `<!doctype html><body><div id="__body">${html}</div>` : html, 'text/html');
      const body = fragment ? doc.getElementById('__body') : doc.querySelector('article .prose');
      if (!body) return { words: ['(no post body on the page)'], links: [] };
      return {
        words: (body.textContent ?? '').split(/\s+/).filter(Boolean),
        links: Array.from(body.querySelectorAll('a[href]')).map((a) => new URL(a.getAttribute('href')!, base).href),
      };
    });
  }, documents);
}

/** Every post in `feed`: its page as served (twice: rendered or read from the cache, then from the cache) against its feed entry. */
async function expectPagesSayWhatPostsSay(page: Page, origin: string, feed: FeedJson, expectedCount: number) {
  expect(feed.items.length).toBe(expectedCount);
  for (const item of feed.items) {
    const path = new URL(item.url).pathname;
    const served: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(200);
      served.push(await response.text());
    }
    const [entry, first, second] = await textsOf(page, [
      { html: item.content_html, base: item.url, fragment: true },
      { html: served[0]!, base: item.url, fragment: false },
      { html: served[1]!, base: item.url, fragment: false },
    ]);
    // (A body can be empty: Markdown reads all that follows an unclosed `<!--` as a comment.)
    // Feeds cannot carry the control characters XML forbids (lib/feeds/text.ts): compare without them.
    const asInFeeds = (text: Text): Text => ({ words: text.words.map(cleanText).filter(Boolean), links: text.links });
    expect(asInFeeds(first!), `${path}: the page says what the post says`).toEqual(entry);
    expect(asInFeeds(second!), `${path}: the cached page says it too`).toEqual(entry);
    // And Next.js's router is gone from it (the point of the cache handler).
    expect(served[1], path).not.toMatch(/<script[^>]*src="\/_next\//);
  }
}

test.describe('every word and link of a post reaches its page', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the served HTML does not depend on the browser');

  test('the bundled posts', async ({ page, baseURL, request }) => {
    const feed = (await (await request.get('/feed.json')).json()) as FeedJson;
    const content = collectContent(await readContentDir(FIXTURE_CONTENT));
    await expectPagesSayWhatPostsSay(page, new URL(baseURL!).origin, feed, content.decisions.length);
  });

  test.describe('the injection corpus and link titles that look like markup, as new posts rendered on demand', () => {
    test.describe.configure({ mode: 'serial', timeout: 180_000 });
    let site: FixtureSite | undefined;
    let published = 0;

    test.beforeAll(async () => {
      // Copying the standalone build and starting it takes far more than the default 30 s on a busy machine.
      test.setTimeout(120_000);
      const bundled = await readContentDir(FIXTURE_CONTENT);
      const posts = markdownPayloads.map((payload) => ({
        payload,
        slug: `2011-06-30-injection-${payload.id}`,
        text: [
          '---',
          `title: "Injection test ${payload.id}"`,
          'date: 2011-06-30',
          'summary: "A post that holds a hostile or awkward body."',
          'committee: cabinet-resources-committee',
          'decisions:',
          '  - subject: "A test item"',
          '    stage: other',
          '    outcome: noted',
          '---',
          '',
          payload.markdown,
          '',
          'The business case was approved.',
          '',
        ].join('\n'),
      }));
      // Bodies that content:check refuses (a javascript: link, say) never reach a live site: leave them out.
      const checked = collectContent({
        ...bundled,
        decisions: [...bundled.decisions, ...posts.map((p) => ({ path: `content/decisions/${p.slug}.md`, bytes: new TextEncoder().encode(p.text) }))],
      });
      const refused = new Set(checked.problems.filter((p) => p.severity === 'error').map((p) => p.file));
      const valid = posts.filter((p) => !refused.has(`content/decisions/${p.slug}.md`));
      // Every look-alike title is a valid post, and so are most of the corpus.
      expect(valid.filter((p) => p.payload.category === LOOKALIKE).length).toBe(markdownPayloads.filter((p) => p.category === LOOKALIKE).length);
      expect(valid.length).toBeGreaterThan(markdownPayloads.length / 2);
      published = valid.length + bundled.decisions.length;
      site = await startFixtureSite(valid, { feedEntryLimit: 1000 });
    });

    test.afterAll(async () => {
      await site?.stop();
    });

    test('each page says exactly what its post says, first render and cached', async ({ page }) => {
      const feed = (await (await fetch(`${site!.baseURL}/feed.json`)).json()) as FeedJson;
      await expectPagesSayWhatPostsSay(page, site!.baseURL, feed, published);
    });

    test('the post with two look-alike titles keeps "some words" and both links', async () => {
      const html = await (await fetch(`${site!.baseURL}/decisions/2011-06-30-injection-title-lookalike-pair`)).text();
      expect(html).toContain('some words');
      expect(html).toContain('href="https://www.barnet.gov.uk/m"');
      expect(html).toContain('href="https://www.barnet.gov.uk/a"');
      expect(html).toContain('and more words.');
      expect(html).toContain('<script type="application/ld+json">');
    });
  });
});

test.describe('every machine-readable date is the London date', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the served files do not depend on the browser');
  // Published on 30 June 2011: London midnight in summer time, 23:00 UTC on 29 June.
  const slug = '2011-06-30-back-office-and-customer-service-project-given-the-green-light';
  const LONDON = '2011-06-30T00:00:00+01:00';

  test('the page: <time>, JSON-LD and Open Graph', async ({ request }) => {
    const html = await (await request.get(`/decisions/${slug}`)).text();
    expect(html).toContain('<time dateTime="2011-06-30">30 June 2011</time>');
    expect(html).not.toContain('2011-06-29T23:00:00');
    const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as unknown);
    const article = jsonLd.flat().find((d) => (d as { '@type'?: string })['@type'] === 'Article') as { datePublished: string; dateModified: string };
    expect(article.datePublished).toBe(LONDON);
    expect(article.dateModified).toBe(LONDON);
    expect(html).toContain(`<meta property="article:published_time" content="${LONDON}"/>`);
  });

  test('the CSV and the JSON', async ({ request }) => {
    const json = (await (await request.get('/data/decisions.json')).json()) as {
      updated: string;
      decisions: Array<{ post_slug: string; published: string; updated: string }>;
    };
    const record = json.decisions.find((d) => d.post_slug === slug)!;
    expect(record.published).toBe(LONDON);
    expect(record.updated).toBe(LONDON);
    expect(json.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    const csv = await (await request.get('/data/decisions.csv')).text();
    const row = csv.split('\r\n').find((line) => line.startsWith(`${slug},`))!;
    expect(row).toContain(`,${LONDON},${LONDON}`);
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
  });

  test('the sitemap', async ({ request }) => {
    const xml = await (await request.get('/sitemap.xml')).text();
    const entry = xml.split('<url>').find((u) => u.includes(`/decisions/${slug}</loc>`))!;
    expect(entry).toContain(`<lastmod>${LONDON}</lastmod>`);
    expect(xml).not.toMatch(/<lastmod>[^<]*Z<\/lastmod>/);
  });

  test('the feeds keep instants, with the publication date, not a correction, as the RSS pubDate', async ({ request }) => {
    const rss = await (await request.get('/feed.xml')).text();
    expect(rss).toContain('<pubDate>Wed, 29 Jun 2011 23:00:00 GMT</pubDate>');
    const feed = (await (await request.get('/feed.json')).json()) as FeedJson;
    expect(feed.items.find((i) => i.url.endsWith(slug))!.date_published).toBe('2011-06-29T23:00:00.000Z');
  });
});
