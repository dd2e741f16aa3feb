import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentSet } from '../../lib/content/collect';
import { fixtureWithSyntheticPosts } from '../support/synthetic-content';
import { isError } from '../../lib/content/problems';
import { NO_FILTER } from '../../lib/filters/vocabulary';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { searchSite } from '../../lib/search/answer-cache';
import { search } from '../../lib/search/paging';
import type { SearchRequest } from '../../lib/search/query';
import { buildSearchEngine, searchEngineFor, type SearchSources } from '../../lib/search/search-index';

/**
 * When scheduled posts go live, the search engine of the visible set is extended with them
 * (MiniSearch `add`) instead of being built again inside a request; it must answer exactly as
 * an engine built from nothing for the new set would.
 */

let content: ContentSet;

beforeAll(async () => {
  content = await fixtureWithSyntheticPosts(160, 15);
  expect(content.problems.filter(isError)).toEqual([]);
});

/** The sources getSiteRecords() gives at a moment: the decisions visible then, the same committees, projects and glossary. */
function sourcesAt(now: string): SearchSources {
  return {
    indexes: buildIndexes(visibleDecisions(content.decisions, { now: new Date(now), preview: false })),
    committees: content.committees,
    projects: content.projects,
    glossary: content.glossary,
  };
}

/** Queries (every word, any word, typos, prefixes, nothing, common words only) under filters and pages. */
function requests(): SearchRequest[] {
  const committee = [...content.committees.keys()][0]!;
  const project = [...content.projects.keys()][0]!;
  const filters: Omit<SearchRequest, 'q' | 'page'>[] = [
    {},
    { filter: { ...NO_FILTER, committee: [committee] }, year: 2013 },
    { filter: { ...NO_FILTER, project: [project] } },
    { filter: { ...NO_FILTER, outcome: ['approved'] } },
  ];
  const queries = ['council', 'business case', 'contract award', 'procurment', 'servi', 'parking charges zebra', 'the', ''];
  return queries.flatMap((q) => filters.flatMap((f) => [1, 2].map((page) => ({ q, page, ...f }))));
}

function expectSameAnswers(sources: SearchSources): void {
  const engine = searchEngineFor(sources);
  const rebuilt = buildSearchEngine(sources);
  expect(engine.documentCount).toBe(rebuilt.documentCount);
  // The very index a full build makes: documents, ids, term statistics and field lengths.
  expect(JSON.stringify(engine.index)).toBe(JSON.stringify(rebuilt.index));
  for (const request of requests()) expect(search(engine, request), JSON.stringify(request)).toEqual(search(rebuilt, request));
}

describe('the search engine when scheduled posts go live', { timeout: 90_000 }, () => {
  it('is extended, not rebuilt, and answers as a full build of the new set does', () => {
    const before = sourcesAt('2012-06-01T12:00:00Z');
    const earlier = searchEngineFor(before);
    expectSameAnswers(before);

    // Many posts at once (a server that was idle), then one (the usual case), then the rest.
    for (const now of ['2013-01-01T12:00:00Z', '2013-01-10T12:00:00Z', '2014-06-01T12:00:00Z']) {
      const later = sourcesAt(now);
      const previous = searchEngineFor(before);
      expect(later.indexes.all.length).toBeGreaterThan(before.indexes.all.length);
      const engine = searchEngineFor(later);
      expect(engine).not.toBe(previous);
      expect(engine.index).toBe(earlier.index); // the same MiniSearch index, with the new posts added
      expectSameAnswers(later);
      before.indexes = later.indexes; // the next step goes on from this set
    }
  });

  it('a post that goes live is found at once, through the answer cache too', () => {
    const before = sourcesAt('2013-03-01T12:00:00Z');
    const after = sourcesAt('2013-04-01T12:00:00Z');
    const fresh = after.indexes.all.filter((d) => !before.indexes.bySlug.has(d.slug));
    expect(fresh.length).toBeGreaterThan(0);
    const post = fresh.at(-1)!;
    const request: SearchRequest = { q: post.title, page: 1 };
    expect(searchSite(before, request).hits.map((h) => h.id)).not.toContain(`decision:${post.slug}`);
    expect(searchSite(after, request).hits.map((h) => h.id)).toContain(`decision:${post.slug}`);
    expect(searchSite(after, request)).toEqual(search(buildSearchEngine(after), request));
  });

  it('an engine that was extended still answers only for its own set, and asking for that set again builds it afresh', () => {
    const before = sourcesAt('2012-09-01T12:00:00Z');
    const after = sourcesAt('2013-09-01T12:00:00Z');
    const superseded = searchEngineFor(before);
    searchEngineFor(after);
    const request: SearchRequest = { q: 'council', page: 1, year: 2013 };
    expect(search(buildSearchEngine(after), request).total).toBeGreaterThan(0);
    // 2013's posts are in the shared index now, but not in this engine's set.
    expect(search(superseded, request).total).toBe(0);
    for (const hit of search(superseded, { q: 'council', page: 1 }).hits) {
      if (hit.kind === 'decision') expect(before.indexes.bySlug.has(hit.id.slice('decision:'.length))).toBe(true);
    }
    // A request still holding the earlier set (it read the records just before the change).
    const again = searchEngineFor(before);
    expect(again).not.toBe(superseded);
    expectSameAnswers(before);
  });

  it('other content (the local preview reads it again) gets a full build', () => {
    const live = sourcesAt('2014-01-01T00:00:00Z');
    const engine = searchEngineFor(live);
    const reread = { ...live, committees: new Map(live.committees) };
    const other = searchEngineFor(reread);
    expect(other.index).not.toBe(engine.index);
    expectSameAnswers(reread);
  });
});
