import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentSet } from '../../lib/content/collect';
import { fixtureWithSyntheticPosts } from '../support/synthetic-content';
import { isError } from '../../lib/content/problems';
import { NO_FILTER } from '../../lib/filters/vocabulary';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { search } from '../../lib/search/paging';
import { fieldPostingsOf, Postings } from '../../lib/search/postings';
import type { SearchRequest } from '../../lib/search/query';
import { buildSearchEngine, type SearchEngine } from '../../lib/search/search-index';

/**
 * The search index keeps long lists of documents in typed arrays (lib/search/postings.ts) in
 * place of MiniSearch's Maps, to hold the index at 10,000 posts in a third of the memory. What
 * a resident finds, and in which order, must not change.
 */

describe('Postings, the compact list of a word’s documents', () => {
  type Operation = { op: 'set'; id: number; frequency: number } | { op: 'delete'; id: number } | { op: 'get'; id: number };
  const id = fc.integer({ min: 0, max: 60 });
  const operation: fc.Arbitrary<Operation> = fc.oneof(
    fc.record({ op: fc.constant('set' as const), id, frequency: fc.integer({ min: 1, max: 100_000 }) }),
    fc.record({ op: fc.constant('delete' as const), id }),
    fc.record({ op: fc.constant('get' as const), id }),
  );

  it('answers every lookup, change and listing as the Map it replaces', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 40 }), fc.array(operation, { maxLength: 60 }), (ids, operations) => {
        const sorted = [...ids].sort((a, b) => a - b);
        const map = new Map(sorted.map((key, i) => [key, i + 1]));
        const postings = new Postings(map);
        for (const step of operations) {
          if (step.op === 'set') {
            map.set(step.id, step.frequency);
            postings.set(step.id, step.frequency);
          } else if (step.op === 'delete') {
            expect(postings.delete(step.id)).toBe(map.delete(step.id));
          } else {
            expect(postings.get(step.id)).toBe(map.get(step.id));
            expect(postings.has(step.id)).toBe(map.has(step.id));
          }
          expect(postings.size).toBe(map.size);
        }
        // Ids ascending, as MiniSearch adds them; every pair, each key's frequency read as it is listed.
        const expected = [...map].sort(([a], [b]) => a - b);
        expect([...postings]).toEqual(expected);
        expect([...postings.keys()].map((key) => [key, postings.get(key)])).toEqual(expected);
        expect(Object.fromEntries(postings)).toEqual(Object.fromEntries(expected));
      }),
      { numRuns: 300, seed: 26 },
    );
  });
});

describe('the search index with compact postings', { timeout: 90_000 }, () => {
  let content: ContentSet;

  beforeAll(async () => {
    content = await fixtureWithSyntheticPosts(200, 26);
    expect(content.problems.filter(isError)).toEqual([]);
  });

  const engineOf = (): SearchEngine =>
    buildSearchEngine({
      indexes: buildIndexes(visibleDecisions(content.decisions, { now: new Date('2014-01-01T12:00:00Z'), preview: false })),
      committees: content.committees,
      projects: content.projects,
      glossary: content.glossary,
    });

  /** The same engine with every list a Map again, as MiniSearch makes them. */
  function withMaps(engine: SearchEngine): number {
    let restored = 0;
    for (const [, fields] of fieldPostingsOf(engine.index)) {
      for (const [fieldId, postings] of fields) {
        if (postings instanceof Postings) {
          fields.set(fieldId, new Map(postings));
          restored++;
        }
      }
    }
    return restored;
  }

  it('finds the same posts, with the same scores, in the same order, as MiniSearch’s own Maps', () => {
    const compact = engineOf();
    const maps = engineOf();
    expect(withMaps(maps)).toBeGreaterThan(100);
    const committee = [...content.committees.keys()][0]!;
    const queries = ['council', 'business case', 'contract award', 'procurment', 'servi', 'parking charges zebra', 'library', 'the', ''];
    const requests: SearchRequest[] = queries.flatMap((q) =>
      [{}, { filter: { ...NO_FILTER, committee: [committee] } }].flatMap((f) => [1, 2].map((page) => ({ q, page, ...f }))),
    );
    for (const request of requests) expect(search(compact, request), JSON.stringify(request)).toEqual(search(maps, request));
    for (const q of ['council', 'business', 'servi', 'procurment budget']) {
      const options = { prefix: true, fuzzy: 0.2, combineWith: 'OR' as const };
      expect(compact.index.search(q, options)).toEqual(maps.index.search(q, options));
    }
    // MiniSearch's own picture of the index is the same too.
    expect(JSON.stringify(compact.index)).toBe(JSON.stringify(maps.index));
  });
});
