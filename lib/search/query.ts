import { FILTER_PARAMETERS, filterQuery, isFiltered, parseFilter, type DecisionFilter, type FilterProblem, type FilterVocabulary } from '../filters/vocabulary';

/**
 * What a resident asked for, read from the search page's GET parameters. Anything can arrive
 * here (arrays, control characters, enormous numbers, made-up filter values): every field is
 * cleaned or dropped, so the page always has something sensible to show. The filters are the
 * site's one vocabulary (lib/filters/vocabulary.ts), the same as the feeds' and the data's; where the
 * feeds answer an unknown value with a 400, the search page drops it and says so
 * (searchFilterProblems).
 */

export const MAX_QUERY_LENGTH = 200;
/** Words after this many are ignored: a pasted paragraph still gets a quick answer. */
export const MAX_QUERY_WORDS = 12;
export const SEARCH_PAGE_SIZE = 10;

export interface SearchRequest {
  /** The cleaned query, at most MAX_QUERY_LENGTH characters; '' when none. */
  q: string;
  /** The filter vocabulary's values that exist (committee, project, tag, stage, outcome, from, to); absent when none. */
  filter?: DecisionFilter;
  /** The search page's own shorthand: the London year of publication. */
  year?: number;
  /** 1-based; may exceed the number of pages (the search clamps it). */
  page: number;
}

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The filter values that exist, so that unknown ones are dropped. */
export interface KnownFilters extends FilterVocabulary {
  years: { has(year: number): boolean };
}

/** The first value of a parameter that may be missing or repeated. */
export function firstValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return '';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Trims, folds control characters and runs of spaces to one space, bounds the length. */
export function cleanQuery(text: string): string {
  const cleaned = text
    .slice(0, MAX_QUERY_LENGTH * 4)
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(cleaned).slice(0, MAX_QUERY_LENGTH).join('').trim();
}

/** A page number from the URL: 1 unless it is a positive whole number. */
export function parsePage(text: string): number {
  // Leading zeros name the same page (`02` is 2): they must not push a number past the length check.
  const trimmed = text.trim().replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(trimmed)) return 1;
  if (trimmed.length > 9) return Number.MAX_SAFE_INTEGER; // past the end: the last page is shown
  return Math.max(1, Number(trimmed));
}

/**
 * The vocabulary with every value that does not exist left out (a resident's typo or an old
 * link still gets results), and the problems that leaving them out answers.
 */
function forgivingFilter(raw: RawSearchParams, known: KnownFilters): { filter?: DecisionFilter; problems: FilterProblem[] } {
  const first = parseFilter(raw, known);
  if (first.ok) return isFiltered(first.filter) ? { filter: first.filter, problems: [] } : { problems: [] };
  // Drop each refused parameter and read the rest again: what is left parses.
  const refused = new Set(first.problems.map((p) => p.parameter));
  const rest: RawSearchParams = Object.fromEntries(Object.entries(raw).filter(([name]) => !refused.has(name as FilterProblem['parameter'])));
  // Of a refused list parameter, keep the values that exist on their own.
  for (const name of refused) {
    if (name === 'from' || name === 'to') continue;
    const kept = [raw[name]].flat().filter((value): value is string => typeof value === 'string' && parseFilter({ [name]: value }, known).ok);
    if (kept.length > 0) rest[name] = kept;
  }
  const second = parseFilter(rest, known);
  const filter = second.ok && isFiltered(second.filter) ? second.filter : undefined;
  return { ...(filter ? { filter } : {}), problems: first.problems };
}

/**
 * The request, and what was left out of it to tell the visitor (the feeds answer those with a
 * 400), read in one pass: the page and its metadata share the result (app/search/page.tsx).
 */
export function readSearchRequest(raw: RawSearchParams, known: KnownFilters): { request: SearchRequest; problems: FilterProblem[] } {
  const request: SearchRequest = { q: cleanQuery(firstValue(raw.q)), page: parsePage(firstValue(raw.page)) };
  const { filter, problems } = forgivingFilter(raw, known);
  if (filter) request.filter = filter;
  const yearText = firstValue(raw.year).trim();
  if (/^\d{4}$/.test(yearText) && known.years.has(Number(yearText))) request.year = Number(yearText);
  return { request, problems };
}

export function parseSearchRequest(raw: RawSearchParams, known: KnownFilters): SearchRequest {
  return readSearchRequest(raw, known).request;
}

export function searchFilterProblems(raw: RawSearchParams, known: KnownFilters): FilterProblem[] {
  return readSearchRequest(raw, known).problems;
}

export function hasFilters(request: SearchRequest): boolean {
  return Boolean(request.year || (request.filter && isFiltered(request.filter)));
}

/** The address of a search, for pagination and "remove filters" links. */
export function searchHref(request: SearchRequest, page = 1): string {
  const params = new URLSearchParams();
  if (request.q) params.set('q', request.q);
  const parts = [params.toString(), request.filter ? filterQuery(request.filter) : ''];
  const tail = new URLSearchParams();
  if (request.year) tail.set('year', String(request.year));
  if (page > 1) tail.set('page', String(page));
  parts.push(tail.toString());
  const query = parts.filter(Boolean).join('&');
  return query ? `/search?${query}` : '/search';
}

/**
 * The query string of a search in its one written form, read exactly as the query it came from
 * (readSearchRequest gives the same request and the same problems for both, whatever the site's
 * records): so that two ways of writing one search are rendered, and remembered, once
 * (lib/search/rendered-pages.ts). Without the records it cannot tell a known filter value from
 * an unknown one, so it changes only what readSearchRequest is known to ignore or to redo:
 * - `q`: the first one, cleaned as cleanQuery cleans it (case stays: the page shows it);
 * - `page`: the number it reads as, left out when 1; `year`: trimmed, left out unless four digits;
 * - the filters, in FILTER_PARAMETERS order, each value trimmed and given once, empty ones left
 *   out; their values stay in the order given, because a problem is told per value in that order;
 * - every other parameter is left out, as readSearchRequest leaves it out.
 */
export function canonicalSearchQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  const q = params.get('q') ?? '';
  const cleaned = cleanQuery(q);
  // Cleaning twice must change nothing, or the cleaned text would not read as the original.
  const asked = cleanQuery(cleaned) === cleaned ? cleaned : q;
  if (asked !== '') out.append('q', asked);
  for (const name of FILTER_PARAMETERS) {
    const seen = new Set<string>();
    for (const value of params.getAll(name)) {
      const trimmed = value.trim();
      if (trimmed === '' || seen.has(trimmed)) continue;
      seen.add(trimmed);
      out.append(name, trimmed);
    }
  }
  const year = (params.get('year') ?? '').trim();
  if (/^\d{4}$/.test(year)) out.append('year', year);
  const page = parsePage(params.get('page') ?? '');
  if (page > 1) out.append('page', String(page));
  return out.toString();
}
