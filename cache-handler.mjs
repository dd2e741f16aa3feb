// @ts-check
/**
 * Next.js's own incremental cache (the file-system cache it uses when none is configured), with
 * two changes: the HTML of the pages it stores and serves carries no JavaScript, and a page that
 * is not found answers with the site's 404 page and is not stored (see `set`).
 *
 * Why: every page of this site is complete as server-rendered HTML (there is no client
 * component; forms are plain GET forms; the site must work with JavaScript off). Next.js still
 * adds its client router to every page: ~140 KB of compressed JavaScript and, inline, a second
 * copy of the page as React Server Component data (about 60% of a decision page's HTML). On a
 * phone that costs half a second of blocked main thread (Lighthouse mobile: performance 81–85
 * with it, 100 without) and it doubles the bytes every cache and CDN has to hold and send.
 *
 * Where: pre-rendered pages (read from .next at first request) and pages rendered on demand
 * (stored here after their first render, and sent from the value stored) both pass through
 * this cache, so both lose the scripts. Search is rendered on demand too, at the address of its
 * query (proxy.ts, lib/search/rendered-address.ts), so it loses them the same way, and is never
 * stored on disk: only in memory, bounded, for as long as a render would give the same page
 * (see `set`, and lib/search/rendered-pages.ts). Pages rendered per request
 * (the alert pages) do not pass through it and keep Next.js's router: they work either way. The
 * RSC data stays in the cache, so a client-side navigation that starts on such a page still works.
 *
 * Next.js loads this file with Node's import(), uncompiled: it is plain JavaScript with JSDoc
 * types. tests/unit/cache-handler.test.ts covers both changes; tests/e2e checks the pages and
 * the 404s as served.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { Tokenizer } from 'htmlparser2';

/**
 * Node's import() sees the CommonJS module's exports object; a bundler (vitest's, or Next.js's
 * should it ever bundle this file) hands over its default export.
 * @type {typeof import('next/dist/server/lib/incremental-cache/file-system-cache').default}
 */
const FileSystemCache = /** @type {any} */ (fileSystemCacheModule).default ?? fileSystemCacheModule;

/**
 * The Next.js release this file was written and tested against; package.json pins `next` to it
 * exactly. The file rests on Next.js internals (below), so another release must be checked
 * first: docs/upgrading-next.md lists the steps, the last of which is to change this line.
 */
export const VERIFIED_NEXT_VERSION = '16.4.6';

/**
 * Every assumption this file makes about Next.js, checked, as plain messages (none when all
 * hold). instrumentation.ts refuses to start a server when there is one, so an upgrade that
 * breaks the contract fails loudly at start instead of serving pages with scripts or empty 404s.
 *
 * @param {{ nextVersion: string; serverDistDir?: string }} facts the installed version, and the build's server folder (absent in development)
 * @returns {Promise<string[]>}
 */
export async function frameworkContractProblems({ nextVersion, serverDistDir }) {
  const problems = [];
  const step = 'Follow docs/upgrading-next.md.';
  if (nextVersion !== VERIFIED_NEXT_VERSION) {
    problems.push(`Next.js is ${nextVersion}, but cache-handler.mjs was verified against ${VERIFIED_NEXT_VERSION}. ${step}`);
  }
  if (typeof FileSystemCache !== 'function' || typeof FileSystemCache.prototype.get !== 'function' || typeof FileSystemCache.prototype.set !== 'function') {
    problems.push(
      `next/dist/server/lib/incremental-cache/file-system-cache.js no longer exports a cache class with get and set, which cache-handler.mjs extends. ${step}`,
    );
  }
  /** @type {any} the module's enums, read as plain values */
  const types = await import('next/dist/server/response-cache/types.js').catch(() => undefined);
  /** @type {Record<string, string> | undefined} */
  const kinds = types?.CachedRouteKind ?? types?.default?.CachedRouteKind;
  if (kinds?.APP_PAGE !== 'APP_PAGE' || kinds?.APP_ROUTE !== 'APP_ROUTE') {
    problems.push(
      `Next.js no longer marks cached pages kind 'APP_PAGE' (and route handlers 'APP_ROUTE'), which cache-handler.mjs reads to find a page's HTML. ${step}`,
    );
  }
  /** @type {any} */
  const routeCacheKey = await import('next/dist/server/lib/route-cache-key.js').catch(() => undefined);
  const getRouteCacheKey = routeCacheKey?.getRouteCacheKey ?? routeCacheKey?.default?.getRouteCacheKey;
  const searchKey = typeof getRouteCacheKey === 'function' ? getRouteCacheKey('/search/sabc', { kind: 'APP_PAGE', sourceRoute: '/search/[request]/page' }) : '';
  if (!isSearchKey(searchKey) || pathOfKey(searchKey) !== '/search/sabc') {
    problems.push(
      `Next.js no longer keys a page's cache entry as /route-cache/<kind>/<hash>/$<path>, which cache-handler.mjs reads to tell a search (never stored) from a page. ${step}`,
    );
  }
  if (serverDistDir !== undefined && notFoundPageHtml(serverDistDir) === undefined) {
    problems.push(
      `The build has no pre-rendered 404 page at ${path.join(serverDistDir, 'app', '_not-found.html')}, which cache-handler.mjs serves for a notFound(). ${step}`,
    );
  }
  return problems;
}

