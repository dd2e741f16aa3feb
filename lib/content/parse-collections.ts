import type { z } from 'zod';
import { checkBodyLinks } from '../markdown/link-check';
import { bodyComplexityIssue } from './body-complexity';
import { decodeContentFile } from './decode';
import { parseFrontmatter, type Frontmatter } from './frontmatter';
import { problem, type ContentProblem } from './problems';
import { committeeSchema, decisionSchema, glossarySchema, meetingSchema, projectSchema } from './schemas';
import { isSlug, slugify } from './slug';
import type { Committee, ContentFile, Decision, FileRecord, GlossaryTerm, MeetingFile, Project } from './types';
import { zodProblems } from './zod-problems';

export type Collection = 'decisions' | 'committees' | 'projects' | 'glossary' | 'meetings';

interface Parsed<T> {
  record?: T;
  frontmatter?: Frontmatter;
  /** The frontmatter as written, when it parsed: references are checked even if a field is wrong. */
  data?: Record<string, unknown>;
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
  return { record: { data: result.data, frontmatter, slug }, frontmatter, data, problems };
}

/** A file's record: its frontmatter as its schema makes it, with its slug, path and body. */
function parseRecord<S extends z.ZodType<object>>(file: ContentFile, schema: S, options: { bodyOptional?: boolean } = {}): Parsed<z.output<S> & FileRecord> {
  const parsed = parseFile(file, schema, options);
  if (!parsed.record) return { ...parsed, record: undefined };
  const { data, frontmatter, slug } = parsed.record;
  return { record: { ...data, slug, file: file.path, body: frontmatter.body }, frontmatter, data: parsed.data, problems: parsed.problems };
}

export const parseDecision = (file: ContentFile): Parsed<Decision> => parseRecord(file, decisionSchema);
export const parseCommittee = (file: ContentFile): Parsed<Committee> => parseRecord(file, committeeSchema);
export const parseProject = (file: ContentFile): Parsed<Project> => parseRecord(file, projectSchema);
export const parseGlossaryTerm = (file: ContentFile): Parsed<GlossaryTerm> => parseRecord(file, glossarySchema);
export const parseMeetingFile = (file: ContentFile): Parsed<MeetingFile> => parseRecord(file, meetingSchema, { bodyOptional: true });
