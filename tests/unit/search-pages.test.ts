/**
 * Issue 26: search under load. A rendered search page is remembered for its query's one written
 * form and served again without rendering while the visible set it came from lasts; renders at
 * once are limited, and the search past the limit is answered 503 with Retry-After. Every check
 * counts work (renders, searches run, entries kept, searches shed), never time.
 */
import { NextRequest } from 'next/server';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FILTER_PARAMETERS } from '../../lib/filters/vocabulary';
import { londonIsoDate } from '../../lib/dates';
import { searchSite } from '../../lib/search/answer-cache';
import { knownFilters } from '../../lib/search/filters';
import { canonicalSearchQuery, readSearchRequest, type RawSearchParams } from '../../lib/search/query';
import { searchRenderPath } from '../../lib/search/rendered-address';
import {
  busyPage,
  pageValueBytes,
  RenderedSearchPages,
  SEARCH_PAGE_LIMITS,
  SHED_RETRY_AFTER_SECONDS,
  type Now,
  type RenderStamp,
} from '../../lib/search/rendered-pages';
import { searchPages } from '../../lib/search/search-pages';
import { QUEUED_MS_HEADER } from '../../lib/server/request-admission';
import { getSiteRecords } from '../../lib/site';
import { proxy } from '../../proxy';

const records = await getSiteRecords();
const known = knownFilters(records);
const committee = [...records.committees.keys()][0]!;
const otherCommittee = [...records.committees.keys()][1]!;

/** What the search page reads from a query string, as app/search/[request]/page.tsx reads it. */
function read(query: string) {
  const raw: RawSearchParams = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const held = raw[name];
    raw[name] = held === undefined ? value : [held, value].flat();
  }
  return readSearchRequest(raw, known);
}

const address = (query: string) => searchRenderPath(canonicalSearchQuery(new URLSearchParams(query)));

describe('the one written form of a search (canonicalSearchQuery)', () => {
  it('writes equivalent searches the same way: spacing, filter order, repeats, empty and unknown parameters, page 1', () => {
    const one = address(`q=business+case&committee=${committee}&outcome=approved`);
    expect(address(`outcome=approved&q=%20business%20%20case%20&committee=${committee}`)).toBe(one);
    expect(address(`q=business case&committee=${committee}&committee=${committee}&committee=&outcome=approved&utm_source=x&page=1`)).toBe(one);
    expect(address(`q=business+case&outcome=+approved+&committee=${committee}&page=0`)).toBe(one);
  });

  it('keeps what the page shows or reads apart: the words as typed, later pages, a different filter', () => {
    const one = address('q=business+case');
    expect(address('q=Business+case')).not.toBe(one);
    expect(address('q=business+case&page=2')).not.toBe(one);
    expect(address(`q=business+case&committee=${committee}`)).not.toBe(one);
  });

  it('is read by the search page exactly as the query it came from (request and problems), whatever is asked', () => {
    const names = ['q', 'page', 'year', ...FILTER_PARAMETERS, 'utm', 'Q'];
    const values = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        committee,
        otherCommittee,
        ` ${committee} `,
        'approved',
        'deferred',
        'nope',
        '2011',
        ' 2012 ',
        '2011-06-30',
        '02',
        '1e9',
        '9999999999',
        'yes',
        '',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 10 }), (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const canonical = canonicalSearchQuery(new URLSearchParams(query));
        expect(read(canonical)).toEqual(read(query));
        // Written once, it stays as it is.
        expect(canonicalSearchQuery(new URLSearchParams(canonical))).toBe(canonical);
      }),
      { numRuns: 400 },
    );
  });
});

/** A visible set's stamp: its identity, the London day, the next scheduled post. */
const stampOf = (set: object, today = '2026-12-05', validUntil = Infinity): RenderStamp => ({ records: set, today, validUntil });
const at = (time: number, today = '2026-12-05'): Now => ({ time, today });

/**
 * proxy.ts, the page and cache-handler.mjs in the order Next.js runs them, with a render that
 * counts itself and runs the real search: what the server does for one asker.
 */
function server(pages: RenderedSearchPages<{ html: string }>) {
  let renders = 0;
  let searches = 0;
  const ask = (query: string, set: object, now: Now = at(0)) => {
    const where = address(query);
    const hit = pages.lookup(where, { ...now, records: set });
    if (hit) return hit.value;
    pages.stamp(where, stampOf(set, now.today));
    renders++;
    const { request } = read(new URLSearchParams(canonicalSearchQuery(new URLSearchParams(query))).toString());
    searches++;
    const response = searchSite(records, request);
    const value = { html: `<h1>Search</h1><p>${response.total} results for ${request.q}</p>` };
    pages.store(where, value, now.time);
    return value;
  };
  return { ask, renders: () => renders, searches: () => searches };
}

