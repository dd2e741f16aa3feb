import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContentDir } from '../../lib/content/check';
import { collectContent } from '../../lib/content/collect';
import { formatProblem, problem } from '../../lib/content/problems';
import { collect, contentFiles, DEFAULT_POST_PATH, encode, errorsOf, lineContaining, onlyProblem, post, problemsOf, warningsOf } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

/** The default post as text, for tests that change it by hand. */
const BASE = post().text;
const item = (fields: Record<string, unknown> = {}) => ({
  subject: 'New Support and Customer Service Organisation business case',
  project: 'nscso',
  stage: 'business-case',
  outcome: 'approved',
  ...fields,
});

describe('a valid set of content', () => {
  it('gives no problems and publishes the post with its fields', () => {
    const content = collect(post());
    expect(content.problems).toEqual([]);
    expect(content.decisions).toHaveLength(1);
    const [decision] = content.decisions;
    expect(decision!.slug).toBe('2011-06-30-test-post');
    expect(decision!.committee).toBe('cabinet-resources-committee');
    expect(decision!.meeting).toBe('2011-06-29');
    expect(decision!.items[0]).toMatchObject({ project: 'nscso', stage: 'business-case', outcome: 'approved', documents: [] });
    expect(decision!.draft).toBe(false);
    expect(content.committees.has('cabinet-resources-committee')).toBe(true);
    expect([...content.projects.keys()].sort()).toEqual(['drs', 'nscso']);
    expect(content.glossary.has('business-case')).toBe(true);
  });
});

describe('frontmatter that cannot be read', () => {
  it('reports YAML that does not parse, at the line of the mistake', () => {
    const file = post(BASE.replace('committee: cabinet-resources-committee', 'committee cabinet-resources-committee'));
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ file: DEFAULT_POST_PATH, field: 'frontmatter', severity: 'error', line: 5 });
    expect(p.line).toBe(lineContaining(file.text, 'committee cabinet'));
    expect(p.message).toContain('not valid YAML');
    expect(p.message).toMatch(/missing colon/);
  });

  it('reports an unclosed quote as a YAML problem inside the frontmatter', () => {
    const file = post(BASE.replace('title: Back office', 'title: "Back office'));
    const problems = errorsOf(file);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.field).toBe('frontmatter');
    expect(problems[0]!.message).toMatch(/quote/);
    // The line lies within the frontmatter (the YAML library reports where it noticed).
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(problems[0]!.line).toBeLessThan(lineContaining(file.text, 'Last night'));
  });

  it('reports a tab used for indenting, at its line', () => {
    const file = post(BASE.replace('  - subject', '\t- subject'));
    const problems = errorsOf(file);
    const tab = problems.find((p) => p.message.includes('tab'));
    expect(tab).toBeDefined();
    expect(tab!.line).toBe(lineContaining(file.text, '\t- subject'));
    expect(tab!.message).toContain('Indent with spaces only');
  });

  it('reports frontmatter that is never closed, at line 1', () => {
    const p = onlyProblem(problemsOf(post('---\ntitle: A post\ndate: 2011-06-30\n\nThe text of the post.\n')));
    expect(p).toMatchObject({ field: 'frontmatter', line: 1, severity: 'error' });
    expect(p.message).toContain('never closed');
    expect(p.message).toContain('---');
  });

  it('reports an empty file', () => {
    const p = onlyProblem(problemsOf(post('')));
    expect(p).toMatchObject({ field: 'file', line: 1, severity: 'error' });
    expect(p.message).toContain('The file is empty');
  });

  it('reports a file of only blank lines as empty', () => {
    const p = onlyProblem(problemsOf(post('\n  \n\t\n')));
    expect(p.message).toContain('The file is empty');
  });

  it('reports a file with no frontmatter', () => {
    const p = onlyProblem(problemsOf(post('title: A post\n\nThe text of the post.\n')));
    expect(p).toMatchObject({ field: 'frontmatter', line: 1, severity: 'error' });
    expect(p.message).toContain('must begin with a line of three hyphens (---)');
  });

  it('reports frontmatter that is a list rather than fields', () => {
    const p = onlyProblem(problemsOf(post('---\n- one\n- two\n---\n\nThe text.\n')));
    expect(p).toMatchObject({ field: 'frontmatter', line: 2 });
    expect(p.message).toContain('name: value');
  });

  it('leaves a post that cannot be read off the site', () => {
    const content = collect(post(''));
    expect(content.decisions).toEqual([]);
  });
});

