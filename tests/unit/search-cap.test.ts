/**
 * A search with more values of one parameter than any view has is refused before any work:
 * proxy.ts answers a plain 400 before the page reads content, parses filters or renders.
 */
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { MAX_VALUES, overTheCap } from '../../lib/filters/vocabulary';
import { searchRenderPath } from '../../lib/search/rendered-address';
import { canonicalSearchQuery } from '../../lib/search/query';
import { proxy } from '../../proxy';

const search = (query: string) => proxy(new NextRequest(`http://127.0.0.1:3000/search?${query}`));
const repeat = (name: string, count: number) => Array.from({ length: count }, (_, i) => `${name}=v${i}`).join('&');

describe('the cap on values per parameter', () => {
  it('answers 1,851 tag values with a plain 400, before rendering', async () => {
    const response = search(`q=parking&${repeat('tag', 1851)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe(`Too many values of "tag" (1851); a search takes at most ${MAX_VALUES} of each.\n`);
    // Not passed on to the page: no rewrite, no "next" marker.
    expect(response.headers.get('x-middleware-next')).toBeNull();
  });

  it('lets a search with up to the cap through to the page, rendered at the address of its query, kept by no cache', () => {
    const query = `q=parking&${repeat('tag', MAX_VALUES)}&${repeat('committee', MAX_VALUES)}`;
    const response = search(query);
    expect(response.status).toBe(200);
    // At the address of the query's one written form (filters in their order: committee, then tag).
    expect(new URL(response.headers.get('x-middleware-rewrite')!).pathname).toBe(searchRenderPath(canonicalSearchQuery(new URLSearchParams(query))));
    expect(canonicalSearchQuery(new URLSearchParams(query))).toBe(`q=parking&${repeat('committee', MAX_VALUES)}&${repeat('tag', MAX_VALUES)}`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    // No nonce: search carries no script, and next.config.ts gives it script-src 'none'.
    expect(response.headers.get('content-security-policy')).toBeNull();
  });

  it('counts every parameter, not only the filters', () => {
    expect(search(repeat('q', MAX_VALUES + 1)).status).toBe(400);
    expect(search(repeat('page', MAX_VALUES + 1)).status).toBe(400);
    expect(overTheCap(new URLSearchParams(repeat('year', MAX_VALUES)))).toBeUndefined();
    expect(overTheCap(new URLSearchParams(repeat('year', MAX_VALUES + 1)))).toEqual({ parameter: 'year', count: MAX_VALUES + 1 });
  });
});
