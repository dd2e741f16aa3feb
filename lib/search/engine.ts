import MiniSearch, { type SearchResult } from 'minisearch';
import type { Committee, Decision, GlossaryTerm, Project } from '../content/types';
import { londonYear } from '../dates';
import { decisionMatches, filterQuery } from '../filters';
import type { DecisionIndexes } from '../indexes';
import { tagLabel } from '../labels';
import { paths } from '../urls';
import { hasFilters, MAX_QUERY_WORDS, SEARCH_PAGE_SIZE, type SearchRequest } from './query';
import { BoundedCache, stringBytes } from '../bounded-cache';
import { buildSnippet, type Snippet } from './snippet';
import { markdownToPlainText, processTerm, tokenize } from './text';

/**
 * Server-side search over the visible decisions, the committees, the projects and the
 * glossary, with MiniSearch. The index is built once per visible set of decisions (see
 * searchEngineFor) and then only read, so a search costs a lookup, not a rebuild.
 */

export type ResultKind = 'decision' | 'committee' | 'project' | 'glossary';

export const kindLabels: Record<ResultKind, string> = {
  decision: 'Decision',
  committee: 'Committee',
  project: 'Project',
  glossary: 'Glossary term',
};

/** What the index holds for each record: text fields only. */
interface SearchDocument {
  id: string;
  title: string;
  subjects: string;
  summary: string;
  body: string;
  names: string;
  tags: string;
}

/** What a result needs to be shown and filtered. */
interface Entry {
  id: string;
  kind: ResultKind;
  slug: string;
  title: string;
  href: string;
  /** Texts for the snippet, in order of preference. */
  texts: string[];
  decision?: Decision;
  year?: number;
  committee?: { slug: string; name: string };
}

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

export interface SearchResponse {
  request: SearchRequest;
  mode: SearchMode;
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  hits: SearchHit[];
}

export interface SearchSources {
  indexes: DecisionIndexes;
  committees: Map<string, Committee>;
  projects: Map<string, Project>;
  glossary: Map<string, GlossaryTerm>;
}

export interface SearchEngine {
  index: MiniSearch<SearchDocument>;
  entries: Map<string, Entry>;
  /** Decisions, newest first, for browsing by filters alone. */
  decisions: Entry[];
  documentCount: number;
  buildMilliseconds: number;
}

const FIELDS = ['title', 'subjects', 'summary', 'body', 'names', 'tags'] as const;

/** Title > subjects > summary > body; the names of committees and projects and the tags in between. */
export const FIELD_BOOSTS: Record<(typeof FIELDS)[number], number> = {
  title: 5,
  subjects: 3,
  summary: 2,
  names: 1.5,
  tags: 1.5,
  body: 1,
};

const searchOptions = {
  boost: FIELD_BOOSTS,
  // Prefixes for words of four letters or more ("catal" finds Catalyst); typos too ("businesss").
  prefix: (term: string) => term.length >= 4,
  fuzzy: (term: string) => (term.length > 3 ? 0.2 : false),
  maxFuzzy: 3,
};

function withShortName(name: string, shortName?: string): string {
  return shortName ? `${name} ${shortName}` : name;
}

function decisionEntry(decision: Decision, sources: SearchSources): { doc: SearchDocument; entry: Entry } {
  const committee = sources.committees.get(decision.committee);
  const projectNames = new Set<string>();
  for (const item of decision.items) {
    const project = item.project ? sources.projects.get(item.project) : undefined;
    if (project) projectNames.add(withShortName(project.name, project.shortName));
  }
  const subjects = decision.items.map((item) => item.subject).join('. ');
  const body = markdownToPlainText(decision.body);
  const id = `decision:${decision.slug}`;
  return {
    doc: {
      id,
      title: decision.title,
      subjects,
      summary: decision.summary,
      body,
      names: [committee ? withShortName(committee.name, committee.shortName) : '', ...projectNames].join('. '),
      tags: decision.tags.map(tagLabel).join('. '),
    },
    entry: {
      id,
      kind: 'decision',
      slug: decision.slug,
      title: decision.title,
      href: paths.decision(decision.slug),
      texts: [decision.summary, body, subjects],
      decision,
      year: londonYear(decision.published),
      ...(committee ? { committee: { slug: committee.slug, name: committee.name } } : {}),
    },
  };
}

