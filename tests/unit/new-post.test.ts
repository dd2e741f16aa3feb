/**
 * `npm run new`: the pure builder (lib/content/new-post.ts) and the script in flag mode
 * (scripts/new-post.ts), both checked with the real content checker.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { collectContent, type ContentSet } from '../../lib/content/collect';
import { parseFrontmatter } from '../../lib/content/frontmatter';
import {
  buildPostText,
  checkCommittee,
  checkDate,
  checkMeeting,
  checkOutcome,
  checkProject,
  checkStage,
  checkTags,
  checkTitle,
  nearMissTags,
  newPostFileName,
  newPostSlug,
  previewUrl,
  type NewPostAnswers,
} from '../../lib/content/new-post';
import { isError } from '../../lib/content/problems';
import { readContentDir } from '../../lib/content/read-content-dir';
import { FIXTURE_CONTENT } from '../support/content';

const ROOT = path.resolve(__dirname, '../..');
const CONTENT = FIXTURE_CONTENT;
const run = promisify(execFile);

const COMMITTEES = [
  { slug: 'cabinet-resources-committee', name: 'Cabinet Resources Committee', shortName: 'CRC' },
  { slug: 'cabinet', name: 'Cabinet' },
];
const PROJECTS = [
  { slug: 'nscso', name: 'New Support and Customer Service Organisation', shortName: 'NSCSO' },
  { slug: 'drs', name: 'Development and Regulatory Services', shortName: 'DRS' },
];

const answers = (overrides: Partial<NewPostAnswers> = {}): NewPostAnswers => ({
  title: 'Budget for 2011/12 agreed',
  date: '2011-07-05',
  summary: 'Cabinet Resources Committee agreed the budget for 2011/12 on 4 July 2011.',
  committee: 'cabinet-resources-committee',
  meeting: '2011-07-04',
  items: [
    { subject: 'Budget 2011/12', stage: 'policy', outcome: 'agreed' },
    { subject: 'New Support and Customer Service Organisation procurement', project: 'nscso', stage: 'procurement', outcome: 'noted' },
  ],
  tags: ['one-barnet', 'budget'],
  ...overrides,
});

/** The real content folder plus one new post, through the real checker. */
async function checkWithRealContent(fileName: string, text: string): Promise<{ content: ContentSet; own: ContentSet['problems'] }> {
  const files = await readContentDir(CONTENT, 'content');
  const file = `content/decisions/${fileName}`;
  const content = collectContent({ ...files, decisions: [...files.decisions, { path: file, bytes: new TextEncoder().encode(text) }] });
  return { content, own: content.problems.filter((p) => p.file === file) };
}

function frontmatterOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error('no frontmatter');
  return parseYaml(match[1]!) as Record<string, unknown>;
}

describe('building a post from answers', () => {
  it('writes a draft that passes the real checker beside the real posts', async () => {
    const a = answers();
    const text = buildPostText(a, { committees: COMMITTEES, projects: PROJECTS });
    const { content, own } = await checkWithRealContent(newPostFileName(a), text);
    expect(own.filter(isError)).toEqual([]);
    expect(content.problems.filter(isError)).toEqual([]);
    const post = content.decisions.find((d) => d.slug === newPostSlug(a));
    expect(post).toBeDefined();
    expect(post!.draft).toBe(true);
    expect(post!.title).toBe(a.title);
    expect(post!.committee).toBe('cabinet-resources-committee');
    expect(post!.meeting).toBe('2011-07-04');
    expect(post!.items.map((i) => [i.subject, i.project, i.stage, i.outcome])).toEqual([
      ['Budget 2011/12', undefined, 'policy', 'agreed'],
      ['New Support and Customer Service Organisation procurement', 'nscso', 'procurement', 'noted'],
    ]);
    expect(post!.tags).toEqual(['one-barnet', 'budget']);
    expect(post!.body.trim()).not.toBe('');
  });

  it('names the file <date>-<slug>.md and builds the preview address from the slug', () => {
    const a = answers({ title: 'Back office & customer services: the next step', date: '2011-07-05' });
    expect(newPostSlug(a)).toBe('2011-07-05-back-office-and-customer-services-the-next-step');
    expect(newPostFileName(a)).toBe('2011-07-05-back-office-and-customer-services-the-next-step.md');
    expect(previewUrl(newPostSlug(a))).toBe('http://localhost:3000/decisions/2011-07-05-back-office-and-customer-services-the-next-step');
    expect(newPostSlug({ title: 'Budget', date: '2011-07-05T09:30' })).toBe('2011-07-05-budget');
    expect(newPostSlug({ title: '🎉🎉', date: '2011-07-05' })).toBe('2011-07-05-decision');
  });

  it('leaves out the meeting when it is not known, and the tags when there are none', () => {
    const a = answers({ meeting: undefined, tags: [] });
    const data = frontmatterOf(buildPostText(a));
    expect(data).not.toHaveProperty('meeting');
    expect(data).not.toHaveProperty('tags');
    expect(data.draft).toBe(true);
  });

  it('gives a body with a heading for each decision and text for the writer to replace', () => {
    const text = buildPostText(answers(), { committees: COMMITTEES, projects: PROJECTS });
    const body = text.split('\n---\n')[1]!;
    expect(body).toContain('## Budget 2011/12');
    expect(body).toContain('## New Support and Customer Service Organisation procurement');
    expect(body).toContain('Cabinet Resources Committee decided at its meeting on Monday 4 July 2011');
    expect(body).toContain('_Replace this paragraph');
  });

  const awkward = [
    'Cabinet says "yes" to the plan',
    "Council's budget: the decision",
    'Item #1 agreed # not a comment',
    'Budget 🎉 approved 💷',
    'Cyngor yn cymeradwyo’r achos busnes: ŵ, ŷ, â',
    '- starts like a list item',
    '[not a list] {not a map} & *not an alias* | > !tag %directive @at `tick`',
    'yes',
    '2011-03-03',
    'null',
    '   spaces   and\nline breaks\tand tabs  ',
    'Back\\slash and "quotes" and \'single\' quotes: all together',
    '<script>alert(1)</script> and [a link](javascript:alert(1)) and http://intranet',
  ];

  it.each(awkward)('turns the awkward title %j into valid YAML that keeps the title', async (title) => {
    const a = answers({ title, items: [{ subject: title, stage: 'other', outcome: 'considered' }], summary: `About ${title}` });
    const text = buildPostText(a, { committees: COMMITTEES, projects: PROJECTS });
    const parsed = parseFrontmatter('content/decisions/x.md', text);
    expect(parsed.ok).toBe(true);
    const expected = title.replace(/\s+/g, ' ').trim();
    const data = frontmatterOf(text);
    expect(data.title).toBe(expected);
    expect((data.decisions as Array<{ subject: string }>)[0]!.subject).toBe(expected);
    const { own } = await checkWithRealContent(newPostFileName(a), text);
    expect(own.filter(isError)).toEqual([]);
  });
});