const textPages = (limits = SEARCH_PAGE_LIMITS) => new RenderedSearchPages<{ html: string }>(limits, (v) => 2 * v.html.length);

describe('rendered search pages (lib/search/rendered-pages.ts)', () => {
  it('does not render or search again for the same search, nor for one written another way', () => {
    const site = server(textPages());
    const first = site.ask('q=business+case', records.indexes);
    expect(site.ask('q=business+case', records.indexes)).toBe(first);
    expect(site.ask('q=%20business%20%20case', records.indexes)).toBe(first);
    expect(site.renders()).toBe(1);
    expect(site.searches()).toBe(1);
    site.ask(`q=business+case&committee=${committee}`, records.indexes);
    expect(site.renders()).toBe(2);
  });

  it('renders again once the visible set changes, and forgets every page of the old one', () => {
    const pages = textPages();
    const site = server(pages);
    site.ask('q=business+case', records.indexes);
    site.ask('q=libraries', records.indexes);
    expect(pages.size).toBe(2);
    const newer = { ...records.indexes };
    site.ask('q=business+case', newer);
    expect(site.renders()).toBe(3);
    expect(pages.size).toBe(1);
    site.ask('q=business+case', newer);
    expect(site.renders()).toBe(3);
  });

  it('renders again when the next scheduled post goes live, and on a new London day', () => {
    const pages = textPages();
    pages.stamp('/search/sA', stampOf(records.indexes, '2026-12-05', 1_000));
    pages.store('/search/sA', { html: 'a' }, 0);
    expect(pages.lookup('/search/sA', at(999))).toBeDefined();
    expect(pages.lookup('/search/sA', at(1_000))).toBeUndefined();
    pages.stamp('/search/sB', stampOf(records.indexes));
    pages.store('/search/sB', { html: 'b' }, 0);
    expect(pages.lookup('/search/sB', at(5))).toBeDefined();
    expect(pages.lookup('/search/sB', at(5, '2026-12-06'))).toBeUndefined();
    expect(pages.counts).toMatchObject({ hits: 2, misses: 2, stored: 2 });
  });

  it('keeps nothing a render did not stamp (the local preview, a page not from the search page)', () => {
    const pages = textPages();
    expect(pages.store('/search/sA', { html: 'a' }, 0)).toBe(false);
    expect(pages.lookup('/search/sA', at(0))).toBeUndefined();
    expect(pages.counts.refused).toBe(1);
  });

  it('is bounded by entries and by bytes', () => {
    const byEntries = textPages({ ...SEARCH_PAGE_LIMITS, entries: 3 });
    const byBytes = textPages({ ...SEARCH_PAGE_LIMITS, bytes: 64 * 1024 });
    for (let i = 0; i < 50; i++) {
      for (const pages of [byEntries, byBytes]) {
        pages.stamp(`/search/s${i}`, stampOf(records.indexes));
        pages.store(`/search/s${i}`, { html: 'x'.repeat(2_000) }, 0);
      }
    }
    expect(byEntries.size).toBe(3);
    expect(byBytes.size).toBeLessThan(50);
    expect(byBytes.size * 4_000).toBeLessThanOrEqual(64 * 1024);
    // The newest are the ones kept.
    expect(byEntries.lookup('/search/s49', at(0))).toBeDefined();
    expect(byEntries.lookup('/search/s0', at(0))).toBeUndefined();
  });

  it('sizes a Next.js page by its HTML, its RSC data and its segments', () => {
    const html = 'x'.repeat(1_000);
    expect(pageValueBytes({ html, rscData: Buffer.alloc(500), segmentData: new Map([['/', Buffer.alloc(100)]]) })).toBe(pageValueBytes({ html }) + 600);
  });
});

