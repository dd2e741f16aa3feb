/**
 * The disk caches are versioned by the code that computes what they hold, found from its module
 * graph (lib/server/code-graph.ts) and stamped with a hash of each file (code-version.ts): an
 * edit anywhere in that graph, a module newly imported into it, or a dependency's new version
 * gives a new version; an edit elsewhere does not; a stamp that no longer matches the sources
 * is not trusted.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { moduleGraph, refreshedCodeVersion } from '../../lib/server/code-graph';
import { readStamp, verifiedVersion } from '../../lib/server/code-version';
import { DISK_CACHES } from '../../lib/server/disk-caches';

const REPO = path.resolve(import.meta.dirname, '..', '..');
let project: string;
let stamp: string;
beforeEach(() => {
  // A copy of the project's code, to edit freely.
  project = mkdtempSync(path.join(tmpdir(), 'code-version-'));
  cpSync(path.join(REPO, 'lib'), path.join(project, 'lib'), { recursive: true });
  cpSync(path.join(REPO, 'package-lock.json'), path.join(project, 'package-lock.json'));
  stamp = path.join(project, '.cache', 'content', 'code.json');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const checking = DISK_CACHES.content.code;
const version = () => refreshedCodeVersion(project, stamp, checking);

it('follows the imports of the checking code, and of the renderer, inside the project', () => {
  const graph = moduleGraph(project, checking);
  // Reached only through imports: lib/content → lib/markdown/link-check.ts → lib/link-targets.ts.
  expect(graph).toEqual(expect.arrayContaining(['lib/content/schemas.ts', 'lib/markdown/link-check.ts', 'lib/link-targets.ts', 'lib/dates.ts']));
  expect(graph).not.toContain('lib/feeds/xml.ts');
  const renderer = moduleGraph(project, DISK_CACHES.markdown.code);
  expect(renderer).toEqual(expect.arrayContaining(['lib/markdown/render.ts', 'lib/markdown/sanitize-schema.ts', 'lib/markdown/external-links.ts']));
  expect(renderer).not.toContain('lib/content/schemas.ts');
});

it('changes with any module of the graph and with the lockfile, and not with other code', () => {
  const first = version();
  expect(first).toMatch(/^[0-9a-f]{64}$/);
  expect(version()).toBe(first);
  appendFileSync(path.join(project, 'lib/feeds/xml.ts'), '\n// not checking code\n');
  expect(version()).toBe(first);
  appendFileSync(path.join(project, 'lib/link-targets.ts'), '\n// edited\n');
  const second = version();
  expect(second).not.toBe(first);
  appendFileSync(path.join(project, 'package-lock.json'), '\n');
  expect(version()).not.toBe(second);
});

it('follows a module newly imported into the graph: an edit to it alone is a new version', () => {
  writeFileSync(path.join(project, 'lib/content/new-rule.ts'), 'export const LIMIT = 1;\n');
  const before = version();
  appendFileSync(path.join(project, 'lib/content/schemas.ts'), "\nexport { LIMIT } from './new-rule';\n");
  const imported = version();
  expect(imported).not.toBe(before);
  expect(moduleGraph(project, checking)).toContain('lib/content/new-rule.ts');
  writeFileSync(path.join(project, 'lib/content/new-rule.ts'), 'export const LIMIT = 2;\n');
  expect(version()).not.toBe(imported);
});

it('does not trust a stamp whose sources changed since, and has no version without the sources', () => {
  const first = version();
  expect(verifiedVersion(project, readStamp(stamp))).toBe(first);
  appendFileSync(path.join(project, 'lib/content/schemas.ts'), '\n// edited\n');
  expect(verifiedVersion(project, readStamp(stamp))).toBeUndefined();
  expect(verifiedVersion(project, { format: 'barnet-decisions/code-stamp@1', files: {}, version: 'forged' })).toBeUndefined();
  rmSync(path.join(project, 'lib/markdown/link-check.ts'));
  expect(version()).toBeUndefined();
});
