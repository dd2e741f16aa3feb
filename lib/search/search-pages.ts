import { londonIsoDate } from '../dates';
import { PROCESS_STATE, processSingleton } from '../server/process-singleton';
import { currentTime, isPreview } from '../server/runtime';
import { getSiteRecords } from '../site';
import { pageValueBytes, RenderedSearchPages, SEARCH_PAGE_LIMITS, type Now } from './rendered-pages';

/**
 * The process's rendered search pages (rendered-pages.ts), one for every layer: proxy.ts, the
 * search page and cache-handler.mjs each load their own copy of lib/, and must all see the
 * same pages and the same count of renders under way (lib/server/process-singleton.ts).
 * cache-handler.mjs is loaded uncompiled and cannot import this: it reads the same slot of
 * globalThis by its key (Symbol.for('barnet-decisions.search-pages')), and calls only
 * `lookupPage` and `storePage` below.
 */
export interface SearchPagesDoor {
  pages: RenderedSearchPages<object>;
  /** The present, on the site's clock (SITE_NOW in the tests). */
  now(): Now;
  /** The page kept for `address` if it is what a render would give now, against the records visible now. */
  lookupPage(address: string): Promise<{ value: object; storedAt: number } | undefined>;
  storePage(address: string, value: object): boolean;
}

function open(): SearchPagesDoor {
  const pages = new RenderedSearchPages<object>(SEARCH_PAGE_LIMITS, pageValueBytes);
  const now = (): Now => {
    const time = currentTime();
    return { today: londonIsoDate(time), time: time.getTime() };
  };
  return {
    pages,
    now,
    lookupPage: async (address) => {
      // The visible set now (a lookup within the span it holds: lib/site.ts), and the time it was asked at.
      const time = currentTime();
      const records = (await getSiteRecords({ now: time, preview: isPreview() })).indexes;
      return pages.lookup(address, { today: londonIsoDate(time), time: time.getTime(), records });
    },
    storePage: (address, value) => pages.store(address, value, Date.now()),
  };
}

export function searchPages(): SearchPagesDoor {
  return processSingleton(PROCESS_STATE.searchPages, open);
}

/**
 * Whether searches are remembered and limited here: not in the local preview (`next dev`),
 * which renders every request afresh and shows drafts, and hands no page to the cache handler.
 */
export function searchPagesApply(): boolean {
  return !isPreview();
}
