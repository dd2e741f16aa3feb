/**
 * Property-based tests of the content pipeline (lib/content/collect.ts): whatever a file
 * holds, reading it gives typed records or content problems, never a thrown error. And the
 * inputs built to exhaust a parser (alias bombs, huge files, deep nesting) are refused with a
 * message that says what is wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectContent, type ContentFiles, type ContentSet } from '../../lib/content/collect';
import { MAX_FILE_BYTES } from '../../lib/content/decode';
import type { ContentFile } from '../../lib/content/types';
import { contentFiles, encode, post, textFile } from './helpers';

const RUNS = 200;
const POST_PATH = 'content/decisions/2011-06-30-fuzzed.md';

/** The collector's answer for one file in a collection, checked for shape: records or problems, nothing else. */
function expectRecordsOrProblems(content: ContentSet, path: string, collection: 'decisions' | 'committees' | 'projects' | 'glossary' | 'site') {
  for (const p of content.problems) {
    expect(typeof p.file).toBe('string');
    expect(typeof p.field).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    // (A missing enum field is reported as "'undefined' is not an allowed value": clumsy, not unsafe; see docs/security.md.)
    expect(p.message).not.toMatch(/\[object Object\]|\bNaN\b/);
    expect(['error', 'warning']).toContain(p.severity);
    if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
  }
  const ownProblems = content.problems.filter((p) => p.file === path);
  let record: unknown;
  if (collection === 'decisions') record = content.decisions.find((d) => d.file === path);
  else if (collection === 'site') record = content.site;
  else record = [...content[collection].values()].find((r) => r.file === path);
  if (record === undefined) {
    // Refused: at least one error says why.
    expect(
      ownProblems.some((p) => p.severity === 'error'),
      `no record and no error for ${path}`,
    ).toBe(true);
  } else if (collection === 'decisions') {
    const d = record as ContentSet['decisions'][number];
    expect(typeof d.title).toBe('string');
    expect(typeof d.summary).toBe('string');
    expect(Number.isNaN(d.published.getTime())).toBe(false);
    expect(Array.isArray(d.items) && d.items.length > 0).toBe(true);
    expect(typeof d.body).toBe('string');
    expect(ownProblems.filter((p) => p.severity === 'error')).toEqual([]);
  }
}

function collectWith(collection: 'decisions' | 'committees' | 'projects' | 'glossary', file: ContentFile): ContentSet {
  const files: ContentFiles = contentFiles();
  if (collection === 'decisions') files.decisions = [file];
  else files[collection] = [...files[collection].filter((f) => f.path !== file.path), file];
  return collectContent(files);
}

const COLLECTIONS = [
  ['decisions', POST_PATH],
  ['committees', 'content/committees/fuzzed.md'],
  ['projects', 'content/projects/fuzzed.md'],
  ['glossary', 'content/glossary/fuzzed.md'],
] as const;

