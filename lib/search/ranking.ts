import type { Query, SearchResult } from 'minisearch';
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
    const terms = processTerm(word);
    const key = terms?.at(-1);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
    if (words.length >= MAX_QUERY_WORDS) break;
  }
  return words;
}

/**
 * Typo tolerance scaled to the length of the word as typed: none up to 4 letters (a typo of
 * "part" is "park" or "pert": another word), one edit up to 7 ("parkng"), two from 8 on.
 */
export function typosAllowed(word: string): number {
  return word.length <= 4 ? 0 : word.length <= 7 ? 1 : 2;
}

/** Prefixes are tried for an unfinished last word of at least this many letters ("catal"). */
const MIN_PREFIX = 4;

/** What each query word matches exactly: the word as written and its stem. */
interface QueryWord {
  surface: string;
  stem: string;
}

/**
 * The MiniSearch query of a resident's words: every word (or, as a fallback, any word) must
 * match. A word matches as written or by its stem, and scores both when both match, so the
 * word itself ranks above its other forms. A word the records do not contain ("parkng",
 * "catal") is a typo or unfinished: it may also match within typosAllowed edits, and, when it is
 * the last word typed, as a prefix. A word the records contain is taken as meant: "parking" does
 * not also find "barking", nor "part" "partner".
 */
function queryOf(words: readonly QueryWord[], vocabulary: ReadonlySet<string>, combineWith: 'AND' | 'OR'): Query {
  const asIs = { tokenize: (text: string) => [text], processTerm: (term: string) => term };
  return {
    combineWith,
    queries: words.map(({ surface, stem }, i) => {
      const known = vocabulary.has(surface);
      const typos = known ? 0 : typosAllowed(surface);
      const prefix = !known && i === words.length - 1 && surface.length >= MIN_PREFIX;
      const written: Query = { ...asIs, queries: [surface], fuzzy: typos || false, maxFuzzy: typos, prefix };
      return stem === surface ? written : { combineWith: 'OR', queries: [written, { ...asIs, queries: [stem], fuzzy: false, prefix: false }] };
    }),
  };
}

/** How many query words a result matched only by a typo or a prefix: fewer ranks first. */
function inexactWords(words: readonly QueryWord[], matched: readonly string[]): number {
  const terms = new Set(matched);
  return words.filter(({ surface, stem }) => !terms.has(surface) && !terms.has(stem)).length;
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
  const queryWordsOf = words.map((word) => {
    const terms = processTerm(word)!;
    return { surface: terms[0]!, stem: terms.at(-1)! };
  });
  const filter = (result: SearchResult) => {
    const entry = engine.entries.get(result.id as string);
    return entry !== undefined && matchesFilters(entry, request);
  };
  let mode: SearchMode = 'all';
  let results = engine.index.search(queryOf(queryWordsOf, engine.vocabulary, 'AND'), { filter });
  if (results.length === 0 && words.length > 1) {
    mode = 'any';
    results = engine.index.search(queryOf(queryWordsOf, engine.vocabulary, 'OR'), { filter });
  }
  // Exact and stemmed matches first, then those with a word matched only by a typo or a prefix,
  // each by score; ties (equal scores) go to the newer decision, then to the title.
  const ranked = results
    .map((result) => ({
      entry: engine.entries.get(result.id as string)!,
      score: result.score,
      terms: result.terms,
      inexact: inexactWords(queryWordsOf, result.terms),
    }))
    .sort(
      (a, b) =>
        a.inexact - b.inexact ||
        b.score - a.score ||
        (b.entry.decision?.published.getTime() ?? 0) - (a.entry.decision?.published.getTime() ?? 0) ||
        a.entry.title.localeCompare(b.entry.title),
    )
    .map(({ entry, score, terms }) => ({ entry, score, terms }));
  return { mode, ranked };
}
