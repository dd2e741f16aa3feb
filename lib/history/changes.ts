/**
 * The history as a list of changes, newest first: per version (feeds) and per changed field
 * (the changes data, and a `changes` table of a database). Only versions public at `now`.
 */
import type { Change, ChangeKind, HistoryFile, PostHistory, PostVersion } from './types';
import { versionsVisibleAt } from './versions';

/** One version of one post, as a change to the record: a feed entry. */
export interface ChangeEvent {
  slug: string;
  version: PostVersion;
  /** The version before it, if any (for a link to its place in the history). */
  previous?: PostVersion;
}

const newestFirst = (a: ChangeEvent, b: ChangeEvent) =>
  Date.parse(b.version.at) - Date.parse(a.version.at) || a.slug.localeCompare(b.slug) || b.version.number - a.version.number;

/** Every version of every post public at `now`, newest first. */
export function changeEvents(history: Pick<HistoryFile, 'posts'>, now: Date): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const post of history.posts) {
    const visible = versionsVisibleAt(post, now);
    visible.forEach((version, index) => events.push({ slug: post.slug, version, ...(index > 0 ? { previous: visible[index - 1]! } : {}) }));
  }
  return events.sort(newestFirst);
}

/** A version's changed fields as rows. */
export function changesOfVersion(slug: string, version: PostVersion): Change[] {
  const noted = version.notes.length > 0;
  const note = noted ? version.notes.map((n) => n.note).join(' / ') : null;
  return version.changes.map((change) => ({
    post: slug,
    version: version.number,
    kind: version.kind as ChangeKind,
    item: change.item ?? null,
    field: change.field,
    before: change.before,
    after: change.after,
    at: new Date(version.at),
    commit: version.commit,
    noted,
    note,
  }));
}

/**
 * Every change to the public record, one row per changed field of each version, newest version
 * first (fields in the order the version lists them). For the changes data and a database table.
 */
export function changesOf(history: Pick<HistoryFile, 'posts'>, now: Date): Change[] {
  return changeEvents(history, now).flatMap((event) => changesOfVersion(event.slug, event.version));
}

/** The history of one post, or undefined where it has none. */
export function postHistoryOf(history: Pick<HistoryFile, 'posts'>, slug: string): PostHistory | undefined {
  return history.posts.find((p) => p.slug === slug);
}

/** Whether a post's last public version was a withdrawal, at `now`: then its address answers 410. */
export function withdrawalOf(history: PostHistory, now: Date): { published: PostVersion; withdrawn: PostVersion } | undefined {
  const visible = versionsVisibleAt(history, now);
  const last = visible.at(-1);
  if (!last || last.kind !== 'withdrawn') return undefined;
  return { published: visible[0]!, withdrawn: last };
}
