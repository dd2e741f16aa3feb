import type { LRUCache } from 'lru-cache';
import { boundedLru, stringBytes, type CacheLimits } from '../server/bounded-lru';
import { paths } from '../urls';

/**
 * Rendered search pages, remembered per process, and the limit on how many are rendered at once.
 *
 * Why: search was the one page rendered for every request, and at 10,000 posts 100 connections
 * drowned the event loop (93 req/s, timeouts; issue 26). The answer (ranking, snippets) was already
 * remembered (answer-cache.ts); what cost was rendering the page around it, again, for every
 * asker. Here the page itself is remembered, keyed on the address proxy.ts rewrites a search to:
 * that address carries the query in its canonical form (canonicalSearchQuery in query.ts), so two
 * ways of writing one search are one entry. A page is kept only with the stamp of the visible set
 * it was rendered from (stamp, from the page), and is served only while that set is still the one
 * visible (lookup): a scheduled post going live, a new London day (the meetings it lists say
 * "upcoming" against today) or a new set of records each make it stale.
 *
 * Where: proxy.ts asks `lookup` before it lets a search through to be rendered, and `tryEnter`
 * when it must be rendered; cache-handler.mjs, through which Next.js hands every rendered page,
 * calls `store` (which also ends the render's turn) and `lookup` to serve a page without
 * rendering it. Nothing here is shared with any HTTP cache: search answers stay
 * `private, no-store` (proxy.ts); this is the server's own memory.
 *
 * This module holds no Next.js or React code; what a "page" is (Next.js's cache value) is the
 * caller's business, measured by the `sizeOf` it gives.
 */

/** What a page was rendered from: the visible set (by identity), the London day, and how long that set holds. */
export interface RenderStamp {
  /** The visible set's identity (its indexes object): a new set is a new object. */
  records: object;
  /** The London date the page was rendered on (YYYY-MM-DD). */
  today: string;
  /** When the next scheduled post goes live (ms since the epoch); Infinity when none is scheduled. */
  validUntil: number;
}

/**
 * The present, as lookup compares it with a stamp: the London date, the time and, where the
 * caller has them, the records visible now (proxy.ts, which only decides whether a render is
 * coming, does without).
 */
export interface Now {
  today: string;
  time: number;
  records?: object;
}

export interface SearchPageLimits extends CacheLimits {
  /** Addresses rendered at once (cache misses let through) beyond which a search is answered 503. */
  inFlight: number;
  /** A render not finished after this long no longer counts (it failed, or was never stored). */
  inFlightMs: number;
  /**
   * A search that waited longer than this for its turn in the server (lib/server/request-admission.ts)
   * is not rendered but answered 503: the server is behind, and a render now would make every
   * asker behind it later still.
   */
  behindMs: number;
}

/**
 * 4 renders at once: a search at 10,000 posts costs tens of milliseconds of one core, and two
 * cores give no more renders a second past a few at once, only longer queues for everyone,
 * remembered pages included. `npm run bench:search` (78 distinct searches, 100 connections, one
 * run each on a shared machine): with 12, p99 3.0 s and 29 timeouts; with 4, p99 2.1 s and 10
 * (and more 503s). 500 pages of about 100 KB (HTML and RSC data) fill the 48 MB.
 */
export const SEARCH_PAGE_LIMITS: SearchPageLimits = { entries: 500, bytes: 48 * 1024 * 1024, inFlight: 4, inFlightMs: 15_000, behindMs: 500 };

/** What the work counters say: read by the tests, which count work rather than time it. */
export interface SearchPageCounts {
  hits: number;
  misses: number;
  stored: number;
  refused: number;
  shed: number;
}

interface Entry<V> {
  value: V;
  stamp: RenderStamp;
  storedAt: number;
}

export class RenderedSearchPages<V extends object> {
  readonly counts: SearchPageCounts = { hits: 0, misses: 0, stored: 0, refused: 0, shed: 0 };
  readonly #pages: LRUCache<string, Entry<V>>;
  /** Stamps of renders under way, by address, waiting for their page (store). */
  readonly #stamps = new Map<string, RenderStamp>();
  /** Renders let through and not finished: address → when it began. */
  readonly #inFlight = new Map<string, number>();
  #records: object | undefined;

  constructor(
    readonly limits: SearchPageLimits,
    sizeOf: (value: V) => number,
  ) {
    this.#pages = boundedLru<Entry<V>>(limits, (entry) => sizeOf(entry.value) + 64);
  }

  /** Whether a page is kept for `address` that lookup would serve now (counts nothing). */
  peek(address: string, now: Now): boolean {
    const entry = this.#pages.peek(address);
    return entry !== undefined && this.#fresh(entry.stamp, now);
  }