describe('checking answers', () => {
  it('accepts committees and projects by slug, name or short name, and suggests near misses', () => {
    expect(checkCommittee('cabinet-resources-committee', COMMITTEES)).toEqual({ ok: true, value: 'cabinet-resources-committee' });
    expect(checkCommittee('Cabinet Resources Committee', COMMITTEES)).toEqual({ ok: true, value: 'cabinet-resources-committee' });
    expect(checkCommittee('crc', COMMITTEES)).toEqual({ ok: true, value: 'cabinet-resources-committee' });
    const miss = checkCommittee('cabinet-resource-committee', COMMITTEES);
    expect(miss.ok).toBe(false);
    expect(!miss.ok && miss.message).toContain("did you mean 'cabinet-resources-committee'?");
    expect(checkProject('NSCSO', PROJECTS)).toEqual({ ok: true, value: 'nscso' });
    expect(checkProject('none', PROJECTS)).toEqual({ ok: true, value: undefined });
    expect(checkProject('', PROJECTS)).toEqual({ ok: true, value: undefined });
    const project = checkProject('dsr', PROJECTS);
    expect(!project.ok && project.message).toContain("did you mean 'drs'?");
  });

  it('accepts stages and outcomes by value or label, and suggests near misses', () => {
    expect(checkStage('business-case')).toEqual({ ok: true, value: 'business-case' });
    expect(checkStage('Fees and charges')).toEqual({ ok: true, value: 'fees-and-charges' });
    const stage = checkStage('buisness-case');
    expect(!stage.ok && stage.message).toContain("did you mean 'business-case'?");
    expect(checkOutcome('Approved')).toEqual({ ok: true, value: 'approved' });
    const outcome = checkOutcome('aproved');
    expect(!outcome.ok && outcome.message).toContain("did you mean 'approved'?");
  });

  it('checks titles, dates, meetings and tags with plain messages', () => {
    expect(checkTitle('   ').ok).toBe(false);
    const long = checkTitle('x'.repeat(201));
    expect(!long.ok && long.message).toContain('200 characters');
    expect(checkDate('2011-06-30')).toEqual({ ok: true, value: '2011-06-30' });
    expect(checkDate('2011-06-30T09:00').ok).toBe(true);
    const impossible = checkDate('2011-02-31');
    expect(!impossible.ok && impossible.message).toContain('is not a real date');
    expect(checkMeeting('')).toEqual({ ok: true, value: undefined });
    expect(checkMeeting('30/06/2011').ok).toBe(false);
    expect(checkTags('one-barnet, budget,one-barnet')).toEqual({ ok: true, value: ['one-barnet', 'budget'] });
    const tag = checkTags('Adult Social Care');
    expect(!tag.ok && tag.message).toContain("did you mean 'adult-social-care'?");
    expect(nearMissTags(['outsorcing', 'budget'], ['outsourcing', 'one-barnet'])).toEqual([['outsorcing', 'outsourcing']]);
  });
});

