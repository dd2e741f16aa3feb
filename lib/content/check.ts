import { collectContent, type ContentSet } from './collect';
import { formatProblem, isError, type ContentProblem } from './problems';
import { readContentDir } from './read-content-dir';

export interface CheckReport {
  problems: ContentProblem[];
  errors: number;
  warnings: number;
  counts: { decisions: number; committees: number; projects: number; glossary: number; meetings: number };
  content: ContentSet;
}

/** Validates a content folder: what `npm run content:check` and `npm run build` report. */
export async function checkContentDir(root: string, displayRoot = 'content'): Promise<CheckReport> {
  const content = collectContent(await readContentDir(root, displayRoot));
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