/**
 * Where searches are rendered (SEARCH_RENDER_PREFIX in lib/search/rendered-address.ts; this file
 * is loaded uncompiled, so it keeps the literal).
 */
const SEARCH_RENDER_PREFIX = '/search/';

/**
 * The page's path in a cache key: Next.js 16.4 keys a page on its route and its path
 * (`/route-cache/APP_PAGE/<hash of the route>/$/search/s…`, getRouteCacheKey).
 * @param {string} key
 */
function pathOfKey(key) {
  const at = key.indexOf('/$/');
  return at < 0 ? key : key.slice(at + 2);
}

/** @param {string} key */
export function isSearchKey(key) {
  return pathOfKey(key).startsWith(SEARCH_RENDER_PREFIX);
}

/** Where Next.js serves its own files from (no basePath or assetPrefix is configured). */
const FRAMEWORK_ASSETS = '/_next/';

/**
 * How each inline script that Next.js 16 (with Turbopack) writes into a page begins: the React
 * Server Component payload (`self.__next_f.push(…)`) and its bootstrap, and Turbopack's chunk
 * loader. Nothing else in a page starts like this: post text is HTML-escaped by React, and post
 * HTML is sanitised (no script elements at all), so only Next.js can write a script element.
 */
const FRAMEWORK_INLINE_SCRIPTS = ['self.__next_f.push(', '(self.__next_f=self.__next_f||[]).push(', '(globalThis["TURBOPACK"]'];

/** @typedef {Record<string, string>} Attributes */

/** A hint that makes the browser fetch one of Next.js's scripts anyway. @param {Attributes} attrs */
function isFrameworkScriptHint(attrs) {
  const rel = attrs.rel?.toLowerCase().split(/[ \t\n\f\r]+/) ?? [];
  const fetchesScript = rel.includes('modulepreload') || (rel.includes('preload') && attrs.as?.toLowerCase() === 'script');
  return fetchesScript && (attrs.href ?? '').startsWith(FRAMEWORK_ASSETS);
}

/** @param {Attributes} attrs @param {string} text the start of the script's text */
function isFrameworkScript(attrs, text) {
  if (attrs.src !== undefined) return attrs.src.startsWith(FRAMEWORK_ASSETS);
  if (attrs.type === 'application/ld+json') return false; // data for search engines
  return FRAMEWORK_INLINE_SCRIPTS.some((start) => text.startsWith(start));
}

/**
 * React's out-of-order streaming leaves content in hidden segments (`<div hidden id="S:0">`)
 * that an inline script moves into place (`<template id="B:0">`): without the script the content
 * would stay hidden, so such a page is left alone. @param {string} name @param {Attributes} attrs
 */
function isStreamedSegment(name, attrs) {
  const id = attrs.id ?? '';
  return (name === 'template' && id.startsWith('B:')) || (name === 'div' && attrs.hidden !== undefined && id.startsWith('S:'));
}

/**
 * Every start tag of a page, with its attributes decoded, and the end of every `</script>`: read
 * by htmlparser2's tokenizer, which treats a script's content as script data (it looks only for
 * `</script`), decodes character references in attribute values, and builds no tree.
 *
 * @param {string} html
 * @param {{ startTag(name: string, attrs: Attributes, start: number, end: number): void; scriptText(text: string): void; scriptEnd(end: number): void }} on
 */
function readTags(html, on) {
  /** @type {{ name: string; start: number; attrs: Attributes } | undefined} */
  let tag;
  let attrName = '';
  let attrValue = '';
  let inScript = false;
  const startTagEnd = (/** @type {number} */ endIndex) => {
    if (!tag) return;
    on.startTag(tag.name, tag.attrs, tag.start, endIndex + 1);
    inScript = tag.name === 'script';
    tag = undefined;
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, endIndex) {
        tag = { name: html.slice(start, endIndex).toLowerCase(), start: start - 1, attrs: {} };
      },
      onattribname(start, endIndex) {
        attrName = html.slice(start, endIndex).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, endIndex) {
        attrValue += html.slice(start, endIndex);
      },
      onattribentity(codepoint) {
        attrValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        // As in a browser, the first of two attributes with one name wins.
        if (tag && !Object.hasOwn(tag.attrs, attrName)) tag.attrs[attrName] = attrValue;
      },
      onopentagend: startTagEnd,
      onselfclosingtag: startTagEnd,
      ontext(start, endIndex) {
        if (inScript) on.scriptText(html.slice(start, endIndex));
      },
      onclosetag(start, endIndex) {
        if (!inScript || html.slice(start, endIndex).toLowerCase() !== 'script') return;
        inScript = false;
        // The tokenizer then skips to the tag's `>`, as a browser does.
        const close = html.indexOf('>', endIndex);
        on.scriptEnd(close < 0 ? html.length : close + 1);
      },
      ontextentity() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}

