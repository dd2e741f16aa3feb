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
 * this cache, so both lose the scripts. Pages rendered per request (search) do not pass through
 * it and keep Next.js's router: they work either way. The RSC data stays in the cache, so a
 * client-side navigation that starts on such a page still works.
 *
 * Next.js loads this file with Node's import(), uncompiled: it is plain JavaScript with JSDoc
 * types. tests/unit/cache-handler.test.ts covers both changes; tests/e2e checks the pages and
 * the 404s as served.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

/**
 * Node's import() sees the CommonJS module's exports object; a bundler (vitest's, or Next.js's
 * should it ever bundle this file) hands over its default export.
 * @type {typeof import('next/dist/server/lib/incremental-cache/file-system-cache').default}
 */
const FileSystemCache = /** @type {any} */ (fileSystemCacheModule).default ?? fileSystemCacheModule;

/** A `<script>` element, unless it is JSON-LD data (structured data for search engines). */
const EXECUTABLE_SCRIPT = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/gi;
/** Hints that make the browser fetch those scripts anyway. */
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="script")[^>]*>|<link\b(?=[^>]*\brel="modulepreload")[^>]*>/gi;
/**
 * React's out-of-order streaming leaves content in hidden segments that an inline script moves
 * into place: without the script the content would stay hidden, so such a page is left alone.
 */
const STREAMED_SEGMENT = /<div hidden id="S:|<template id="B:/;

/**
 * The page's HTML without Next.js's scripts and script preloads. The HTML comes from React's
 * serialiser, which escapes `</script` inside inline scripts and `<` in text, so the first
 * `</script>` after an opening tag closes it, and text can never look like a tag.
 *
 * @param {string} html
 * @returns {string}
 */
export function withoutFrameworkScripts(html) {
  if (STREAMED_SEGMENT.test(html)) return html;
  return html.replace(EXECUTABLE_SCRIPT, '').replace(SCRIPT_PRELOAD, '');
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
    const entry = await super.get(...args);
    stripPage(entry?.value);
    return entry;
  }

  /** @param {Parameters<FileSystemCacheInstance['set']>} args the key, the value and its context */
  async set(...args) {
    const [, value] = args;
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
    stripPage(value);
    return super.set(...args);
  }
}
