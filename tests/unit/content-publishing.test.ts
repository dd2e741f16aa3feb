/**
 * What content:check says about a post that is about to go live: template text left in a post
 * set to publish is refused; a date far ahead is a warning; and `--format github` prints each
 * problem as a GitHub annotation on its line. On content of its own, in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContentDir, githubReport } from '../../lib/content/check';
import { buildPostText } from '../../lib/content/new-post';
import { FAR_AHEAD_DAYS } from '../../lib/content/publishing-checks';
import { contentFiles, lineContaining, post, type TextFile } from './helpers';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const NOW = new Date('2011-07-01T12:00:00Z');
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'content-publishing-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes a valid content folder around the given posts (the helpers' committee, projects, glossary). */
function writeContent(...decisions: TextFile[]): void {
  const files = contentFiles(decisions);
  for (const file of [files.site!, ...files.decisions, ...files.committees, ...files.projects, ...files.glossary]) {
    // The helpers name their in-memory files as the checker shows them (`content/…`): below root instead.
    const target = path.join(root, ...file.path.split('/').slice(1));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
}

/** A post as `npm run new` writes it, with its draft flag set as given. */
function templatePost(draft: boolean): TextFile {
  const text = buildPostText({
    title: 'Parking charges reviewed',
    date: '2011-06-30',
    summary: 'Cabinet Resources Committee reviewed parking charges.',
    committee: 'cabinet-resources-committee',
    items: [{ subject: 'Parking charges', project: 'nscso', stage: 'business-case', outcome: 'approved' }],
  }).replace('draft: true', `draft: ${draft}`);
  return { ...post(text, { name: '2011-06-30-parking-charges-reviewed' }), text } as TextFile;
}

describe('publishing checks', () => {
  it('refuse a post set to publish that still holds the template text, on the line of the first prompt', async () => {
    const unfinished = templatePost(false);
    writeContent(post(), unfinished);
    const report = await checkContentDir(root, 'content', { now: NOW });
    const problems = report.problems.filter((p) => p.file === unfinished.path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'body', severity: 'error', line: lineContaining(unfinished.text, '_Replace this paragraph:') });
    expect(problems[0]!.message).toMatch(/draft: false.*template's text/);
    expect(report.errors).toBe(1);
  });

  it('let a draft keep the template text', async () => {
    writeContent(post(), templatePost(true));
    expect((await checkContentDir(root, 'content', { now: NOW })).problems).toEqual([]);
  });

  it(`warn, without refusing, of a post dated more than ${FAR_AHEAD_DAYS} days ahead`, async () => {
    const typo = post({ title: 'A year typo', date: '2031-06-30' }, { name: '2031-06-30-a-year-typo' });
    writeContent(post(), typo);
    const report = await checkContentDir(root, 'content', { now: NOW });
    expect(report.errors).toBe(0);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: typo.path, field: 'date', severity: 'warning', line: lineContaining(typo.text, 'date:') }),
    ]);
    expect(report.problems[0]!.message).toContain('2031-06-30');
    // Within the window: nothing to say.
    writeContent(post({ title: 'Soon', date: '2011-08-15' }, { name: '2011-08-15-soon' }));
    expect((await checkContentDir(root, 'content', { now: NOW })).problems.filter((p) => p.field === 'date' && p.file.includes('soon'))).toEqual([]);
  });
});

describe('--format github', () => {
  it('writes workflow commands, escaped as the runner reads them', () => {
    const out = githubReport({
      problems: [
        { file: 'decisions/a,b.md', line: 7, field: 'decisions[0].outcome', message: '100% wrong:\nsee line 2', severity: 'error' },
        { file: 'decisions/c.md', field: 'date', message: 'far ahead', severity: 'warning' },
      ],
    });
    expect(out.split('\n')).toEqual([
      '::error file=decisions/a%2Cb.md,line=7,title=decisions[0].outcome::100%25 wrong:%0Asee line 2',
      '::warning file=decisions/c.md,title=date::far ahead',
    ]);
  });

  it('is what `npm run content:check -- --format github` prints, and it fails on an error', () => {
    const unfinished = templatePost(false);
    writeContent(post(), unfinished);
    let output = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts', '--format', 'github', '--no-cache', '--dir', root], {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, SITE_NOW: NOW.toISOString() },
      });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      output = failed.stdout;
    }
    expect(status).toBe(1);
    const line = lineContaining(unfinished.text, '_Replace this paragraph:');
    const display = path
      .relative(REPO, path.join(root, 'decisions', '2011-06-30-parking-charges-reviewed.md'))
      .split(path.sep)
      .join('/');
    expect(output).toContain(`::error file=${display},line=${line},title=body::This post is set to be published`);
    expect(output).toMatch(/1 problem must be fixed/);
  });
});
