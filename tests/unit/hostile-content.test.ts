/**
 * Issue 13's hostile posts (tests/fixtures/hostile-posts.ts), each added to a copy of the seeds'
 * content (tests/fixtures/content): the real content check (checkContentDir, what
 * `npm run content:check` and the build run) refuses each with a problem at a line of its file,
 * and the site's search index (built from what the check accepted, as at server start) is the
 * seeds' index, with nothing of the hostile post in it.
 *
 * What they cost is proved without a clock here: every path they take is linear in CPU time
 * at sizes 16 times apart (tests/unit/linear-text.test.ts). The ratio of their time to the
 * seeds' time (under 3) is a benchmark, measured on an idle machine: npm run bench:hostile.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentDir } from '../../lib/content/check';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { buildSearchEngine } from '../../lib/search/search-index';
import { HOSTILE_POSTS } from '../fixtures/hostile-posts';
import { FIXTURE_CONTENT } from '../support/content';

const HOSTILE_FILE = '2011-07-01-hostile.md';

const folders: string[] = [];
function folderWith(extra?: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'hostile-content-'));
  folders.push(folder);
  cpSync(FIXTURE_CONTENT, folder, { recursive: true });
  if (extra !== undefined) writeFileSync(path.join(folder, 'decisions', HOSTILE_FILE), extra);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function searchIndexOf(folder: string) {
  const { content } = await checkContentDir(folder);
  const indexes = buildIndexes(visibleDecisions(content.decisions, { now: new Date(), preview: false }));
  return buildSearchEngine({ indexes, committees: content.committees, projects: content.projects, glossary: content.glossary });
}

describe('a hostile post is refused, and the search index holds nothing of it', () => {
  const seeds = folderWith();
  for (const [name, text] of Object.entries(HOSTILE_POSTS)) {
    it(`content:check: ${name}`, async () => {
      const report = await checkContentDir(folderWith(text));
      const own = report.problems.filter((p) => p.file.endsWith(HOSTILE_FILE));
      // Refused, with a problem that says why, at a line of the hostile file.
      expect(own.some((p) => p.severity === 'error' && p.line !== undefined)).toBe(true);
      expect(report.content.decisions.some((d) => d.file.endsWith(HOSTILE_FILE))).toBe(false);
      // The seeds' posts are still accepted beside it.
      expect(report.content.decisions).toHaveLength((await checkContentDir(seeds)).content.decisions.length);
    });

    it(`search index: ${name}`, async () => {
      const withHostile = await searchIndexOf(folderWith(text));
      const base = await searchIndexOf(seeds);
      expect(base.documentCount).toBeGreaterThan(0);
      expect(withHostile.documentCount).toBe(base.documentCount);
      // Its title's words find nothing, as they find nothing without it.
      expect(withHostile.index.search('hostile')).toEqual([]);
      expect(withHostile.index.search('Hendon').length).toBeGreaterThan(0);
    });
  }
});
