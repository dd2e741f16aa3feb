import { Document, Scalar } from 'yaml';
import { formatCalendarDate } from '../dates';
import { outcomeLabels, outcomeMeanings, stageLabels } from '../records/labels';
import { decisionFieldsSchema, decisionItemSchema, OUTCOMES, STAGES, type Outcome, type Stage } from './schemas';
import { isSlug, slugify } from './slug';
import { closestMatch, didYouMean } from './suggest';

/**
 * The pure half of `npm run new`: checking the answers a writer gives and turning them into
 * the text of a new decision post. scripts/new-post.ts does the asking, reading and writing.
 */

export interface NewPostItem {
  subject: string;
  /** Project slug, or undefined for none. */
  project?: string;
  stage: Stage;
  outcome: Outcome;
}

export interface NewPostAnswers {
  title: string;
  /** Publication date: `YYYY-MM-DD` (or a London date-time `YYYY-MM-DDTHH:MM`). */
  date: string;
  summary: string;
  /** Committee slug. */
  committee: string;
  /** Meeting date `YYYY-MM-DD`, or undefined when not known. */
  meeting?: string;
  items: NewPostItem[];
  tags?: string[];
  author?: string;
}

export interface NamedChoice {
  slug: string;
  name: string;
  shortName?: string;
}

