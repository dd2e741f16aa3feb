/**
 * Issue 13's hostile posts cost the site no more than its own content does. Each is added to
 * a copy of the bundled content folder, and the real content check (checkContentDir, what
 * `npm run content:check` and the build run) and the site's search index (built from what the
 * check accepted, as at server start) are timed against the bundled content alone: the
 * ratio, never an absolute time, must stay under 3.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentDir } from '../../lib/content/check';
import { buildIndexes } from '../../lib/indexes';
import { visibleDecisions } from '../../lib/published';
import { buildSearchEngine } from '../../lib/search/search-index';
import { fastestAsync } from './growth';

const BUNDLED = path.join(process.cwd(), 'content');
const MAX_RATIO = 3;

const frontmatter = (extra = '') =>
  [
    '---',
    'title: "A hostile post"',
    'date: 2011-07-01',
    'summary: "A post written to take the site a long time."',
    'committee: cabinet-resources-committee',
    'decisions:',
    '  - subject: "Something"',
    '    stage: other',
    '    outcome: noted',
    `${extra}---`,
    '',
    '',
  ].join('\n');

const HOSTILE: Record<string, string> = {
  '6,000 blank lines around a | (6 KB)': `${frontmatter()}Text\n${'\n'.repeat(3000)}|${'\n'.repeat(3000)}end\n`,
  "40,000 '<b '": `${frontmatter()}${'<b '.repeat(40_000)}\n`,
  "30,000 '<!--'": `${frontmatter()}${'<!--'.repeat(30_000)}\n`,
  'a 40,000-key mapping (430 KB)': `${frontmatter(`extra: {${Array.from({ length: 40_000 }, (_, i) => `k${i}: 0`).join(', ')}}\n`)}Text.\n`,
};

const folders: string[] = [];
function folderWith(extra?: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'hostile-content-'));
  folders.push(folder);
  cpSync(BUNDLED, folder, { recursive: true });
  if (extra !== undefined) writeFileSync(path.join(folder, 'decisions', '2011-07-01-hostile.md'), extra);
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

let round = 0;

/**
 * The fastest of several runs of `run` on the bundled folder and on the hostile one, taken in
 * turns. Before each hostile run its file gets a new last line, so that nothing is answered
 * from a cache (the search text is remembered per body).
 */
async function timings(
  run: (folder: string) => Promise<unknown>,
  bundled: string,
  hostile: string,
  text: string,
): Promise<{ base: number; withHostile: number }> {
  let base = Infinity;
  let withHostile = Infinity;
  for (let i = 0; i < 6; i++) {
    base = Math.min(base, await fastestAsync(() => run(bundled), 2));
    writeFileSync(path.join(hostile, 'decisions', '2011-07-01-hostile.md'), `${text}\nRound ${round++}.\n`);
    const start = performance.now();
    await run(hostile);
    withHostile = Math.min(withHostile, performance.now() - start);
  }
  return { base, withHostile };
}

describe('a hostile post costs the content check and the search index less than 3× the bundled content', () => {
  const bundled = folderWith();
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`content:check: ${name}`, async () => {
      const hostile = folderWith(text);
      await checkContentDir(bundled);
      const report = await checkContentDir(hostile);
      // Refused, with a problem that says why, at a line of the hostile file.
      expect(report.problems.some((p) => p.file.endsWith('2011-07-01-hostile.md') && p.severity === 'error' && p.line !== undefined)).toBe(true);
      const { base, withHostile } = await timings(checkContentDir, bundled, hostile, text);
      expect(withHostile / base).toBeLessThan(MAX_RATIO);
    });

    it(`search index: ${name}`, async () => {
      const hostile = folderWith(text);
      expect((await searchIndexOf(bundled)).documentCount).toBeGreaterThan(0);
      const { base, withHostile } = await timings(searchIndexOf, bundled, hostile, text);
      expect(withHostile / base).toBeLessThan(MAX_RATIO);
    });
  }
});
