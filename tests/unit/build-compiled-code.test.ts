/**
 * Publishing a post does not compile the code again (scripts/build/compiled-code.ts): the build
 * reuses the compiled output only while the code is exactly what was compiled, and the output it
 * reuses carries nothing rendered from earlier content, so a removed post's page cannot survive.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFiles, codeStamp, compiledCopyOf, isCompiledCopyCurrent, keepCompiledCopy, restoreCompiledCopy } from '../../scripts/build/compiled-code';

let project: string;

function write(relative: string, text: string): void {
  const file = path.join(project, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'compiled-code-'));
  write('package-lock.json', '{"lockfileVersion":3}');
  write('app/page.tsx', 'export default function Home() { return null; }');
  write('lib/site.ts', 'export const site = 1;');
  write('next.config.ts', 'export default {};');
  write('content/decisions/2011-07-01-a.md', '---\ntitle: A\n---\n');
  write('tests/fixtures/content/decisions/2011-07-02-b.md', '---\ntitle: B\n---\n');
  write('.next/BUILD_ID', 'old');
  write('.cache/content/checks.v8', 'cache');
  write('docs/publishing.md', '# Publishing');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const env = { NODE_ENV: 'production' } as NodeJS.ProcessEnv;
const version = (contentDir = 'content', environment = env) => codeStamp(project, contentDir, environment)!.version;

describe('the code stamp', () => {
  it('lists the code, not the content being built, the build output, the caches or the docs', () => {
    const files = codeFiles(project, 'content');
    expect(files).toEqual(['app/page.tsx', 'lib/site.ts', 'next.config.ts', 'package-lock.json', 'tests/fixtures/content/decisions/2011-07-02-b.md']);
    // Building the tests' fixture instead: that folder is the content too.
    expect(codeFiles(project, 'tests/fixtures/content')).toEqual(['app/page.tsx', 'lib/site.ts', 'next.config.ts', 'package-lock.json']);
  });

  it('stays the same when a post is added, changed or removed', () => {
    const before = version();
    write('content/decisions/2011-07-03-c.md', '---\ntitle: C\n---\n');
    write('content/decisions/2011-07-01-a.md', '---\ntitle: A, corrected\n---\n');
    unlinkSync(path.join(project, 'content/decisions/2011-07-03-c.md'));
    write('.next/server/app/decisions/2011-07-01-a.html', '<p>rendered</p>');
    expect(version()).toBe(before);
  });

  it('changes with any edit to the code, a new or removed code file, the lockfile or the environment the compiler reads', () => {
    const before = version();
    const changed = (edit: () => void) => {
      edit();
      const after = version();
      expect(after).not.toBe(before);
      return after;
    };
    const edited = changed(() => write('lib/site.ts', 'export const site = 2;'));
    write('lib/site.ts', 'export const site = 1;');
    expect(version()).toBe(before);
    changed(() => write('components/New.tsx', 'export const New = 1;'));
    unlinkSync(path.join(project, 'components/New.tsx'));
    expect(version()).toBe(before);
    changed(() => write('package-lock.json', '{"lockfileVersion":3,"packages":{}}'));
    write('package-lock.json', '{"lockfileVersion":3}');
    expect(version('content', { ...env, CONTENT_DIR: 'tests/fixtures/content' })).not.toBe(before);
    expect(version('content', { ...env, NEXT_PUBLIC_SITE: 'x' })).not.toBe(before);
    expect(version('content', { ...env, ALERTS_SECRET: 'not read by the compiler' })).toBe(before);
    expect(edited).not.toBe(before);
  });
});

describe('the compiled copy', () => {
  const distDir = () => path.join(project, '.next');

  function compile(): void {
    rmSync(distDir(), { recursive: true, force: true });
    write('.next/BUILD_ID', 'compiled');
    write('.next/server/app/decisions/[slug]/page.js', 'compiled page');
    write('.next/standalone/server.js', 'the last standalone server');
    write('.next/cache/turbopack/entry', 'Next.js cache');
  }

  it('is current only for the code it was kept for', () => {
    compile();
    const copy = compiledCopyOf(distDir());
    expect(copy).toBe(`${distDir()}-compiled`);
    expect(isCompiledCopyCurrent(copy, codeStamp(project, 'content', env)!)).toBe(false);
    keepCompiledCopy(distDir(), copy, codeStamp(project, 'content', env)!);
    expect(isCompiledCopyCurrent(copy, codeStamp(project, 'content', env)!)).toBe(true);
    write('lib/site.ts', 'export const site = 3;');
    expect(isCompiledCopyCurrent(copy, codeStamp(project, 'content', env)!)).toBe(false);
  });

  it('is restored without the pages the last build rendered, keeping Next.js’s cache', () => {
    compile();
    const copy = compiledCopyOf(distDir());
    keepCompiledCopy(distDir(), copy, codeStamp(project, 'content', env)!);
    // The copy holds the compiled code only: not the standalone server, not Next.js's cache.
    expect(existsSync(path.join(copy, 'server/app/decisions/[slug]/page.js'))).toBe(true);
    expect(existsSync(path.join(copy, 'standalone'))).toBe(false);
    expect(existsSync(path.join(copy, 'cache'))).toBe(false);

    // The build that followed rendered a post that has since been removed.
    write('.next/server/app/decisions/2011-07-01-a.html', '<p>a removed post</p>');
    write('.next/standalone/content/decisions/2011-07-01-a.md', 'a removed post');
    write('.next/prerender-manifest.json', '{"routes":{"/decisions/2011-07-01-a":{}}}');

    restoreCompiledCopy(copy, distDir());
    expect(existsSync(path.join(distDir(), 'server/app/decisions/2011-07-01-a.html'))).toBe(false);
    expect(existsSync(path.join(distDir(), 'standalone'))).toBe(false);
    expect(existsSync(path.join(distDir(), 'prerender-manifest.json'))).toBe(false);
    expect(readFileSync(path.join(distDir(), 'server/app/decisions/[slug]/page.js'), 'utf8')).toBe('compiled page');
    expect(readFileSync(path.join(distDir(), 'BUILD_ID'), 'utf8')).toBe('compiled');
    expect(readFileSync(path.join(distDir(), 'cache/turbopack/entry'), 'utf8')).toBe('Next.js cache');
    expect(existsSync(path.join(distDir(), 'code-stamp.json'))).toBe(false);
    // What was moved aside is gone; the copy itself is untouched.
    expect(existsSync(`${distDir()}-discarded`)).toBe(false);
    expect(isCompiledCopyCurrent(copy, codeStamp(project, 'content', env)!)).toBe(true);
  });
});
