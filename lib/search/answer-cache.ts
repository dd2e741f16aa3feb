import { filterQuery } from '../filters/vocabulary';
import type { LRUCache } from 'lru-cache';
import { boundedLru, stringBytes } from '../server/bounded-lru';
import { PROCESS_STATE, processSingleton } from '../server/process-singleton';
import { SEARCH_PAGE_SIZE, type SearchRequest } from './query';
import { clampPage, pageOfRanking, type SearchResponse } from './paging';
import { queryWords, rank, type Ranking } from './ranking';
import { searchEngineFor, type SearchEngine, type SearchSources } from './search-index';
import { processTerm } from './text';

/**
 * Remembered answers, per engine: a popular query is ranked once per visible set, and each of
 * its pages gets its snippets once. Bounded by entries and by bytes (lib/server/bounded-lru.ts), and
 * keyed only on what decides the answer: the query's search terms (so `Business  CASE` and
 * `business case` are one entry), the filters, and, for a page, the page number after clamping
 * to the pages there are (so `page=99999` and `page=1e99` are the last page's entry).
 */
export const SEARCH_CACHE_LIMITS = { entries: 1_000, bytes: 32 * 1024 * 1024 };

/**
 * Shared by every layer's copy of this module (lib/server/process-singleton.ts). Weakly keyed: an
 * engine's answers go with it when a newer visible set replaces it (lib/search/search-index.ts
 * keeps only the current engine).
 */
const responses = processSingleton(PROCESS_STATE.searchAnswers, () => new WeakMap<SearchEngine, LRUCache<string, Ranking | SearchResponse>>());

/** The answer cache of the engine for a visible set (created on first use). */
export function searchCacheFor(engine: SearchEngine): LRUCache<string, Ranking | SearchResponse> {
  let cache = responses.get(engine);
  if (!cache) {
    cache = boundedLru<Ranking | SearchResponse>(SEARCH_CACHE_LIMITS, (value) => ('ranked' in value ? rankingBytes(value) : responseBytes(value)));
    responses.set(engine, cache);
  }
  return cache;
}

/** About what a ranking holds: the list, and each match's terms (entries are the engine's own). */
function rankingBytes(ranking: Ranking): number {
  let bytes = 64;
  for (const { terms } of ranking.ranked) {
    bytes += 64;
    for (const term of terms) bytes += stringBytes(term);
  }
  return bytes;
}

/** About what a page of results holds: the strings of its hits and snippets. */
function responseBytes(response: SearchResponse): number {
  let bytes = 256 + stringBytes(response.request.q);
  for (const hit of response.hits) {
    bytes += 128 + stringBytes(hit.id) + stringBytes(hit.title) + stringBytes(hit.href);
    for (const part of hit.snippet) bytes += 32 + stringBytes(part.text);
  }
  return bytes;
}

/** Search through the site's records: the engine for the visible set, then the query (remembered). */
export function searchSite(sources: SearchSources, request: SearchRequest, pageSize = SEARCH_PAGE_SIZE): SearchResponse {
  const engine = searchEngineFor(sources);
  const cache = searchCacheFor(engine);
  const terms = request.q ? queryWords(request.q).map((word) => processTerm(word)) : null;
  const what = JSON.stringify([terms, request.filter ? filterQuery(request.filter) : '', request.year]);
  const rankingKey = `rank ${what}`;
  let ranking = cache.get(rankingKey) as Ranking | undefined;
  if (!ranking) {
    ranking = rank(engine, request);
    cache.set(rankingKey, ranking);
  }
  const { page } = clampPage(request.page, ranking.ranked.length, pageSize);
  const pageKey = `page ${what} ${page} ${pageSize}`;
  let response = cache.get(pageKey) as SearchResponse | undefined;
  if (!response) {
    response = pageOfRanking(ranking, { ...request, page }, pageSize);
    cache.set(pageKey, response);
  }
  // The same answer, with this request's own words (the terms matched; the spelling is the visitor's).
  return response.request.q === request.q ? response : { ...response, request: { ...response.request, q: request.q } };
}