describe('the limit on renders at once', () => {
  const limits = { ...SEARCH_PAGE_LIMITS, inFlight: 3, inFlightMs: 1_000 };

  it('lets renders through up to the limit and sheds the next, not before', () => {
    const pages = textPages(limits);
    expect(pages.tryEnter('/search/s1', 0)).toBe(true);
    expect(pages.tryEnter('/search/s2', 0)).toBe(true);
    expect(pages.counts.shed).toBe(0);
    expect(pages.tryEnter('/search/s3', 0)).toBe(true);
    expect(pages.inFlight(0)).toBe(3);
    expect(pages.tryEnter('/search/s4', 0)).toBe(false);
    expect(pages.counts.shed).toBe(1);
    // An address being rendered is rendered once for all its askers (Next.js): joining it is free.
    expect(pages.tryEnter('/search/s2', 0)).toBe(true);
    expect(pages.counts.shed).toBe(1);
  });

  it('frees a turn when a render hands its page over, and forgets a render that never did', () => {
    const pages = textPages(limits);
    for (const n of [1, 2, 3]) pages.tryEnter(`/search/s${n}`, 0);
    pages.stamp('/search/s1', stampOf(records.indexes));
    pages.store('/search/s1', { html: 'a' }, 0);
    expect(pages.inFlight(0)).toBe(2);
    expect(pages.tryEnter('/search/s4', 0)).toBe(true);
    expect(pages.tryEnter('/search/s5', 999)).toBe(false);
    // A render that failed (no page handed over) stops counting after inFlightMs.
    // s2 to s4 began at 0: at 1,000 only s5 is under way.
    expect(pages.tryEnter('/search/s5', 1_000)).toBe(true);
    expect(pages.inFlight(1_000)).toBe(1);
  });

  it('sheds a render whose asker waited too long for its turn, unless it joins one under way', () => {
    const pages = textPages(limits);
    expect(pages.tryEnter('/search/s1', 0, limits.behindMs)).toBe(true);
    expect(pages.tryEnter('/search/s2', 0, limits.behindMs + 1)).toBe(false);
    expect(pages.counts.shed).toBe(1);
    expect(pages.inFlight(0)).toBe(1);
    expect(pages.tryEnter('/search/s1', 0, 60_000)).toBe(true);
    expect(pages.counts.shed).toBe(1);
  });

  it('ends the turn of a search let through just as its page was stored, once that page is served', () => {
    const pages = textPages(limits);
    pages.stamp('/search/s1', stampOf(records.indexes));
    pages.store('/search/s1', { html: 'a' }, 0);
    pages.tryEnter('/search/s1', 0);
    expect(pages.inFlight(0)).toBe(1);
    expect(pages.lookup('/search/s1', at(0))).toBeDefined();
    expect(pages.inFlight(0)).toBe(0);
  });
});

describe('proxy.ts under load', () => {
  const door = searchPages();
  const ask = (query: string) => proxy(new NextRequest(`http://127.0.0.1:3000/search?${query}`));
  afterEach(() => {
    // Every render let through here ends, as cache-handler.mjs ends it.
    for (let i = 0; i < 40; i++) door.pages.store(address(`q=load${i}`), { html: '' }, 0);
  });

  it(`answers 503 with Retry-After once ${SEARCH_PAGE_LIMITS.inFlight} searches are being rendered, and not below`, async () => {
    for (let i = 0; i < SEARCH_PAGE_LIMITS.inFlight; i++) {
      const response = ask(`q=load${i}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('retry-after')).toBeNull();
    }
    const shedBefore = door.pages.counts.shed;
    const busy = ask('q=load99');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe(String(SHED_RETRY_AFTER_SECONDS));
    expect(busy.headers.get('cache-control')).toBe('no-store');
    expect(busy.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(busy.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(busy.headers.get('x-middleware-rewrite')).toBeNull();
    const html = await busy.text();
    expect(html).toBe(busyPage('/search?q=load99'));
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>Search is busy</h1>');
    expect(door.pages.counts.shed).toBe(shedBefore + 1);
    // A search already being rendered is not shed: it joins that render.
    expect(ask('q=load0').status).toBe(200);
  });

  it(`answers 503 to a search that waited over ${SEARCH_PAGE_LIMITS.behindMs} ms for its turn, with no render under way`, () => {
    const waited = (query: string, ms: number) =>
      proxy(new NextRequest(`http://127.0.0.1:3000/search?${query}`, { headers: { [QUEUED_MS_HEADER]: String(ms) } }));
    expect(door.pages.inFlight(Date.now())).toBe(0);
    expect(waited('q=load0', SEARCH_PAGE_LIMITS.behindMs + 1).status).toBe(503);
    expect(waited('q=load1', SEARCH_PAGE_LIMITS.behindMs).status).toBe(200);
  });

  it('serves a remembered page however many are being rendered', async () => {
    const now = door.now();
    expect(now.today).toBe(londonIsoDate(new Date(now.time)));
    door.pages.stamp(address('q=remembered'), stampOf(records.indexes, now.today));
    door.storePage(address('q=remembered'), { html: '<h1>Search</h1>' });
    for (let i = 0; i < SEARCH_PAGE_LIMITS.inFlight; i++) ask(`q=load${i}`);
    expect(ask('q=load98').status).toBe(503);
    const served = ask('q=+remembered+');
    expect(served.status).toBe(200);
    expect(new URL(served.headers.get('x-middleware-rewrite')!).pathname).toBe(address('q=remembered'));
    expect(served.headers.get('cache-control')).toBe('private, no-store');
    expect((await door.lookupPage(address('q=remembered')))?.value).toEqual({ html: '<h1>Search</h1>' });
  });

  it('escapes the address the busy page links back to', () => {
    expect(busyPage('/search?q="><script>&x=1')).toContain('href="/search?q=&quot;>&lt;script>&amp;x=1"');
  });
});
