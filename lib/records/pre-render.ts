import { LIST_PAGE_SIZE } from './indexes';

/**
 * What the build renders ahead of time. Readers go mostly to what is recent, so the build renders
 * the newest records, those the home page lists, and leaves the archive to be rendered on its
 * first request (about 40 ms at 10,000 posts), then kept by the cache handler (cache-handler.mjs)
 * and the cache in front: the build's work then stays the same as the archive grows (7,106 pages
 * at 10,000 posts when every meeting was pre-rendered; 539 with 200 of each, 239 with 50).
 *
 * The pages of a topic, a year or a glossary term, and the later pages of the latest decisions,
 * are rendered on first request too (their routes' generateStaticParams give none). There are
 * few of them, but each costs the build about 40 ms however small: at 10,000 posts those 133
 * pages were 5.7 s of every publish (179 pages then, 66 now; docs/benchmarks.md).
 */
export const PRE_RENDERED_RECENT = LIST_PAGE_SIZE;

/**
 * The generateStaticParams of a route whose pages are all rendered on first request, then cached:
 * none ahead. (A dynamic route without generateStaticParams would be rendered on every request.)
 */
export async function renderedOnFirstRequest(): Promise<never[]> {
  return [];
}

/** The newest `PRE_RENDERED_RECENT` of a newest-first list. */
export function recentToPreRender<T>(newestFirst: readonly T[]): T[] {
  return newestFirst.slice(0, PRE_RENDERED_RECENT);
}
