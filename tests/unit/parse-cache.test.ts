/**
 * The parse cache (lib/content/parse-cache.ts) changes how fast content is checked, never what
 * is found: a run from the cache reports the same problems, with the same lines and fields, and
 * gives the same records (dates included) as a run that parses every file, whatever happened to
 * the files or the cache between runs.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContentDir, type CheckReport } from '../../lib/content/check';
import { collectContent } from '../../lib/content/collect';
import { ParseCache } from '../../lib/content/parse-cache';
import { readContentDir } from '../../lib/content/read-content-dir';
import { STAMP_FILE } from '../../lib/server/disk-caches';
import { FIXTURE_CONTENT } from '../support/content';

const CONTENT = FIXTURE_CONTENT;
const temporary: string[] = [];

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'parse-cache-'));
  temporary.push(dir);
  return dir;
}

const GOOD_POST = `---
title: "Cabinet approves the library review"
date: 2012-03-01
summary: "Cabinet approved the review of library opening hours."
committee: cabinet
meeting: 2012-02-28
decisions:
  - subject: "Library opening hours review"
    project: nscso
    stage: options-appraisal
    outcome: approved
updates:
  - date: 2012-03-05
    note: "The date of the next report was corrected."
tags:
  - libraries
---

Cabinet approved the [review](https://www.barnet.gov.uk/libraries) of library opening hours.
`;

/** Posts broken in the ways that are reported: per file, and across files (with the line from the YAML). */
const BROKEN_POSTS: Record<string, string> = {
  '2012-04-01-unknown-committee.md': GOOD_POST.replace('committee: cabinet', 'committee: cabinett').replace('library review', 'library review again'),
  '2012-04-02-duplicate-title.md': GOOD_POST,
  '2012-04-03-bad-yaml.md': GOOD_POST.replace('summary: "Cabinet', 'summary: Cabinet: "'),
  '2012-04-04-bad-link.md': GOOD_POST.replace('(https://www.barnet.gov.uk/libraries)', '(javascript:alert(1))').replace('library review', 'library links'),
  '2012-04-05-meeting-after.md': GOOD_POST.replace('meeting: 2012-02-28', 'meeting: 2012-03-09').replace('library review', 'library meeting'),
  '2012-04-06-unknown-project.md': GOOD_POST.replace('project: nscso', 'project: nscs').replace('library review', 'library project'),
  '2012-04-07-correction-before.md': GOOD_POST.replace('  - date: 2012-03-05', '  - date: 2012-02-01').replace('library review', 'library correction'),
  '2012-04-08-wrong-field.md': GOOD_POST.replace('outcome: approved', 'outcome: maybe').replace('library review', 'library outcome'),
  'Not A Slug.md': GOOD_POST.replace('library review', 'library slug'),
  '2012-04-09-not-utf8.md': '',
};

/** A copy of the tests' content with a good post and the broken posts added. */
function contentWithProblems(): string {
  const root = path.join(tempDir(), 'posts');
  cpSync(CONTENT, root, { recursive: true });
  writeFileSync(path.join(root, 'decisions', '2012-03-01-library-review.md'), GOOD_POST);
  for (const [name, text] of Object.entries(BROKEN_POSTS)) writeFileSync(path.join(root, 'decisions', name), text);
  writeFileSync(path.join(root, 'decisions', '2012-04-09-not-utf8.md'), Buffer.from([...Buffer.from(GOOD_POST.slice(0, 40)), 0xe9, 0x0a]));
  return root;
}

function check(root: string, cacheDir?: string): Promise<CheckReport> {
  return checkContentDir(root, 'content', cacheDir ? { cache: { dir: cacheDir, projectRoot: process.cwd() } } : {});
}

/** Runs with the cache give what a run without it gives: the problems, the counts and every record. */
async function expectSameAsUncached(root: string, cacheDir: string): Promise<CheckReport> {
  const cached = await check(root, cacheDir);
  const uncached = await check(root);
  expect(cached.problems).toStrictEqual(uncached.problems);
  expect(cached.counts).toStrictEqual(uncached.counts);
  expect(cached.content).toStrictEqual(uncached.content);
  return cached;
}

/** The cache's files, besides the stamp of the code that versions it. */
function cacheFiles(cacheDir: string): string[] {
  return existsSync(cacheDir)
    ? readdirSync(cacheDir)
        .filter((name) => name !== STAMP_FILE)
        .map((name) => path.join(cacheDir, name))
    : [];
}

