import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFs } from 'next/dist/server/lib/node-fs-methods';
import { getRouteCacheKey } from 'next/dist/server/lib/route-cache-key';
import type { RouteKind } from 'next/dist/server/route-kind';
import StaticHtmlCacheHandler, { frameworkContractProblems, isSearchKey, VERIFIED_NEXT_VERSION, withoutFrameworkScripts } from '../../cache-handler.mjs';
import { searchRenderPath } from '../../lib/search/rendered-address';
import { searchPages } from '../../lib/search/search-pages';
import { getSiteRecords } from '../../lib/site';
import { renderMarkdown } from '../../lib/markdown/render';
import { LOOKALIKE, lookalikeTitles, markdownPayloads } from '../fixtures/injection/payloads';
import { costRatio, MAX_COST_RATIO } from './growth';

/** The shape of a page as Next.js 16 renders it (trimmed): framework scripts, RSC data, JSON-LD. */
const page = `<!DOCTYPE html><html lang="en-GB"><head><meta charSet="utf-8"/>
<link rel="stylesheet" href="/_next/static/chunks/0tftslv76cfr0.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/0j1we3cwg31qe.js"/>
<link rel="modulepreload" href="/_next/static/chunks/extra.js"/>
<script src="/_next/static/chunks/436f85v8937zd.js" async=""></script>
<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>
<title>Decision</title><link rel="canonical" href="https://decisions.barnet.example/decisions/x"/>
<link rel="alternate" type="application/rss+xml" href="https://decisions.barnet.example/feed.xml" title="All decisions (RSS)"/>
</head><body><main id="main-content"><h1>Decision</h1><p>Text about &lt;script&gt;alert(1)&lt;/script&gt; in a post.</p>
<script type="application/ld+json">{"@context":"https://schema.org","headline":"Decision \\u003c/script\\u003e"}</script>
</main><script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>
<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\u003c/script\\u003e"])</script>
</body></html>`;

describe('withoutFrameworkScripts', () => {
  const result = withoutFrameworkScripts(page);

  it('removes every executable script, inline or not, and the hints that would fetch them', () => {
    expect(result).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(result).not.toContain('__next_f');
    expect(result).not.toContain('TURBOPACK');
    expect(result).not.toContain('as="script"');
    expect(result).not.toContain('modulepreload');
  });

  it('keeps the content, the stylesheet, the links and the JSON-LD', () => {
    expect(result).toContain('<h1>Decision</h1>');
    expect(result).toContain('Text about &lt;script&gt;alert(1)&lt;/script&gt; in a post.');
    expect(result).toContain('<link rel="stylesheet" href="/_next/static/chunks/0tftslv76cfr0.css"');
    expect(result).toContain('<link rel="canonical"');
    expect(result).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(result).toContain('<script type="application/ld+json">{"@context":"https://schema.org","headline":"Decision \\u003c/script\\u003e"}</script>');
    expect(result.endsWith('</body></html>')).toBe(true);
  });

  it('makes the page much smaller and is idempotent', () => {
    expect(result.length).toBeLessThan(page.length * 0.75);
    expect(withoutFrameworkScripts(result)).toBe(result);
  });

  it('leaves a page alone whose content React streamed out of order (its scripts put it in place)', () => {
    const streamed = `<html><body><template id="B:0"></template><p>Loading</p><div hidden id="S:0"><p>Content</p></div><script>$RC("B:0","S:0")</script></body></html>`;
    expect(withoutFrameworkScripts(streamed)).toBe(streamed);
  });
});

/** A page as Next.js renders a post: the framework's scripts around the post's own HTML. */
function pageWithPost(postHtml: string): string {
  return page.replace('<p>Text about &lt;script&gt;alert(1)&lt;/script&gt; in a post.</p>', `<div class="prose">${postHtml}</div>`);
}

/** The page as it should be served: the same bytes, less exactly the framework's elements. */
const expectedWithout = (postHtml: string) =>
  withoutFrameworkScripts(page).replace('<p>Text about &lt;script&gt;alert(1)&lt;/script&gt; in a post.</p>', `<div class="prose">${postHtml}</div>`);

