/**
 * npm run build [-- --compile]
 *
 * The production build, in one process that reads the content once:
 *  1. checks the content (as `npm run content:check`), and stops with its report, before
 *     anything the live site serves is touched, when a post is broken;
 *  2. writes the history of every post (scripts/build/history.ts);
 *  3. writes /data/decisions.db (lib/data/sqlite/built-file.ts);
 *  4. compiles the code, only when it changed since the last build (scripts/build/compiled-code.ts;
 *     `--compile` compiles whatever the stamp says);
 *  5. renders the pages (`next build --experimental-build-mode=generate`) into the standalone server.
 * Publishing a post runs steps 1–3 and 5: at 10,000 posts that is a third of a build that
 * compiles (docs/benchmarks.md).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkContentFiles, formatReport } from '../lib/content/check';
import { readContentDir } from '../lib/content/read-content-dir';
import { DATABASE_BUILD_FILE } from '../lib/data/sqlite/build-path';
import { refreshedCodeVersion } from '../lib/server/code-graph';
import { DISK_CACHES, stampFile } from '../lib/server/disk-caches';
import { contentRoot } from '../lib/server/runtime';
import { codeStamp, compiledCopyOf, isCompiledCopyCurrent, keepCompiledCopy, restoreCompiledCopy } from './build/compiled-code';

const project = process.cwd();
const forceCompile = process.argv.includes('--compile');
const distDir = path.resolve(project, process.env.NEXT_DIST_DIR || '.next');

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `next build` in one of its two halves; false when it failed (it has said why). */
function nextBuild(mode: 'compile' | 'generate'): Promise<boolean> {
  const next = path.join(project, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [next, 'build', `--experimental-build-mode=${mode}`], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** The database file and what describes it, into the standalone server's own folder. */
function copyBuiltDatabase(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  for (const suffix of ['', '.json']) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
}

async function build(): Promise<number> {
  // 1. The content, read and checked once for every step.
  let started = performance.now();
  const root = contentRoot();
  const files = await readContentDir(root, path.relative(project, root).split(path.sep).join('/') || '.');
  const report = await checkContentFiles(files, root, { cache: { projectRoot: project } });
  // Rendered posts are kept on disk during the build only under a current stamp of the renderer.
  refreshedCodeVersion(project, stampFile(project, 'markdown'), DISK_CACHES.markdown.code);
  const reportText = formatReport(report);
  if (report.errors > 0) {
    process.stderr.write(`${reportText}\nThe build stopped: nothing was changed, and the site serves what it served before.\n`);
    return 1;
  }
  say(`${reportText} (${seconds(started)})`);

  // 2. The history of every post. (What follows the check is loaded after it: a broken post is
  // reported by the checking code alone.)
  const { writeBuildHistory } = await import('./build/history');
  const { history, message } = await writeBuildHistory();
  say(message);

  // 3. The code, compiled again only when it changed; then 4. the pages, from the content.
  started = performance.now();
  const stamp = codeStamp(project, root);
  const copy = compiledCopyOf(distDir);
  let discarding: Promise<void> = Promise.resolve();
  let compiled: Promise<boolean>;
  if (!forceCompile && stamp && isCompiledCopyCurrent(copy, stamp)) {
    discarding = restoreCompiledCopy(copy, distDir);
    say(`Code: unchanged since it was last compiled; that output is reused (${seconds(started)}).`);
    compiled = Promise.resolve(true);
  } else {
    say(forceCompile ? 'Code: compiling (--compile).' : 'Code: changed since it was last compiled (or never compiled here); compiling.');
    rmSync(copy, { recursive: true, force: true });
    compiled = nextBuild('compile').then((ok) => {
      if (ok && stamp) keepCompiledCopy(distDir, copy, stamp);
      return ok;
    });
  }
  const pages = compiled.then((ok) => ok && nextBuild('generate'));

  // 5. /data/decisions.db, written here while Next.js works in its own processes; it goes into
  // the standalone server once Next.js has made it (not by tracing, which could copy it half written).
  started = performance.now();
  const { loadedContent, siteRecordsOf } = await import('../lib/site');
  const { builtDatabaseFile, writeBuiltDatabase } = await import('../lib/data/sqlite/built-file');
  const records = siteRecordsOf(loadedContent(files, report.content));
  const database = writeBuiltDatabase(records, history, builtDatabaseFile(project));
  say(`Data: ${DATABASE_BUILD_FILE}, ${records.indexes.all.length} posts, ${(database.bytes / 2 ** 20).toFixed(1)} MB (${seconds(started)}).`);

  const built = await pages;
  await discarding;
  if (!built) return 1;
  copyBuiltDatabase(builtDatabaseFile(project), builtDatabaseFile(path.join(distDir, 'standalone')));
  return 0;
}

process.exitCode = await build();