describe('the parse cache', () => {
  it('gives the same problems, lines and records from the cache as from parsing', async () => {
    const root = contentWithProblems();
    const cacheDir = path.join(tempDir(), 'cache');
    const cold = await expectSameAsUncached(root, cacheDir);
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const unchanged = await expectSameAsUncached(root, cacheDir);
    expect(unchanged.problems).toStrictEqual(cold.problems);

    // The broken posts are each reported, the cross-file problems with the line of their field.
    const byFile = (name: string) => unchanged.problems.filter((p) => p.file === `content/decisions/${name}`);
    expect(byFile('2012-04-01-unknown-committee.md')).toMatchObject([
      { field: 'committee', line: 5, message: expect.stringContaining("There is no committee called 'cabinett'") },
    ]);
    expect(byFile('2012-04-02-duplicate-title.md')).toMatchObject([{ field: 'title', line: 2 }]);
    expect(byFile('2012-04-05-meeting-after.md')).toMatchObject([{ field: 'meeting', line: 6, severity: 'warning' }]);
    expect(byFile('2012-04-06-unknown-project.md')).toMatchObject([{ field: 'decisions[0].project', line: 9 }]);
    expect(byFile('2012-04-07-correction-before.md')).toMatchObject([{ field: 'updates[0].date', line: 13, severity: 'warning' }]);
    for (const name of Object.keys(BROKEN_POSTS)) expect(byFile(name).length, name).toBeGreaterThan(0);

    // Dates come back as the same instants.
    const post = unchanged.content.decisions.find((d) => d.slug === '2012-04-05-meeting-after')!;
    expect(post.published).toBeInstanceOf(Date);
    expect(post.updates[0]!.date).toBeInstanceOf(Date);
    expect(post.published.getTime()).toBe(Date.UTC(2012, 2, 1));
    expect(post.body).toContain('Cabinet approved the [review]');
  });

  it('reads nothing again when nothing changed, and only the edited file when one did', async () => {
    const root = contentWithProblems();
    const files = await readContentDir(root);
    const cache = ParseCache.inMemory();
    const uncached = collectContent(files);
    expect(collectContent(files, { cache })).toStrictEqual(uncached);
    const total = cache.misses;
    expect(cache.hits).toBe(0);
    expect(collectContent(files, { cache })).toStrictEqual(uncached);
    expect(cache.hits).toBe(total);
    expect(cache.misses).toBe(total);

    const edited = {
      ...files,
      decisions: files.decisions.map((f) =>
        f.path.endsWith('2012-04-08-wrong-field.md') ? { ...f, bytes: new TextEncoder().encode(GOOD_POST.replace('library review', 'library mended')) } : f,
      ),
    };
    const after = collectContent(edited, { cache });
    expect(after).toStrictEqual(collectContent(edited));
    expect(cache.misses).toBe(total + 1);
    expect(after.problems.some((p) => p.file.endsWith('2012-04-08-wrong-field.md'))).toBe(false);
  });

  it('reports a file edited between runs as it now is', async () => {
    const root = contentWithProblems();
    const cacheDir = path.join(tempDir(), 'cache');
    await check(root, cacheDir);
    const file = path.join(root, 'decisions', '2011-03-03-last-night-in-hendon.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^committee: .*$/m, 'committee: no-such-committee'));
    const report = await expectSameAsUncached(root, cacheDir);
    expect(report.problems.filter((p) => p.file === 'content/decisions/2011-03-03-last-night-in-hendon.md')).toMatchObject([
      { field: 'committee', message: expect.stringContaining("'no-such-committee'") },
    ]);
  });

  it('forgets a removed file, and finds the lines of problems that a removed committee causes in unchanged posts', async () => {
    const root = contentWithProblems();
    const cacheDir = path.join(tempDir(), 'cache');
    const before = await check(root, cacheDir);
    rmSync(path.join(root, 'decisions', '2012-04-02-duplicate-title.md'));
    rmSync(path.join(root, 'committees', 'cabinet.md'));
    const after = await expectSameAsUncached(root, cacheDir);
    expect(after.problems.some((p) => p.file.endsWith('2012-04-02-duplicate-title.md'))).toBe(false);
    expect(after.counts.committees).toBe(before.counts.committees - 1);
    // Every unchanged post of Cabinet now names a committee that is not there, on its committee line.
    const missing = after.problems.filter((p) => p.field === 'committee' && p.message.includes("no committee called 'cabinet'"));
    expect(missing.length).toBeGreaterThan(1);
    for (const p of missing)
      expect(readFileSync(path.join(root, p.file.replace(/^content\//, '')), 'utf8').split('\n')[p.line! - 1]).toMatch(/^committee: cabinet\b/);
    // The removed post's entry is gone from the cache.
    const text = readFileSync(cacheFiles(cacheDir)[0]!);
    expect(text.includes(Buffer.from('2012-04-02-duplicate-title'))).toBe(false);
  });

  it('ignores a corrupt cache file and writes a good one', async () => {
    const root = contentWithProblems();
    const cacheDir = path.join(tempDir(), 'cache');
    await check(root, cacheDir);
    const [file] = cacheFiles(cacheDir);
    const good = readFileSync(file!);
    for (const corrupt of [Buffer.from('not a cache'), good.subarray(0, good.length >> 1), Buffer.alloc(0)]) {
      writeFileSync(file!, corrupt);
      await expectSameAsUncached(root, cacheDir);
      expect(readFileSync(file!).length).toBe(good.length);
    }
  });

  it('starts afresh when the checking code changes', async () => {
    const root = contentWithProblems();
    const files = await readContentDir(root);
    const cacheDir = path.join(tempDir(), 'cache');
    const first = ParseCache.open(cacheDir, root, 'version-1')!;
    collectContent(files, { cache: first });
    first.save();
    const same = ParseCache.open(cacheDir, root, 'version-1')!;
    collectContent(files, { cache: same });
    expect(same.misses).toBe(0);
    const changed = ParseCache.open(cacheDir, root, 'version-2')!;
    expect(collectContent(files, { cache: changed })).toStrictEqual(collectContent(files));
    expect(changed.hits).toBe(0);
  });

  it('checks as without a cache when the cache cannot be written', async () => {
    const root = contentWithProblems();
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const cacheDir = path.join(blocker, 'cache');
    await expectSameAsUncached(root, cacheDir);
    await expectSameAsUncached(root, cacheDir);
    expect(existsSync(cacheDir)).toBe(false);
  });
});
