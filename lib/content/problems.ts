/**
 * A content problem is a value, never a thrown error: the checker collects every
 * problem in one run so a comms officer can fix them all at once.
 */
export type Severity = 'error' | 'warning';

export interface ContentProblem {
  /** Path relative to the project root, e.g. `content/decisions/2011-06-30-x.md`. */
  file: string;
  /** 1-based line in the file, where the YAML tells us one. */
  line?: number;
  /** The field, as a path (`decisions[1].outcome`), or `file`, `frontmatter`, `body`. */
  field: string;
  message: string;
  severity: Severity;
}

export function problem(
  file: string,
  field: string,
  message: string,
  line?: number,
  severity: Severity = 'error',
): ContentProblem {
  return line === undefined ? { file, field, message, severity } : { file, line, field, message, severity };
}

/** `PATH:LINE: FIELD: MESSAGE`, the contract's one-problem-a-line format. */
export function formatProblem(p: ContentProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const message = p.severity === 'warning' ? `warning: ${p.message}` : p.message;
  return `${where}: ${p.field}: ${message}`;
}

export function isError(p: ContentProblem): boolean {
  return p.severity === 'error';
}

export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.field.localeCompare(b.field),
  );
}