describe('withoutFrameworkScripts and the text of posts', () => {
  const render = (markdown: string) => renderMarkdown(markdown, { siteOrigin: 'https://decisions.barnet.example' });

  it('keeps every word and link of a post whose link titles look like markup', () => {
    const postHtml = render('[minutes](https://www.barnet.gov.uk/m "<script>") some words [agenda](https://www.barnet.gov.uk/a "</script>")');
    const served = withoutFrameworkScripts(pageWithPost(postHtml));
    expect(served).toContain(postHtml);
    expect(served).toContain('some words');
    expect(served).toContain('href="https://www.barnet.gov.uk/m"');
    expect(served).toContain('href="https://www.barnet.gov.uk/a"');
    expect(served).toBe(expectedWithout(postHtml));
  });

  it('keeps the JSON-LD and the layout after a link titled "<script>" (nothing is swallowed up to them)', () => {
    const postHtml = render('[minutes](https://www.barnet.gov.uk/m "<script>") and the rest of the post.');
    const served = withoutFrameworkScripts(pageWithPost(postHtml));
    expect(served).toContain('and the rest of the post.');
    expect(served).toContain('<script type="application/ld+json">');
    expect(served).toContain('</main>');
  });

  const lookalikes = markdownPayloads.filter((p) => p.category === LOOKALIKE);
  it('covers every look-alike title', () => {
    expect(lookalikes.length).toBeGreaterThanOrEqual(lookalikeTitles().length);
    for (const title of ['<script>', '</script>', '<link rel=preload as=script', '<div hidden id=S:1>']) {
      expect(lookalikes.some((p) => p.markdown.includes(title))).toBe(true);
    }
  });

  // Every payload of the injection corpus, as the site renders it, inside a page as Next.js
  // renders it: the handler removes the framework's elements and nothing of the post.
  it.each(markdownPayloads.map((p) => [p.id, p] as const))('%s: the post HTML is served byte for byte', (_, payload) => {
    const postHtml = render(`${payload.markdown}\n\nThe business case was approved.\n`);
    const served = withoutFrameworkScripts(pageWithPost(postHtml));
    expect(served).toBe(expectedWithout(postHtml));
  });

  /** Strips the page `make(n)` builds, each page built once, outside the measurement. */
  const stripping = (make: (n: number) => string) => {
    const pages = new Map<number, string>();
    return (n: number) => {
      if (!pages.has(n)) pages.set(n, make(n));
      withoutFrameworkScripts(pages.get(n)!);
    };
  };

  // CPU time at n and 16n (tests/unit/growth.ts): linear is 16-fold, quadratic 256-fold. The
  // timeouts (wall clock) only catch a hang: generous, for a machine shared with other work.
  it('costs CPU in proportion to the page, whatever the post holds (a title of repeated "<link ")', { timeout: 120_000 }, () => {
    const pageOf = (n: number) => pageWithPost(render(`[minutes](https://www.barnet.gov.uk/m "${'<link '.repeat(n)}") words`));
    expect(costRatio(stripping(pageOf), 1000)).toBeLessThan(MAX_COST_RATIO);
  });

  it('costs CPU in proportion to the page for many script-like titles and deep nesting', { timeout: 120_000 }, () => {
    const link = render('[l](https://www.barnet.gov.uk/ "<script>") ');
    expect(
      costRatio(
        stripping((n) => pageWithPost(link.repeat(n))),
        250,
      ),
    ).toBeLessThan(MAX_COST_RATIO);
    const nested = (n: number) => pageWithPost(`${'<blockquote>'.repeat(n)}deep${'</blockquote>'.repeat(n)}`);
    expect(costRatio(stripping(nested), 500)).toBeLessThan(MAX_COST_RATIO);
  });
});

/** The cache handler as Next.js makes it for a production server, writing into `dist`. */
function handlerIn(dist: string) {
  return new StaticHtmlCacheHandler({
    fs: nodeFs,
    serverDistDir: dist,
    flushToDisk: true,
    dev: false,
    revalidatedTags: [],
    _requestHeaders: {},
  } as never);
}

