/**
 * The history of every post, as the build reads it from the content's git history
 * (lib/history/git.ts) and as the site serves it (lib/history/store.ts). Plain JSON values, so
 * that the build writes the history once and a server, or a build without git, reads it back.
 * Times are ISO 8601 instants (UTC, `Z`); pages and data show them as London times.
 */

/** What a version did to the public record. */
export type ChangeKind = 'new' | 'corrected' | 'edited' | 'withdrawn' | 'restored';

export const CHANGE_KINDS: readonly ChangeKind[] = ['new', 'corrected', 'edited', 'withdrawn', 'restored'];

/** Plain English for each kind, for pages and feed titles. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  new: 'First published',
  corrected: 'Corrected',
  edited: 'Changed without a note',
  withdrawn: 'Withdrawn',
  restored: 'Published again',
};

/**
 * One field that changed between two public versions of a post. `field` names a frontmatter
 * field (`title`, `outcome`, `documents` …), `body` for the text of the post, `item` for a
 * decision item added or removed, `post` for a post published or withdrawn. Values are the
 * field as text (lists joined with "; "), or null where the field was absent.
 */
export interface FieldChange {
  /** The decision item's id, for a field of an item; absent for a field of the post. */
  item?: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** A correction note from `updates:`, as written. */
export interface HistoryNote {
  /** ISO instant of the note's date. */
  date: string;
  note: string;
}

/** One public version of a post: when it became public, from which commit, and what it changed. */
export interface PostVersion {
  /** 1 for the first public version, then 2, 3 … (withdrawals are versions too). */
  number: number;
  kind: ChangeKind;
  /** The commit's full id. */
  commit: string;
  /** When the commit was made (its committer time), ISO instant. */
  committedAt: string;
  /**
   * When this version became public, ISO instant: the commit's time, or the post's own date
   * where the commit scheduled it for later.
   */
  at: string;
  /** The post's title in this version (the last one's, for a withdrawal). */
  title: string;
  /** Differences from the version before; for the first version, one `post` change. */
  changes: FieldChange[];
  /** The notes added to `updates:` in this version: they explain its changes. */
  notes: HistoryNote[];
}

/** Every public version of one post, oldest first. */
export interface PostHistory {
  slug: string;
  versions: PostVersion[];
}

export interface HistoryFile {
  /** Format version of this file. */
  format: 1;
  /** Whether the history came from git; false in a build that had none (a tarball). */
  available: boolean;
  /** When the build read the history, ISO instant. */
  generatedAt: string;
  /** Why there is no history, when `available` is false. */
  reason?: string;
  /** Every post ever public, by slug, sorted by slug. */
  posts: PostHistory[];
}

export const HISTORY_FORMAT = 1;

/**
 * One row of the changes data (`/data/changes.json`, `/data/changes.csv`, and a `changes` table):
 * one changed field of one version of one post. A version that changes three fields is three
 * rows with the same `post`, `version`, `commit` and `at`.
 */
export interface Change {
  /** The post's slug. */
  post: string;
  /** The post's version number this change made (1 is its first publication). */
  version: number;
  kind: ChangeKind;
  /** The decision item's id within the post, or null for a field of the post itself. */
  item: string | null;
  field: string;
  before: string | null;
  after: string | null;
  /** When the change became public, as an instant. */
  at: Date;
  /** The commit's full id. */
  commit: string;
  /** True when a note in `updates:` added in that version explains the change. */
  noted: boolean;
  /** The notes explaining it, joined with " / ", or null. */
  note: string | null;
}

/** An empty history, with the reason there is none. */
export function unavailableHistory(reason: string, now = new Date()): HistoryFile {
  return { format: HISTORY_FORMAT, available: false, generatedAt: now.toISOString(), reason, posts: [] };
}
