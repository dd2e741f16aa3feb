/**
 * Where a search is rendered. proxy.ts rewrites `/search?<query>` to `/search/<the query as one
 * path segment>` (app/search/[request]/page.tsx), a page rendered on demand rather than per
 * request, so its HTML passes through cache-handler.mjs, which removes Next.js's scripts as it
 * does from every other page, and never stores it (SEARCH_RENDER_PREFIX). Search then ships no
 * JavaScript: its form is a plain GET form. The segment is base64url, which needs no escaping in
 * a path (Next.js 16.4 answers some `%`-escapes in a segment with a 500).
 */

/** The start of every rendered search's path; cache-handler.mjs keeps the same literal. */
export const SEARCH_RENDER_PREFIX = '/search/';

/** The segment of a query string (without its `?`): `s` and its UTF-8 as base64url. */
export function searchSegment(query: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(query)) binary += String.fromCharCode(byte);
  return `s${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The query string a segment carries; undefined for a segment proxy.ts would never write. */
export function queryOfSegment(segment: string): string | undefined {
  if (!/^s[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 2) return undefined;
  try {
    const binary = atob(segment.slice(1).replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The path a search (`/search?<query>`) is rendered at. */
export function searchRenderPath(query: string): string {
  return `${SEARCH_RENDER_PREFIX}${searchSegment(query)}`;
}
