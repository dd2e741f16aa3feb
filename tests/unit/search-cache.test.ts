import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundedLru } from '../../lib/server/bounded-lru';
import { checkContentDir } from '../../lib/content/check';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { SEARCH_CACHE_LIMITS, searchCacheFor, searchSite } from '../../lib/search/answer-cache';
import { knownFilters } from '../../lib/search/filters';
import { search } from '../../lib/search/paging';
import { searchEngineFor, type SearchSources } from '../../lib/search/search-index';
import { parsePage, parseSearchRequest, type SearchRequest } from '../../lib/search/query';
import { FIXTURE_CONTENT } from '../support/content';

/**
 * Nothing a visitor puts in a search address can make the server keep more: the answer cache is
 * bounded by entries and bytes, and keyed on what decides the answer (the page number only
 * after it is clamped to the pages there are).
 */

let sources: SearchSources;

/** A fresh set of sources each time: a new engine, so a new, empty answer cache. */
async function freshSources(): Promise<SearchSources> {
  const report = await checkContentDir(FIXTURE_CONTENT);
  expect(report.errors).toBe(0);
  const { content } = report;
  return {
    indexes: buildIndexes(visibleDecisions(content.decisions, { now: new Date(), preview: false })),
    committees: content.committees,
    projects: content.projects,
    glossary: content.glossary,
  };
}

beforeAll(async () => {
  sources = await freshSources();
});

describe('boundedLru (lru-cache bounded by entries and bytes)', () => {
  it('keeps at most its entries, dropping the least recently used', () => {
    const cache = boundedLru<number>({ entries: 3, bytes: 1_000_000 }, () => 10);
    for (const key of ['a', 'b', 'c']) cache.set(key, 1);
    cache.get('a'); // a is now the most recent: b goes first
    cache.set('d', 1);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });

  it('keeps at most its bytes, and refuses a value larger than an eighth of them', () => {
    const cache = boundedLru<number>({ entries: 1000, bytes: 8_000 }, (bytes) => bytes);
    cache.set('huge', 1_001);
    expect(cache.has('huge')).toBe(false);
    expect(cache.size).toBe(0);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, 900);
    expect(cache.calculatedSize).toBeLessThanOrEqual(8_000);
    expect(cache.size).toBeLessThan(100);
    expect(cache.get('k99')).toBe(900);
  });

  it('never exceeds either bound, and counts its bytes exactly (any sequence of sets, gets and deletes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('set', 'get', 'delete'), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 400 })), { maxLength: 300 }),
        (ops) => {
          const cache = boundedLru<number>({ entries: 10, bytes: 2_000 }, (bytes) => bytes);
          for (const [op, k, bytes] of ops) {
            const key = `key-${k}`;
            if (op === 'set') cache.set(key, bytes);
            else if (op === 'get') cache.get(key);
            else cache.delete(key);
            expect(cache.size).toBeLessThanOrEqual(10);
            expect(cache.calculatedSize).toBeLessThanOrEqual(2_000);
            expect(cache.calculatedSize).toBeGreaterThanOrEqual(0);
          }
          // Emptying it brings the count of bytes back to zero: nothing was lost or counted twice.
          for (let k = 0; k <= 30; k++) cache.delete(`key-${k}`);
          expect(cache.size).toBe(0);
          expect(cache.calculatedSize).toBe(0);
        },
      ),
    );
  });
});

describe('the search answer cache', () => {
  const request = (q: string, page: number): SearchRequest => ({ q, page });

  it('invented page numbers share the entry of the page they are clamped to', async () => {
    const own = await freshSources();
    const engine = searchEngineFor(own);
    const cache = searchCacheFor(engine);
    const pageCount = searchSite(own, request('council', 1), 3).pageCount;
    expect(pageCount).toBeGreaterThan(1);
    for (let page = 1; page <= 5_000; page++) searchSite(own, request('council', page), 3);
    // One ranking of the query, one entry per page that exists.
    expect(cache.size).toBe(1 + pageCount);
    const last = searchSite(own, request('council', pageCount), 3);
    expect(searchSite(own, request('council', 99_999), 3)).toEqual(last);
  });

  it('page=1e99, page=02, a 400-digit page and page=-1 are clamped before they name an entry', async () => {
    const own = await freshSources();
    const cache = searchCacheFor(searchEngineFor(own));
    const known = knownFilters(own as Parameters<typeof knownFilters>[0]);
    const pages = ['1e99', '02', '2', '9'.repeat(400), '-1', '0', 'abc', '000000000002', ''];
    const answers = pages.map((page) => searchSite(own, parseSearchRequest({ q: 'council', page }, known), 3));
    expect(parsePage('9'.repeat(400))).toBe(Number.MAX_SAFE_INTEGER);
    // page=02 and 000000000002 are page 2; the rest are the first or the last page.
    expect(answers[1]!.page).toBe(2);
    expect(answers[7]!.page).toBe(2);
    const distinctPages = new Set(answers.map((a) => a.page));
    expect(cache.size).toBe(1 + distinctPages.size);
    for (const answer of answers) expect(answer.page).toBeLessThanOrEqual(answer.pageCount);
  });

  it('the same words in another spelling are one entry, and each answer still shows the words as typed', async () => {
    const own = await freshSources();
    const cache = searchCacheFor(searchEngineFor(own));
    const a = searchSite(own, request('business case', 1));
    const b = searchSite(own, request('Business  CASE', 1));
    expect(cache.size).toBe(2);
    expect(b.hits).toEqual(a.hits);
    expect(b.request.q).toBe('Business  CASE');
    expect(a.request.q).toBe('business case');
  });

  it('answers are the same as an uncached search', () => {
    for (const q of ['catalyst', 'direct payments', 'zzzz', 'the', '']) {
      for (const page of [1, 2, 50]) {
        const uncached = search(searchEngineFor(sources), request(q, page));
        expect(searchSite(sources, request(q, page))).toEqual(uncached);
      }
    }
  });

  it('thousands of different queries leave it within its entry and byte limits', async () => {
    const own = await freshSources();
    const cache = searchCacheFor(searchEngineFor(own));
    const words = ['council', 'business', 'case', 'project', 'barnet', 'service', 'cabinet', 'approved', 'options', 'payments'];
    let n = 0;
    for (const a of words) for (const b of words) for (let i = 0; i < 12; i++) searchSite(own, request(`${a} ${b} q${n++}`, 1));
    expect(n).toBeGreaterThan(SEARCH_CACHE_LIMITS.entries);
    expect(cache.size).toBeLessThanOrEqual(SEARCH_CACHE_LIMITS.entries);
    expect(cache.calculatedSize).toBeLessThanOrEqual(SEARCH_CACHE_LIMITS.bytes);
    expect(cache.calculatedSize).toBeGreaterThan(0);
  });
});
