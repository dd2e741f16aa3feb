/**
 * The content half of `npm run build` (scripts/build.ts starts it as a child process of its own):
 *  1. checks the content (as `npm run content:check`) and, when a post is broken, prints the
 *     report and exits 1 before anything else is written;
 *  2. tells its parent the content passed (an IPC message, with the content's digest), so the
 *     code can be compiled meanwhile and the folder copied for the standalone server;
 *  3. writes the history of every post (scripts/build/history.ts);
 *  4. writes /data/decisions.db (lib/data/sqlite/built-file.ts) from the content it checked,
 *     with each body's words from .cache/plain-text when the body was stripped before.
 *
 * A process of its own because it holds every post, its records and SQLite's WebAssembly memory
 * (about 390 MB at 10,000 posts), and V8 gives little of that back while the process lives. It
 * exits before Next.js renders the pages (`next build` and its render worker, about 450 MB): the
 * build's peak is then the larger of the two, not their sum (docs/benchmarks.md).
 */
import path from 'node:path';
import { checkContentFiles, formatReport } from '../../lib/content/check';
import { contentDigest } from '../../lib/content/digest';
import { readContentDir } from '../../lib/content/read-content-dir';
import { builtDatabaseFile, DATABASE_BUILD_FILE } from '../../lib/data/sqlite/build-path';
import { refreshedCodeVersion } from '../../lib/server/code-graph';
import { cacheFolder, DISK_CACHES, stampFile } from '../../lib/server/disk-caches';
import { contentRoot } from '../../lib/server/runtime';
import type { ContentChecked } from './prepare-message';
import { say, seconds } from './output';

const project = process.cwd();

async function prepare(): Promise<number> {
  // 1. The content, read and checked once for every step that follows.
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
  // The build gives the standalone server a copy of the folder only if it holds this content.
  const checkedContentDigest = contentDigest(files);
  process.send?.({ checkedContentDigest } satisfies ContentChecked);

  // 2. The history of every post. (What follows the check is loaded after it: a broken post is
  // reported by the checking code alone.)
  const { writeBuildHistory } = await import('./history');
  const { history, message } = await writeBuildHistory();
  say(message);

  // 3. /data/decisions.db, from the content checked above.
  started = performance.now();
  const { loadedContent, siteRecordsOf } = await import('../../lib/site');
  const { writeBuiltDatabase } = await import('../../lib/data/sqlite/built-file');
  const { PlainTextCache } = await import('../../lib/search/plain-text-cache');
  const records = siteRecordsOf(loadedContent(files, report.content, checkedContentDigest));
  // Each body's words, stripped of Markdown once and remembered: a publish strips only its own.
  const words =
    PlainTextCache.open(
      path.join(cacheFolder(project, 'plainText'), 'texts.bin'),
      refreshedCodeVersion(project, stampFile(project, 'plainText'), DISK_CACHES.plainText.code),
    ) ?? PlainTextCache.inMemory();
  const database = writeBuiltDatabase(records, history, builtDatabaseFile(project), { plainText: words.plainText });
  words.save();
  say(`Data: ${DATABASE_BUILD_FILE}, ${records.indexes.all.length} posts, ${(database.bytes / 2 ** 20).toFixed(1)} MB (${seconds(started)}).`);
  return 0;
}

try {
  process.exitCode = await prepare();
} finally {
  // The channel to the build would keep this process, and its memory, alive.
  if (process.connected) process.disconnect();
}
