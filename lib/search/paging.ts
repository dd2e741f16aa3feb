import { SEARCH_PAGE_SIZE, type SearchRequest } from './query';
import { rank, type Ranking, type SearchMode } from './ranking';
import type { ResultKind, SearchEngine, SearchEntry } from './search-index';
import { buildSnippet, type Snippet } from './snippet';

/** Paging: one page of a ranking, each hit with what a result shows (its kind, date, committee and snippet). */

export const kindLabels: Record<ResultKind, string> = {
  decision: 'Decision',
  committee: 'Decision maker',
  project: 'Project',
  glossary: 'Glossary term',
};

export interface SearchHit {
  id: string;
  kind: ResultKind;
  kindLabel: string;
  title: string;
  href: string;
  /** Publication date, for decisions. */
  date?: Date;
  committee?: { slug: string; name: string };
  snippet: Snippet;
  score: number;
}

export interface SearchResponse {
  request: SearchRequest;
  mode: SearchMode;
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  hits: SearchHit[];
}

function toHit(entry: SearchEntry, score: number, terms: Iterable<string>): SearchHit {
  return {
    id: entry.id,
    kind: entry.kind,
    kindLabel: kindLabels[entry.kind],
    title: entry.title,
    href: entry.href,
    ...(entry.decision ? { date: entry.decision.published } : {}),
    ...(entry.committee ? { committee: entry.committee } : {}),
    snippet: buildSnippet(entry.texts(), terms),
    score,
  };
}

/** The page to show: `requested` brought into 1 … the last page (a page past the end shows the last). */
export function clampPage(requested: number, total: number, pageSize: number): { page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, Math.floor(requested) || 1), pageCount), pageCount };
}

/** One page of a ranking, with snippets. `request.page` is clamped first (and the answer's request says so). */
export function pageOfRanking(ranking: Ranking, request: SearchRequest, pageSize = SEARCH_PAGE_SIZE): SearchResponse {
  const { page, pageCount } = clampPage(request.page, ranking.ranked.length, pageSize);
  const items = ranking.ranked.slice((page - 1) * pageSize, page * pageSize);
  return {
    request: request.page === page ? request : { ...request, page },
    mode: ranking.mode,
    total: ranking.ranked.length,
    page,
    pageCount,
    pageSize,
    hits: items.map(({ entry, score, terms }) => toHit(entry, score, terms)),
  };
}

/** Runs a search: ranked results (every word first, any word as a fallback), filtered and paged. */
export function search(engine: SearchEngine, request: SearchRequest, pageSize = SEARCH_PAGE_SIZE): SearchResponse {
  return pageOfRanking(rank(engine, request), request, pageSize);
}