/** Names used to write helpful prompts into the body; slugs are used where a name is missing. */
export interface NewPostContext {
  committees?: ReadonlyArray<NamedChoice>;
  projects?: ReadonlyArray<NamedChoice>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(message: string): Checked<T> => ({ ok: false, message });

/** Titles, summaries and subjects are one line each: runs of spaces and line breaks become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string | undefined {
  return result.success ? undefined : (result.error?.issues[0]?.message ?? 'This is not allowed.');
}

function checkText(value: string, what: string, schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }): Checked<string> {
  const text = oneLine(value);
  if (text === '') return fail(`The ${what} is empty: write one.`);
  const issue = firstIssue(schema.safeParse(text));
  return issue ? fail(`The ${what}: ${issue}`) : ok(text);
}

export function checkTitle(value: string): Checked<string> {
  return checkText(value, 'title', decisionFieldsSchema.shape.title);
}

export function checkSummary(value: string): Checked<string> {
  return checkText(value, 'summary', decisionFieldsSchema.shape.summary);
}

export function checkSubject(value: string): Checked<string> {
  return checkText(value, 'subject', decisionItemSchema.shape.subject);
}

export function checkAuthor(value: string): Checked<string> {
  return checkText(value, 'author', decisionFieldsSchema.shape.author);
}

/** The publication date: `YYYY-MM-DD`, or a London date-time. */
export function checkDate(value: string): Checked<string> {
  const text = value.trim();
  if (text === '') return fail('The date is empty: write it as YYYY-MM-DD, for example 2011-06-30.');
  const issue = firstIssue(decisionFieldsSchema.shape.date.safeParse(text));
  return issue ? fail(issue) : ok(text);
}

/** The meeting date: `YYYY-MM-DD`, or blank when the date is not known. */
export function checkMeeting(value: string | undefined): Checked<string | undefined> {
  const text = (value ?? '').trim();
  if (text === '') return ok(undefined);
  const issue = firstIssue(decisionFieldsSchema.shape.meeting.safeParse(text));
  return issue ? fail(issue) : ok(text);
}

function listOf(choices: ReadonlyArray<NamedChoice>): string {
  return choices.map((c) => c.slug).join(', ');
}

/** Finds a committee or project by its slug, its name or its short name ("CRC", "NSCSO"). */
function findChoice(value: string, choices: ReadonlyArray<NamedChoice>): NamedChoice | undefined {
  const wanted = value.trim().toLowerCase();
  return (
    choices.find((c) => c.slug === wanted) ??
    choices.find((c) => c.name.toLowerCase() === wanted || c.shortName?.toLowerCase() === wanted || slugify(c.name) === slugify(value))
  );
}

function suggestion(value: string, choices: ReadonlyArray<NamedChoice>): string {
  const bySlug = closestMatch(value, choices.map((c) => c.slug));
  if (bySlug) return `; did you mean '${bySlug}'?`;
  const byName = closestMatch(value, choices.map((c) => c.name));
  const named = byName ? choices.find((c) => c.name === byName) : undefined;
  return named ? `; did you mean '${named.slug}' (${named.name})?` : '';
}

export function checkCommittee(value: string, committees: ReadonlyArray<NamedChoice>): Checked<string> {
  if (committees.length === 0) return fail('There are no committees in the content folder (content/committees). Is the folder right?');
  if (value.trim() === '') return fail(`The committee is empty. The committees are: ${listOf(committees)}.`);
  const found = findChoice(value, committees);
  if (found) return ok(found.slug);
  const hint = suggestion(value, committees);
  return fail(`There is no committee called '${value.trim()}'${hint || '.'} The committees are: ${listOf(committees)}.`);
}

/** A project slug, or undefined for "none" (blank, `none` or `-`). */
export function checkProject(value: string | undefined, projects: ReadonlyArray<NamedChoice>): Checked<string | undefined> {
  const text = (value ?? '').trim();
  if (text === '' || text === '-' || text.toLowerCase() === 'none') return ok(undefined);
  const found = findChoice(text, projects);
  if (found) return ok(found.slug);
  const hint = suggestion(text, projects);
  return fail(`There is no project called '${text}'${hint || '.'} The projects are: ${listOf(projects)} (or none).`);
}

function checkEnum<T extends string>(value: string, values: readonly T[], labels: Record<T, string>, what: string): Checked<T> {
  const text = value.trim();
  const byLabel = values.find((v) => v === text.toLowerCase() || labels[v].toLowerCase() === text.toLowerCase() || v === slugify(text));
  if (byLabel) return ok(byLabel);
  const hint = didYouMean(text, values);
  return fail(`'${text}' is not a ${what}${hint || '.'} Choose one of: ${values.join(', ')}.`);
}

export function checkStage(value: string): Checked<Stage> {
  return checkEnum(value, STAGES, stageLabels, 'stage');
}

export function checkOutcome(value: string): Checked<Outcome> {
  return checkEnum(value, OUTCOMES, outcomeLabels, 'outcome');
}

/**
 * Tags written as `a, b, c` (commas or new lines), or as a list. Each must be a slug; the
 * message suggests the slug form of anything else ('Adult Social Care' → 'adult-social-care').
 */
export function checkTags(value: string | readonly string[] | undefined): Checked<string[]> {
  const parts = (Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/)).map((t) => t.trim()).filter(Boolean);
  const tags: string[] = [];
  for (const tag of parts) {
    if (!isSlug(tag)) {
      const better = slugify(tag);
      return fail(`'${tag}' is not a valid tag: use lowercase letters, digits and single hyphens${better ? `; did you mean '${better}'?` : '.'}`);
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  return ok(tags);
}

/** Tags that are new but look like a typo of a tag already in use: `[[typed, existing]]`. */
export function nearMissTags(tags: readonly string[], existing: readonly string[]): Array<[string, string]> {
  const known = new Set(existing);
  const misses: Array<[string, string]> = [];
  for (const tag of tags) {
    if (known.has(tag)) continue;
    const match = closestMatch(tag, existing);
    if (match && match !== tag) misses.push([tag, match]);
  }
  return misses;
}

/** `2011-03-03-last-night-in-hendon`: the post's slug, which is its file name and its address. */
export function newPostSlug(answers: Pick<NewPostAnswers, 'title' | 'date'>): string {
  return `${answers.date.slice(0, 10)}-${slugify(answers.title) || 'decision'}`;
}

export function newPostFileName(answers: Pick<NewPostAnswers, 'title' | 'date'>): string {
  return `${newPostSlug(answers)}.md`;
}

export function previewUrl(slug: string, base = 'http://localhost:3000'): string {
  return `${base.replace(/\/+$/, '')}/decisions/${slug}`;
}

/** A string written in double quotes, whatever it holds: quotes, colons, '#', emoji… */
function quoted(text: string): Scalar {
  const node = new Scalar(text);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * The frontmatter, serialised by the `yaml` package: every piece of the writer's text is
 * escaped by it, never pasted between quotes by hand.
 */
export function buildFrontmatter(answers: NewPostAnswers): string {
  const draft = new Scalar(true);
  draft.comment = ' change to false when the post is ready to publish';
  const data: Record<string, unknown> = {
    title: quoted(oneLine(answers.title)),
    date: answers.date,
    summary: quoted(oneLine(answers.summary)),
    committee: answers.committee,
    ...(answers.meeting ? { meeting: answers.meeting } : {}),
    decisions: answers.items.map((item) => ({
      subject: quoted(oneLine(item.subject)),
      ...(item.project ? { project: item.project } : {}),
      stage: item.stage,
      outcome: item.outcome,
    })),
    ...(answers.tags && answers.tags.length > 0 ? { tags: [...answers.tags] } : {}),
    ...(answers.author ? { author: quoted(oneLine(answers.author)) } : {}),
    draft,
  };
  const doc = new Document(data);
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/** Writer's text placed in the Markdown body: no accidental links, HTML, headings or emphasis. */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/\b(https?):\/\//gi, '$1\\://')
    .replace(/\bwww\./gi, 'www\\.');
}

function nameOf(slug: string, choices: ReadonlyArray<NamedChoice> | undefined): string {
  return choices?.find((c) => c.slug === slug)?.name ?? slug;
}

/**
 * The template's placeholder text, as content:check looks for it in a post set to be published
 * (lib/content/publishing-checks.ts): the note at the top and the start of every prompt.
 */
const DRAFT_NOTE = 'This is a draft. Replace each paragraph in italics with your own words';
const PROMPT = '_Replace this paragraph:';
export const PLACEHOLDER_MARKERS = [PROMPT, DRAFT_NOTE] as const;

/** The body: headings and italic prompts for the writer to replace. Never empty. */
export function buildBodyTemplate(answers: NewPostAnswers, context: NewPostContext = {}): string {
  const committee = escapeMarkdown(nameOf(answers.committee, context.committees));
  const when = answers.meeting ? ` at its meeting on ${formatCalendarDate(answers.meeting, true).replace(',', '')}` : ' at its meeting';
  const lines = [
    '<!--',
    `  ${DRAFT_NOTE}, then delete this note.`,
    '  Write for residents: plain English and short sentences. Explain any term they may not know;',
    '  terms in the glossary (such as "business case") are linked to their explanation for you.',
    '  Keep draft: true at the top until the post is ready to publish.',
    '-->',
    '',
    `${PROMPT} say in one or two sentences what ${committee} decided${when}, and why it matters to residents._`,
    '',
  ];
  for (const item of answers.items) {
    const outcome = `${outcomeLabels[item.outcome].toLowerCase()}: ${outcomeMeanings[item.outcome]}`;
    const project = item.project ? ` It is part of the ${escapeMarkdown(nameOf(item.project, context.projects))} project.` : '';
    lines.push(
      `## ${escapeMarkdown(item.subject)}`,
      '',
      `${PROMPT} what the paper was about (${stageLabels[item.stage].toLowerCase()}), what the committee did (${outcome}), and what happens next.${project}_`,
      '',
    );
  }
  lines.push('## What happens next', '', `${PROMPT} the next step, and where residents can read the papers (for example, the council's committee website)._`, '');
  return lines.join('\n');
}

/** The whole file: frontmatter between two lines of three hyphens, then the body template. */
export function buildPostText(answers: NewPostAnswers, context: NewPostContext = {}): string {
  return `---\n${buildFrontmatter(answers)}---\n\n${buildBodyTemplate(answers, context)}`;
}

/** What to do once the file is written, for the writer. */
export function nextSteps(filePath: string, slug: string, base = 'http://localhost:3000'): string {
  return [
    `Created ${filePath}`,
    'It is a draft (draft: true), so it will not be published until you change that.',
    '',
    `Preview address: ${previewUrl(slug, base)}`,
    '',
    'Next steps:',
    `  1. Open ${filePath} and replace the paragraphs in italics with your post.`,
    '  2. Run  npm run content:check  to check it. Fix anything it reports (each line names the file, line and field).',
    `  3. Run  npm run dev  and open ${previewUrl(slug, base)} to see it with a "Draft — not published" banner.`,
    '  4. When it is ready, change  draft: true  to  draft: false , then commit it and ask for it to be merged.',
    '     The guide, docs/publishing.md, explains each step.',
  ].join('\n');
}
