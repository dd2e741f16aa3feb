import { assembleContent, type ContentFiles, type ContentSet } from './assemble';
import { formatProblem, isError, type ContentProblem } from './problems';
import { codeVersion, ParseCache, UncachedLine } from './parse-cache';
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
   * Where to keep the parse cache (lib/content/parse-cache.ts), normally `.cache/content`; no
   * cache without it. `projectRoot` holds the checking code's sources, which version the cache.
   */
  cache?: { dir: string; projectRoot: string };
}

/** Validates a content folder: what `npm run content:check` and `npm run build` report. */
export async function checkContentDir(root: string, displayRoot = 'content', options: CheckOptions = {}): Promise<CheckReport> {
  const files = await readContentDir(root, displayRoot);
  const cache = options.cache ? ParseCache.open(options.cache.dir, root, codeVersion(options.cache.projectRoot)) : undefined;
  const content = await collectWith(files, cache);
  cache?.save();
  const errors = content.problems.filter(isError).length;
  return {
    problems: content.problems,
    errors,
    warnings: content.problems.length - errors,
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
  const checked = `${plural(decisions, 'decision post')}, ${plural(committees, 'committee')}, ${plural(projects, 'project')}, ${plural(glossary, 'glossary term')}, ${plural(meetings, 'meeting file')}`;
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
