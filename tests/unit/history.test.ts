/**
 * The history of every post (lib/history): the version walk over a real git repository made in
 * a temporary folder, the field-by-field and word-by-word differences, and the changes as rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDecision } from '../../lib/content/parse-collections';
import type { Decision } from '../../lib/content/types';
import { changesOf, withdrawalOf } from '../../lib/history/changes';
import { fieldChanges } from '../../lib/history/fields';
import { readContentHistory } from '../../lib/history/git';
import type { HistoryFile, PostHistory } from '../../lib/history/types';
import { historySummary, summarySentence, versionViews } from '../../lib/history/view';
import { MAX_DIFF_CHARS, wordDiff } from '../../lib/history/words';
import { costRatio, MAX_COST_RATIO } from './growth';
import { post, type PostData } from './helpers';
import { makeRepository, type ScriptedCommit } from '../support/history-fixture';

const text = (data: PostData = {}, body?: string) => new TextDecoder().decode(post(data, body === undefined ? {} : { body }).bytes);
const file = (slug: string) => `content/decisions/${slug}.md`;
const item = (outcome: string, extra: PostData = {}) => ({ subject: 'NSCSO business case', project: 'nscso', stage: 'business-case', outcome, ...extra });

function decisionOf(data: PostData, body?: string): Decision {
  const parsed = parseDecision(post(data, body === undefined ? {} : { body }));
  if (!parsed.record) throw new Error(JSON.stringify(parsed.problems));
  return parsed.record;
}

// One repository for the walk, with every case a post's file can go through.
const COMMITS: ScriptedCommit[] = [
  // A draft period: never public.
  { at: '2011-06-28T10:00:00Z', message: 'draft', files: { [file('a-post')]: text({ draft: true, decisions: [item('deferred')] }) } },
  // First public version (dated 30 June, committed the day before: public from its date).
  { at: '2011-06-29T10:00:00Z', message: 'publish', files: { [file('a-post')]: text({ decisions: [item('deferred')] }) } },
  // A silent edit: the outcome, with no note.
  { at: '2011-07-01T10:00:00Z', message: 'silent', files: { [file('a-post')]: text({ decisions: [item('approved')] }) } },
  // A version the checks refuse never reached the site.
  { at: '2011-07-01T11:00:00Z', message: 'broken', files: { [file('a-post')]: '---\ntitle: [\n---\n' } },
  // A correction: the summary changed, with a note.
  {
    at: '2011-07-02T10:00:00Z',
    message: 'correction',
    files: {
      [file('a-post')]: text({
        decisions: [item('approved')],
        summary: 'Cabinet Resources Committee approved the NSCSO business case on 29 June 2011, after a long debate.',
        updates: [{ date: '2011-07-02', note: 'The debate was left out.' }],
      }),
    },
  },
  // A post published and then deleted: withdrawn.
  { at: '2011-07-03T10:00:00Z', message: 'another', files: { [file('gone')]: text({ title: 'Soon gone' }) } },
  { at: '2011-07-04T10:00:00Z', message: 'withdraw', files: { [file('gone')]: null } },
  // A post made a draft again after it was public, then published again.
  { at: '2011-07-05T10:00:00Z', message: 'third', files: { [file('back')]: text({ title: 'Back again' }) } },
  { at: '2011-07-06T10:00:00Z', message: 'hide', files: { [file('back')]: text({ title: 'Back again', draft: true }) } },
  { at: '2011-07-07T10:00:00Z', message: 'show', files: { [file('back')]: text({ title: 'Back again' }, 'Published once more.\n') } },
  // A post scheduled for a date after the next commit replaces it: the public never saw that version.
  { at: '2011-07-08T10:00:00Z', message: 'scheduled', files: { [file('later')]: text({ title: 'Later', date: '2011-08-01' }) } },
  { at: '2011-07-09T10:00:00Z', message: 'rescheduled', files: { [file('later')]: text({ title: 'Later still', date: '2011-09-01' }) } },
  // Files that are not posts are passed over.
  { at: '2011-07-10T10:00:00Z', message: 'other files', files: { 'content/decisions/notes.txt': 'x', 'content/committees/x.md': 'y', 'README.md': 'z' } },
];

let dir: string;
let history: HistoryFile;
const postOf = (slug: string): PostHistory => history.posts.find((p) => p.slug === slug)!;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'history-test-'));
  makeRepository(dir, COMMITS);
  history = await readContentHistory(path.join(dir, 'content'), { now: new Date('2012-01-01T00:00:00Z') });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the version walk over a git repository', () => {
  it('reads the history from git', () => {
    expect(history.available).toBe(true);
    expect(history.posts.map((p) => p.slug)).toEqual(['a-post', 'back', 'gone', 'later']);
  });

  it('starts at the first public version: a draft is not public, and a post dated later is public from its date', () => {
    const [first] = postOf('a-post').versions;
    expect(first).toMatchObject({ number: 1, kind: 'new', committedAt: '2011-06-29T10:00:00.000Z', at: '2011-06-29T23:00:00.000Z' });
    expect(first!.changes).toEqual([{ field: 'post', before: null, after: first!.title }]);
  });

  it('shows a silent edit field by field, with no note', () => {
    const silent = postOf('a-post').versions[1]!;
    expect(silent.kind).toBe('edited');
    expect(silent.notes).toEqual([]);
    expect(silent.changes).toEqual([{ item: 'nscso-business-case', field: 'outcome', before: 'deferred', after: 'approved' }]);
  });

  it('passes over a version the checks refuse, and matches a correction with the note added in that version', () => {
    const versions = postOf('a-post').versions;
    expect(versions).toHaveLength(3);
    const corrected = versions[2]!;
    expect(corrected.kind).toBe('corrected');
    expect(corrected.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(corrected.notes).toEqual([{ date: '2011-07-01T23:00:00.000Z', note: 'The debate was left out.' }]);
    expect(corrected.changes.map((c) => c.field)).toEqual(['summary', 'updates']);
  });

  it('marks a post deleted after it was public as withdrawn', () => {
    const gone = postOf('gone');
    expect(gone.versions.map((v) => v.kind)).toEqual(['new', 'withdrawn']);
    expect(gone.versions[1]).toMatchObject({
      at: '2011-07-04T10:00:00.000Z',
      title: 'Soon gone',
      changes: [{ field: 'post', before: 'Soon gone', after: null }],
    });
    expect(withdrawalOf(gone, new Date('2012-01-01'))?.withdrawn.number).toBe(2);
    expect(withdrawalOf(gone, new Date('2011-07-03T12:00:00Z'))).toBeUndefined();
  });

  it('withdraws a post made a draft again, and restores it when it is published again', () => {
    const back = postOf('back');
    expect(back.versions.map((v) => v.kind)).toEqual(['new', 'withdrawn', 'restored']);
    expect(back.versions[2]!.changes.map((c) => c.field)).toEqual(['post', 'body']);
  });

  it('leaves out a scheduled version replaced before its date, and keeps a scheduled last version for its date', () => {
    const later = postOf('later');
    expect(later.versions).toHaveLength(1);
    expect(later.versions[0]).toMatchObject({ title: 'Later still', at: '2011-08-31T23:00:00.000Z' });
    expect(changesOf({ posts: [later] }, new Date('2011-08-01T00:00:00Z'))).toEqual([]);
    expect(changesOf({ posts: [later] }, new Date('2011-09-01T00:00:00Z'))).toHaveLength(1);
  });

  it('gives every change as a row, newest first, noted only where a note explains it', () => {
    const rows = changesOf(history, new Date('2012-01-01'));
    expect(rows[0]).toMatchObject({ post: 'later', version: 1, field: 'post', noted: false });
    const outcome = rows.find((r) => r.field === 'outcome')!;
    expect(outcome).toMatchObject({
      post: 'a-post',
      item: 'nscso-business-case',
      before: 'deferred',
      after: 'approved',
      noted: false,
      note: null,
      kind: 'edited',
    });
    expect(outcome.at).toEqual(new Date('2011-07-01T10:00:00Z'));
    const summary = rows.find((r) => r.field === 'summary')!;
    expect(summary).toMatchObject({ noted: true, note: 'The debate was left out.', kind: 'corrected' });
    const times = rows.map((r) => r.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('says in plain English how often a post changed', () => {
    const summary = historySummary(postOf('a-post'), new Date('2012-01-01'))!;
    expect(summarySentence(summary)).toBe('Changed 2 times since it was first published');
    expect(summarySentence(historySummary(postOf('later'), new Date('2012-01-01'))!)).toBe('Not changed since it was first published');
    expect(historySummary(undefined, new Date())).toBeUndefined();
  });

  it('shows the versions newest first, each linked to the one before', () => {
    const views = versionViews(postOf('a-post'), new Date('2012-01-01'));
    expect(views.map((v) => [v.number, v.previous])).toEqual([
      [3, 2],
      [2, 1],
      [1, undefined],
    ]);
    expect(views[0]!.changes[0]!.words!.some((p) => p.kind === 'added' && p.text.includes('debate'))).toBe(true);
  });

  it('says no history is available without a repository', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'history-none-'));
    try {
      const none = await readContentHistory(plain);
      expect(none.available).toBe(false);
      expect(none.reason).toMatch(/^No history is available/);
      expect(none.posts).toEqual([]);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('field-by-field differences', () => {
  it('compares items by id, not by position', () => {
    const before = decisionOf({ decisions: [item('deferred'), { subject: 'Fees', stage: 'fees-and-charges', outcome: 'noted' }] });
    const after = decisionOf({ decisions: [{ subject: 'Fees', stage: 'fees-and-charges', outcome: 'noted' }, item('approved')] });
    expect(fieldChanges(before, after)).toEqual([{ item: 'nscso-business-case', field: 'outcome', before: 'deferred', after: 'approved' }]);
  });

  it('names items added and removed, and fields given or taken away', () => {
    const before = decisionOf({ decisions: [item('approved')], author: 'A. Writer' });
    const after = decisionOf({
      decisions: [
        item('approved', { documents: [{ title: 'Business case', url: 'https://example.org/bc.pdf' }] }),
        { subject: 'Fees', stage: 'other', outcome: 'noted' },
      ],
      meeting: undefined,
    });
    expect(fieldChanges(before, after)).toEqual([
      { field: 'meeting', before: '2011-06-29', after: null },
      { field: 'author', before: 'A. Writer', after: null },
      { item: 'nscso-business-case', field: 'documents', before: null, after: 'Business case <https://example.org/bc.pdf>' },
      { item: 'fees', field: 'item', before: null, after: 'Fees' },
    ]);
  });

  it('gives the publication date as a London date-time, and the body whole', () => {
    const changes = fieldChanges(decisionOf({}, 'One.\n'), decisionOf({ date: '2011-07-01' }, 'Two.\n'));
    expect(changes).toEqual([
      { field: 'date', before: '2011-06-30T00:00:00+01:00', after: '2011-07-01T00:00:00+01:00' },
      { field: 'body', before: 'One.', after: 'Two.' },
    ]);
  });

  it('finds nothing between equal versions', () => {
    expect(fieldChanges(decisionOf({}), decisionOf({}))).toEqual([]);
  });
});

describe('word-by-word differences', () => {
  it('marks the words added and removed, keeping the rest', () => {
    expect(wordDiff('The committee deferred the case.', 'The committee approved the case.')).toEqual([
      { kind: 'same', text: 'The committee ' },
      { kind: 'removed', text: 'deferred' },
      { kind: 'added', text: 'approved' },
      { kind: 'same', text: ' the case.' },
    ]);
    expect(wordDiff(null, 'New text')).toEqual([{ kind: 'added', text: 'New text' }]);
    expect(wordDiff('Old text', null)).toEqual([{ kind: 'removed', text: 'Old text' }]);
  });

  it('shows a rewritten text as removed and added whole', () => {
    const before = Array.from({ length: 2000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 2000 }, (_, i) => `b${i}`).join(' ');
    expect(wordDiff(before, after)).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
    const long = 'x '.repeat(MAX_DIFF_CHARS);
    expect(wordDiff(long, `${long}y`).map((p) => p.kind)).toEqual(['removed', 'added']);
  });

  it('costs linear time in the text, however different the texts', () => {
    const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? `${prefix}${i}` : `w${i}`)).join(' ');
    expect(costRatio((n) => wordDiff(words(n, 'a'), words(n, 'b')), 200)).toBeLessThan(MAX_COST_RATIO);
  });
});
