import { OUTCOMES, type Outcome } from '../content/schemas';
import { isSlug } from '../content/slug';

/**
 * What a resident asked for, read from the search page's GET parameters. Anything can arrive
 * here (arrays, control characters, enormous numbers, made-up filter values): every field is
 * cleaned or dropped, so the page always has something sensible to show.
 */

export const MAX_QUERY_LENGTH = 200;
/** Words after this many are ignored: a pasted paragraph still gets a quick answer. */
export const MAX_QUERY_WORDS = 12;
export const SEARCH_PAGE_SIZE = 10;

export interface SearchRequest {
  /** The cleaned query, at most MAX_QUERY_LENGTH characters; '' when none. */
  q: string;
  committee?: string;
  project?: string;
  year?: number;
  outcome?: Outcome;
  /** 1-based; may exceed the number of pages (the search clamps it). */
  page: number;
}

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The filter values that exist, so that unknown ones are dropped. */
export interface KnownFilters {
  committees: { has(slug: string): boolean };
  projects: { has(slug: string): boolean };
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

export function parseSearchRequest(raw: RawSearchParams, known: KnownFilters): SearchRequest {
  const request: SearchRequest = { q: cleanQuery(firstValue(raw.q)), page: parsePage(firstValue(raw.page)) };
  const committee = firstValue(raw.committee).trim();
  if (isSlug(committee) && known.committees.has(committee)) request.committee = committee;
  const project = firstValue(raw.project).trim();
  if (isSlug(project) && known.projects.has(project)) request.project = project;
  const yearText = firstValue(raw.year).trim();
  if (/^\d{4}$/.test(yearText) && known.years.has(Number(yearText))) request.year = Number(yearText);
  const outcome = firstValue(raw.outcome).trim();
  if ((OUTCOMES as readonly string[]).includes(outcome)) request.outcome = outcome as Outcome;
  return request;
}

export function hasFilters(request: SearchRequest): boolean {
  return Boolean(request.committee || request.project || request.year || request.outcome);
}

/** The address of a search, for pagination and "remove filters" links. */
export function searchHref(request: SearchRequest, page = 1): string {
  const params = new URLSearchParams();
  if (request.q) params.set('q', request.q);
  if (request.committee) params.set('committee', request.committee);
  if (request.project) params.set('project', request.project);
  if (request.year) params.set('year', String(request.year));
  if (request.outcome) params.set('outcome', request.outcome);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
