/**
 * `npm run bench` rewrites docs/benchmarks.md from its template (scripts/bench/report.ts): the
 * analyses written by hand beside its tables must survive the rewrite, where they were.
 */
import { describe, expect, it } from 'vitest';
import { withHandWrittenSections } from '../../scripts/bench/report';

const DATA = '<!-- bench-data:[{"size":10}] -->\n';

const generated = [
  '# Benchmarks',
  '',
  'Intro.',
  '',
  '## Goals',
  '',
  'new goals',
  '',
  '## Every figure',
  '',
  'new figures',
  '',
  '## Search',
  '',
  'new search',
  '',
  DATA,
].join('\n');

describe('the benchmark report, written again', () => {
  it('keeps a hand-written section where it was, and takes every generated section from the new run', () => {
    const previous = [
      '# Benchmarks',
      '',
      '## Goals',
      '',
      'old goals',
      '',
      '## A change, by hand',
      '',
      'what it bought',
      '',
      '## Every figure',
      '',
      'old figures',
      '',
      '## Search',
      '',
      'old search',
      '',
      DATA,
    ].join('\n');
    const merged = withHandWrittenSections(generated, previous);
    expect(merged).toContain('## Goals\n\nnew goals\n\n## A change, by hand\n\nwhat it bought\n\n## Every figure\n\nnew figures');
    expect(merged).not.toContain('old');
    expect(merged.match(/^## /gm)).toHaveLength(4);
    expect(merged.endsWith(DATA)).toBe(true);
  });

  it('keeps hand-written sections that came after every generated one, before the data', () => {
    const previous = ['# Benchmarks', '', '## Goals', '', 'old goals', '', '## Later, by hand', '', 'notes', '', DATA].join('\n');
    const merged = withHandWrittenSections(generated, previous);
    expect(merged).toContain('new search\n\n## Later, by hand\n\nnotes\n\n<!-- bench-data:');
  });

  it('is the new report unchanged when there was none before, or nothing in it by hand', () => {
    expect(withHandWrittenSections(generated, '')).toBe(generated);
    expect(withHandWrittenSections(generated, generated.replace(/new/g, 'old'))).toBe(generated);
  });
});