describe('StaticHtmlCacheHandler', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'cache-handler-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const handler = handlerIn(dist);
  const context = { cacheControl: { revalidate: 300, expire: undefined }, isRoutePPREnabled: false, isFallback: false } as never;

  it('strips a page on its first render, in the very value Next.js then sends, and on disk', async () => {
    const value = { kind: 'APP_PAGE', html: page, rscData: Buffer.from('0:{}'), headers: {}, status: 200, postponed: undefined, segmentData: undefined };
    await handler.set('/decisions/x', value as never, context);
    expect(value.html).toBe(withoutFrameworkScripts(page));
    expect(readFileSync(path.join(dist, 'app/decisions/x.html'), 'utf8')).toBe(withoutFrameworkScripts(page));
  });

  it('serves the stripped page from the cache', async () => {
    const entry = await handler.get('/decisions/x', { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false } as never);
    expect(entry?.value).toMatchObject({ kind: 'APP_PAGE', html: withoutFrameworkScripts(page) });
  });

  it('leaves route handlers (feeds, data) untouched', async () => {
    const body = Buffer.from('<rss><script>not html</script></rss>');
    const value = { kind: 'APP_ROUTE', body, headers: {}, status: 200 };
    await handler.set('/feed.xml', value as never, context);
    expect(value.body).toBe(body);
  });

  it('answers a page that was not found with the 404 page the build made, and never stores it', async () => {
    // What `next build` pre-renders for addresses no route matches: the layout and the heading.
    const notFoundPage = page.replace('<h1>Decision</h1>', '<h1 class="govuk-heading-xl">Page not found</h1>');
    mkdirSync(path.join(dist, 'app'), { recursive: true });
    writeFileSync(path.join(dist, 'app/_not-found.html'), notFoundPage);
    // What Next.js renders for a notFound() on demand: no layout, no content, only scripts.
    const emptyShell =
      '<!DOCTYPE html><html id="__next_error__"><head><title>Page not found</title></head><body><div hidden=""></div><script>self.__next_f.push([1,"…"])</script></body></html>';
    const value = { kind: 'APP_PAGE', html: emptyShell, rscData: Buffer.from('0:{}'), headers: {}, status: 404, postponed: undefined, segmentData: undefined };
    const handler404 = handlerIn(dist);
    await handler404.set('/decisions/no-such-decision', value as never, context);
    expect(value.html).toBe(withoutFrameworkScripts(notFoundPage));
    expect(value.html).toContain('<h1 class="govuk-heading-xl">Page not found</h1>');
    expect(existsSync(path.join(dist, 'app/decisions/no-such-decision.html'))).toBe(false);
    expect(await handler404.get('/decisions/no-such-decision', { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false } as never)).toBeNull();
  });

  it('strips a search in the value Next.js then sends, and never stores it (keyed as Next.js 16.4 keys a page)', async () => {
    const key = getRouteCacheKey(searchRenderPath('q=business'), { kind: 'APP_PAGE' as RouteKind, sourceRoute: '/search/[request]/page' });
    expect(isSearchKey(key)).toBe(true);
    expect(isSearchKey(getRouteCacheKey('/decisions/x', { kind: 'APP_PAGE' as RouteKind, sourceRoute: '/decisions/[slug]/page' }))).toBe(false);
    const value = { kind: 'APP_PAGE', html: page, rscData: Buffer.from('0:{}'), headers: {}, status: 200, postponed: undefined, segmentData: undefined };
    await handler.set(key, value as never, context);
    expect(value.html).toBe(withoutFrameworkScripts(page));
    expect(await handler.get(key, { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false } as never)).toBeNull();
    expect(
      readdirSync(dist, { recursive: true })
        .map(String)
        .filter((file) => file.includes('search')),
    ).toEqual([]);
  });
});

describe('search pages in memory (cache-handler.mjs with lib/search/search-pages.ts)', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'cache-handler-search-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const handler = handlerIn(dist);
  const context = { cacheControl: { revalidate: false, expire: undefined }, isRoutePPREnabled: false, isFallback: false } as never;
  const getContext = { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false } as never;

  it('serves a search the page stamped from memory, stripped, until the visible set changes; never from disk', async () => {
    const records = await getSiteRecords();
    const door = searchPages();
    const address = searchRenderPath('q=remembered+here');
    const key = getRouteCacheKey(address, { kind: 'APP_PAGE' as RouteKind, sourceRoute: '/search/[request]/page' });
    const now = door.now();
    door.pages.stamp(address, { records: records.indexes, today: now.today, validUntil: Infinity });
    const value = { kind: 'APP_PAGE', html: page, rscData: Buffer.from('0:{}'), headers: {}, status: 200, postponed: undefined, segmentData: undefined };
    const stored = door.pages.counts.stored;
    await handler.set(key, value as never, context);
    expect(door.pages.counts.stored).toBe(stored + 1);
    const hit = (await handler.get(key, getContext)) as { value: { html: string } } | null;
    expect(hit?.value.html).toBe(withoutFrameworkScripts(page));
    expect(hit?.value).toBe(value);
    // Another visible set: not served, and forgotten.
    door.pages.stamp(searchRenderPath('q=other'), { records: { ...records.indexes }, today: now.today, validUntil: Infinity });
    expect(await handler.get(key, getContext)).toBeNull();
    expect(
      readdirSync(dist, { recursive: true })
        .map(String)
        .filter((file) => file.includes('search')),
    ).toEqual([]);
  });
});

describe('the framework contract (what cache-handler.mjs assumes of Next.js)', () => {
  const installed = (JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules/next/package.json'), 'utf8')) as { version: string }).version;
  const pinned = (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.next;

  it('holds for the installed Next.js, which package.json pins exactly to the version it was verified against', async () => {
    expect(pinned).toBe(VERIFIED_NEXT_VERSION);
    expect(installed).toBe(VERIFIED_NEXT_VERSION);
    expect(await frameworkContractProblems({ nextVersion: installed })).toEqual([]);
  });

  it('names the upgrade step when the version moves', async () => {
    const problems = await frameworkContractProblems({ nextVersion: '17.0.0' });
    expect(problems).toEqual([`Next.js is 17.0.0, but cache-handler.mjs was verified against ${VERIFIED_NEXT_VERSION}. Follow docs/upgrading-next.md.`]);
    expect(existsSync(path.join(process.cwd(), 'docs/upgrading-next.md'))).toBe(true);
  });

  it('refuses a build without the pre-rendered 404 page', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-404-'));
    try {
      const problems = await frameworkContractProblems({ nextVersion: installed, serverDistDir: empty });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('_not-found.html');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
