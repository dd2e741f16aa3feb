/**
 * Every path post text takes (the content check, the search text, the renderer, the feeds,
 * the search index) does work proportional to the text, whatever it repeats. Each test
 * runs an adversarial repetition n and 16n times and fails when the CPU time this process
 * spends grows 64-fold (linear is 16-fold, quadratic 256-fold; tests/unit/growth.ts): never
 * the wall clock, which other processes on a busy machine stretch. The tests' timeouts, which
 * are wall clock, only catch a hang, so they are generous.
 *
 * Paths that only ever see accepted content (rendering, feeds, the index) are driven with the
 * largest repetition the content check accepts: a construct the renderer handles in
 * quadratic time must be refused by lib/content/body-complexity.ts before it gets that far.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectContent, type ContentSet } from '../../lib/content/collect';
import { renderFeed } from '../../lib/feeds/build';
import { siteFeed } from '../../lib/feeds/site-feeds';
import { renderMarkdown } from '../../lib/markdown/render';
import { buildSearchEngine } from '../../lib/search/search-index';
import { stripMarkdown } from '../../lib/search/text';
import { costRatio, MAX_COST_RATIO, SIZE_FACTOR } from './growth';
import { contentFiles, post, siteRecordsOf, textFile } from './helpers';

const POST_NAME = '2011-06-30-repeated';

/** Bodies that repeat one thing; `n` repetitions. */
const BODIES: Record<string, (n: number) => string> = {
  'blank lines around a |': (n) => `Text\n${'\n'.repeat(n)}|${'\n'.repeat(n)}end\n`,
  'blank lines with spaces around a |': (n) => `Text\n${' \n'.repeat(n)}|${' \n'.repeat(n)}end\n`,
  'unclosed <b ': (n) => `${'<b '.repeat(n)}\n`,
  'unclosed <!--': (n) => `${'<!--'.repeat(n)}\n`,
  'unclosed <http://': (n) => `${'<http://'.repeat(n)}\n`,
  'unclosed [': (n) => `${'['.repeat(n)}x\n`,
  'unclosed ![': (n) => `${'!['.repeat(n)}x\n`,
  'unclosed [a](': (n) => `${'[a]('.repeat(n)}\n`,
  'unclosed [a][': (n) => `${'[a]['.repeat(n)}\n`,
  'reference definitions over blank lines': (n) => `${'[a]:\n\n'.repeat(n)}x\n`,
  'setext headings': (n) => 'a\n=\n'.repeat(n),
  'lazy quote lines': (n) => '> a\nb\n'.repeat(n),
  'table rows': (n) => `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(n)}`,
  'table cells': (n) => `| a |\n| - |\n|${' x |'.repeat(n)}\n`,
  '*_ runs': (n) => `${'*_'.repeat(n)}\n`,
  backticks: (n) => `${'a` '.repeat(n)}\n`,
  'thematic breaks over blank lines': (n) => `${'*\n\n'.repeat(n)}x\n`,
  'headings over blank lines': (n) => `${'#\n\n'.repeat(n)}x\n`,
};

/** Frontmatter that repeats one thing, as a whole file. */
const FILES: Record<string, (n: number) => string> = {
  'keys in one flow mapping': (n) => `---\ntitle: "A"\nextra: {${Array.from({ length: n }, (_, i) => `k${i}: 0`).join(', ')}}\n---\n\nText.\n`,
  'keys of a top-level flow mapping': (n) => `---\n{${Array.from({ length: n }, (_, i) => `k${i}: 0`).join(', ')}}\n---\n\nText.\n`,
  'keys without values': (n) => `---\nextra: {${Array.from({ length: n }, (_, i) => `k${i}`).join(', ')}}\n---\n\nText.\n`,
  'items of a flow list': (n) => `---\ntags: [${Array.from({ length: n }, () => 'a').join(', ')}]\n---\n\nText.\n`,
  'top-level keys, one a line': (n) => `---\n${Array.from({ length: n }, (_, i) => `k${i}: 0`).join('\n')}\n---\n\nText.\n`,
  'one long summary': (n) => `---\nsummary: "${'word, word: '.repeat(n)}"\n---\n\nText.\n`,
};

let unique = 0;

function checkBody(body: string): ContentSet {
  return collectContent(contentFiles([post({}, { name: POST_NAME, body: `${body}\n\nRun ${unique++}.\n` })]));
}

function accepted(content: ContentSet): boolean {
  return content.decisions.some((d) => d.slug === POST_NAME) && !content.problems.some((p) => p.severity === 'error');
}

/**
 * The largest n (a power of two from 4 up to `max`) whose 16n repetitions the content check
 * accepts, or undefined when even 64 are refused.
 */
function largestAccepted(make: (n: number) => string, max: number): number | undefined {
  let found: number | undefined;
  for (let n = 4; n <= max && accepted(checkBody(make(SIZE_FACTOR * n))); n *= 2) found = n;
  return found;
}

/** When not even 64 repetitions pass the check, they are refused for their body. */
function expectRefused(make: (n: number) => string): void {
  expect(checkBody(make(SIZE_FACTOR * 4)).problems.some((p) => p.field === 'body' && p.severity === 'error')).toBe(true);
}

