import path from 'node:path';
import { assembleContent, type ContentFiles, type ContentSet } from './assemble';
import { currentTime } from '../server/runtime';
import { formatProblem, isError, sortProblems, type ContentProblem } from './problems';
import { publishingProblems } from './publishing-checks';
import { refreshedCodeVersion } from '../server/code-graph';
import { cacheFolder, DISK_CACHES, STAMP_FILE } from '../server/disk-caches';
import { ParseCache, UncachedLine } from './parse-cache';
import { readContentDir } from './read-content-dir';

export interface CheckReport {
  problems: ContentProblem[];
  errors: number;
  warnings: number;
  counts: { decisions: number; committees: number; projects: number; glossary: number; meetings: number };
  content: ContentSet;
}

export interface CheckOptions {
  /**
   * Keep the parse cache (lib/content/parse-cache.ts), in `dir` or else the project's
   * `.cache/content`; no cache without it. `projectRoot` holds the checking code's sources,
   * whose stamp versions the cache.
   */
  cache?: { projectRoot: string; dir?: string };
  /** Today, for the publishing checks (a post dated far ahead); the site's clock by default. */
  now?: Date;
}

/** Validates a content folder: what `npm run content:check` and `npm run build` report. */
export async function checkContentDir(root: string, displayRoot = 'content', options: CheckOptions = {}): Promise<CheckReport> {
  return checkContentFiles(await readContentDir(root, displayRoot), root, options);
}

/** Validates the files of the content folder at `root`, already read (the build reads them once). */
export async function checkContentFiles(files: ContentFiles, root: string, options: CheckOptions = {}): Promise<CheckReport> {
  const cacheDir = options.cache && (options.cache.dir ?? cacheFolder(options.cache.projectRoot, 'content'));
  const cache =
    options.cache && cacheDir
      ? ParseCache.open(cacheDir, root, refreshedCodeVersion(options.cache.projectRoot, path.join(cacheDir, STAMP_FILE), DISK_CACHES.content.code))
      : undefined;
  const content = await collectWith(files, cache);
  cache?.save();
  const problems = sortProblems([...content.problems, ...publishingProblems(content, files, options.now ?? currentTime())]);
  const errors = problems.filter(isError).length;
  return {
    problems,
    errors,
    warnings: problems.length - errors,
    counts: {
      decisions: content.decisions.length,
      committees: content.committees.size,
      projects: content.projects.size,
      glossary: content.glossary.size,
      meetings: content.meetings.size,
    },
    content,
  };
}

/**
 * When every file is in the cache, the checks across files run on the cached checks alone, and
 * no parser (YAML, Markdown, zod) is loaded: most of an unchanged run's time was loading them.
 */
async function collectWith(files: ContentFiles, cache: ParseCache | undefined): Promise<ContentSet> {
  if (cache?.hasAll(files)) {
    try {
      return assembleContent(files, cache.checker());
    } catch (error) {
      if (!(error instanceof UncachedLine)) throw error;
    }
  }
  const { collectContent } = await import('./collect');
  return collectContent(files, cache ? { cache } : {});
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The human report: one problem a line, then a one-line summary. */
export function formatReport(report: CheckReport): string {
  const lines = report.problems.map(formatProblem);
  const { decisions, committees, projects, glossary, meetings } = report.counts;
  const checked = `${plural(decisions, 'decision post')}, ${plural(committees, 'decision maker')}, ${plural(projects, 'project')}, ${plural(glossary, 'glossary term')}, ${plural(meetings, 'meeting file')}`;
  if (report.errors > 0) {
    lines.push(
      `${plural(report.errors, 'problem')} must be fixed before the site can be published${report.warnings ? ` (and ${plural(report.warnings, 'warning')})` : ''}. Each line above gives the file, the line, the field and what to do.`,
    );
  } else {
    lines.push(`Content is valid: ${checked}${report.warnings ? `; ${plural(report.warnings, 'warning')} to look at` : ''}.`);
  }
  return lines.join('\n');
}

/** The `--json` report, for tools. */
export function jsonReport(report: CheckReport): string {
  return JSON.stringify({ ok: report.errors === 0, errors: report.errors, warnings: report.warnings, counts: report.counts, problems: report.problems }, null, 2);
}

/**
 * GitHub Actions' workflow commands, one a problem: `::error file=PATH,line=LINE,title=FIELD::MESSAGE`
 * (`::warning` for a warning). GitHub shows each on its line of the file in a pull request and in
 * its web editor. Values are escaped as the runner expects (% and line breaks everywhere; also
 * `:` and `,` inside the properties).
 */
export function githubReport(report: Pick<CheckReport, 'problems'>): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return report.problems
    .map((p) => {
      const where = [`file=${property(p.file)}`, ...(p.line === undefined ? [] : [`line=${p.line}`]), `title=${property(p.field)}`].join(',');
      return `::${p.severity === 'warning' ? 'warning' : 'error'} ${where}::${data(p.message)}`;
    })
    .join('\n');
}
