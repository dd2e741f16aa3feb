/**
 * The benchmark's synthetic corpus (scripts/bench/corpus.ts) is valid content and is the same
 * on every run; and the fast paths of the content pipeline (lib/content/simple-yaml.ts,
 * checkBodyLinks's block-by-block check, splitFrontmatter) give exactly what the slow, general
 * code they stand in front of gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import { parseFrontmatter, splitFrontmatter } from '../../lib/content/frontmatter';
import { readContentDir } from '../../lib/content/read-content-dir';
import { NOT_SIMPLE, parseSimpleYaml } from '../../lib/content/simple-yaml';
import { checkBodyLinks } from '../../lib/markdown/link-check';
import { generatePosts, postToHugoMarkdown, postToMarkdown } from '../../scripts/bench/corpus';
import { loadCorpusContext } from '../../scripts/bench/corpus-files';
import { encode } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

const CONTENT = FIXTURE_CONTENT;
const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

/**
 * The publishing contract's rule, written out plainly (docs/content-model.md): the file begins
 * with a line of three hyphens; the fields run to the next line that is three hyphens (and
 * nothing but spaces after them); the body is everything after that line. Independent of
 * gray-matter, which splitFrontmatter calls.
 */
function contractSplit(text: string): { yamlSource: string; content: string } | undefined {
  const lines = text.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  if (close < 0) return undefined;
  // The YAML parser is handed the fields with the line break after the opening line, so that
  // its line numbers are the file's; nothing at all when there are no fields (only blank or
  // comment lines).
  const fields = lines.slice(1, close);
  const none = fields.every((line) => /^\s*(#.*)?$/.test(line));
  return { yamlSource: none ? '' : `\n${fields.join('\n')}`, content: lines.slice(close + 1).join('\n') };
}

/** The line of a line that starts with `---` but is not a closing line, before the closing line. */
function lookalikeLine(text: string): number | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((line, i) => i > 0 && line.startsWith('---'));
  return first > 0 && !/^---[ \t]*$/.test(lines[first]!) ? first + 1 : undefined;
}

/** The fast path either declines, or agrees with `yaml` (which then has no error). */
function expectSameAsYaml(source: string): boolean {
  const fast = parseSimpleYaml(source);
  if (fast === NOT_SIMPLE) return false;
  const doc = parseDocument(source, YAML_OPTIONS);
  expect(doc.errors.map((e) => e.code)).toEqual([]);
  expect(fast).toStrictEqual(doc.toJS({ maxAliasCount: 50 }) ?? null);
  return true;
}

function frontmatterOf(text: string): string {
  return splitFrontmatter(text).yamlSource;
}

describe('the synthetic corpus', () => {
  it('is valid content: no problem at all, every post published', async () => {
    const files = await readContentDir(CONTENT);
    const posts = generatePosts(await loadCorpusContext(CONTENT), { count: 80, seed: 7 });
    const content = collectContent({ ...files, decisions: posts.map((p) => ({ path: `content/decisions/${p.slug}.md`, bytes: encode(postToMarkdown(p)) })) });
    expect(content.problems).toEqual([]);
    expect(content.decisions).toHaveLength(80);
  });

  it('is deterministic, realistic in size, and refers to the real committees and projects', async () => {
    const context = await loadCorpusContext(CONTENT);
    const a = generatePosts(context, { count: 200 });
    const b = generatePosts(context, { count: 200 });
    expect(a.map(postToMarkdown)).toEqual(b.map(postToMarkdown));
    expect(generatePosts(context, { count: 200, seed: 2 }).map((p) => p.slug)).not.toEqual(a.map((p) => p.slug));
    const words = a.reduce((sum, p) => sum + p.words, 0) / a.length;
    expect(words).toBeGreaterThan(520);
    expect(words).toBeLessThan(680);
    const committees = new Set(context.committees.map((c) => c.slug));
    const projects = new Set(context.projects.map((p) => p.slug));
    expect(committees.has('cabinet-resources-committee')).toBe(true);
    for (const post of a) {
      expect(post.items.length).toBeGreaterThanOrEqual(1);
      expect(post.items.length).toBeLessThanOrEqual(3);
      expect(committees.has(post.committee)).toBe(true);
      for (const item of post.items) if (item.project) expect(projects.has(item.project)).toBe(true);
      expect(post.tags.length).toBeGreaterThan(0);
    }
    expect(new Set(a.map((p) => p.slug)).size).toBe(a.length);
    expect(a.some((p) => context.glossaryPhrases.some((g) => p.body.toLowerCase().includes(g.toLowerCase())))).toBe(true);
    // Posts are spread over the years, oldest first.
    expect(a[0]!.date < a.at(-1)!.date).toBe(true);
  });

  it('gives Hugo the same posts', async () => {
    const [post] = generatePosts(await loadCorpusContext(CONTENT), { count: 1 });
    const hugo = postToHugoMarkdown(post!);
    expect(hugo).toContain(post!.body);
    expect(hugo).toContain(`committees: [${post!.committee}]`);
  });
});

describe('splitFrontmatter', () => {
  it('splits as the publishing contract says', async () => {
    const files = await readContentDir(CONTENT);
    const texts = [...files.decisions, ...files.committees, ...files.projects, ...files.glossary].map((f) => new TextDecoder().decode(f.bytes));
    const pieces = ['---', '--- ', '----', '---yaml', '--- x', 'title: "x"', '# comment', '  # indented comment', '', ' ', 'body text', '\r', ' ---', 'a: b'];
    const generated = fc
      .sample(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), { numRuns: 3000, seed: 42 })
      .map((lines) => `---\n${lines.join('\n')}`);
    let compared = 0;
    let refused = 0;
    for (const text of [...texts, ...generated]) {
      const expected = contractSplit(text);
      if (!/^---[ \t]*\n/.test(text) || !expected) continue;
      const lookalike = lookalikeLine(text);
      if (lookalike === undefined) {
        expect(splitFrontmatter(text), JSON.stringify(text)).toEqual(expected);
        compared++;
      } else {
        // gray-matter would end the fields at this line; the file is refused there instead.
        const result = parseFrontmatter('content/decisions/x.md', text);
        expect(result.ok, JSON.stringify(text)).toBe(false);
        if (!result.ok) expect(result.problems[0]).toMatchObject({ field: 'frontmatter', line: lookalike });
        refused++;
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(50);
  });
});

describe('parseSimpleYaml', () => {
  it('reads every bundled file and every corpus post, as yaml does', async () => {
    const files = await readContentDir(CONTENT);
    const texts = [...files.decisions, ...files.committees, ...files.projects].map((f) => new TextDecoder().decode(f.bytes));
    const posts = generatePosts(await loadCorpusContext(CONTENT), { count: 100 }).map(postToMarkdown);
    for (const text of [...texts, ...posts]) expect(expectSameAsYaml(frontmatterOf(text))).toBe(true);
  });

  it('reads plain decimal numbers (an amount, a paragraph) as yaml does, and leaves other numbers to yaml', () => {
    for (const source of ['\namount: 1250000\nparagraph: 3\n', '\namount: 1250.50\nzero: 0\nnegative: -5\n', '\nvalue:\n  amount: 0.01 # a penny\n'])
      expect(expectSameAsYaml(source)).toBe(true);
    for (const source of ['\namount: 01250\n', '\namount: 1e6\n', '\namount: .5\n', '\namount: +5\n', '\namount: 1234567890123456\n'])
      expect(parseSimpleYaml(source)).toBe(NOT_SIMPLE);
  });

  it('reads trailing comments and comment lines as yaml does', () => {
    for (const source of [
      '\ndate: 2011-05-25 # exact day not confirmed\ntitle: "A # is not a comment" # but this is\n# a whole line\ntags:   # none yet\n  # between\n  - a # first\n',
      "\ntitle: 'it''s' # x\nsummary: plain text #not a comment start\n",
    ]) {
      expect(expectSameAsYaml(source)).toBe(true);
    }
    for (const source of ['\ntitle: "x"# no space\n', "\ntitle: 'x'x\n", '\ntitle: a#b\n']) expect(parseSimpleYaml(source)).toBe(NOT_SIMPLE);
  });

  it('agrees with yaml, or declines, on awkward YAML', () => {
    const keys = ['title', 'date', 'tags', 'decisions', 'subject', 'a', 'null', 'True', '__proto__', 'key_1', 'Key', '"quoted"', 'k y', '? k'];
    const scalars = [
      '"quoted"',
      '"esc \\" \\u00e9 \\/ \\t"',
      '"\\x41"',
      "'single ''q'''",
      'plain text',
      'Plain, with (parens) & more',
      '2011-06-30',
      '2011-06-30T09:00',
      '2011-06-30T09:00:00+01:00',
      '2011-02-31',
      'true',
      'False',
      'NULL',
      '~',
      '12',
      '-3',
      '0x1F',
      '1e3',
      '.inf',
      '.NaN',
      'yes',
      'no',
      'on',
      'a: b',
      'a #c',
      '#c',
      'x:y',
      "O'Brien",
      'café',
      '’quote',
      '- x',
      '[a, b]',
      '{a: 1}',
      '|',
      '>',
      '&anchor x',
      '*alias',
      '!tag x',
      '"unterminated',
      "'bad' x",
      '"a" x',
      '',
      'tab\there',
      'émoji 😀',
      'a\u2028b',
      'trailing   ',
      'a - b',
      'x,y',
      '@at',
      '`tick',
      '%pct',
      'nul\u0000',
    ];
    const indents = ['', ' ', '  ', '   ', '    ', '      '];
    const line = fc.oneof(
      fc.tuple(fc.constantFrom(...indents), fc.constantFrom(...keys), fc.constantFrom(...scalars)).map(([i, k, v]) => `${i}${k}: ${v}`),
      fc.tuple(fc.constantFrom(...indents), fc.constantFrom(...keys)).map(([i, k]) => `${i}${k}:`),
      fc.tuple(fc.constantFrom(...indents), fc.constantFrom(...scalars)).map(([i, v]) => `${i}- ${v}`),
      fc.tuple(fc.constantFrom(...indents), fc.constantFrom(...keys), fc.constantFrom(...scalars)).map(([i, k, v]) => `${i}- ${k}: ${v}`),
      fc.constantFrom('-', '# comment', '  # indented comment', 'a: b # comment', 'a: "b" # c', "a: 'b'#c", 'a: # c', '', '   ', '\t- x', 'key:value', '---'),
    );
    let accepted = 0;
    const docs = fc.sample(fc.array(line, { maxLength: 10 }), { numRuns: 6000, seed: 1 });
    for (const lines of docs) if (expectSameAsYaml(`\n${lines.join('\n')}`)) accepted++;
    expect(accepted).toBeGreaterThan(300);
  }, 120_000);

  it('agrees with yaml on values yaml writes itself', () => {
    const key = fc.constantFrom('title', 'summary', 'tags', 'decisions', 'subject', 'url', 'draft', 'x', 'y_2');
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('Cabinet', 'a b', "O'Brien", 'true', 'null', '12'),
    );
    const leaf = fc.oneof(text, fc.boolean(), fc.constant(null));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
    }));
    let accepted = 0;
    const samples = fc.sample(fc.dictionary(key, value, { maxKeys: 5 }), { numRuns: 1500, seed: 3 });
    for (const data of samples) {
      for (const options of [{}, { defaultStringType: 'QUOTE_DOUBLE' as const }, { defaultStringType: 'QUOTE_SINGLE' as const }, { indentSeq: false }]) {
        if (expectSameAsYaml(`\n${stringify(data, options)}`)) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(300);
  }, 120_000);
});

