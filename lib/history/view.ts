/**
 * What the history page and the decision page say about a post's history: plain values for
 * presentational components. Word differences are made here, when a page is rendered (and then
 * cached with it), not by the build, so the history file keeps only what changed.
 */
import { fieldLabel } from './fields';
import type { ChangeKind, FieldChange, HistoryFile, PostHistory, PostVersion } from './types';
import { versionsVisibleAt } from './versions';
import { withContext, wordDiff, type WordPart } from './words';

/** Fields shown word by word; every other field is shown as its value before and after. */
const TEXT_FIELDS = new Set(['title', 'summary', 'body', 'subject']);

export interface ChangeView {
  /** "outcome of ‘Development and Regulatory Services business case’", in words. */
  label: string;
  field: string;
  item?: string;
  /** Word by word, for text fields. */
  words?: WordPart[];
  /** For other fields: the value before and after (null where absent). */
  before: string | null;
  after: string | null;
}

export interface VersionView {
  number: number;
  kind: ChangeKind;
  at: Date;
  committedAt: Date;
  commit: string;
  title: string;
  notes: { date: Date; note: string }[];
  changes: ChangeView[];
  /** The number of the version before, if any. */
  previous?: number;
}

export interface HistorySummary {
  /** Versions after the first that changed the post (withdrawals and restorations included). */
  changes: number;
  firstPublished: Date;
  lastChanged: Date;
}

/** How a post's history reads at `now`, or undefined where it has none. */
export function historySummary(history: PostHistory | undefined, now: Date): HistorySummary | undefined {
  const visible = history ? versionsVisibleAt(history, now) : [];
  if (visible.length === 0) return undefined;
  return { changes: visible.length - 1, firstPublished: new Date(visible[0]!.at), lastChanged: new Date(visible.at(-1)!.at) };
}

/** "Changed 2 times since it was first published", or "Not changed since it was first published". */
export function summarySentence(summary: HistorySummary): string {
  if (summary.changes === 0) return 'Not changed since it was first published';
  return `Changed ${summary.changes === 1 ? 'once' : `${summary.changes} times`} since it was first published`;
}

function itemSubjects(history: PostHistory): Map<string, string> {
  const subjects = new Map<string, string>();
  for (const version of history.versions)
    for (const change of version.changes) {
      if (!change.item) continue;
      if (change.field === 'item' || change.field === 'subject') subjects.set(change.item, change.after ?? change.before ?? change.item);
    }
  return subjects;
}

function changeView(change: FieldChange, subjects: Map<string, string>): ChangeView {
  const item = change.item ? `‘${subjects.get(change.item) ?? change.item}’` : '';
  const label =
    change.field === 'item'
      ? change.after === null
        ? `decision item removed`
        : `decision item added`
      : change.field === 'updates'
        ? 'correction note added'
        : change.item
          ? `${fieldLabel(change.field)} of the item ${item}`
          : fieldLabel(change.field);
  const text = TEXT_FIELDS.has(change.field);
  let words: WordPart[] | undefined;
  if (text) {
    const parts = wordDiff(change.before, change.after);
    words = change.field === 'body' ? withContext(parts) : parts;
  }
  return { label, field: change.field, ...(change.item ? { item: change.item } : {}), ...(words ? { words } : {}), before: change.before, after: change.after };
}

/** The versions public at `now`, newest first, ready to show. */
export function versionViews(history: PostHistory, now: Date): VersionView[] {
  const subjects = itemSubjects(history);
  const visible = versionsVisibleAt(history, now);
  return visible
    .map((version: PostVersion, index): VersionView => ({
      number: version.number,
      kind: version.kind,
      at: new Date(version.at),
      committedAt: new Date(version.committedAt),
      commit: version.commit,
      title: version.title,
      notes: version.notes.map((n) => ({ date: new Date(n.date), note: n.note })),
      // The first version's only change is its publication: the page says so in words.
      changes:
        version.kind === 'new' || version.kind === 'withdrawn'
          ? []
          : version.changes.filter((c) => c.field !== 'post' && c.field !== 'updates').map((c) => changeView(c, subjects)),
      ...(index > 0 ? { previous: visible[index - 1]!.number } : {}),
    }))
    .reverse();
}

/** Whether the history file has anything to say at all. */
export function historyAvailable(file: Pick<HistoryFile, 'available'>): boolean {
  return file.available;
}