describe('missing, wrongly typed and misspelt fields', () => {
  it('reports a missing required field (title)', () => {
    const p = onlyProblem(problemsOf(post({ title: undefined })));
    expect(p).toMatchObject({ field: 'title', line: 1, severity: 'error' });
    expect(p.message).toContain('This required field is missing');
    expect(p.message).toContain("'title: …'");
  });

  it('reports a wrongly typed field (decisions as text), at its line', () => {
    const file = post({ decisions: 'approved the business case' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions', line: lineContaining(file.text, 'decisions:') });
    expect(p.message).toContain('should be a list');
    expect(p.message).toContain("the text 'approved the business case'");
  });

  it('reports draft that is not true or false', () => {
    const file = post({ draft: 'yes' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'draft', line: lineContaining(file.text, 'draft:') });
    expect(p.message).toContain('true or false');
  });

  it('reports a misspelt field name with a suggestion (commitee → committee)', () => {
    const file = post(BASE.replace('committee:', 'commitee:'));
    const problems = problemsOf(file);
    const misspelt = problems.find((p) => p.field === 'commitee');
    expect(misspelt).toBeDefined();
    expect(misspelt!.line).toBe(5);
    expect(misspelt!.message).toContain("did you mean 'committee'");
    // …and the real field is then missing.
    expect(problems.find((p) => p.field === 'committee')?.message).toContain('required field is missing');
  });

  it('reports an empty decisions list', () => {
    const file = post({ decisions: [] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions', line: lineContaining(file.text, 'decisions:') });
    expect(p.message).toContain('The list is empty');
  });

  it('reports a title over 200 characters, and accepts exactly 200', () => {
    const file = post({ title: 'x'.repeat(201) });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'title', line: 2 });
    expect(p.message).toContain('too long');
    expect(p.message).toContain('200 characters');
    expect(problemsOf(post({ title: 'x'.repeat(200) }))).toEqual([]);
  });

  it('reports a summary over 300 characters', () => {
    const file = post({ summary: 'x'.repeat(301) });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'summary', line: lineContaining(file.text, 'summary:') });
    expect(p.message).toContain('300 characters');
  });

  it('reports each tag that is not a slug, by its position and line', () => {
    const file = post({ tags: ['One Barnet', 'ok-tag', 'bad--tag'] });
    const problems = problemsOf(file);
    expect(problems.map((p) => p.field)).toEqual(['tags[0]', 'tags[2]']);
    expect(problems[0]!.line).toBe(lineContaining(file.text, '- One Barnet'));
    expect(problems[0]!.message).toContain("'One Barnet' is not a valid tag");
    expect(problems[1]!.line).toBe(lineContaining(file.text, '- bad--tag'));
  });

  it('refuses a tag given twice, naming the tag and the line of the repeat', () => {
    const file = post({ tags: ['fees', 'one-barnet', 'fees'] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'tags[2]', severity: 'error' });
    // The second '- fees', not the first.
    const lines = file.text.split('\n');
    expect(p.line).toBe(lines.lastIndexOf('  - fees') + 1);
    expect(p.line).toBeGreaterThan(lineContaining(file.text, '- fees'));
    expect(p.message).toContain("'fees' is listed twice");
  });

  it('reports tags that are not a list', () => {
    const file = post({ tags: 'one-barnet' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'tags', line: lineContaining(file.text, 'tags:') });
    expect(p.message).toContain('should be a list');
  });

  it('reports a field given twice, at the second one', () => {
    const file = post(BASE.replace('date: 2011-06-30', 'date: 2011-06-30\ntitle: Again'));
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'title', line: 4, severity: 'error' });
    expect(p.message).toContain('appears more than once');
  });

  it('accepts a null value for an optional field (author:, meeting: with nothing after)', () => {
    const file = post(BASE.replace('meeting: 2011-06-29', 'author:\nmeeting:'));
    const content = collect(file);
    expect(content.problems).toEqual([]);
    expect(content.decisions[0]!.author).toBeUndefined();
    expect(content.decisions[0]!.meeting).toBeUndefined();
  });

  it('accepts a quoted date as well as an unquoted one', () => {
    expect(problemsOf(post(BASE.replace('date: 2011-06-30', 'date: "2011-06-30"')))).toEqual([]);
  });
});

