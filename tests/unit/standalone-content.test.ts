/**
 * The content the standalone server is given by `npm run build` (scripts/build/standalone-content.ts):
 * a copy of the folder, used only if it holds exactly the content the build checked
 * (contentFolderDigest against contentDigest), moved whole into the server's folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDigest } from '../../lib/content/digest';
import { contentFolderDigest, readContentDir } from '../../lib/content/read-content-dir';
import { placeContent, stageContent, standaloneContentDir } from '../../scripts/build/standalone-content';
import { FIXTURE_CONTENT } from '../support/content';

let work: string;
let content: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'standalone-content-'));
  content = path.join(work, 'content');
  cpSync(FIXTURE_CONTENT, content, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, relative, with its bytes as text. */
function filesOf(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    found[path.relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return found;
}

const checkedDigest = async (dir: string) => contentDigest(await readContentDir(dir));
const aPost = () => readdirSync(path.join(content, 'decisions')).find((name) => name.endsWith('.md'))!;

describe('contentFolderDigest: the content of a folder, read one file at a time', () => {
  it('is the digest of the content the check reads from the same folder', async () => {
    expect(await contentFolderDigest(content)).toBe(await checkedDigest(content));
  });

  it('changes when a post is changed, added or removed, as the checked digest does', async () => {
    const before = await contentFolderDigest(content);
    const post = path.join(content, 'decisions', aPost());

    writeFileSync(post, `${readFileSync(post, 'utf8')}\nOne more line.\n`);
    const changed = await contentFolderDigest(content);
    expect(changed).not.toBe(before);
    expect(changed).toBe(await checkedDigest(content));

    writeFileSync(path.join(content, 'decisions', '2030-01-01-added.md'), '---\ntitle: "Added"\n---\n');
    const added = await contentFolderDigest(content);
    expect(added).not.toBe(changed);
    expect(added).toBe(await checkedDigest(content));

    unlinkSync(post);
    const removed = await contentFolderDigest(content);
    expect(removed).not.toBe(added);
    expect(removed).toBe(await checkedDigest(content));
  });

  it('ignores what the check ignores: files that are not Markdown, and hidden files', async () => {
    const before = await contentFolderDigest(content);
    writeFileSync(path.join(content, 'decisions', 'notes.txt'), 'not a post');
    writeFileSync(path.join(content, 'decisions', '.draft.md.swp'), 'an editor’s swap file');
    expect(await contentFolderDigest(content)).toBe(before);
  });
});

describe('stageContent and placeContent: the copy the standalone server reads', () => {
  it('copies the folder and moves the copy into the server, replacing what was there', () => {
    const staged = path.join(work, '.next-content');
    const target = path.join(work, '.next', 'standalone', 'content');
    // What a traced copy of an earlier build left: a post since withdrawn, and an old site.json.
    mkdirSync(path.join(target, 'decisions'), { recursive: true });
    writeFileSync(path.join(target, 'decisions', '2011-01-01-withdrawn.md'), 'gone');
    writeFileSync(path.join(target, 'site.json'), '{}');

    stageContent(content, staged);
    placeContent(staged, target);

    expect(filesOf(target)).toEqual(filesOf(content));
    expect(existsSync(staged)).toBe(false);
  });

  it('replaces a copy left by a build that was stopped', () => {
    const staged = path.join(work, '.next-content');
    mkdirSync(path.join(staged, 'decisions'), { recursive: true });
    writeFileSync(path.join(staged, 'decisions', '2011-01-01-half-copied.md'), 'half');
    stageContent(content, staged);
    expect(filesOf(staged)).toEqual(filesOf(content));
  });
});

describe('standaloneContentDir: where the server looks for the folder', () => {
  it('is the content folder’s place in the project, under the standalone server', () => {
    const project = path.join(work, 'project');
    const standalone = path.join(project, '.next', 'standalone');
    expect(standaloneContentDir(project, path.join(project, 'content'), standalone)).toBe(path.join(standalone, 'content'));
    expect(standaloneContentDir(project, path.join(project, 'tests', 'fixtures', 'content'), standalone)).toBe(
      path.join(standalone, 'tests', 'fixtures', 'content'),
    );
  });

  it('refuses a folder outside the project, which the server could not find', () => {
    const project = path.join(work, 'project');
    expect(() => standaloneContentDir(project, path.join(work, 'elsewhere'), path.join(project, '.next', 'standalone'))).toThrow(/not inside the project/);
    expect(() => standaloneContentDir(project, project, path.join(project, '.next', 'standalone'))).toThrow(/not inside the project/);
  });
});
