/**
 * The compiled site, kept between builds, so that publishing a post does not compile the code
 * again. `next build` does two things: it compiles the code (Turbopack, about 25 s and 1 GB on two
 * cores) and renders the pages from the content. A post changes only the second. So the build
 * compiles with `--experimental-build-mode=compile`, keeps a copy of that output beside the
 * build folder with a stamp of the code it came from, and renders with
 * `--experimental-build-mode=generate`. The next build whose code is the same starts from that
 * copy, which holds no page rendered from earlier content: a removed or withdrawn post's page
 * cannot survive into the new build, as it would if the build folder were reused as it stands.
 *
 * The stamp (lib/server/code-version.ts) hashes every file of the project but the content and
 * what builds and tests write, with the lockfile and Node.js's version, and the environment the
 * compiler reads. A file not known here to be content or output counts as code: an edit
 * anywhere else compiles again, which costs time, never correctness.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readStamp, stampOf, writeStamp, type CodeStamp } from '../../lib/server/code-version';

/** Folders and files of the project that are not the site's code: content, output, tools' state. */
const NOT_CODE = new Set([
  '.git',
  'node_modules',
  'content',
  '.cache',
  '.build',
  '.history',
  '.data',
  '.bench',
  'test-results',
  'playwright-report',
  'coverage',
  'out',
  'docs',
]);

/** The environment the compiler and next.config.ts read (NEXT_PUBLIC_* is inlined into the code). */
function compilerEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (name.startsWith('NEXT_PUBLIC_') || ['CONTENT_DIR', 'NEXT_DIST_DIR', 'NODE_ENV'].includes(name))) chosen[name] = value;
  }
  return chosen;
}

/** Project-relative paths of every code file, found by walking the project (sorted). */
export function codeFiles(projectRoot: string, contentDir: string): string[] {
  const content = path.relative(projectRoot, path.resolve(projectRoot, contentDir)).split(path.sep).join('/');
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(projectRoot, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (child === content || (relative === '' && (NOT_CODE.has(entry.name) || entry.name.startsWith('.next')))) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** The stamp of the code as it is now, environment included. */
export function codeStamp(projectRoot: string, contentDir: string, env: NodeJS.ProcessEnv = process.env): CodeStamp | undefined {
  const stamp = stampOf(projectRoot, codeFiles(projectRoot, contentDir));
  if (!stamp) return undefined;
  const version = createHash('sha256')
    .update(stamp.version)
    .update('\0')
    .update(JSON.stringify(compilerEnvironment(env)))
    .digest('hex');
  return { ...stamp, version };
}

/** Where the copy of the compiled output of the build folder `distDir` is kept. */
export function compiledCopyOf(distDir: string): string {
  return `${distDir.replace(/[\\/]+$/, '')}-compiled`;
}

const STAMP = 'code-stamp.json';
/** Next.js's own caches (Turbopack's, fetches'), kept in the build folder across builds. */
const NEXT_CACHE = 'cache';
/**
 * The standalone server: `generate` makes it anew, whole, from the rest (checked: the same
 * files as a full build's), so it is not kept, which halves the copying.
 */
const STANDALONE = 'standalone';

/**
 * True when `copy` holds the compiled output of exactly this code: the same code files, each
 * with the same bytes (a file added or removed changes the stamp too), the same lockfile,
 * Node.js and environment.
 */
export function isCompiledCopyCurrent(copy: string, now: CodeStamp): boolean {
  const kept = readStamp(path.join(copy, STAMP)) as Partial<CodeStamp> | undefined;
  return kept?.version === now.version && existsSync(path.join(copy, 'BUILD_ID'));
}

/** Replaces `copy` with the compiled output in `distDir` (all but Next.js's cache and the standalone server), stamped. */
export function keepCompiledCopy(distDir: string, copy: string, stamp: CodeStamp): void {
  const next = `${copy}.tmp`;
  rmSync(next, { recursive: true, force: true });
  cpSync(distDir, next, { recursive: true, filter: (source) => ![NEXT_CACHE, STANDALONE].includes(path.relative(distDir, source)) });
  writeStamp(path.join(next, STAMP), stamp);
  rmSync(copy, { recursive: true, force: true });
  renameSync(next, copy);
}

/**
 * Makes `distDir` the compiled output again, as `keepCompiledCopy` kept it: everything the last
 * build rendered goes, Next.js's cache stays. The build calls it while the content step runs in
 * a process of its own (scripts/build.ts): deleting the last standalone server's copy of the
 * content takes seconds at 10,000 posts, on the other core. Deleted synchronously: Node.js's
 * asynchronous `rm` works on every entry of a folder at once, and at 10,000 files grew this
 * process's heap by 30 MB, kept to the end of the build.
 */
export function restoreCompiledCopy(copy: string, distDir: string): void {
  const discarded = `${distDir.replace(/[\\/]+$/, '')}-discarded`;
  rmSync(discarded, { recursive: true, force: true }); // left by a build that was stopped
  // Moved aside whole first, then deleted: a build stopped while deleting leaves no half-deleted
  // folder in distDir for the copy to merge into (a removed post's page could survive in one).
  if (existsSync(distDir)) {
    mkdirSync(discarded);
    for (const entry of readdirSync(distDir)) if (entry !== NEXT_CACHE) renameSync(path.join(distDir, entry), path.join(discarded, entry));
  }
  cpSync(copy, distDir, { recursive: true, filter: (source) => path.relative(copy, source) !== STAMP });
  rmSync(discarded, { recursive: true, force: true });
}