/**
 * The page's HTML without Next.js's scripts and script hints, and otherwise byte for byte as
 * it was.
 *
 * The page is read by an HTML tokenizer, so a tag is a tag, and text or an attribute value that
 * merely looks like markup (a link titled `<script>`, say) stays text and is kept. Only the
 * elements Next.js writes are cut out, by their positions in the source; no pattern is ever
 * matched against the page's markup. No tree is built and a script's content is skipped with
 * one search for its end tag, so the cost is linear in the page however deeply a post nests its
 * lists and quotes.
 *
 * @param {string} html
 * @returns {string}
 */
export function withoutFrameworkScripts(html) {
  /** @type {Array<[number, number]>} */
  const cuts = [];
  let streamed = false;
  /** @type {{ attrs: Attributes; start: number; text: string } | undefined} */
  let script;
  readTags(html, {
    startTag(name, attrs, start, end) {
      if (isStreamedSegment(name, attrs)) streamed = true;
      else if (name === 'script') script = { attrs, start, text: '' };
      else if (name === 'link' && isFrameworkScriptHint(attrs)) cuts.push([start, end]);
    },
    scriptText(text) {
      // Only the start of a script's text is looked at: the payload can be long.
      if (script && script.text.length < 64) script.text += text.slice(0, 64);
    },
    scriptEnd(end) {
      if (script && isFrameworkScript(script.attrs, script.text)) cuts.push([script.start, end]);
      script = undefined;
    },
  });
  if (streamed || cuts.length === 0) return html;
  let kept = '';
  let from = 0;
  for (const [start, end] of cuts) {
    kept += html.slice(from, start);
    from = end;
  }
  return kept + html.slice(from);
}

/** Values already stripped: the memory cache hands back the same object on every hit. */
const stripped = new WeakSet();

/** @param {unknown} value a cache value: only an App Router page's HTML is changed. */
function stripPage(value) {
  if (!value || typeof value !== 'object' || stripped.has(value)) return;
  const page = /** @type {{ kind?: string; html?: unknown }} */ (value);
  if (page.kind !== 'APP_PAGE' || typeof page.html !== 'string') return;
  page.html = withoutFrameworkScripts(page.html);
  stripped.add(value);
}

/**
 * Whether a cache value is a page that answered 404: a `notFound()` from a page rendered on
 * demand (an unknown slug, a page number past the end).
 *
 * @param {unknown} value
 */
function isNotFoundPage(value) {
  const page = /** @type {{ kind?: string; status?: unknown } | null | undefined} */ (value);
  return page?.kind === 'APP_PAGE' && page.status === 404;
}

/**
 * The rendered search pages of this process (lib/search/search-pages.ts), shared on globalThis
 * under the key lib/server/process-singleton.ts gives them: this file is loaded uncompiled and
 * cannot import that code. Absent until a search has passed through proxy.ts (then nothing is
 * remembered yet either).
 *
 * @returns {{ lookupPage(address: string): Promise<{ value: object; storedAt: number } | undefined>; storePage(address: string, value: object): boolean } | undefined}
 */
function searchPagesDoor() {
  const slot = /** @type {Record<symbol, { value?: any } | undefined>} */ (/** @type {unknown} */ (globalThis))[SEARCH_PAGES_KEY];
  return slot?.value;
}

/** PROCESS_STATE.searchPages in lib/server/process-singleton.ts. */
const SEARCH_PAGES_KEY = Symbol.for('barnet-decisions.search-pages');

/** The site's 404 page as `next build` pre-rendered it, without scripts, per build folder. */
const notFoundPages = new Map();

/**
 * @param {string} serverDistDir the build's server folder (.next/server, or standalone's copy)
 * @returns {string | undefined}
 */
function notFoundPageHtml(serverDistDir) {
  if (!notFoundPages.has(serverDistDir)) {
    let html;
    try {
      html = withoutFrameworkScripts(readFileSync(path.join(serverDistDir, 'app', '_not-found.html'), 'utf8'));
    } catch {
      html = undefined; // not built (development): Next.js's own answer stands
    }
    notFoundPages.set(serverDistDir, html);
  }
  return notFoundPages.get(serverDistDir);
}

