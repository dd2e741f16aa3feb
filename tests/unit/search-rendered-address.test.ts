/**
 * A search is rendered at the address of its query (lib/search/rendered-address.ts): the query
 * survives the round trip whatever it holds, and a segment proxy.ts would not write reads as none.
 */
import { describe, expect, it } from 'vitest';
import { queryOfSegment, SEARCH_RENDER_PREFIX, searchRenderPath, searchSegment } from '../../lib/search/rendered-address';

describe('the rendered address of a search', () => {
  const queries = [
    '',
    'q=business',
    'q=business+case&committee=cabinet-resources-committee&outcome=approved&page=2',
    'q=%C2%A3%2F%3F%25',
    'q=caf\u00e9 \u{1F389}/?#%',
    'q='.padEnd(3000, 'x'),
  ];

  it('carries any query there and back, in one path segment that needs no escaping', () => {
    for (const query of queries) {
      const path = searchRenderPath(query);
      expect(path.startsWith(SEARCH_RENDER_PREFIX)).toBe(true);
      const segment = path.slice(SEARCH_RENDER_PREFIX.length);
      expect(segment).toMatch(/^s[A-Za-z0-9_-]*$/);
      expect(segment).toBe(searchSegment(query));
      expect(queryOfSegment(segment)).toBe(query);
    }
  });

  it('reads a segment proxy.ts would not write as no query', () => {
    for (const segment of ['', 'x', 'sa', 's%41', 's/a', 'sYQ=', 's_w']) expect(queryOfSegment(segment), segment).toBeUndefined();
  });
});