describe('dates', () => {
  it('reports an impossible date (2011-02-31) and says to write YYYY-MM-DD', () => {
    const file = post({ date: '2011-02-31' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'date', line: 3, severity: 'error' });
    expect(p.message).toContain("'2011-02-31' is not a real date");
    expect(p.message).toContain('YYYY-MM-DD');
  });

  it('reports a date not written the ISO way (30/06/2011)', () => {
    const p = onlyProblem(problemsOf(post({ date: '30/06/2011' })));
    expect(p).toMatchObject({ field: 'date', line: 3 });
    expect(p.message).toContain("'30/06/2011'");
    expect(p.message).toContain('YYYY-MM-DD');
  });

  it('reports an impossible meeting date', () => {
    const file = post({ meeting: '2011-02-30' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'meeting', line: lineContaining(file.text, 'meeting:') });
    expect(p.message).toContain('YYYY-MM-DD');
  });
});

describe('references to committees and projects', () => {
  it('reports an unknown committee with "did you mean \'cabinet-resources-committee\'"', () => {
    const file = post({ committee: 'cabinet-resourcez-committee' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'committee', line: 5, severity: 'error' });
    expect(p.message).toContain("There is no committee called 'cabinet-resourcez-committee'");
    expect(p.message).toContain("did you mean 'cabinet-resources-committee'");
  });

  it('lists the committees when the name is nowhere near one', () => {
    const p = onlyProblem(problemsOf(post({ committee: 'full-council' })));
    expect(p.message).toContain("There is no committee called 'full-council'");
    expect(p.message).toContain('The committees are: cabinet-resources-committee');
    expect(p.message).not.toContain('did you mean');
  });

  it('reports a committee written as its display name, at its line', () => {
    const file = post({ committee: 'Cabinet Resources Committee' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'committee', line: 5, severity: 'error' });
    expect(p.message).toContain("There is no committee called 'Cabinet Resources Committee'; did you mean 'cabinet-resources-committee'?");
  });

  it('reports an unknown project with a suggestion, at the item line', () => {
    const file = post({ decisions: [item({ project: 'nscs0' })] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions[0].project', line: lineContaining(file.text, 'project: nscs0') });
    expect(p.message).toContain("There is no project called 'nscs0'");
    expect(p.message).toContain("did you mean 'nscso'");
  });

  it('reports a misspelt stage with a suggestion and the allowed values', () => {
    const file = post({ decisions: [item({ stage: 'buisness-case' })] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions[0].stage', line: lineContaining(file.text, 'stage:') });
    expect(p.message).toContain("did you mean 'business-case'");
    expect(p.message).toContain('Allowed: options-appraisal, business-case');
  });

  it('reports a misspelt outcome with a suggestion', () => {
    const file = post({ decisions: [item({ outcome: 'aproved' })] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions[0].outcome', line: lineContaining(file.text, 'outcome:') });
    expect(p.message).toContain("did you mean 'approved'");
  });

  it('reports problems in the second decision item with its index', () => {
    const file = post({ decisions: [item(), item({ subject: 'DRS', project: 'dsr', stage: 'procurement', outcome: 'noted' })] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions[1].project', line: lineContaining(file.text, 'project: dsr') });
    expect(p.message).toContain("did you mean 'drs'");
  });
});

describe('links', () => {
  it('reports a javascript: document URL', () => {
    const file = post({ decisions: [item({ documents: [{ title: 'Papers', url: 'javascript:alert(1)' }] })] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions[0].documents[0].url', line: lineContaining(file.text, 'url:'), severity: 'error' });
    expect(p.message).toContain('is not allowed');
    expect(p.message).toContain('https://');
  });

  it('reports a document address with no https:// in front', () => {
    const file = post({ decisions: [item({ documents: [{ title: 'Papers', url: 'www.barnet.gov.uk/papers' }] })] });
    const p = onlyProblem(problemsOf(file));
    expect(p.field).toBe('decisions[0].documents[0].url');
    expect(p.message).toContain('has no https:// in front');
    expect(p.message).toContain('https://www.barnet.gov.uk/papers');
  });

  it('accepts an https document', () => {
    expect(problemsOf(post({ decisions: [item({ documents: [{ title: 'Papers', url: 'https://barnet.moderngov.co.uk/x.pdf' }] })] }))).toEqual([]);
  });

  it('reports a scheme-less link in the body (www.barnet.gov.uk) at its line in the file', () => {
    const file = post({}, { body: 'Intro.\n\nRead [the papers](www.barnet.gov.uk) now.\n' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'body', severity: 'error', line: lineContaining(file.text, '[the papers]') });
    expect(p.message).toContain("'www.barnet.gov.uk' has no https:// in front");
  });

  it('reports a javascript: link in the body', () => {
    const file = post({}, { body: 'Intro.\n\nRead [the papers](javascript:alert(1)) now.\n' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'body', line: lineContaining(file.text, '[the papers]') });
    expect(p.message).toContain('is not allowed');
  });

  it('accepts a bare www.barnet.gov.uk in running text (it becomes an http link)', () => {
    expect(problemsOf(post({}, { body: 'See www.barnet.gov.uk for more.\n' }))).toEqual([]);
  });

  it('warns (not errors) about raw HTML in the body, at its line', () => {
    const file = post({}, { body: 'Intro.\n\n<div>Hidden</div>\n' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'body', severity: 'warning', line: lineContaining(file.text, '<div>') });
    expect(p.message).toContain('HTML is not shown');
    expect(collect(file).decisions).toHaveLength(1);
  });
});

describe('file names, bodies and uniqueness', () => {
  it('reports a file name that is not a slug and suggests one', () => {
    const p = onlyProblem(problemsOf(post({}, { name: '2011-06-30 My Post' })));
    expect(p).toMatchObject({ file: 'content/decisions/2011-06-30 My Post.md', field: 'file', severity: 'error' });
    expect(p.message).toContain("The file name '2011-06-30 My Post.md' is not allowed");
    expect(p.message).toContain("'2011-06-30-my-post.md'");
  });

  it('reports an empty body at the line after the frontmatter', () => {
    const file = post({}, { body: '' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'body', severity: 'error' });
    expect(p.message).toContain('The text of the post is empty');
    const closing = file.text.split('\n').lastIndexOf('---') + 1;
    expect(p.line).toBe(closing + 1);
  });

  it('reports a body of only blank lines as empty', () => {
    const p = onlyProblem(problemsOf(post({}, { body: '\n   \n\n' })));
    expect(p.message).toContain('The text of the post is empty');
  });

  it('reports a title used by another post (case and spacing ignored), naming the other file', () => {
    const first = post({}, { name: '2011-06-30-first' });
    const second = post({ title: 'BACK office and customer  service project given the green light' }, { name: '2011-07-01-second' });
    const p = onlyProblem(problemsOf(first, second));
    expect(p).toMatchObject({ file: 'content/decisions/2011-07-01-second.md', field: 'title', line: 2 });
    expect(p.message).toContain('Another post already has this title (content/decisions/2011-06-30-first.md)');
  });

  // x.md and x.MD are two files on Linux, one on a Mac or Windows disk: the one not read
  // must be an error that says why, from the folder as content:check reads it.
  it('refuses x.MD beside x.md, naming the file and how to rename it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'content-case-'));
    try {
      cpSync(FIXTURE_CONTENT, root, { recursive: true });
      writeFileSync(path.join(root, 'decisions', '2011-06-30-x.md'), post({ title: 'Lower case' }).text);
      writeFileSync(path.join(root, 'decisions', '2011-06-30-x.MD'), post({ title: 'Upper case' }).text);
      const report = await checkContentDir(root);
      const errors = report.content.problems.filter((p) => p.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: 'content/decisions/2011-06-30-x.MD', field: 'file' });
      expect(errors[0]!.message).toContain("Rename it to '2011-06-30-x.md'");
      expect(report.content.decisions.filter((d) => d.slug === '2011-06-30-x')).toHaveLength(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('warns about a file in a collection folder that is not Markdown', () => {
    const content = collectContent(contentFiles([post()], { ignored: ['content/decisions/notes.txt'] }));
    const p = onlyProblem(content.problems);
    expect(p).toMatchObject({ file: 'content/decisions/notes.txt', field: 'file', severity: 'warning' });
    expect(p.message).toContain('only .md files are read');
  });

  it('reports a missing site.json', () => {
    const content = collectContent(contentFiles([post()], { site: undefined }));
    const p = onlyProblem(content.problems);
    expect(p).toMatchObject({ file: 'content/site.json', field: 'file', severity: 'error' });
    expect(p.message).toContain('create content/site.json');
  });
});

describe('encodings, line endings and text', () => {
  it('reports a Windows-1252 file and names the encoding', () => {
    // 0x92 is a curly apostrophe in Windows-1252 and never valid on its own in UTF-8.
    const bytes = new Uint8Array([...encode(BASE.slice(0, 20)), 0x92, ...encode(BASE.slice(20))]);
    const p = onlyProblem(problemsOf({ path: DEFAULT_POST_PATH, bytes }));
    expect(p).toMatchObject({ field: 'file', severity: 'error' });
    expect(p.message).toContain('not saved as UTF-8');
    expect(p.message).toContain('Windows-1252');
    expect(p.message).toContain('UTF-8');
  });

  it('reports a UTF-16 file with a byte-order mark and names the encoding', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Array.from(BASE).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const p = onlyProblem(problemsOf({ path: DEFAULT_POST_PATH, bytes: le }));
    expect(p.message).toContain('UTF-16 (little-endian)');
    const be = new Uint8Array([0xfe, 0xff, ...Array.from(BASE).flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    expect(onlyProblem(problemsOf({ path: DEFAULT_POST_PATH, bytes: be })).message).toContain('UTF-16 (big-endian)');
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const content = collect({ path: DEFAULT_POST_PATH, bytes: encode(`\uFEFF${BASE}`) });
    expect(content.problems).toEqual([]);
    expect(content.decisions[0]!.title).toBe('Back office and customer service project given the green light');
  });

  it('accepts Windows (CRLF) line endings, with a BOM too', () => {
    const content = collect({ path: DEFAULT_POST_PATH, bytes: encode(`\uFEFF${BASE.replace(/\n/g, '\r\n')}`) });
    expect(content.problems).toEqual([]);
    expect(content.decisions[0]!.body).not.toContain('\r');
  });

  it('keeps line numbers right with CRLF line endings, in the frontmatter and the body', () => {
    const frontmatter = post({ date: '2011-02-31' }).text.replace(/\n/g, '\r\n');
    expect(onlyProblem(problemsOf({ path: DEFAULT_POST_PATH, bytes: encode(frontmatter) })).line).toBe(3);
    const bodyFile = post({}, { body: 'Intro.\n\nRead [the papers](www.barnet.gov.uk) now.\n' });
    const crlf = encode(`\uFEFF${bodyFile.text.replace(/\n/g, '\r\n')}`);
    expect(onlyProblem(problemsOf({ path: DEFAULT_POST_PATH, bytes: crlf })).line).toBe(lineContaining(bodyFile.text, '[the papers]'));
  });

  it('accepts non-Latin text (Welsh, Polish, Chinese)', () => {
    const content = collect(
      post({
        title: 'Penderfyniad Pwyllgor Adnoddau’r Cabinet: gwasanaethau ŵyn ac ŷd',
        summary: 'Zażółć gęślą jaźń. 内阁资源委员会批准了商业计划。',
      }),
    );
    expect(content.problems).toEqual([]);
    expect(content.decisions[0]!.title).toContain('ŵyn');
    expect(content.decisions[0]!.summary).toContain('内阁资源委员会');
  });
});

describe('files built to hurt the checker', () => {
  it('refuses a YAML alias bomb with a message', () => {
    let yaml = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      yaml += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    }
    const p = onlyProblem(problemsOf(post(`---\n${yaml}---\n\nText.\n`)));
    expect(p).toMatchObject({ field: 'frontmatter', severity: 'error' });
    expect(p.message).toContain('YAML bomb');
    expect(p.message).toContain('aliases');
  });

  it('refuses frontmatter nested too deep', () => {
    const p = onlyProblem(problemsOf(post(`---\ntitle: ${'['.repeat(20)}1${']'.repeat(20)}\n---\n\nText.\n`)));
    expect(p).toMatchObject({ field: 'frontmatter', severity: 'error' });
    expect(p.message).toContain('nested more than 12 levels deep');
  });

  it('refuses extremely deep nesting without throwing', () => {
    const file = post(`---\ntitle: ${'['.repeat(5000)}1${']'.repeat(5000)}\n---\n\nText.\n`);
    let content!: ReturnType<typeof collect>;
    expect(() => (content = collect(file))).not.toThrow();
    expect(content.problems.some((p) => p.severity === 'error' && p.field === 'frontmatter')).toBe(true);
    expect(content.decisions).toEqual([]);
  });

  it('refuses a file over 512 KB', () => {
    const p = onlyProblem(problemsOf(post({}, { body: 'x'.repeat(600 * 1024) })));
    expect(p).toMatchObject({ field: 'file', severity: 'error' });
    expect(p.message).toContain('more than the 512 KB');
  });
});

describe('warnings', () => {
  it('warns when the meeting is after the publication date, and still publishes', () => {
    const file = post({ meeting: '2011-07-02' });
    const content = collect(file);
    const p = onlyProblem(content.problems);
    expect(p).toMatchObject({ field: 'meeting', severity: 'warning', line: lineContaining(file.text, 'meeting:') });
    expect(p.message).toContain('(2011-07-02) is after');
    expect(content.decisions).toHaveLength(1);
  });

  it('warns when the summary only repeats the title', () => {
    const file = post({ summary: 'Back office and customer service project given the green light' });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'summary', severity: 'warning', line: 4 });
    expect(p.message).toContain('only repeats the title');
  });

  it('warns about a business-case decision for a project without a businessCase', () => {
    const file = post({ decisions: [item({ subject: 'DRS business case', project: 'drs' })] });
    const content = collect(file);
    const p = onlyProblem(content.problems);
    expect(p).toMatchObject({ field: 'decisions[0].stage', severity: 'warning', line: lineContaining(file.text, 'stage:') });
    expect(p.message).toContain("the project 'drs' has no businessCase in content/projects/drs.md");
    expect(content.decisions).toHaveLength(1);
    // The same decision for NSCSO, which has its business case, is silent.
    expect(problemsOf(post())).toEqual([]);
  });

  it('warns about a correction dated before the post', () => {
    const file = post({ updates: [{ date: '2011-06-01', note: 'Fixed a typo.' }] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'updates[0].date', severity: 'warning' });
    expect(warningsOf(file)).toHaveLength(1);
  });

  it('names the correction dated before the post by its place in the file, not in date order', () => {
    const file = post({
      updates: [
        { date: '2011-07-10', note: 'Later.' },
        { date: '2011-06-01', note: 'Before the post.' },
      ],
    });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'updates[1].date', severity: 'warning', line: lineContaining(file.text, '2011-06-01') });
  });
});

describe('every problem in one run', () => {
  it('gives 3 problems for a post with 3 mistakes, in line order', () => {
    const problems = problemsOf(post({ date: '2011-02-31', committee: 'cabinet-resourcez-committee', tags: ['Bad Tag'] }));
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.field)).toEqual(['date', 'committee', 'tags[0]']);
    expect(problems.map((p) => p.line)).toEqual([3, 5, 13]);
  });

  it('reports problems in every file, not only the first broken one', () => {
    const problems = problemsOf(post({ date: '2011-02-31' }, { name: 'a' }), post({ committee: 'nope-committee' }, { name: 'b' }));
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual(['content/decisions/a.md date', 'content/decisions/b.md committee']);
  });

  it('keeps broken posts off the site but publishes the good ones', () => {
    const content = collect(post({ date: '2011-02-31' }, { name: 'broken' }), post({ title: 'A good post' }, { name: 'good' }));
    expect(content.decisions.map((d) => d.slug)).toEqual(['good']);
  });
});

describe('formatProblem', () => {
  it('gives PATH:LINE: FIELD: MESSAGE', () => {
    const p = onlyProblem(problemsOf(post({ committee: 'cabinet-resourcez-committee' })));
    expect(formatProblem(p)).toBe(
      `${DEFAULT_POST_PATH}:5: committee: There is no committee called 'cabinet-resourcez-committee'; did you mean 'cabinet-resources-committee'?`,
    );
  });

  it('leaves out the line when there is none, and marks warnings', () => {
    expect(formatProblem(problem('content/decisions/x.md', 'file', 'Bad name.'))).toBe('content/decisions/x.md: file: Bad name.');
    expect(formatProblem(problem('content/decisions/x.md', 'summary', 'Repeats.', 4, 'warning'))).toBe('content/decisions/x.md:4: summary: warning: Repeats.');
  });
});

describe('a missing field with a fixed list of values', () => {
  it('says the field is missing and lists the values, rather than calling it "undefined"', async () => {
    const { collectContent } = await import('../../lib/content/collect');
    const { contentFiles, textFile } = await import('./helpers');
    const project = textFile('content/projects/new-project.md', ['---', 'name: "A new project"', 'summary: "What it is."', '---', 'About it.', ''].join('\n'));
    const files = contentFiles([]);
    files.projects.push(project);
    const problems = collectContent(files).problems.filter((p) => p.file === project.path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'status', line: 1, severity: 'error' });
    expect(problems[0]!.message).toBe(
      "This required field is missing. Add a line 'status: …' with one of: options-appraisal, business-case, procurement, contract-award, in-delivery, closed.",
    );
  });
});

describe("a decision item's permanent id", () => {
  it('is its id where given, else made from its subject, and reordering the items changes none', () => {
    const first = item({ id: 'nscso-case' });
    const second = item({ subject: 'Fees & charges 2011/12', project: undefined, stage: 'fees-and-charges' });
    const ids = (decisions: unknown[]) => collect(post({ decisions })).decisions[0]!.items.map((i) => i.id);
    expect(ids([first, second])).toEqual(['nscso-case', 'fees-and-charges-2011-12']);
    expect(ids([second, first])).toEqual(['fees-and-charges-2011-12', 'nscso-case']);
  });

  it('refuses two items with one id, at the second, saying which item has it', () => {
    const file = post({ decisions: [item(), item({ stage: 'procurement' })] });
    const p = onlyProblem(problemsOf(file));
    expect(p).toMatchObject({ field: 'decisions[1].subject', severity: 'error' });
    expect(p.message).toContain("Item 1 already has the id 'new-support-and-customer-service-organisation-business-case'");
    const written = onlyProblem(problemsOf(post({ decisions: [item({ id: 'case' }), item({ id: 'case', subject: 'Another' })] })));
    expect(written.field).toBe('decisions[1].id');
  });

  it('refuses an id that is not a slug', () => {
    const p = onlyProblem(problemsOf(post({ decisions: [item({ id: 'Item One' })] })));
    expect(p).toMatchObject({ field: 'decisions[0].id' });
    expect(p.message).toContain("'Item One' is not a valid item id");
  });
});

describe('the register fields of a decision item', () => {
  it('are absent unless the post gives them, and kept as written when it does', () => {
    const plain = collect(post()).decisions[0]!.items[0]!;
    expect(plain).not.toHaveProperty('keyDecision');
    expect(plain).not.toHaveProperty('callIn');
    const register = {
      keyDecision: true,
      reference: 'CRC/2011/07',
      callIn: { deadline: '2011-07-08', outcome: 'not-called-in' },
      wards: ['Hendon', 'Mill Hill'],
    };
    const content = collect(post({ decisions: [item(register)] }));
    expect(content.problems).toEqual([]);
    expect(content.decisions[0]!.items[0]).toMatchObject(register);
  });

  it('refuses a call-in outcome it does not know, and a ward given twice', () => {
    const problems = problemsOf(post({ decisions: [item({ callIn: { deadline: '2011-07-08', outcome: 'maybe' }, wards: ['Hendon', 'Hendon'] })] }));
    expect(problems.map((p) => p.field).sort()).toEqual(['decisions[0].callIn.outcome', 'decisions[0].wards[1]']);
  });
});
