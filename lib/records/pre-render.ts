/**
 * What the build renders ahead of time. Readers go mostly to what is recent, so the build renders
 * the newest records and leaves the archive to be rendered on its first request, then kept by the
 * cache handler (cache-handler.mjs) and the cache in front: the build's work then stays the same
 * as the archive grows (7,106 pages at 10,000 posts when every meeting was pre-rendered).
 */
export const PRE_RENDERED_RECENT = 200;

/** The newest `PRE_RENDERED_RECENT` of a newest-first list. */
export function recentToPreRender<T>(newestFirst: readonly T[]): T[] {
  return newestFirst.slice(0, PRE_RENDERED_RECENT);
}
