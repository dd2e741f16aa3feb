// @ts-check
/**
 * Next.js's own incremental cache (the file-system cache it uses when none is configured), with
 * one change: the HTML of the pages it stores and serves carries no JavaScript.
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
 * types. tests/unit/cache-handler.test.ts covers withoutFrameworkScripts; tests/e2e checks the
 * pages as served.
 */
import fileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

/**
 * Node's import() sees the CommonJS module's exports object; Next.js's bundler (which also
 * bundles this file for the proxy) hands over its default export.
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

/** @typedef {import('next/dist/server/lib/incremental-cache/file-system-cache').default} FileSystemCacheInstance */

export default class StaticHtmlCacheHandler extends FileSystemCache {
  /** @param {Parameters<FileSystemCacheInstance['get']>} args */
  async get(...args) {
    const entry = await super.get(...args);
    stripPage(entry?.value);
    return entry;
  }

  /** @param {Parameters<FileSystemCacheInstance['set']>} args the key, the value and its context */
  async set(...args) {
    // Changed in place: on a first render Next.js answers the request with this same value.
    stripPage(args[1]);
    return super.set(...args);
  }
}