/** Builds the index; searchEngineFor remembers it per visible set. */
export function buildSearchEngine(sources: SearchSources): SearchEngine {
  const started = performance.now();
  const index = new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize,
    processTerm,
    searchOptions: { ...searchOptions, tokenize, processTerm },
  });
  const docs: SearchDocument[] = [];
  const entries = new Map<string, Entry>();
  const decisions: Entry[] = [];
  const add = (doc: SearchDocument, entry: Entry) => {
    docs.push(doc);
    entries.set(entry.id, entry);
  };
  for (const decision of sources.indexes.all) {
    const { doc, entry } = decisionEntry(decision, sources);
    add(doc, entry);
    decisions.push(entry);
  }
  for (const committee of sources.committees.values()) {
    const body = markdownToPlainText(committee.body);
    const id = `committee:${committee.slug}`;
    add(
      { id, title: withShortName(committee.name, committee.shortName), subjects: '', summary: committee.summary, body, names: '', tags: '' },
      { id, kind: 'committee', slug: committee.slug, title: committee.name, href: paths.committee(committee.slug), texts: [committee.summary, body] },
    );
  }
  for (const project of sources.projects.values()) {
    const body = markdownToPlainText(project.body);
    const id = `project:${project.slug}`;
    add(
      {
        id,
        title: withShortName(project.name, project.shortName),
        subjects: project.businessCase?.title ?? '',
        summary: project.summary,
        body,
        names: project.programme,
        tags: '',
      },
      {
        id,
        kind: 'project',
        slug: project.slug,
        title: project.shortName ? `${project.name} (${project.shortName})` : project.name,
        href: paths.project(project.slug),
        texts: [project.summary, body],
      },
    );
  }
  for (const term of sources.glossary.values()) {
    const body = markdownToPlainText(term.body);
    const id = `glossary:${term.slug}`;
    add(
      { id, title: term.term, subjects: term.aliases.join('. '), summary: term.summary, body, names: '', tags: '' },
      { id, kind: 'glossary', slug: term.slug, title: term.term, href: paths.glossaryTerm(term.slug), texts: [term.summary, body] },
    );
  }
  index.addAll(docs);
  return { index, entries, decisions, documentCount: docs.length, buildMilliseconds: performance.now() - started };
}

/** Shared by every copy of this module in the process (Next.js bundles one per layer), so the index is built once. */
const ENGINES_KEY = Symbol.for('barnet-decisions.search-engines');
const engines = (((globalThis as Record<symbol, unknown>)[ENGINES_KEY] as WeakMap<DecisionIndexes, SearchEngine> | undefined) ??
  new WeakMap<DecisionIndexes, SearchEngine>()) as WeakMap<DecisionIndexes, SearchEngine>;
(globalThis as Record<symbol, unknown>)[ENGINES_KEY] = engines;

/**
 * The engine for a visible set. lib/site.ts builds one DecisionIndexes per visible set and
 * keeps it, so keying on it builds the index once per set: again only when a scheduled post
 * goes live (or, in the local preview, when the content is read again).
 */
export function searchEngineFor(sources: SearchSources): SearchEngine {
  let engine = engines.get(sources.indexes);
  if (!engine) {
    engine = buildSearchEngine(sources);
    engines.set(sources.indexes, engine);
  }
  return engine;
}

function matchesFilters(entry: Entry, request: SearchRequest): boolean {
  if (!hasFilters(request)) return true;
  const decision = entry.decision;
  if (!decision) return false; // filters are about decisions
  if (request.year && entry.year !== request.year) return false;
  // The site's one vocabulary, matched as the feeds and the data match it (lib/filters.ts).
  return !request.filter || decisionMatches(decision, request.filter);
}

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

function toHit(entry: Entry, score: number, terms: Iterable<string>): SearchHit {
  return {
    id: entry.id,
    kind: entry.kind,
    kindLabel: kindLabels[entry.kind],
    title: entry.title,
    href: entry.href,
    ...(entry.decision ? { date: entry.decision.published } : {}),
    ...(entry.committee ? { committee: entry.committee } : {}),
    snippet: buildSnippet(entry.texts, terms),
    score,
  };
}

/** The page to show: `requested` brought into 1 … the last page (a page past the end shows the last). */
export function clampPage(requested: number, total: number, pageSize: number): { page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return { page: Math.min(Math.max(1, Math.floor(requested) || 1), pageCount), pageCount };
}

interface Ranked {
  entry: Entry;
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

/**
 * Remembered answers, per engine: a popular query is ranked once per visible set, and each of
 * its pages gets its snippets once. Bounded by entries and by bytes (lib/bounded-cache.ts), and
 * keyed only on what decides the answer: the query's search terms (so `Business  CASE` and
 * `business case` are one entry), the filters, and, for a page, the page number after clamping
 * to the pages there are (so `page=99999` and `page=1e99` are the last page's entry).
 */
export const SEARCH_CACHE_LIMITS = { entries: 1_000, bytes: 32 * 1024 * 1024 };

const RESPONSES_KEY = Symbol.for('barnet-decisions.search-responses');
const responses = (((globalThis as Record<symbol, unknown>)[RESPONSES_KEY] as WeakMap<SearchEngine, BoundedCache<Ranking | SearchResponse>> | undefined) ??
  new WeakMap<SearchEngine, BoundedCache<Ranking | SearchResponse>>()) as WeakMap<SearchEngine, BoundedCache<Ranking | SearchResponse>>;
(globalThis as Record<symbol, unknown>)[RESPONSES_KEY] = responses;

/** The answer cache of the engine for a visible set (created on first use). */
export function searchCacheFor(engine: SearchEngine): BoundedCache<Ranking | SearchResponse> {
  let cache = responses.get(engine);
  if (!cache) {
    cache = new BoundedCache(SEARCH_CACHE_LIMITS.entries, SEARCH_CACHE_LIMITS.bytes);
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
    cache.set(rankingKey, ranking, rankingBytes(ranking));
  }
  const { page } = clampPage(request.page, ranking.ranked.length, pageSize);
  const pageKey = `page ${what} ${page} ${pageSize}`;
  let response = cache.get(pageKey) as SearchResponse | undefined;
  if (!response) {
    response = pageOfRanking(ranking, { ...request, page }, pageSize);
    cache.set(pageKey, response, responseBytes(response));
  }
  // The same answer, with this request's own words (the terms matched; the spelling is the visitor's).
  return response.request.q === request.q ? response : { ...response, request: { ...response.request, q: request.q } };
}