// Each case starts tsx in a child process (as `npm run new` does): allow for a busy machine.
describe('npm run new in flag mode (scripts/new-post.ts)', { timeout: 120_000 }, () => {
  let dir: string;
  const newPost = (...args: string[]) =>
    run('npx', ['tsx', 'scripts/new-post.ts', '--yes', '--dir', dir, ...args], { cwd: ROOT, encoding: 'utf8' }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
  const contentCheck = () =>
    run('npx', ['tsx', 'scripts/content-check.ts', '--dir', dir], { cwd: ROOT, encoding: 'utf8' }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
  const FLAGS = [
    '--title',
    'Cabinet says "yes": #1 — Cyngor yn cymeradwyo’r cynllun 🎉',
    '--committee',
    'cabinet-resources-committee',
    '--meeting',
    '2011-07-04',
    '--summary',
    'Cabinet Resources Committee agreed the budget: the "big" one.',
    '--subject',
    'Budget 2011/12',
    '--stage',
    'policy',
    '--outcome',
    'agreed',
    '--item',
    'NSCSO procurement|nscso|procurement|noted',
    '--tags',
    'one-barnet,budget',
    '--date',
    '2011-07-05',
  ];
  const expectedFile = () => path.join(dir, 'decisions', '2011-07-05-cabinet-says-yes-1-cyngor-yn-cymeradwyo-r-cynllun.md');

  /** The fixture's posts and the one `npm run new` writes: counted, so that a fixture added for another test changes nothing here. */
  let postsAfter = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'new-post-'));
    await cp(CONTENT, dir, { recursive: true });
    postsAfter = (await readdir(path.join(CONTENT, 'decisions'))).filter((name) => name.endsWith('.md')).length + 1;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a draft that content:check accepts, and prints the path, preview address and next steps', async () => {
    const result = await newPost(...FLAGS);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = await readFile(expectedFile(), 'utf8');
    const data = frontmatterOf(text);
    expect(data.draft).toBe(true);
    expect(data.title).toBe('Cabinet says "yes": #1 — Cyngor yn cymeradwyo’r cynllun 🎉');
    expect(data.decisions).toEqual([
      { subject: 'Budget 2011/12', stage: 'policy', outcome: 'agreed' },
      { subject: 'NSCSO procurement', project: 'nscso', stage: 'procurement', outcome: 'noted' },
    ]);
    expect(result.stdout).toContain('decisions/2011-07-05-cabinet-says-yes-1-cyngor-yn-cymeradwyo-r-cynllun.md');
    expect(result.stdout).toContain('http://localhost:3000/decisions/2011-07-05-cabinet-says-yes-1-cyngor-yn-cymeradwyo-r-cynllun');
    expect(result.stdout).toContain('npm run content:check');
    expect(result.stdout).toContain('npm run dev');
    expect(result.stdout).toContain('draft: false');

    const check = await contentCheck();
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`Content is valid: ${postsAfter} decision posts`);
  });

  it('refuses to overwrite a post that exists, and leaves it unchanged', async () => {
    const before = await readFile(expectedFile(), 'utf8');
    const result = await newPost(...FLAGS.slice(0, -2), '--date', '2011-07-05', '--summary', 'A different summary.');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already exists');
    expect(result.stderr).toContain('never overwritten');
    expect(await readFile(expectedFile(), 'utf8')).toBe(before);
    expect((await readdir(path.join(dir, 'decisions'))).length).toBe(postsAfter);
  });

  it('suggests the committee meant when a committee flag is misspelt, and writes nothing', async () => {
    const result = await newPost(
      '--title',
      'Another title',
      '--committee',
      'cabinet-resource-committee',
      '--summary',
      'S.',
      '--subject',
      'X',
      '--stage',
      'other',
      '--outcome',
      'noted',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("There is no committee called 'cabinet-resource-committee'; did you mean 'cabinet-resources-committee'?");
    expect((await readdir(path.join(dir, 'decisions'))).length).toBe(postsAfter);
  });

  it('names the missing flag with --yes', async () => {
    const result = await newPost('--title', 'Another title', '--committee', 'cabinet', '--subject', 'X', '--stage', 'other', '--outcome', 'noted');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Missing --summary');
  });

  it('suggests a near miss for a stage, an outcome, a project and a flag name', async () => {
    const base = ['--title', 'Another title', '--committee', 'cabinet', '--summary', 'S.', '--subject', 'X'];
    const [stage, outcome, project, flag] = await Promise.all([
      newPost(...base, '--stage', 'buisness-case', '--outcome', 'noted'),
      newPost(...base, '--stage', 'other', '--outcome', 'aproved'),
      newPost(...base, '--project', 'dsr', '--stage', 'other', '--outcome', 'noted'),
      newPost(...base, '--stage', 'other', '--outcome', 'noted', '--titel', 'x'),
    ]);
    expect(stage.stderr).toContain("did you mean 'business-case'?");
    expect(outcome.stderr).toContain("did you mean 'approved'?");
    expect(project.stderr).toContain("did you mean 'drs'?");
    expect(flag.stderr).toContain('did you mean --title?');
    for (const result of [stage, outcome, project, flag]) expect(result.code).toBe(1);
    expect((await readdir(path.join(dir, 'decisions'))).length).toBe(postsAfter);
  });
});
