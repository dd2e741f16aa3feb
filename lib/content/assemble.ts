/**
 * What is checked across files, after each file's own checks: references from posts to
 * committees and projects, duplicate titles, glossary phrases, and the records' order. It
 * imports no parser (no YAML, Markdown or zod), so a run whose files all come from the parse
 * cache loads none of them.
 */
import { londonIsoDate, parsePublicationDate } from '../dates';
import type { FieldPath } from './frontmatter';
import { slugify } from './slug';
import { problem, sortProblems, type ContentProblem } from './problems';
import { didYouMean } from './suggest';
import { makerMeets } from './makers';
import type { Committee, ContentFile, Decision, GlossaryTerm, MeetingFile, Project, Site } from './types';

export interface ContentSet {
  site?: Site;
  /** Every valid decision, drafts and scheduled posts included, newest first. */
  decisions: Decision[];
  committees: Map<string, Committee>;
  projects: Map<string, Project>;
  glossary: Map<string, GlossaryTerm>;
  /** Every valid meeting file (content/meetings), by slug: `<date>-<committee>`. */
  meetings: Map<string, MeetingFile>;
  problems: ContentProblem[];
}

export interface ContentFiles {
  site?: ContentFile;
  decisions: ContentFile[];
  committees: ContentFile[];
  projects: ContentFile[];
  glossary: ContentFile[];
  /** content/meetings; absent where a caller has no meetings folder to give. */
  meetings?: ContentFile[];
  /** Files that are in a collection folder but are not Markdown. */
  ignored: string[];
}

export function newestFirst(a: Decision, b: Decision): number {
  return b.published.getTime() - a.published.getTime() || a.slug.localeCompare(b.slug);
}

/** One file's own checks: its record when it is valid, and its problems. */
export interface FileCheck<T> {
  record?: T;
  /**
   * The frontmatter as written, when it parsed, and where its fields stand: references are
   * checked on it even when another field is wrong.
   */
  written?: { data: Record<string, unknown>; lineOf: (path: FieldPath) => number };
  /** True when the record's body is the end of the file's text (the parse cache then keeps only its length). */
  bodyAtEnd?: boolean;
  problems: ContentProblem[];
}

/** Each file's own checks, by collection. */
export interface FileChecker {
  site(file: ContentFile): { record?: Site; problems: ContentProblem[] };
  decision(file: ContentFile): FileCheck<Decision>;
  committee(file: ContentFile): FileCheck<Committee>;
  project(file: ContentFile): FileCheck<Project>;
  glossaryTerm(file: ContentFile): FileCheck<GlossaryTerm>;
  meeting(file: ContentFile): FileCheck<MeetingFile>;
  /** Where the fields of a file's frontmatter stand, parsed again (for checks that came from the parse cache). */
  lineFinder?(file: ContentFile): (path: FieldPath) => number;
}

function collectRecords<T extends { slug: string }>(files: ContentFile[], check: (file: ContentFile) => FileCheck<T>, problems: ContentProblem[]): Map<string, T> {
  const records = new Map<string, T>();
  for (const file of files) {
    const parsed = check(file);
    problems.push(...parsed.problems);
    if (parsed.record) records.set(parsed.record.slug, parsed.record);
  }
  return records;
}

/**
 * Checks the committee and project names a post refers to, on the frontmatter as written, so
 * that a wrong name is reported even when another field of the post is wrong too.
 */
function referenceProblems(
  file: string,
  data: Record<string, unknown>,
  lineOf: (path: FieldPath) => number,
  committees: Map<string, Committee>,
  projects: Map<string, Project>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const committee = data.committee;
  if (typeof committee === 'string' && !committees.has(committee)) {
    const hint = didYouMean(slugify(committee), committees.keys()) || `. The committees are: ${[...committees.keys()].join(', ')}.`;
    problems.push(problem(file, 'committee', `There is no committee called '${committee}'${hint}`, lineOf(['committee'])));
  }
  const items = Array.isArray(data.decisions) ? data.decisions : [];
  items.forEach((item: unknown, index) => {
    if (!item || typeof item !== 'object') return;
    const { project, stage } = item as Record<string, unknown>;
    if (typeof project !== 'string') return;
    const known = projects.get(project);
    if (!known) {
      const hint = didYouMean(slugify(project), projects.keys()) || `. The projects are: ${[...projects.keys()].join(', ')}.`;
      problems.push(problem(file, `decisions[${index}].project`, `There is no project called '${project}'${hint}`, lineOf(['decisions', index, 'project'])));
    } else if (stage === 'business-case' && !known.businessCase) {
      problems.push(
        problem(
          file,
          `decisions[${index}].stage`,
          `This is a business case decision, but the project '${project}' has no businessCase in ${known.file}. Add it there so residents can find it.`,
          lineOf(['decisions', index, 'stage']),
          'warning',
        ),
      );
    }
  });
  return problems;
}

