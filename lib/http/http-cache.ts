/**
 * HTTP for feed readers, spreadsheets and the CDN in front: a strong ETag from the body,
 * Last-Modified from the content, conditional GETs answered with 304, and a Cache-Control
 * that lets a shared cache serve nearly every request. Web `Request`/`Response` only: no Next.
 */
import { createHash, type Hash } from 'node:crypto';

/** Five minutes fresh everywhere; a CDN may serve a stale copy for a day while it refetches. */
export const CACHE_CONTROL = 'public, max-age=300, s-maxage=300, stale-while-revalidate=86400';

export const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  jsonFeed: 'application/feed+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** A response body with what its conditional GETs are judged by. Built once, served many times. */
export interface Representation {
  body: string | Uint8Array;
  contentType: string;
  /** Strong: a hash of the exact bytes. */
  etag: string;
  lastModified: Date;
  /** Extra headers, e.g. Content-Disposition for a download. */
  headers?: Record<string, string>;
}

/** A strong entity tag: the SHA-256 of the body's bytes, quoted. */
export function strongEtag(body: string | Uint8Array): string {
  return etagOfHash(createHash('sha256').update(body));
}

/** strongEtag of bytes fed to `hash` (a sha256 from createHash) piece by piece: a large file's, read in chunks. */
export function etagOfHash(hash: Hash): string {
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}

export function makeRepresentation(body: string | Uint8Array, contentType: string, lastModified: Date, headers?: Record<string, string>): Representation {
  return { body, contentType, etag: strongEtag(body), lastModified, ...(headers ? { headers } : {}) };
}

/**
 * The Last-Modified of a representation: the later of the newest content date it shows and the
 * time the content was read. Content dates alone would stand still when a back-dated post is
 * added or a body is edited, and a client that sends only If-Modified-Since would be told
 * "not modified" about changed data; the time of reading moves with every deploy and restart.
 * The ETag, a hash of the bytes, stays the primary validator.
 */
export function lastModifiedOf(newestContent: Date, contentReadAt: Date): Date {
  return newestContent > contentReadAt ? newestContent : contentReadAt;
}

/** An HTTP date has whole seconds; the content's times may not. */
function wholeSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}

const opaqueTag = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * RFC 9110 §13.1.2 and §13.1.3: If-None-Match (weak comparison, `*` matches) decides when it
 * is present; otherwise If-Modified-Since does, for GET and HEAD only.
 */
export function isNotModified(request: Pick<Request, 'method' | 'headers'>, representation: Pick<Representation, 'etag' | 'lastModified'>): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    const wanted = opaqueTag(representation.etag);
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaqueTag(tag) === wanted);
  }
  const ifModifiedSince = request.headers.get('if-modified-since');
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return wholeSeconds(representation.lastModified) <= since;
}

function validators(representation: Pick<Representation, 'etag' | 'lastModified'>): Record<string, string> {
  return {
    ETag: representation.etag,
    'Last-Modified': new Date(wholeSeconds(representation.lastModified)).toUTCString(),
    'Cache-Control': CACHE_CONTROL,
  };
}

/**
 * Feeds, data and the data's schema are public and carry nothing private: any site's page or a
 * notebook in a browser may read them (CORS). `*` needs no Vary and is never sent with
 * credentials. ETag is exposed so that a script can make conditional requests itself
 * (Last-Modified is readable without being listed). HTML pages send none of this.
 */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Content-Disposition',
};

/** The answer to a CORS preflight (OPTIONS) for a feed or a data file: GET and HEAD, with conditional headers. */
export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since, Cache-Control',
      'Access-Control-Max-Age': '86400',
      'Cache-Control': 'public, max-age=86400',
    },
  });
}

/** The response to a GET or HEAD: 304 with no body when the client's copy is current, else 200. */
export function conditionalResponse(request: Pick<Request, 'method' | 'headers'>, representation: Representation): Response {
  if (isNotModified(request, representation)) {
    return new Response(null, { status: 304, headers: { ...validators(representation), ...CORS_HEADERS } });
  }
  const body = typeof representation.body === 'string' ? representation.body : new Uint8Array(representation.body);
  return new Response(body, { status: 200, headers: representationHeaders(representation) });
}

/** The headers of a 200: type, validators, caching, CORS and the representation's own. */
export function representationHeaders(representation: Omit<Representation, 'body'>): Record<string, string> {
  return {
    'Content-Type': representation.contentType,
    ...validators(representation),
    ...CORS_HEADERS,
    ...representation.headers,
  };
}