  #fresh(stamp: RenderStamp, now: Now): boolean {
    return stamp.today === now.today && now.time < stamp.validUntil && stamp.records === this.#records && (now.records ?? stamp.records) === stamp.records;
  }

  /**
   * The page rendered at `address`, if it is still what a render would give now; undefined
   * otherwise (and a stale page is dropped).
   */
  lookup(address: string, now: Now): { value: V; storedAt: number } | undefined {
    this.#see(now.records);
    const entry = this.#pages.get(address);
    if (entry && this.#fresh(entry.stamp, now)) {
      // A render counted for this address (let through just before the page was stored) has
      // nothing left to do: its turn ends here, or it would hold one until inFlightMs.
      this.#inFlight.delete(address);
      this.counts.hits++;
      return { value: entry.value, storedAt: entry.storedAt };
    }
    if (entry) this.#pages.delete(address);
    this.counts.misses++;
    return undefined;
  }

  /**
   * Called by the page as it renders: what it is rendered from. A new visible set (here or in
   * lookup) makes every page rendered from an older one stale: they are dropped at once.
   */
  stamp(address: string, stamp: RenderStamp): void {
    this.#see(stamp.records);
    this.#stamps.set(address, stamp);
  }

  /** A visible set seen now: if it is new, every page of the old one goes at once. */
  #see(records: object | undefined): void {
    if (records === undefined || records === this.#records) return;
    this.#pages.clear();
    this.#records = records;
  }

  /**
   * The rendered page, handed over once rendered: kept under the stamp its render left. A page
   * without a stamp (not rendered by the search page, or rendered where nothing may be kept, the
   * local preview) is not kept. Either way the render at this address is over.
   */
  store(address: string, value: V, storedAt: number): boolean {
    this.#inFlight.delete(address);
    const stamp = this.#stamps.get(address);
    this.#stamps.delete(address);
    if (!stamp || stamp.records !== this.#records) {
      this.counts.refused++;
      return false;
    }
    this.#pages.set(address, { value, stamp, storedAt });
    // lru-cache refuses an entry larger than its share of the budget: then nothing was kept.
    if (!this.#pages.has(address)) {
      this.counts.refused++;
      return false;
    }
    this.counts.stored++;
    return true;
  }

  /** How many addresses are being rendered (renders begun within inFlightMs), at `time`. */
  inFlight(time: number): number {
    for (const [address, started] of this.#inFlight) if (time - started >= this.limits.inFlightMs) this.#inFlight.delete(address);
    return this.#inFlight.size;
  }

  /**
   * Whether a render of `address` may begin: false when `limits.inFlight` renders are under way
   * already, or when the asker waited over `limits.behindMs` for its turn (`queuedMs`), and then
   * the asker is to be told to come back (503, Retry-After). Next.js renders one address once
   * however many ask for it at the same moment, so asking for an address being rendered joins
   * that render and is always let through; `store` ends it.
   */
  tryEnter(address: string, time: number, queuedMs = 0): boolean {
    const live = this.inFlight(time);
    if (this.#inFlight.has(address)) return true;
    if (live >= this.limits.inFlight || queuedMs > this.limits.behindMs) {
      this.counts.shed++;
      return false;
    }
    this.#inFlight.set(address, time);
    return true;
  }

  /** How many pages are kept. */
  get size(): number {
    return this.#pages.size;
  }
}

/** About what a Next.js page value holds: its HTML, its RSC data and its segments. */
export function pageValueBytes(value: object): number {
  const page = value as { html?: unknown; rscData?: unknown; segmentData?: unknown };
  let bytes = 256;
  if (typeof page.html === 'string') bytes += stringBytes(page.html);
  if (page.rscData instanceof Uint8Array) bytes += page.rscData.byteLength;
  if (page.segmentData instanceof Map) for (const segment of page.segmentData.values()) if (segment instanceof Uint8Array) bytes += segment.byteLength;
  return bytes;
}

/** Seconds a shed asker is told to wait (Retry-After): a render takes a fraction of that. */
export const SHED_RETRY_AFTER_SECONDS = 2;

/** The page a shed search answers with: short, plain, no script, says what to do. */
export function busyPage(searchAddress: string): string {
  const href = searchAddress.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Search is busy – try again</title></head>',
    '<body>',
    '<main>',
    '<h1>Search is busy</h1>',
    `<p>Too many searches are running at this moment. Wait a few seconds, then <a href="${href}">try your search again</a>.</p>`,
    `<p>Every decision is also listed <a href="${paths.archive()}">by year</a> and <a href="${paths.tags()}">by topic</a>.</p>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