describe('the search text is linear in any body', { timeout: 120_000 }, () => {
  for (const [name, make] of Object.entries(BODIES)) {
    it(name, () => {
      expect(costRatio((n) => stripMarkdown(make(n)), 1024)).toBeLessThan(MAX_COST_RATIO);
    });
  }
});

describe('the content check is linear in any body', { timeout: 120_000 }, () => {
  for (const name of [
    'blank lines around a |',
    'unclosed <b ',
    'unclosed <!--',
    'setext headings',
    'lazy quote lines',
    'table rows',
    '*_ runs',
    'unclosed [a](',
  ]) {
    it(name, () => {
      const make = BODIES[name]!;
      expect(costRatio((n) => checkBody(make(n)), 2048)).toBeLessThan(MAX_COST_RATIO);
    });
  }
});

describe('the content check is linear in any frontmatter', { timeout: 120_000 }, () => {
  for (const [name, make] of Object.entries(FILES)) {
    it(name, () => {
      const ratio = costRatio((n) => collectContent(contentFiles([textFile(`content/decisions/${POST_NAME}.md`, make(n))])), 2048);
      expect(ratio).toBeLessThan(MAX_COST_RATIO);
    });
  }

  it('40,000 keys are refused with the count, the field and its line', () => {
    const content = collectContent(contentFiles([textFile(`content/decisions/${POST_NAME}.md`, FILES['keys in one flow mapping']!(40_000))]));
    const [only] = content.problems.filter((p) => p.file.endsWith(`${POST_NAME}.md`));
    expect(only).toMatchObject({ field: 'extra', line: 3, severity: 'error' });
    expect(only!.message).toMatch(/40,00\d keys .*in 'extra'; a post has about 15/);
  });

  it('40,000 items of a bracketed list are refused with the field and its line', () => {
    const content = collectContent(contentFiles([textFile(`content/decisions/${POST_NAME}.md`, FILES['items of a flow list']!(40_000))]));
    const [only] = content.problems.filter((p) => p.file.endsWith(`${POST_NAME}.md`));
    expect(only).toMatchObject({ field: 'tags', line: 2, severity: 'error' });
    expect(only!.message).toMatch(/39,999 items .* in 'tags'/);
  });
});

/** Sizes within what the check accepts: rendering, feeds and the index see only accepted posts. */
const ACCEPTED_PATHS = ['setext headings', 'lazy quote lines', 'table rows', 'table cells', '*_ runs', 'unclosed [a](', 'unclosed <b ', 'backticks'];

describe('rendering is linear in every body the content check accepts', { timeout: 120_000 }, () => {
  for (const name of ACCEPTED_PATHS) {
    it(name, () => {
      const make = BODIES[name]!;
      const n = largestAccepted(make, 512);
      if (n === undefined) return expectRefused(make);
      expect(costRatio((m) => renderMarkdown(`${make(m)}\n\n${unique++}`), n)).toBeLessThan(MAX_COST_RATIO);
    });
  }
});

function recordsOf(content: ContentSet) {
  return siteRecordsOf(content, new Date('2012-01-01T00:00:00Z'));
}

describe('feeds and the search index are linear in every body the content check accepts', { timeout: 120_000 }, () => {
  for (const name of ['setext headings', 'lazy quote lines', 'table rows', 'unclosed <b ']) {
    it(`feed: ${name}`, () => {
      const make = BODIES[name]!;
      const n = largestAccepted(make, 256);
      if (n === undefined) return expectRefused(make);
      // A new body each run, so that the feed renders it rather than finding it cached.
      const ratio = costRatio((m) => {
        const records = recordsOf(checkBody(make(m)));
        renderFeed(records, siteFeed(records), 'atom');
      }, n);
      expect(ratio).toBeLessThan(MAX_COST_RATIO);
    });

    it(`search index: ${name}`, () => {
      const make = BODIES[name]!;
      const n = largestAccepted(make, 256);
      if (n === undefined) return expectRefused(make);
      expect(costRatio((m) => buildSearchEngine(recordsOf(checkBody(make(m)))), n)).toBeLessThan(MAX_COST_RATIO);
    });
  }
});

/**
 * Beyond the named bodies: fast-check builds repetitions of the characters and fragments that
 * drive Markdown's and the site's own scanners (openers left unclosed, line starts, runs of
 * blank lines), and every text path that accepts any body must stay linear in each. The seed is
 * fixed, so a failure names an input that can be run again.
 */
// 42 measurements at two sizes: minutes of wall clock on a machine whose cores are shared with
// other work, though the CPU time they measure is seconds.
describe('property: any repetition of Markdown-ish fragments costs linear CPU time', { timeout: 600_000 }, () => {
  const FRAGMENTS = ['<b ', '<!--', '<http://', '[', '![', '](', ']:', '*', '_', '`', '|', '> ', '\n', ' \n', '=\n', '- ', '# ', '&#', 'www.', ':', '"', '\\'];
  const unit = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));

  it('the search text', () => {
    fc.assert(
      fc.property(unit, (piece) => costRatio((n) => stripMarkdown(`a ${piece.repeat(n)} z`), 1000) < MAX_COST_RATIO),
      { numRuns: 30, seed: 13 },
    );
  });

  it('the content check', () => {
    fc.assert(
      fc.property(unit, (piece) => costRatio((n) => checkBody(piece.repeat(n)), 128) < MAX_COST_RATIO),
      { numRuns: 12, seed: 13 },
    );
  });
});
