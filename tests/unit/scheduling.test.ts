import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_CONTENT, FIXTURE_CONTENT_DIR } from '../support/content';

const root = process.cwd();
const SLUG = '2030-01-01-scheduled-decision';

/**
 * A post dated in the future is hidden until its London time, then appears everywhere the
 * site reads decisions (lists, indexes, the 404 guard) with no rebuild: the clock is read on
 * each request. SITE_NOW fixes the clock for the test.
 */
describe('a scheduled post', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'scheduling-'));
    // The site reads CONTENT_DIR's folder (the fixture, vitest.config.ts) under the working directory.
    const content = path.join(project, ...FIXTURE_CONTENT_DIR.split('/'));
    cpSync(FIXTURE_CONTENT, content, { recursive: true });
    writeFileSync(
      path.join(content, 'decisions', `${SLUG}.md`),
      [
        '---',
        'title: "A scheduled decision"',
        'date: 2030-06-01T09:30',
        'summary: "Published at half past nine, London time."',
        'committee: cabinet-resources-committee',
        'decisions:',
        '  - subject: "A paper"',
        '    project: nscso',
        '    stage: procurement',
        '    outcome: noted',
        '---',
        'Text.',
        '',
      ].join('\n'),
    );
    vi.spyOn(process, 'cwd').mockReturnValue(project);
  });

  afterEach(() => {
    delete process.env.SITE_NOW;
  });

  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(project, { recursive: true, force: true });
  });

  async function recordsAt(now: string) {
    process.env.SITE_NOW = now;
    const { getSiteRecords } = await import('../../lib/site');
    const { findDecision } = await import('../../lib/records/lookups');
    const records = await getSiteRecords();
    return { records, exists: async (slug: string) => (await findDecision(slug)) !== undefined };
  }

  it('is hidden one minute before its time (09:30 BST is 08:30 UTC)', async () => {
    const { records, exists } = await recordsAt('2030-06-01T08:29:00Z');
    expect(records.indexes.bySlug.has(SLUG)).toBe(false);
    expect(records.indexes.all.map((d) => d.slug)).not.toContain(SLUG);
    expect(records.indexes.byProject.get('nscso')!.map((e) => e.decision.slug)).not.toContain(SLUG);
    expect(await exists(SLUG)).toBe(false);
  });

  it('appears on the home list, its committee, its project and its own page once its time comes', async () => {
    const { records, exists } = await recordsAt('2030-06-01T08:30:00Z');
    expect(records.indexes.all[0]!.slug).toBe(SLUG);
    expect(records.indexes.byCommittee.get('cabinet-resources-committee')![0]!.slug).toBe(SLUG);
    expect(records.indexes.byProject.get('nscso')!.at(-1)!.decision.slug).toBe(SLUG);
    expect(await exists(SLUG)).toBe(true);
  });

  it('is found by search once its time comes, the search index extended with it rather than built again', async () => {
    const { searchSite } = await import('../../lib/search/answer-cache');
    const { searchEngineFor } = await import('../../lib/search/search-index');
    const request = { q: 'scheduled decision half past nine', page: 1 };
    const before = (await recordsAt('2030-06-01T08:29:00Z')).records;
    expect(searchSite(before, request).hits.map((hit) => hit.id)).not.toContain(`decision:${SLUG}`);
    const index = searchEngineFor(before).index;
    const after = (await recordsAt('2030-06-01T08:30:00Z')).records;
    expect(searchSite(after, request).hits[0]!.id).toBe(`decision:${SLUG}`);
    expect(searchEngineFor(after).index).toBe(index);
  });
});

describe('pages refresh often enough for scheduled posts', () => {
  function pageFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? pageFiles(full) : name === 'page.tsx' || name === 'route.ts' ? [full] : [];
    });
  }

  it('every page that lists decisions revalidates within 15 minutes or is rendered per request', () => {
    for (const file of pageFiles(path.join(root, 'app'))) {
      const source = readFileSync(file, 'utf8');
      if (!/getSiteRecords|records/.test(source)) continue;
      const revalidate = /export const revalidate = (\d+)/.exec(source);
      // Search is rendered for each request too, at the address of its query, and never stored
      // (lib/search/rendered-address.ts, cache-handler.mjs).
      const perRequest = /searchParams|request\.headers|export const dynamic = 'force-dynamic'|NextRequest|Request\)|search\/rendered-address/.test(source);
      expect(perRequest || (revalidate !== null && Number(revalidate[1]) <= 900), path.relative(root, file)).toBe(true);
    }
  });
});
