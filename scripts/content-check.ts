/**
 * npm run content:check [-- --json | --format github] [-- --dir PATH] [-- --no-cache]
 * Validates every file under content/ (or the folder CONTENT_DIR names, as the build reads it:
 * lib/server/runtime.ts) and prints every problem as PATH:LINE: FIELD: MESSAGE (`--format github`: as
 * GitHub Actions annotations, for .github/workflows/content.yml).
 * Exits 1 if there is any error, 0 otherwise. Each file's own checks are kept in .cache/content/
 * and reused while the file and the checking code are unchanged; --no-cache checks every file
 * afresh (and leaves the caches alone).
 */
import path from 'node:path';
import { checkContentDir, formatReport, githubReport, jsonReport } from '../lib/content/check';
import { refreshedCodeVersion } from '../lib/server/code-graph';
import { DISK_CACHES, stampFile } from '../lib/server/disk-caches';
import { contentRoot } from '../lib/server/runtime';

const args = process.argv.slice(2);
const formatFlag = args.indexOf('--format');
const format = formatFlag >= 0 ? args[formatFlag + 1] : args.includes('--json') ? 'json' : 'text';
if (format !== 'text' && format !== 'json' && format !== 'github') {
  process.stderr.write(`--format ${format ?? ''}: use text, json or github\n`);
  process.exit(2);
}
const quiet = args.includes('--quiet');
const noCache = args.includes('--no-cache');
const dirFlag = args.indexOf('--dir');
const root = dirFlag >= 0 && args[dirFlag + 1] ? path.resolve(args[dirFlag + 1]!) : contentRoot();
const display = path.relative(process.cwd(), root).split(path.sep).join('/') || '.';

const cwd = process.cwd();
const report = await checkContentDir(root, display, noCache ? {} : { cache: { projectRoot: cwd } });
// The build that follows (as scripts/build.ts does too) keeps rendered posts on disk only under a
// stamp of the renderer's code that this refreshes (lib/server/disk-caches.ts).
if (!noCache) refreshedCodeVersion(cwd, stampFile(cwd, 'markdown'), DISK_CACHES.markdown.code);
if (format === 'json') {
  process.stdout.write(`${jsonReport(report)}\n`);
} else if (format === 'github') {
  // The summary goes to the log too; the annotations carry each problem to its line.
  if (report.problems.length > 0) process.stdout.write(`${githubReport(report)}\n`);
  process.stdout.write(`${formatReport({ ...report, problems: [] })}\n`);
} else if (!(quiet && report.problems.length === 0)) {
  const out = formatReport(report);
  (report.errors > 0 ? process.stderr : process.stdout).write(`${out}\n`);
}
process.exitCode = report.errors > 0 ? 1 : 0;
