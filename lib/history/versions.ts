/**
 * From the states a post's file went through, commit by commit, to its public versions: what the
 * public saw, when, and what changed each time. Pure: lib/history/git.ts reads the states.
 */
import type { Decision } from '../content/types';
import { fieldChanges } from './fields';
import type { ChangeKind, FieldChange, HistoryNote, PostHistory, PostVersion } from './types';

/** The post's file as one commit left it. */
export type FileState = { commit: string; committedAt: Date } & (
  | { kind: 'present'; decision: Decision }
  /** A version the checks refuse: the build of that commit failed, so the site kept the one before. */
  | { kind: 'invalid' }
  | { kind: 'deleted' }
);

const noteKey = (note: { date: Date; note: string }) => `${note.date.toISOString()} ${note.note}`;

/** The notes of `after` that `before` did not have: they explain this version's changes. */
function addedNotes(before: Decision | undefined, after: Decision): HistoryNote[] {
  const had = new Set((before?.updates ?? []).map(noteKey));
  return after.updates.filter((u) => !had.has(noteKey(u))).map((u) => ({ date: u.date.toISOString(), note: u.note }));
}

/**
 * The public versions of one post, oldest first. A version is public when it is not a draft and
 * its time came (the commit's time, or the post's date if that is later) before the next commit
 * replaced it; the last version's time may still be to come (the site shows it from then:
 * versionsVisibleAt). A version the checks refuse never reached the site and is passed over.
 * A post deleted, or made a draft again, after it was public is withdrawn; published once more,
 * it is restored.
 */
export function publicVersions(slug: string, states: readonly FileState[]): PostHistory {
  const versions: PostVersion[] = [];
  let current: Decision | undefined; // the version the public sees now, if any
  let last: Decision | undefined; // the last version the public saw
  const push = (state: FileState, at: Date, kind: ChangeKind, title: string, changes: FieldChange[], notes: HistoryNote[]) =>
    versions.push({
      number: versions.length + 1,
      kind,
      commit: state.commit,
      committedAt: state.committedAt.toISOString(),
      at: at.toISOString(),
      title,
      changes,
      notes,
    });
  const valid = states.filter((s) => s.kind !== 'invalid');
  valid.forEach((state, index) => {
    if (state.kind === 'deleted' || state.decision.draft) {
      if (current) push(state, state.committedAt, 'withdrawn', current.title, [{ field: 'post', before: current.title, after: null }], []);
      current = undefined;
      return;
    }
    const decision = state.decision;
    const at = decision.published > state.committedAt ? decision.published : state.committedAt;
    const next = valid[index + 1];
    // Replaced before its time came (a scheduled post edited again): the public never saw it.
    if (next && at >= next.committedAt) return;
    if (!current) {
      const changes: FieldChange[] = [{ field: 'post', before: null, after: decision.title }];
      if (last) changes.push(...fieldChanges(last, decision));
      push(state, at, last ? 'restored' : 'new', decision.title, changes, []);
    } else {
      const notes = addedNotes(current, decision);
      const changes = fieldChanges(current, decision);
      for (const note of notes) changes.push({ field: 'updates', before: null, after: note.note });
      if (changes.length === 0) return; // nothing the public sees changed (a comment, spacing)
      push(state, at, notes.length > 0 ? 'corrected' : 'edited', decision.title, changes, notes);
    }
    current = decision;
    last = decision;
  });
  return { slug, versions };
}

/** The versions public at `now`: the last one may be scheduled for later. */
export function versionsVisibleAt(history: PostHistory, now: Date): PostVersion[] {
  const time = now.getTime();
  return history.versions.filter((v) => Date.parse(v.at) <= time);
}
