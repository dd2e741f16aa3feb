import { beforeAll, describe, expect, it } from 'vitest';
import { collectContent, type ContentFiles, type ContentSet } from '../../lib/content/collect';
import { compactBodies, compactBody, MIN_COMPACTED_LENGTH } from '../../lib/content/compact-bodies';
import { readContentDir } from '../../lib/content/read-content-dir';
import type { FileRecord } from '../../lib/content/types';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { search } from '../../lib/search/paging';
import { buildSearchEngine } from '../../lib/search/search-index';
import { FIXTURE_CONTENT } from '../support/content';

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

const record = (body: string): FileRecord => ({ slug: 'a-post', file: 'content/decisions/a-post.md', body });

describe('bodies kept deflated (lib/content/compact-bodies.ts)', () => {
  it('reads every record of the content exactly as parsed: each field, its JSON, a copy of it', () => {
    const parsed = collectContent(files);
    const kept = compactBodies(collectContent(files));
    const [before, after] = [everyRecord(parsed), everyRecord(kept)];
    // The fixture has posts long enough to be deflated, so this compares inflated text.
    expect(after.filter((r) => r.body.length >= MIN_COMPACTED_LENGTH).length).toBeGreaterThan(3);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(after.map((r) => ({ ...r }).body)).toEqual(before.map((r) => r.body));
  });

  it('gives back long text character for character: outside Latin-1, emoji, Welsh, Windows line ends, a NUL', () => {
    const text = `Cost: £1.2m – the ‘Barnet’ plan 🏛️ Cyngor Bwrdeistref Llundain. \r\n\u0000${'The committee approved the business case. '.repeat(40)}\n`;
    const kept = record(text);
    compactBody(kept);
    expect(kept.body).toBe(text);
    expect(kept.body).toBe(text);
  });

  it('keeps a body read-only, as content is, and compacting again changes nothing', () => {
    const text = 'x'.repeat(MIN_COMPACTED_LENGTH * 4);
    const kept = record(text);
    compactBody(kept);
    compactBody(kept);
    expect(() => {
      (kept as { body: string }).body = 'changed';
    }).toThrow(TypeError);
    expect(kept.body).toBe(text);
  });

  it('answers a search with the same results, scores and snippets', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const engineOf = (content: ContentSet) =>
      buildSearchEngine({
        indexes: buildIndexes(visibleDecisions(content.decisions, { now, preview: false })),
        committees: content.committees,
        projects: content.projects,
        glossary: content.glossary,
      });
    const [parsed, kept] = [engineOf(collectContent(files)), engineOf(compactBodies(collectContent(files)))];
    for (const q of ['business case', 'hendon', 'customer services contract', 'libraries']) {
      const answer = search(kept, { q, page: 1 });
      expect(answer).toEqual(search(parsed, { q, page: 1 }));
    }
    expect(search(kept, { q: 'business case', page: 1 }).total).toBeGreaterThan(0);
  });
});
