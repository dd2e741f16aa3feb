import type { z } from 'zod';
import { checkBodyLinks } from '../markdown/link-check';
import type { FileCheck, FileChecker } from './assemble';
import { bodyComplexityIssue } from './body-complexity';
import { decodeContentFile } from './decode';
import { parseFrontmatter, type Frontmatter } from './frontmatter';
import { problem, type ContentProblem } from './problems';
import { committeeSchema, decisionSchema, glossarySchema, meetingSchema, projectSchema, siteSchema } from './schemas';
import { isSlug, slugify } from './slug';
import type { Committee, ContentFile, Decision, FileRecord, GlossaryTerm, MeetingFile, Project, Site } from './types';
import { zodProblems } from './zod-problems';

export interface Parsed<T> {
  record?: T;
  frontmatter?: Frontmatter;
  /** The frontmatter as written, when it parsed: references are checked even if a field is wrong. */
  data?: Record<string, unknown>;
  /** True when the body is the end of the file's text, as it is whenever the file parses. */
  bodyAtEnd?: boolean;
  problems: ContentProblem[];
}

/** YAML `author:` with nothing after it is null; treat that as "not given". */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

export function slugOfFile(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
}

function parseFile<S extends z.ZodType>(file: ContentFile, schema: S, { bodyOptional = false } = {}): Parsed<{ data: z.output<S>; frontmatter: Frontmatter; slug: string }> {
  const problems: ContentProblem[] = [];
  const slug = slugOfFile(file.path);
  if (!isSlug(slug)) {
    const better = slugify(slug) || 'a-short-name';
    problems.push(
      problem(file.path, 'file', `The file name '${slug}.md' is not allowed: it becomes the page's address, so use only lowercase letters, digits and single hyphens, like '${better}.md'.`),
    );
  }
  const decoded = decodeContentFile(file.path, file.bytes, file.size);
  if (!decoded.ok) return { problems: [...problems, decoded.problem] };
  const parsed = parseFrontmatter(file.path, decoded.text);
  if (!parsed.ok) return { problems: [...problems, ...parsed.problems] };
  const { frontmatter } = parsed;
  const data = withoutNulls(frontmatter.data) as Record<string, unknown>;
  const result = schema.safeParse(data);
  if (!result.success) {
    problems.push(...zodProblems(file.path, schema, result.error, data, frontmatter.lineOf));
  }
  if (frontmatter.body.trim() === '') {
    // A meeting's note for residents is optional; every other file's text is what it is for.
    if (!bodyOptional) problems.push(problem(file.path, 'body', 'The text of the post is empty. Write it below the closing line of three hyphens (---).', frontmatter.bodyLine));
  } else {
    const tooComplex = bodyComplexityIssue(frontmatter.body);
    if (tooComplex) problems.push(problem(file.path, 'body', tooComplex.message, frontmatter.bodyLine + tooComplex.line - 1));
    else for (const issue of checkBodyLinks(frontmatter.body)) {
      problems.push(problem(file.path, 'body', issue.message, frontmatter.bodyLine + issue.line - 1, issue.severity));
    }
  }
  if (!result.success || problems.some((p) => p.severity === 'error')) return { frontmatter, data, problems };
  return { record: { data: result.data, frontmatter, slug }, frontmatter, data, problems, bodyAtEnd: decoded.text.endsWith(frontmatter.body) };
}

/** A file's record: its frontmatter as its schema makes it, with its slug, path and body. */
function parseRecord<S extends z.ZodType<object>>(file: ContentFile, schema: S, options: { bodyOptional?: boolean } = {}): Parsed<z.output<S> & FileRecord> {
  const parsed = parseFile(file, schema, options);
  if (!parsed.record) return { ...parsed, record: undefined };
  const { data, frontmatter, slug } = parsed.record;
  return { record: { ...data, slug, file: file.path, body: frontmatter.body }, frontmatter, data: parsed.data, problems: parsed.problems, ...(parsed.bodyAtEnd ? { bodyAtEnd: true } : {}) };
}

export const parseDecision = (file: ContentFile): Parsed<Decision> => parseRecord(file, decisionSchema);
export const parseCommittee = (file: ContentFile): Parsed<Committee> => parseRecord(file, committeeSchema);
export const parseProject = (file: ContentFile): Parsed<Project> => parseRecord(file, projectSchema);
export const parseGlossaryTerm = (file: ContentFile): Parsed<GlossaryTerm> => parseRecord(file, glossarySchema);
export const parseMeetingFile = (file: ContentFile): Parsed<MeetingFile> => parseRecord(file, meetingSchema, { bodyOptional: true });

/**
 * Where each field of a file's frontmatter stands, found again from its bytes: for a file whose
 * checks came from the parse cache, which keeps no positions. Parsed on first use only, which
 * is when a check across files (a reference, a duplicate title) has something to report.
 */
export function lazyLineOf(file: ContentFile): Frontmatter['lineOf'] {
  let lineOf: Frontmatter['lineOf'] | undefined;
  return (path) => {
    if (!lineOf) {
      const decoded = decodeContentFile(file.path, file.bytes, file.size);
      const parsed = decoded.ok ? parseFrontmatter(file.path, decoded.text) : undefined;
      lineOf = parsed?.ok ? parsed.frontmatter.lineOf : () => 1;
    }
    return lineOf(path);
  };
}

/** The site's settings file, content/site.json. */
export function checkSite(file: ContentFile): { record?: Site; problems: ContentProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [problem(file.path, 'file', `The settings are not valid JSON (${(error as Error).message}).`)] };
  }
  const result = siteSchema.safeParse(data);
  if (result.success) return { record: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => problem(file.path, issue.path.join('.') || 'file', issue.message)) };
}

function fileCheck<T>(parsed: Parsed<T>): FileCheck<T> {
  return {
    ...(parsed.record ? { record: parsed.record } : {}),
    ...(parsed.frontmatter && parsed.data ? { written: { data: parsed.data, lineOf: parsed.frontmatter.lineOf } } : {}),
    ...(parsed.bodyAtEnd ? { bodyAtEnd: true } : {}),
    problems: parsed.problems,
  };
}

/** Each file's own checks, parsed afresh. */
export const parsingChecker: FileChecker = {
  site: checkSite,
  decision: (file) => fileCheck(parseDecision(file)),
  committee: (file) => fileCheck(parseCommittee(file)),
  project: (file) => fileCheck(parseProject(file)),
  glossaryTerm: (file) => fileCheck(parseGlossaryTerm(file)),
  meeting: (file) => fileCheck(parseMeetingFile(file)),
  lineFinder: lazyLineOf,
};
