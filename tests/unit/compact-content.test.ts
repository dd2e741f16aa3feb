import { beforeAll, describe, expect, it } from 'vitest';
import { collectContent, type ContentFiles, type ContentSet } from '../../lib/content/collect';
import { compactContent, compactRecord, MIN_COMPACTED_LENGTH } from '../../lib/content/compact-content';
import { readContentDir } from '../../lib/content/read-content-dir';
import type { FileRecord } from '../../lib/content/types';
import { search } from '../../lib/search/paging';
import { buildSearchEngine } from '../../lib/search/search-index';
import { FIXTURE_CONTENT } from '../support/content';
import { siteRecordsOf } from './helpers';

let files: ContentFiles;
beforeAll(async () => {
  files = await readContentDir(FIXTURE_CONTENT);
});

const everyRecord = (content: ContentSet): FileRecord[] => [
  ...content.decisions,
  ...content.committees.values(),
  ...content.projects.values(),
  ...content.glossary.values(),
  ...content.meetings.values(),
];

const record = (body: string): FileRecord & Record<string, unknown> => ({ slug: 'a-post', file: 'content/decisions/a-post.md', body });

describe('the content as a process keeps it (lib/content/compact-content.ts)', () => {
  it('reads every record of the content exactly as parsed: each field, its JSON, a copy of it', () => {
    const parsed = collectContent(files);
    const kept = compactContent(collectContent(files));
    const [before, after] = [everyRecord(parsed), everyRecord(kept)];
    // The fixture has posts long enough to be deflated, so this compares inflated text.
    expect(after.filter((r) => r.body.length >= MIN_COMPACTED_LENGTH).length).toBeGreaterThan(3);
    expect(after).toEqual(before);
    expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(before)));
    expect(after.map((r) => ({ ...r }))).toEqual(before);
    expect(kept.problems).toEqual(parsed.problems);
  });

  it('leaves the parsed content as it was: the records kept are new ones', () => {
    const parsed = collectContent(files);
    const bodies = everyRecord(parsed).map((r) => r.body);
    const kept = compactContent(parsed);
    expect(everyRecord(parsed).map((r) => r.body)).toEqual(bodies);
    expect(kept.decisions[0]).not.toBe(parsed.decisions[0]);
    (parsed.decisions[0]!.items[0] as { subject: string }).subject = 'Changed after it was kept';
    expect(kept.decisions[0]!.items[0]!.subject).not.toBe('Changed after it was kept');
  });

  it('gives back long text character for character: outside Latin-1, emoji, Welsh, Windows line ends, a NUL', () => {
    const text = `Cost: £1.2m – the ‘Barnet’ plan 🏛️ Cyngor Bwrdeistref Llundain. \r\n\u0000${'The committee approved the business case. '.repeat(40)}\n`;
    const kept = compactRecord(record(text));
    expect(kept.body).toBe(text);
    expect(kept.body).toBe(text);
    expect(compactRecord(record('Short, with a lone surrogate \ud800 and a ’.')).body).toBe('Short, with a lone surrogate \ud800 and a ’.');
  });

  it('keeps every other string as it was, lone surrogates and dates included', () => {
    const published = new Date('2011-06-30T12:00:00Z');
    const fields = {
      title: 'A lone surrogate \udc00 in a long enough title',
      tags: ['customer-services', 'ok'],
      items: [{ subject: 'Back office – £1m', id: null }],
      published,
    };
    const kept = compactRecord({ ...record('Body.'), ...fields });
    expect(kept).toEqual({ ...record('Body.'), ...fields });
    expect(kept.published).toBe(published);
  });

  it('keeps a body read-only, as content is, and keeping it again changes nothing', () => {
    const text = 'x'.repeat(MIN_COMPACTED_LENGTH * 4);
    const kept = compactRecord(compactRecord(record(text)));
    expect(() => {
      (kept as { body: string }).body = 'changed';
    }).toThrow(TypeError);
    expect(kept.body).toBe(text);
  });

  it('answers a search with the same results, scores and snippets', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const engineOf = (content: ContentSet) => buildSearchEngine(siteRecordsOf(content, now));
    const [parsed, kept] = [engineOf(collectContent(files)), engineOf(compactContent(collectContent(files)))];
    for (const q of ['business case', 'hendon', 'customer services contract', 'libraries']) {
      const answer = search(kept, { q, page: 1 });
      expect(answer).toEqual(search(parsed, { q, page: 1 }));
    }
    expect(search(kept, { q: 'business case', page: 1 }).total).toBeGreaterThan(0);
  });
});
