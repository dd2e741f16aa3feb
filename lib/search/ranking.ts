import type { SearchResult } from 'minisearch';
import { matchesFilters } from './filters';
import { hasFilters, MAX_QUERY_WORDS, type SearchRequest } from './query';
import type { SearchEngine, SearchEntry } from './search-index';
import { processTerm, tokenize } from './text';

/** Ranking: every match of a request, best first, before paging and snippets. */

export type SearchMode =
  /** No query and no filters: the page shows guidance. */
  | 'empty'
  /** A query with no searchable word in it ("the", "?!"). */
  | 'no-words'
  /** Results contain every word of the query. */
  | 'all'
  /** No result had every word; these have some of them. */
  | 'any'
  /** No query, but filters: the matching decisions, newest first. */
  | 'browse';

/** The searchable words of a query, at most MAX_QUERY_WORDS of them, as MiniSearch will read them. */
export function queryWords(q: string): string[] {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const word of tokenize(q)) {
    const term = processTerm(word);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    words.push(word);
    if (words.length >= MAX_QUERY_WORDS) break;
  }
  return words;
}

export interface Ranked {
  entry: SearchEntry;
  score: number;
  terms: string[];
}

/** What a search costs: every match, in order, before paging and snippets. */
export interface Ranking {
  mode: SearchMode;
  ranked: Ranked[];
}

/** Every match of a request's query and filters, best first (every word first, any word as a fallback). */
export function rank(engine: SearchEngine, request: SearchRequest): Ranking {
  if (!request.q) {
    if (!hasFilters(request)) return { mode: 'empty', ranked: [] };
    return { mode: 'browse', ranked: engine.decisions.filter((entry) => matchesFilters(entry, request)).map((entry) => ({ entry, score: 0, terms: [] })) };
  }
  const words = queryWords(request.q);
  if (words.length === 0) return { mode: 'no-words', ranked: [] };
  const query = words.join(' ');
  const filter = (result: SearchResult) => {
    const entry = engine.entries.get(result.id as string);
    return entry !== undefined && matchesFilters(entry, request);
  };
  let mode: SearchMode = 'all';
  let results = engine.index.search(query, { combineWith: 'AND', filter });
  if (results.length === 0 && words.length > 1) {
    mode = 'any';
    results = engine.index.search(query, { combineWith: 'OR', filter });
  }
  // Ties (equal scores) go to the newer decision, then to the title.
  const ranked = results
    .map((result) => ({ entry: engine.entries.get(result.id as string)!, score: result.score, terms: result.terms }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.entry.decision?.published.getTime() ?? 0) - (a.entry.decision?.published.getTime() ?? 0) ||
        a.entry.title.localeCompare(b.entry.title),
    );
  return { mode, ranked };
}