describe('checkBodyLinks', () => {
  it('finds exactly what parsing the whole body finds, on the same lines', () => {
    const fragments = [
      'Plain words here.',
      '[a link](https://www.barnet.gov.uk/page)',
      '[bad](javascript:alert(1))',
      '[bad2](ftp://x.example)',
      '[rel](/glossary/x)',
      '[nodot](https://localhost)',
      '[nd](https://intranet)',
      '![img](https://a.example/c.png)',
      '![img](mailto:a@b.example)',
      '[m](mailto:a@b.example)',
      'see https://example.com/x.',
      'see https://intranet/x',
      'www.barnet.gov.uk',
      'http:/broken',
      'xmpp:foo@bar.example',
      'mailto:foo@bar.example',
      'foo@bar.example',
      '[ref]: javascript:x',
      '[ref]: https://ok.example',
      '[ref]',
      '[^1]: note https://x',
      '`[code](javascript:x)`',
      '\\[esc](javascript:x)',
      '[x](<javascript:x>)',
      '<b>html</b>',
      '<!-- c -->',
      '&#106;',
      '[x](&#106;avascript:x)',
      '[x]( https://a.example)',
      '[x](https://a.example "t")',
      '[x](https://a.example?x=1&y=2)',
      '- item [l](javascript:1)',
      '> quote [l](ftp://x)',
      '    indented [l](javascript:1)',
      '  two-space',
      '\t[tab](javascript:1)',
      '```',
      '~~~',
      '| a | b |\n| - | - |\n| [x](javascript:1) | y |',
      'Heading\n===',
      '# [h](ftp://x)',
      '[x](https://a.example)(more)',
      '[x](https://a.example))',
      '[x]',
      '](',
      '[[x](https://a.example)](javascript:1)',
      '**bold**',
      '1. [n](https://x)',
      '[x](//evil.example)',
      '[x](#top)',
      '[x](HTTPS://A.EXAMPLE)',
      'WWW.example',
      '[x](javascript:void)',
    ];
    const separators = ['\n', '\n\n', ' ', '\n  \n', '\n\n\n', '\n> ', '\n- '];
    const body = fc
      .array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(...separators)), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.map(([fragment, separator]) => fragment + separator).join(''));
    for (const markdown of fc.sample(body, { numRuns: 1500, seed: 11 })) {
      expect(checkBodyLinks(markdown)).toEqual(checkBodyLinks(markdown, { wholeDocument: true }));
    }
  }, 180_000);

  it('agrees on the corpus and the bundled posts', async () => {
    const files = await readContentDir(CONTENT);
    const bodies = [
      ...files.decisions.map((f) => splitFrontmatter(new TextDecoder().decode(f.bytes)).content),
      ...generatePosts(await loadCorpusContext(CONTENT), { count: 100 }).map((p) => p.body),
    ];
    for (const markdown of bodies) expect(checkBodyLinks(markdown)).toEqual(checkBodyLinks(markdown, { wholeDocument: true }));
  });
});
