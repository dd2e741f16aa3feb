/**
 * The build's cache of each body's words (lib/search/plain-text-cache.ts) changes how much
 * stripping a publish does, never what the database says: the words are stripMarkdown's, a
 * second build strips only the new or changed bodies, and the file it writes is byte for byte
 * the one written without the cache.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { writeDecisionsDatabase } from '../../lib/data/sqlite';
import { PlainTextCache } from '../../lib/search/plain-text-cache';
import { stripMarkdown } from '../../lib/search/text';
import { contentFiles, post, siteRecordsOf } from './helpers';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function cacheFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plain-text-cache-'));
  temporary.push(dir);
  return path.join(dir, 'texts.bin');
}

const BODIES = [
  'The **Cabinet** approved the [business case](https://example.org/a).',
  '## Options\n\n- keep the service\n- contract it out',
  'Plain words only.',
];

/** A cache file that a build which stripped `bodies` saved. */
function savedCache(bodies: readonly string[]): string {
  const file = cacheFile();
  const build = PlainTextCache.open(file, 'v1')!;
  bodies.forEach(build.plainText);
  build.save();
  return file;
}

describe('the cache of each body’s words', () => {
  it('gives stripMarkdown’s words, first stripped, then remembered', () => {
    const file = cacheFile();
    const first = PlainTextCache.open(file, 'v1')!;
    expect(BODIES.map(first.plainText)).toEqual(BODIES.map(stripMarkdown));
    expect([first.misses, first.hits]).toEqual([3, 0]);
    first.save();

    const second = PlainTextCache.open(file, 'v1')!;
    expect(BODIES.map(second.plainText)).toEqual(BODIES.map(stripMarkdown));
    expect([second.misses, second.hits]).toEqual([0, 3]);
    second.close();
  });

  it('strips only a new or changed body on the next build', () => {
    const file = savedCache(BODIES);

    const second = PlainTextCache.open(file, 'v1')!;
    const changed = [BODIES[0]!, `${BODIES[1]!}\n- share it`, BODIES[2]!, 'A new _post_.'];
    expect(changed.map(second.plainText)).toEqual(changed.map(stripMarkdown));
    expect([second.misses, second.hits]).toEqual([2, 2]);
    second.close();
  });

  it('keeps only the bodies of the last build: a removed post’s words are not kept', () => {
    const file = savedCache(BODIES);
    const second = PlainTextCache.open(file, 'v1')!;
    second.plainText(BODIES[0]!);
    second.save();

    const third = PlainTextCache.open(file, 'v1')!;
    BODIES.forEach(third.plainText);
    expect([third.misses, third.hits]).toEqual([2, 1]);
    third.close();
  });

  it('ignores a file written by other stripping code, or one that cannot be read', () => {
    const file = savedCache(BODIES);

    const otherCode = PlainTextCache.open(file, 'v2')!;
    expect(BODIES.map(otherCode.plainText)).toEqual(BODIES.map(stripMarkdown));
    expect(otherCode.hits).toBe(0);
    otherCode.close();

    writeFileSync(file, 'not a cache');
    const corrupt = PlainTextCache.open(file, 'v1')!;
    expect(BODIES.map(corrupt.plainText)).toEqual(BODIES.map(stripMarkdown));
    expect(corrupt.hits).toBe(0);
    corrupt.close();

    expect(PlainTextCache.open(file, undefined)).toBeUndefined();
  });

  it('strips again a body whose words the file no longer holds (cut short during a build)', () => {
    const file = savedCache(BODIES);
    const second = PlainTextCache.open(file, 'v1')!;
    truncateSync(file, 8);
    expect(BODIES.map(second.plainText)).toEqual(BODIES.map(stripMarkdown));
    expect(second.misses).toBe(3);
    second.close();
  });

  it('makes the same database file as stripping every body', () => {
    const records = siteRecordsOf(
      collectContent(
        contentFiles([
          post({}, { name: '2011-06-30-test-post', body: 'The *Cabinet* agreed [the report](https://example.org/r).\n\n> A quote.' }),
          post({ title: 'A second decision', date: '2011-07-01', meeting: '2011-06-30' }, { name: '2011-07-01-second', body: '1. First\n2. Second `code`' }),
        ]),
      ),
      new Date('2011-07-02T12:00:00Z'),
    );
    const dir = path.dirname(cacheFile());
    const stripped = path.join(dir, 'stripped.db');
    writeDecisionsDatabase(records, stripped);

    const file = path.join(dir, 'texts.bin');
    const filling = PlainTextCache.open(file, 'v1')!;
    writeDecisionsDatabase(records, path.join(dir, 'filling.db'), { plainText: filling.plainText });
    filling.save();
    const cached = PlainTextCache.open(file, 'v1')!;
    writeDecisionsDatabase(records, path.join(dir, 'cached.db'), { plainText: cached.plainText });

    cached.close();
    expect(cached.misses).toBe(0);
    expect(cached.hits).toBeGreaterThanOrEqual(2);
    expect(readFileSync(path.join(dir, 'filling.db')).equals(readFileSync(stripped))).toBe(true);
    expect(readFileSync(path.join(dir, 'cached.db')).equals(readFileSync(stripped))).toBe(true);
  });
});
