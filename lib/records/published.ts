import type { Decision } from '../content/types';

export type PublicationState = 'published' | 'scheduled' | 'draft';

export interface Visibility {
  /** The moment to judge publication by (a test can fix it). */
  now: Date;
  /** The local preview shows drafts and scheduled posts; production never does. */
  preview: boolean;
}

export function publicationState(decision: Decision, now: Date): PublicationState {
  if (decision.draft) return 'draft';
  return decision.published.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/**
 * The one chokepoint: every page, feed, sitemap, search index and data file gets its
 * decisions from here, so a draft or a scheduled post cannot leak through a side door.
 * Keeps the input order (newest first).
 */
export function visibleDecisions(decisions: readonly Decision[], { now, preview }: Visibility): Decision[] {
  return preview ? [...decisions] : decisions.filter((d) => publicationState(d, now) === 'published');
}

/** When the next scheduled post goes live, so caches can expire then. */
export function nextScheduledAt(decisions: readonly Decision[], now: Date): Date | undefined {
  let next: Date | undefined;
  for (const d of decisions) {
    if (!d.draft && d.published > now && (!next || d.published < next)) next = d.published;
  }
  return next;
}