/**
 * The record with its maker's kind, and without a meeting where its maker does not meet (an
 * officer or a cabinet member): nothing on the site then speaks of one. The record is copied,
 * not changed, since the parse cache may hold it.
 */
function withMaker(decision: Decision, kind: NonNullable<Decision['makerKind']>): Decision {
  if (makerMeets(kind)) return kind === 'committee' ? decision : { ...decision, makerKind: kind };
  const { meeting: _ignored, ...rest } = decision;
  return { ...rest, makerKind: kind };
}

/** A meeting's slug: its date and committee, so a file and the posts name one meeting alike. */
export const meetingSlugOf = (meeting: { date: string; committee: string }): string => `${meeting.date}-${meeting.committee}`;

/**
 * A meeting file's problems beyond its schema's: its name must be its date and committee (the
 * meeting's permanent address, the same whether or not a file exists), and the committee and
 * agenda projects it names must exist.
 */
function collectMeetings(
  files: ContentFile[],
  check: FileChecker,
  committees: Map<string, Committee>,
  projects: Map<string, Project>,
  problems: ContentProblem[],
): Map<string, MeetingFile> {
  const meetings = new Map<string, MeetingFile>();
  for (const file of files) {
    const parsed = check.meeting(file);
    problems.push(...parsed.problems);
    if (!parsed.written) continue;
    const { data, lineOf } = parsed.written;
    const references: ContentProblem[] = [];
    const { committee, agenda } = data;
    if (typeof committee === 'string' && !committees.has(committee)) {
      const hint = didYouMean(slugify(committee), committees.keys()) || `. The committees are: ${[...committees.keys()].join(', ')}.`;
      references.push(problem(file.path, 'committee', `There is no committee called '${committee}'${hint}`, lineOf(['committee'])));
    }
    (Array.isArray(agenda) ? agenda : []).forEach((item: unknown, index) => {
      const project = item && typeof item === 'object' ? (item as Record<string, unknown>).project : undefined;
      if (typeof project !== 'string' || projects.has(project)) return;
      const hint = didYouMean(slugify(project), projects.keys()) || `. The projects are: ${[...projects.keys()].join(', ')}.`;
      references.push(problem(file.path, `agenda[${index}].project`, `There is no project called '${project}'${hint}`, lineOf(['agenda', index, 'project'])));
    });
    const referenced = new Set(references.map((p) => p.field));
    for (let i = problems.length - 1; i >= 0 && problems[i]!.file === file.path; i--) {
      if (referenced.has(problems[i]!.field)) problems.splice(i, 1);
    }
    problems.push(...references);
    const meeting = parsed.record;
    if (!meeting || references.length > 0) continue;
    const body = committees.get(meeting.committee);
    if (body && !makerMeets(body.kind)) {
      problems.push(
        problem(
          file.path,
          'committee',
          `${body.kind === 'officer' ? 'Officers' : 'Cabinet members'} do not meet: the ${body.name} decides alone, so the site shows no meeting for this file. Delete it, or name the body that meets.`,
          lineOf(['committee']),
          'warning',
        ),
      );
      continue;
    }
    const expected = meetingSlugOf(meeting);
    if (meeting.slug !== expected) {
      problems.push(
        problem(
          file.path,
          'file',
          `A meeting file is named after its date and committee, which make its address: rename it to '${expected}.md' (or correct the date or committee).`,
        ),
      );
      continue;
    }
    meetings.set(meeting.slug, meeting);
  }
  return meetings;
}

/**
 * A file in a collection folder that is not read. One named like Markdown in another case
 * (`post.MD`) was surely meant to be published, so it is an error, not a warning: on a
 * case-insensitive disk it would also clash with `post.md`.
 */
function ignoredFileProblem(path: string): ContentProblem {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.md$/i.test(name)) {
    const fixed = `${name.slice(0, -3)}.md`;
    return problem(path, 'file', `The file name ends in '${name.slice(-3)}': only names ending in lowercase .md are read, so this post would not be published. Rename it to '${fixed}'.`);
  }
  return problem(path, 'file', 'This file is ignored: only .md files are read from this folder. Rename it to end in .md if it is a post.', undefined, 'warning');
}

/**
 * The content pipeline after each file's own checks: resolve references between collections,
 * find what clashes across files, and collect every problem as a value. Pure: `check` gives each
 * file's own checks, parsed afresh (collectContent) or from the parse cache (lib/content/check.ts).
 */