describe('any bytes as a content file give records or problems, never a crash', () => {
  for (const [collection, path] of COLLECTIONS) {
    it(`as a file in ${collection}`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
          expectRecordsOrProblems(collectWith(collection, { path, bytes }), path, collection);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('any bytes after a valid frontmatter opening (binary in the middle of a post)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), fc.uint8Array({ maxLength: 512 }), (middle, end) => {
        const head = encode('---\ntitle: "A post"\ndate: 2011-06-30\n');
        const bytes = new Uint8Array([...head, ...middle, ...encode('\n---\n'), ...end]);
        expectRecordsOrProblems(collectWith('decisions', { path: POST_PATH, bytes }), POST_PATH, 'decisions');
      }),
      { numRuns: RUNS },
    );
  });

  it('any bytes as content/site.json', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (bytes) => {
        const content = collectContent(contentFiles([post()], { site: { path: 'content/site.json', bytes } }));
        expectRecordsOrProblems(content, 'content/site.json', 'site');
      }),
      { numRuns: RUNS },
    );
  });

  it('files whose names are not slugs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), (name) => {
        const path = `content/decisions/${name}.md`;
        expectRecordsOrProblems(collectWith('decisions', { ...post(), path }), path, 'decisions');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('any text as a content file gives records or problems, never a crash', () => {
  it('any string (full Unicode, lone surrogates, controls)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => {
        expectRecordsOrProblems(collectWith('decisions', textFile(POST_PATH, text)), POST_PATH, 'decisions');
      }),
      { numRuns: RUNS },
    );
  });

  it('any string as the body of a valid post', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (body) => {
        expectRecordsOrProblems(collectWith('decisions', post({}, { name: '2011-06-30-fuzzed', body })), POST_PATH, 'decisions');
      }),
      { numRuns: RUNS },
    );
  });

  it('any value for each field of a valid post', () => {
    const anyValue = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
    );
    const field = fc.constantFrom(
      'title',
      'date',
      'summary',
      'committee',
      'meeting',
      'decisions',
      'tags',
      'author',
      'draft',
      'updates',
      'glossaryLinks',
      '__proto__',
      'constructor',
      'unknown',
    );
    fc.assert(
      fc.property(fc.dictionary(field, anyValue, { maxKeys: 4 }), (overrides) => {
        const file = post({ ...overrides }, { name: '2011-06-30-fuzzed' });
        expectRecordsOrProblems(collectWith('decisions', file), POST_PATH, 'decisions');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

/** Pieces of YAML, including every construct that has hurt a YAML parser somewhere. */
const yamlFragment = fc.oneof(
  fc.constantFrom(
    'title: "A post"',
    'title: A post with: a colon',
    'date: 2011-06-30',
    'date: 2011-02-30',
    'date: 2011-06-30T25:00',
    'summary: >\n  folded\n  text',
    'summary: |\n  literal',
    'committee: cabinet-resources-committee',
    'committee: Cabinet Resources Committee',
    'decisions:',
    '  - subject: "A subject"',
    '    stage: business-case',
    '    outcome: approved',
    '    project: nscso',
    '    documents:',
    '      - {title: "Paper", url: "javascript:alert(1)"}',
    '      - title: Paper\n        url: https://barnet.moderngov.co.uk/x.pdf',
    'tags: [one-barnet, "Not A Slug", 12]',
    'tags: [[[[[',
    'updates:\n  - date: 2011-07-01\n    note: "Fixed"',
    'draft: yes',
    'draft: ~',
    'glossaryLinks: off',
    'author:',
    'anchor: &a [x, y, z]',
    'alias: *a',
    'undefined: *nowhere',
    'merge:\n  <<: *a',
    '<<: {title: "Merged"}',
    '? complex key\n: value',
    '? [a, b]\n: value',
    'binary: !!binary aGVsbG8=',
    'fn: !!js/function "function () { return 1 }"',
    'regexp: !!js/regexp /x/',
    'undef: !!js/undefined ""',
    'custom: !custom {a: 1}',
    'set: !!set {a, b}',
    'omap: !!omap [a: 1]',
    'ts: !!timestamp 2011-06-30',
    'int: 0x1F',
    'float: .inf',
    'nan: .nan',
    'big: 123456789012345678901234567890',
    'octal: 0o777',
    '%YAML 1.1',
    '%TAG ! tag:evil.example,2011:',
    '...',
    '---',
    '--- |',
    '# a comment',
    '\ttitle: tab-indented',
    'title: "unclosed',
    "title: 'single",
    'title: "\\x00\\u2028\\uD800"',
    '__proto__: {polluted: true}',
    'constructor: {prototype: {polluted: true}}',
    'key: value\nkey: again',
    '- a list at the top',
    '{flow: map, at: top}',
    '"quoted key": 1',
    ': no key',
    '- - - nested',
    '[[[[[[[[[[[[[[[[deep]]]]]]]]]]]]]]]]',
    '',
  ),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

const frontmatterLike = fc
  .tuple(
    fc.constantFrom('---\n', '---\r\n', '\uFEFF---\n', '---   \n', '--- \n', '', '--\n', '---js\n', '---javascript\n', '--- coffee\n', '---json\n'),
    fc.array(fc.tuple(fc.constantFrom('', '  ', '    ', '\t', '- '), yamlFragment), { maxLength: 16 }),
    fc.constantFrom('\n---\n', '\r\n---\r\n', '\n---', '\n...\n', '\n', '\n--- \n'),
    fc.string({ maxLength: 200, unit: 'binary' }),
  )
  .map(([open, lines, close, body]) => `${open}${lines.map(([indent, line]) => `${indent}${line}`).join('\n')}${close}${body}`);

describe('any frontmatter-like text built from YAML fragments gives records or problems', () => {
  for (const [collection, path] of COLLECTIONS) {
    it(`as a file in ${collection}`, () => {
      fc.assert(
        fc.property(frontmatterLike, (text) => {
          expectRecordsOrProblems(collectWith(collection, textFile(path, text)), path, collection);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('the same text re-encoded as UTF-16 or Windows-1252 is refused with the encoding named', () => {
    fc.assert(
      fc.property(frontmatterLike, fc.constantFrom('utf16le', 'latin1'), (text, encoding) => {
        const withAccent = `${text}é`;
        const bytes =
          encoding === 'utf16le' ? new Uint8Array([0xff, 0xfe, ...Buffer.from(withAccent, 'utf16le')]) : new Uint8Array(Buffer.from(withAccent, 'latin1'));
        const content = collectWith('decisions', { path: POST_PATH, bytes });
        expectRecordsOrProblems(content, POST_PATH, 'decisions');
        expect(content.decisions).toEqual([]);
        const messages = content.problems.filter((p) => p.file === POST_PATH).map((p) => p.message);
        expect(messages.join('\n')).toMatch(/not saved as UTF-8/);
      }),
      { numRuns: 100 },
    );
  });
});

describe('inputs built to exhaust the parser are refused with a clear message', () => {
  const only = (content: ContentSet, path = POST_PATH) => {
    expect(content.decisions).toEqual([]);
    const problems = content.problems.filter((p) => p.file === path && p.severity === 'error');
    expect(problems.length).toBeGreaterThan(0);
    return problems.map((p) => p.message).join('\n');
  };

  it('a "billion laughs" YAML alias bomb', () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const message = only(collectWith('decisions', textFile(POST_PATH, `---\n${lines.join('\n')}\ntitle: "x"\n---\n\nText.\n`)));
    expect(message).toMatch(/YAML bomb/);
    expect(message).toMatch(/aliases/);
  });

  it('an alias bomb built from merge keys', () => {
    const lines = ['base: &b {x: 1, y: 2}', ...Array.from({ length: 80 }, (_, i) => `k${i}: {<<: *b}`)];
    expect(only(collectWith('decisions', textFile(POST_PATH, `---\n${lines.join('\n')}\n---\n\nText.\n`)))).toMatch(/YAML bomb/);
  });

  it('a 5 MB file, as text and as binary, before any parsing', () => {
    const big = `---\ntitle: "x"\n---\n\n${'a'.repeat(5 * 1024 * 1024)}\n`;
    expect(only(collectWith('decisions', textFile(POST_PATH, big)))).toMatch(new RegExp(`more than the ${MAX_FILE_BYTES / 1024} KB a post may be`));
    const binary = new Uint8Array(5 * 1024 * 1024).fill(0xff);
    expect(only(collectWith('decisions', { path: POST_PATH, bytes: binary }))).toMatch(/KB a post may be/);
    for (const collection of ['committees', 'projects', 'glossary'] as const) {
      const path = `content/${collection}/big.md`;
      const content = collectWith(collection, textFile(path, big));
      expect(content.problems.find((p) => p.file === path)?.message).toMatch(/KB a post may be/);
    }
  });

  it('5,000 levels of flow sequences and mappings', () => {
    for (const deep of [`${'['.repeat(5000)}x${']'.repeat(5000)}`, `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`, `${'['.repeat(5000)}`]) {
      expect(only(collectWith('decisions', textFile(POST_PATH, `---\ntitle: ${deep}\n---\n\nText.\n`)))).toMatch(/nested more than \d+ levels deep/);
    }
  });

  it('5,000 levels of block mappings (which cannot fit in a post)', () => {
    const deep = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(only(collectWith('decisions', textFile(POST_PATH, `---\n${deep} 1\n---\n\nText.\n`)))).toMatch(/KB a post may be|nested more than/);
  });

  it('13 levels of indentation, within the size limit', () => {
    const deep = Array.from({ length: 14 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n');
    expect(only(collectWith('decisions', textFile(POST_PATH, `---\n${deep} 1\n---\n\nText.\n`)))).toMatch(/nested more than \d+ levels deep/);
  });

  it('5,000 levels of compact block sequences ("- - - … x") and complex keys: refused, without a crash', () => {
    for (const deep of [`${'- '.repeat(5000)}x`, `${'? '.repeat(5000)}x`]) {
      only(collectWith('decisions', textFile(POST_PATH, `---\n${deep}\n---\n\nText.\n`)));
    }
  });

  it('refuses "- - - … x" and "? ? ? … x" 5,000 levels deep with the nesting message', () => {
    for (const deep of [`${'- '.repeat(5000)}x`, `${'? '.repeat(5000)}x`]) {
      expect(only(collectWith('decisions', textFile(POST_PATH, `---\n${deep}\n---\n\nText.\n`)))).toMatch(/nested more than \d+ levels deep/);
    }
  });

  it('5,000 levels of nesting in the Markdown body: collected without a crash', () => {
    for (const body of [
      '>'.repeat(5000) + ' deep',
      Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
      `${'*'.repeat(2500)}x${'*'.repeat(2500)}`,
    ]) {
      const content = collectWith('decisions', post({}, { name: '2011-06-30-fuzzed', body }));
      expectRecordsOrProblems(content, POST_PATH, 'decisions');
    }
  });

  it('reports a problem for 200,000 one-character frontmatter lines instead of throwing', () => {
    const lines = Array.from({ length: 200_000 }, () => 'a').join('\n');
    expect(only(collectWith('decisions', textFile(POST_PATH, `---\n${lines}\n---\n\nText.\n`)))).toMatch(/more than \d+ lines long|KB a post may be/);
  });

  it('refuses a body nested 1,000+ levels deep before the renderer sees it', () => {
    const content = collectWith('decisions', post({}, { name: '2011-06-30-fuzzed', body: `${'>'.repeat(1500)} deep\n` }));
    expect(content.problems.map((p) => p.message).join('\n')).toMatch(/levels deep/);
  });

  it('refuses a body whose emphasis runs would take the renderer quadratic time', () => {
    const content = collectWith('decisions', post({}, { name: '2011-06-30-fuzzed', body: `${'*a'.repeat(20_000)}\n` }));
    expect(content.problems.map((p) => p.message).join('\n')).toMatch(/formatting characters/);
  });

  it('refuses frontmatter of thousands of keys before parsing it', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n');
    expect(only(collectWith('decisions', textFile(POST_PATH, `---\n${keys}\n---\n\nText.\n`)))).toMatch(/more than \d+ lines long/);
  });
});
