/**
 * npm run build [-- --compile]
 *
 * The production build:
 *  1. checks the content (as `npm run content:check`), and stops with its report, before
 *     anything the live site serves is touched, when a post is broken;
 *  2. writes the history of every post (scripts/build/history.ts);
 *  3. writes /data/decisions.db (lib/data/sqlite/built-file.ts);
 *  4. compiles the code, only when it changed since the last build (scripts/build/compiled-code.ts;
 *     `--compile` compiles whatever the stamp says), beside steps 2 and 3;
 *  5. copies the content folder, beside steps 2 and 3, for the standalone server
 *     (scripts/build/standalone-content.ts), and stops, before the last build's output is
 *     touched unless the code is compiling, if the copy is not the content checked;
 *  6. renders the pages (`next build --experimental-build-mode=generate`) into the standalone
 *     server, and moves that copy of the content and the database into it.
 * Steps 1–3 run in a child process (scripts/build/prepare.ts) that exits before step 6: it holds
 * every post, as Next.js's render worker does, and side by side with the two workers Next.js
 * then ran they made the peak of a publish at 10,000 posts about 2 GB. Publishing a post runs
 * steps 1–3, 5 and 6: at 10,000 posts that is a third of a build that compiles (docs/benchmarks.md).
 * This process only starts the others and waits, but lives as long as the build: it is loaded
 * lightly (scripts/build.cjs) and keeps its heap small.
 */
import { fork, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { builtDatabaseFile } from '../lib/data/sqlite/build-path';
import { HEAP_GROWING_FLAG, keepHeapNearLiveObjects, withBuildNodeOptions } from '../lib/server/heap';
import { contentFolderDigest } from '../lib/content/read-content-dir';
import { contentRoot } from '../lib/server/runtime';
import { codeStamp, compiledCopyOf, isCompiledCopyCurrent, keepCompiledCopy, restoreCompiledCopy } from './build/compiled-code';
import { isContentChecked } from './build/prepare-message';
import { say, seconds } from './build/output';
import { placeContent, stageContent, stagedContentOf, standaloneContentDir } from './build/standalone-content';

const project = process.cwd();
const forceCompile = process.argv.includes('--compile');
// This process lives as long as the build: deleting the last build's output grew its heap by
// 30 MB, kept to the end, for nothing it holds.
keepHeapNearLiveObjects();
const distDir = path.resolve(project, process.env.NEXT_DIST_DIR || '.next');

/** `next build` in one of its two halves; false when it failed (it has said why). */
function nextBuild(mode: 'compile' | 'generate'): Promise<boolean> {
  const next = path.join(project, 'node_modules', 'next', 'dist', 'bin', 'next');
  // Its young generation kept small, and its render worker's, a thread of it (lib/server/heap.ts).
  const child = spawn(process.execPath, [next, 'build', `--experimental-build-mode=${mode}`], {
    stdio: 'inherit',
    env: withBuildNodeOptions(process.env),
  });
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * Steps 1–3 in their own process (with this one's Node.js options, so TypeScript loads, and a
 * heap kept near its live objects: lib/server/heap.ts). `checked` settles when the content has
 * passed its check, with the digest of that content (undefined when it did not pass); `done`
 * when the child has exited (false unless it finished every step).
 */
function prepareContent(): { checked: Promise<string | undefined>; done: Promise<boolean> } {
  // With tsx's ESM loader (this script has its CommonJS hook: scripts/build.cjs), for the
  // packages it imports that are ESM only.
  const child = fork(path.join(import.meta.dirname, 'build', 'prepare.ts'), [], {
    stdio: 'inherit',
    execArgv: ['--import', 'tsx', HEAP_GROWING_FLAG],
    env: withBuildNodeOptions(process.env),
  });
  let passed: (digest: string | undefined) => void = () => undefined;
  const checked = new Promise<string | undefined>((resolve) => (passed = resolve));
  child.on('message', (message) => {
    if (isContentChecked(message)) passed(message.checkedContentDigest);
  });
  const done = new Promise<boolean>((resolve) => {
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
  void done.then(() => passed(undefined));
  return { checked, done };
}

/** The database file and what describes it, into the standalone server's own folder. */
function copyBuiltDatabase(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  for (const suffix of ['', '.json']) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
}

async function build(): Promise<number> {
  // 1–3. The content, checked first: nothing is compiled or rendered for a broken post.
  const content = prepareContent();
  const checkedDigest = await content.checked;
  if (checkedDigest === undefined) return 1;

  // 4. The code, compiled again (in a process of its own) only when it changed, while the
  // history and the database are written.
  const stamp = codeStamp(project, contentRoot());
  const copy = compiledCopyOf(distDir);
  const reuse = !forceCompile && stamp !== undefined && isCompiledCopyCurrent(copy, stamp);
  let compiled: Promise<boolean> = Promise.resolve(true);
  if (!reuse) {
    say(forceCompile ? 'Code: compiling (--compile).' : 'Code: changed since it was last compiled (or never compiled here); compiling.');
    rmSync(copy, { recursive: true, force: true });
    compiled = nextBuild('compile').then((ok) => {
      if (ok && stamp) keepCompiledCopy(distDir, copy, stamp);
      return ok;
    });
  }

  // 5. The content folder for the standalone server, copied meanwhile, and compared with what
  // was checked before the last build's output is replaced.
  let started = performance.now();
  const staged = stagedContentOf(distDir);
  stageContent(contentRoot(), staged);
  if ((await contentFolderDigest(staged)) !== checkedDigest) {
    process.stderr.write(
      'A content file was added, changed or removed while the build was checking the content, so the site was not built. Run the build again.\n',
    );
    return 1;
  }
  say(`Content: copied for the server, as checked (${seconds(started)}).`);
  if (reuse) {
    started = performance.now();
    restoreCompiledCopy(copy, distDir);
    say(`Code: unchanged since it was last compiled; that output is reused (${seconds(started)}).`);
  }
  const [prepared, ok] = await Promise.all([content.done, compiled]);
  if (!prepared || !ok) return 1;

  // 6. The pages, once the content's process has given its memory back; then what the server
  // reads besides its code, which Next.js does not copy (not by tracing: see standalone-content.ts).
  if (!(await nextBuild('generate'))) return 1;
  const standalone = path.join(distDir, 'standalone');
  placeContent(staged, standaloneContentDir(project, contentRoot(), standalone));
  copyBuiltDatabase(builtDatabaseFile(project), builtDatabaseFile(standalone));
  return 0;
}

// No top-level await: this module is loaded as CommonJS (scripts/build.cjs).
void build().then((code) => (process.exitCode = code));