export function assembleContent(files: ContentFiles, check: FileChecker): ContentSet {
  const problems: ContentProblem[] = [];
  let site: Site | undefined;
  if (!files.site) problems.push(problem('content/site.json', 'file', "The site's settings file is missing: create content/site.json."));
  else {
    const checked = check.site(files.site);
    problems.push(...checked.problems);
    site = checked.record;
  }
  for (const path of files.ignored) problems.push(ignoredFileProblem(path));
  const committees = collectRecords(files.committees, (file) => check.committee(file), problems);
  const projects = collectRecords(files.projects, (file) => check.project(file), problems);
  const glossary = collectRecords(files.glossary, (file) => check.glossaryTerm(file), problems);
  const meetings = collectMeetings(files.meetings ?? [], check, committees, projects, problems);

  const decisions: Decision[] = [];
  const titles = new Map<string, string>();
  for (const file of files.decisions) {
    const parsed = check.decision(file);
    problems.push(...parsed.problems);
    if (!parsed.written) continue;
    const { data, lineOf } = parsed.written;
    const references = referenceProblems(file.path, data, lineOf, committees, projects);
    // A reference problem says more than "not a valid slug" about the same field: keep only it.
    const referenced = new Set(references.map((p) => p.field));
    for (let i = problems.length - 1; i >= 0 && problems[i]!.file === file.path; i--) {
      if (referenced.has(problems[i]!.field)) problems.splice(i, 1);
    }
    const before = problems.length;
    problems.push(...references);
    const record = parsed.record;
    if (!record) continue;
    const kind = committees.get(record.committee)?.kind ?? 'committee';
    if (record.meeting && !makerMeets(kind)) {
      problems.push(
        problem(
          file.path,
          'meeting',
          `${kind === 'officer' ? 'Officers' : 'Cabinet members'} do not meet: remove meeting. The ${committees.get(record.committee)!.name} decides alone, so the site ignores this date and shows no meeting.`,
          lineOf(['meeting']),
          'warning',
        ),
      );
    }
    const decision = withMaker(record, kind);

    const titleKey = decision.title.toLowerCase().replace(/\s+/g, ' ');
    const clash = titles.get(titleKey);
    if (clash) {
      problems.push(problem(file.path, 'title', `Another post already has this title (${clash}). Give each post its own headline.`, lineOf(['title'])));
    } else titles.set(titleKey, file.path);

    if (decision.meeting && decision.meeting > londonIsoDate(decision.published) && !decision.draft) {
      problems.push(problem(file.path, 'meeting', `The meeting (${decision.meeting}) is after the post's publication date. Is one of the dates wrong?`, lineOf(['meeting']), 'warning'));
    }
    if (decision.summary.trim().toLowerCase() === decision.title.trim().toLowerCase()) {
      problems.push(problem(file.path, 'summary', 'The summary only repeats the title. Say in a sentence or two what was decided.', lineOf(['summary']), 'warning'));
    }
    // By the file's order, not the record's (corrections are sorted by date), so the line is right.
    const writtenUpdates = Array.isArray(data.updates) ? (data.updates as Array<{ date?: unknown }>) : [];
    writtenUpdates.forEach((update, index) => {
      const date = typeof update?.date === 'string' ? parsePublicationDate(update.date) : update?.date instanceof Date ? update.date : undefined;
      if (date && date < decision.published) {
        problems.push(problem(file.path, `updates[${index}].date`, 'This correction is dated before the post was published.', lineOf(['updates', index, 'date']), 'warning'));
      }
    });

    if (!problems.slice(before).some((p) => p.severity === 'error')) decisions.push(decision);
  }

  const seenPhrases = new Map<string, string>();
  for (const term of glossary.values()) {
    for (const phrase of [term.term, ...term.aliases]) {
      const key = phrase.toLowerCase();
      const owner = seenPhrases.get(key);
      if (owner && owner !== term.slug) {
        problems.push(problem(term.file, 'aliases', `'${phrase}' is also a term or alias of '${owner}'. A phrase can explain only one term.`));
      } else seenPhrases.set(key, term.slug);
    }
  }

  // A cancelled meeting that a post reports decisions from: one of the two is wrong.
  for (const decision of decisions) {
    const file = decision.meeting ? meetings.get(meetingSlugOf({ date: decision.meeting, committee: decision.committee })) : undefined;
    if (file?.cancelled) {
      problems.push(problem(file.file, 'cancelled', `The post ${decision.file} reports decisions taken at this meeting, but this file says it was cancelled. Is one of them wrong?`, undefined, 'warning'));
    }
  }

  decisions.sort(newestFirst);
  return { ...(site ? { site } : {}), decisions, committees, projects, glossary, meetings, problems: sortProblems(problems) };
}
