/**
 * A content history for the tests that does not depend on this repository's own git history:
 * a small git repository made in a temporary folder from scripted versions of the fixture's
 * posts (tests/fixtures/content), read by the site's own history walk. The build of the fixture
 * (CONTENT_DIR=tests/fixtures/content npm run build, as npm run test:e2e runs it) writes this
 * history (scripts/content-history.ts), so the browser tests see a history page with insertions
 * and deletions, and a withdrawn post.
 *
 * The scripted history:
 *  - every fixture post but one, committed on 2 March 2011 (posts dated later go public on their date);
 *  - ANOTHER_PROJECT: a draft (29 March), first published with the outcome "deferred" (30 March),
 *    the outcome and summary changed without a note (30 March), the text changed without a note
 *    (31 March), which is the fixture file as it is;
 *  - WITHDRAWN: published (1 April), corrected with a note (2 April), deleted (5 April).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContentHistory } from '../../lib/history/git';
import type { HistoryFile } from '../../lib/history/types';

/** A commit of the scripted history: its time, and each file it writes (text) or deletes (null). */
export interface ScriptedCommit {
  at: string;
  message: string;
  files: Record<string, string | null>;
}

/** Makes a git repository in `dir` with the scripted commits, each at its own time. */
export function makeRepository(dir: string, commits: readonly ScriptedCommit[]): void {
  const git = (args: string[], at?: string) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      env: { ...process.env, ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}) },
      stdio: 'pipe',
    });
  mkdirSync(dir, { recursive: true });
  git(['init', '-q', '-b', 'main']);
  for (const commit of commits) {
    for (const [file, text] of Object.entries(commit.files)) {
      const target = path.join(dir, file);
      if (text === null) git(['rm', '-q', '--', file]);
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
        git(['add', '--', file]);
      }
    }
    git(['commit', '-q', '--allow-empty', '-m', commit.message], commit.at);
  }
}

export const ANOTHER_PROJECT = '2011-03-30-another-one-barnet-project-approved';
export const WITHDRAWN = '2011-04-01-history-fixture-withdrawn-post';

/** Replaces one exact passage, and fails loudly if the fixture no longer has it. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`The history fixture expects "${from}" in ${ANOTHER_PROJECT}.md.`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const withdrawnPost = (summary: string, meeting: string, updates = '') => `---
title: "A post withdrawn after publication (test fixture)"
date: 2011-04-01
summary: "${summary}"
committee: cabinet-resources-committee
meeting: ${meeting}
decisions:
  - subject: "Test fixture item"
    stage: other
    outcome: noted
${updates}---

This post exists only in the tests' scripted history: it was published, corrected and then deleted.
`;

/** The scripted commits, made from the fixture content folder's posts. */
export function fixtureCommits(fixtureContent: string): ScriptedCommit[] {
  const folder = path.join(fixtureContent, 'decisions');
  const names = readdirSync(folder).filter((n) => n.endsWith('.md'));
  const read = (name: string) => readFileSync(path.join(folder, name), 'utf8');
  const file = (slug: string) => `content/decisions/${slug}.md`;
  const final = read(`${ANOTHER_PROJECT}.md`);
  const considered = replaceOnce(final, 'was approved by Cabinet Resources committee', 'was considered by Cabinet Resources committee');
  const deferred = replaceOnce(
    replaceOnce(considered, 'outcome: approved', 'outcome: deferred'),
    'summary: "Cabinet Resources Committee approved the',
    'summary: "Cabinet Resources Committee deferred the',
  );
  const draft = replaceOnce(deferred, 'committee: cabinet-resources-committee', 'committee: cabinet-resources-committee\ndraft: true');
  const others = Object.fromEntries(names.filter((n) => n !== `${ANOTHER_PROJECT}.md`).map((n) => [`content/decisions/${n}`, read(n)]));
  return [
    { at: '2011-03-02T12:00:00Z', message: 'The posts so far', files: others },
    { at: '2011-03-29T16:00:00Z', message: 'A draft', files: { [file(ANOTHER_PROJECT)]: draft } },
    {
      at: '2011-03-30T07:30:00Z',
      message: 'Publish',
      files: { [file(ANOTHER_PROJECT)]: deferred, [file(WITHDRAWN)]: withdrawnPost('A test fixture post that will be withdrawn.', '2011-03-28') },
    },
    { at: '2011-03-30T12:00:00Z', message: 'Outcome and summary, no note', files: { [file(ANOTHER_PROJECT)]: considered } },
    { at: '2011-03-31T09:15:00Z', message: 'Text, no note', files: { [file(ANOTHER_PROJECT)]: final } },
    {
      at: '2011-04-02T11:00:00Z',
      message: 'Correction',
      files: {
        [file(WITHDRAWN)]: withdrawnPost(
          'A test fixture post, corrected, that will be withdrawn.',
          '2011-03-29',
          'updates:\n  - date: 2011-04-02\n    note: "The meeting was on 29 March, not 28 March."\n',
        ),
      },
    },
    { at: '2011-04-05T09:00:00Z', message: 'Withdraw', files: { [file(WITHDRAWN)]: null } },
  ];
}

/** The fixture's history, read from a scripted repository made in a temporary folder. */
export async function fixtureHistory(fixtureContent: string): Promise<HistoryFile> {
  const dir = mkdtempSync(path.join(tmpdir(), 'history-fixture-'));
  try {
    makeRepository(dir, fixtureCommits(fixtureContent));
    return await readContentHistory(path.join(dir, 'content'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