/**
 * The posts withdrawn after they were public: deleted from the content, so their page says so
 * (app/decisions/[slug]/page.tsx), and it answers 410 Gone rather than 200. The build writes
 * their slugs (scripts/content-history.ts) beside the history, in the project folder (the
 * standalone server's own folder, next.config.ts copies it there). An App Router page cannot
 * set its own status; Next.js answers with the status of the value it caches, both when it
 * renders the page and when it serves it from the cache (and so after a restart), so the
 * status is set on that value, here, before it is stored.
 */
export const WITHDRAWN_FILE = '.history/withdrawn.json';

/** @type {Set<string> | undefined} */
let withdrawnSlugs;

/** @returns {Set<string>} */
function withdrawn() {
  if (!withdrawnSlugs) {
    try {
      const list = JSON.parse(readFileSync(path.join(process.cwd(), WITHDRAWN_FILE), 'utf8'));
      withdrawnSlugs = new Set(Array.isArray(list) ? list.filter((slug) => typeof slug === 'string') : []);
    } catch {
      withdrawnSlugs = new Set(); // a build without a history: nothing is withdrawn
    }
  }
  return withdrawnSlugs;
}

const DECISION_PAGE = '/decisions/';
const ROUTE_CACHE_PATH = '/$/';

/**
 * Whether a cache entry is the page of a withdrawn post: its key is the page's path.
 *
 * @param {unknown} key @param {unknown} value @param {() => Set<string>} slugs the withdrawn posts (the build's file)
 */
export function isWithdrawnPage(key, value, slugs = withdrawn) {
  const page = /** @type {{ kind?: string; status?: unknown } | null | undefined} */ (value);
  if (page?.kind !== 'APP_PAGE' || (page.status !== undefined && page.status !== 200 && page.status !== 410)) return false;
  if (typeof key !== 'string') return false;
  // Next.js 16.4 keys a page `/route-cache/APP_PAGE/<route's hash>/$/decisions/<slug>`; earlier
  // releases keyed it by its path alone.
  const marker = key.indexOf(ROUTE_CACHE_PATH);
  const pathname = key.startsWith('/route-cache/') && marker >= 0 ? key.slice(marker + ROUTE_CACHE_PATH.length - 1) : key;
  if (!pathname.startsWith(DECISION_PAGE)) return false;
  const slug = pathname.slice(DECISION_PAGE.length);
  return !slug.includes('/') && slugs().has(slug);
}

/** @typedef {import('next/dist/server/lib/incremental-cache/file-system-cache').default} FileSystemCacheInstance */

export default class StaticHtmlCacheHandler extends FileSystemCache {
  /** @type {string | undefined} */
  #serverDistDir;

  /** @param {ConstructorParameters<typeof FileSystemCache>[0]} context */
  constructor(context) {
    super(context);
    this.#serverDistDir = context.serverDistDir;
  }

  /** @param {Parameters<FileSystemCacheInstance['get']>} args */
  async get(...args) {
    // A search is never stored on disk (set): only in memory, while still what a render would give.
    if (isSearchKey(args[0])) {
      const hit = await searchPagesDoor()?.lookupPage(pathOfKey(args[0]));
      return hit ? { lastModified: hit.storedAt, value: /** @type {any} */ (hit.value) } : null;
    }
    const entry = await super.get(...args);
    stripPage(entry?.value);
    return entry;
  }

  /** @param {Parameters<FileSystemCacheInstance['set']>} args the key, the value and its context */
  async set(...args) {
    const [key, value] = args;
    // Values are changed in place, before the first await: on a render Next.js answers the
    // request with this same value once it is handed here.
    if (isNotFoundPage(value)) {
      // Next.js 16 renders a notFound() from a page rendered on demand as an empty document
      // whose content only JavaScript fills in (vercel/next.js#95613). Answer with the site's
      // real 404 page instead, the one Next.js serves for addresses no route matches. And do
      // not store it: an entry per invented address would let anyone fill the disk.
      const html = this.#serverDistDir === undefined ? undefined : notFoundPageHtml(this.#serverDistDir);
      if (html !== undefined) /** @type {{ html: string }} */ (value).html = html;
      return;
    }
    if (isWithdrawnPage(key, value)) /** @type {{ status: number }} */ (value).status = 410;
    stripPage(value);
    // A search is answered with the stripped page and never stored on disk, so nobody can fill
    // the disk with invented queries. It is kept in this process's memory, bounded, for as long
    // as the visible set it was rendered from (lib/search/rendered-pages.ts); storing it also
    // ends its render's turn under the limit of renders at once (proxy.ts).
    if (isSearchKey(args[0])) {
      if (value) searchPagesDoor()?.storePage(pathOfKey(args[0]), value);
      return;
    }
    return super.set(...args);
  }
}
