import { z } from 'zod';
import { parseCalendarDate, parsePublicationDate } from '../dates';
import { decisionRecordFields, recordDateProblems } from './record-schemas';
import { calendarDate, dateToText, httpUrl, noRepeats, publicationDate, slug, text } from './schemas-base';
import { slugify } from './slug';

export {
  CALENDAR_DATE_PATTERN,
  calendarDate,
  HTTP_URL_PATTERN,
  httpUrl,
  PUBLICATION_DATE_PATTERN,
  publicationDate,
  slug,
  text,
} from './schemas-base';

/**
 * The zod schemas of the publishing contract (docs/content-model.md): the one definition of
 * every field. Each field carries a plain-English description, which feeds the messages of
 * `content:check` and the JSON Schemas that editors use to autocomplete frontmatter; each
 * refined text field says, in `.meta()`, the pattern a JSON Schema can check; and the schemas'
 * transforms make the records the site uses (lib/content/types.ts derives their types from
 * here), so adding a field is one edit.
 */

export const STAGES = ['options-appraisal', 'business-case', 'procurement', 'contract-award', 'fees-and-charges', 'policy', 'other'] as const;
export const OUTCOMES = ['approved', 'accepted', 'agreed', 'rejected', 'deferred', 'noted', 'awarded', 'considered'] as const;
export const PROJECT_STATUSES = ['options-appraisal', 'business-case', 'procurement', 'contract-award', 'in-delivery', 'closed'] as const;

/**
 * The kinds of decision maker (the publishing contract, "Who decides"): a committee, the
 * executive (Cabinet), one cabinet member (`name` is the portfolio), an officer acting under
 * delegated powers (`name` is the post) or full Council.
 */
export const MAKER_KINDS = ['committee', 'executive', 'cabinet-member', 'officer', 'full-council'] as const;

export type Stage = (typeof STAGES)[number];
export type MakerKind = (typeof MAKER_KINDS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const documentSchema = z
  .strictObject({
    title: text(300, 'The name of the document, as the council titles it'),
    url: httpUrl('The web address of the document (https://…)'),
  })
  .describe('A paper for this item: its title and web address');

export const CALL_IN_OUTCOMES = ['called-in', 'not-called-in'] as const;
export type CallInOutcome = (typeof CALL_IN_OUTCOMES)[number];

export const callInSchema = z
  .strictObject({
    deadline: calendarDate('The last day on which the decision can be called in (YYYY-MM-DD)'),
    outcome: z.enum(CALL_IN_OUTCOMES).optional().describe('"called-in" or "not-called-in", once known'),
  })
  .describe('The call-in period, where the post gives one');

/** Whether an item is a key decision: one definition for decision items and forward-plan agenda items alike. */
export const keyDecisionField = z
  .boolean()
  .optional()
  .describe('true for a key decision (significant spending or savings, or an effect on two or more wards)');

/**
 * A decision item as written. The register fields (keyDecision … wards) and the decision record's
 * fields (./record-schemas.ts) stay absent unless a post gives them.
 */
export const decisionItemSchema = z
  .strictObject({
    id: slug('item id')
      .optional()
      .describe("The item's permanent name within the post, like 'nscso-business-case' (optional: made from the subject when absent)"),
    subject: text(300, 'What was decided on, e.g. "Adults In-House Services business case"'),
    project: slug('project name').optional().describe('The project it belongs to: the file name of a project in content/projects, without .md'),
    stage: z.enum(STAGES).describe('Where in the decision process it stands'),
    outcome: z.enum(OUTCOMES).describe('What the body did; "considered" where the post does not say what became of a paper'),
    documents: z.array(documentSchema).default([]).describe('Papers for this item (optional)'),
    keyDecision: keyDecisionField,
    reference: text(60, "The council's own reference for the decision, where the post gives one").optional(),
    callIn: callInSchema.optional(),
    wards: z.array(text(80, 'A ward, e.g. "Hendon"')).superRefine(noRepeats('ward')).optional().describe('The wards affected, where the post gives them'),
    ...decisionRecordFields,
  })
  .describe('One decision taken at the meeting');

/**
 * An item's permanent id: its `id`, or else one made from its subject, so that reordering or
 * adding items never changes another item's id.
 */
export const itemIdOf = (item: { id?: string; subject: string }): string => item.id ?? slugify(item.subject);

/**
 * Each item's id is unique within its post (or meeting): it is the item's address
 * (`#item-<id>`, `<post>/<id>`). `named` is the field the id is made from: a decision item's
 * `subject`, an agenda item's `title`.
 */
const uniqueIdsOf =
  <K extends 'subject' | 'title'>(named: K) =>
  (items: ReadonlyArray<{ id?: string } & Record<K, string>>, ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const id = itemIdOf({ id: item.id, subject: item[named] });
      if (id === '') {
        ctx.addIssue({ code: 'custom', path: [index, named], message: `This ${named} has no letters or digits to make the item's id from: add an id, like 'id: fees-2011'.` });
        return;
      }
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, item.id === undefined ? named : 'id'],
          message: `Item ${first + 1} already has the id '${id}': give this item its own id, like 'id: ${id}-${index + 1}'.`,
        });
    });
  };
const uniqueItemIds = uniqueIdsOf('subject');

export const updateSchema = z
  .strictObject({
    date: publicationDate('When the correction was made (YYYY-MM-DD)'),
    note: text(1000, 'What was corrected, in a sentence'),
  })
  .describe('A dated correction made after publication');

/** A decision post's frontmatter as written (the fields `npm run new` asks for, one by one). */
export const decisionFieldsSchema = z
  .strictObject({
    title: text(200, 'The headline of the post (up to 200 characters)'),
    date: publicationDate('When the post is published (YYYY-MM-DD, London time); a future date schedules it'),
    summary: text(300, 'One or two sentences for lists, feeds and search results (up to 300 characters)'),
    committee: slug('committee name').describe('The body that took the decisions: the file name of a committee in content/committees, without .md'),
    meeting: calendarDate('The date of the meeting (YYYY-MM-DD); leave it out if the post does not give it').optional(),
    decisions: z
      .array(decisionItemSchema)
      .superRefine(uniqueItemIds)
      .min(1, 'The list is empty: add at least one decision item (subject, stage, outcome).').describe('What was decided, one item each'),
    tags: z.array(slug('tag')).superRefine(noRepeats('topic')).default([]).describe('Topics, as slugs like "adult-social-care" (optional)'),
    author: text(100, 'Who wrote the post (optional)').optional(),
    draft: z.boolean().default(false).describe('true while the post is being written: drafts are never published'),
    updates: z.array(updateSchema).default([]).describe('Dated corrections after publication (optional)'),
    glossaryLinks: z.boolean().default(true).describe('false to stop glossary terms in this post being linked to their explanations'),
  })
  .superRefine(recordDateProblems)
  .describe('A post reporting one or more decisions taken at one meeting');

/**
 * A decision post's frontmatter, made the record the site uses: `date` is `published`, the
 * items are `items`, corrections are in date order, and `updated` is the latest of the
 * publication and every correction.
 */
export const decisionSchema = decisionFieldsSchema.transform(({ date, decisions, updates, ...fields }) => {
  const published = parsePublicationDate(date)!;
  const corrections = updates.map((u) => ({ ...u, date: parsePublicationDate(u.date)! })).sort((a, b) => a.date.getTime() - b.date.getTime());
  const updated = corrections.reduce((latest, c) => (c.date > latest ? c.date : latest), published);
  const items = decisions.map(({ id, ...item }) => ({ id: itemIdOf({ id, subject: item.subject }), ...item }));
  return { ...fields, published, updated, items, updates: corrections };
});

export const committeeSchema = z
  .strictObject({
    name: text(120, 'The full name of the body, e.g. "Cabinet Resources Committee"'),
    shortName: text(20, 'A short form, e.g. "CRC" (optional)').optional(),
    summary: text(300, 'One line saying what the body is for'),
    website: httpUrl("The body's page on the council's committee site (optional)").optional(),
    kind: z
      .enum(MAKER_KINDS)
      .default('committee')
      .describe(
        'What kind of decision maker it is: committee (the default), executive (the Cabinet), cabinet-member (one member; the name is the portfolio), officer (a post holder acting under delegated powers; the name is the post) or full-council. A cabinet member or an officer decides without a meeting',
      ),
  })
  .describe('A decision maker: a committee, the Cabinet, a cabinet member, an officer or full Council; the text below the frontmatter explains what it is for');

export const businessCaseSchema = z
  .strictObject({
    title: text(300, 'The title of the business case'),
    url: httpUrl('Its web address, if known (https://…)').optional(),
    date: calendarDate('The date it was approved (YYYY-MM-DD), if known').optional(),
  })
  .describe("The project's business case");

export const projectSchema = z
  .strictObject({
    name: text(120, 'The full name of the project'),
    shortName: text(20, 'A short form, e.g. "NSCSO" (optional)').optional(),
    programme: text(120, 'The programme it belongs to (default "One Barnet")').default('One Barnet'),
    summary: text(300, 'One or two sentences saying what the project is'),
    status: z.enum(PROJECT_STATUSES).describe('Where the project stands now'),
    businessCase: businessCaseSchema.optional(),
  })
  .describe('A programme project; the text below the frontmatter describes it');

export const glossarySchema = z
  .strictObject({
    term: text(100, 'The term as residents meet it, e.g. "Business case"'),
    aliases: z.array(text(100, 'Another form of the term')).default([]).describe('Other forms of the term, e.g. plurals (optional)'),
    summary: text(300, 'A one-line plain-English explanation'),
  })
  .describe('A term residents may not know; the text below the frontmatter explains it');

/** `YYYY-MM-DD`, or a London date-time `YYYY-MM-DDTHH:MM`: a meeting's day, and its start time where known. */
export const MEETING_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(T([01]\\d|2[0-3]):[0-5]\\d)?$';

/** Splits a meeting's `date` into its London day and, where given, its start time; undefined when not real. */
export function parseMeetingDate(value: string): { date: string; time?: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(value);
  if (!match || parseCalendarDate(match[1]!) === undefined) return undefined;
  const time = match[2];
  if (time !== undefined && (Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59)) return undefined;
  return time === undefined ? { date: match[1]! } : { date: match[1]!, time };
}

export const meetingDate = (description: string) =>
  z
    .preprocess(
      dateToText,
      z
        .string()
        .refine((value) => parseMeetingDate(value) !== undefined, {
          error: (issue) =>
            `'${String(issue.input)}' is not a real date. Write it as YYYY-MM-DD (2011-07-20), or with the London start time as YYYY-MM-DDTHH:MM (2011-07-20T19:00).`,
        })
        .meta({ pattern: MEETING_DATE_PATTERN, examples: ['2011-07-20', '2011-07-20T19:00'] }),
    )
    .describe(description);

export const agendaItemSchema = z
  .strictObject({
    id: slug('item id')
      .optional()
      .describe("The item's permanent name within the meeting, like 'nscso-contract-award' (optional: made from the title when absent)"),
    title: text(300, 'What the meeting will consider, e.g. "Adults In-House Services business case"'),
    project: slug('project name').optional().describe('The project it belongs to: the file name of a project in content/projects, without .md (optional)'),
    stage: z.enum(STAGES).optional().describe('Where in the decision process it stands (optional)'),
    documents: z.array(documentSchema).default([]).describe('Papers for this item (optional)'),
    keyDecision: keyDecisionField,
    noticeDate: calendarDate('When the key decision was first published in the forward plan (YYYY-MM-DD), on or before the meeting').optional(),
  })
  .describe('One item on the agenda of the meeting');

/**
 * A forward-plan notice comes before the meeting that takes the decision: a notice date after
 * the meeting is a typing mistake in one of the two dates.
 */
const noticesBeforeMeeting = (fields: { date: string; agenda: ReadonlyArray<{ noticeDate?: string }> }, ctx: z.RefinementCtx): void => {
  const day = parseMeetingDate(fields.date)?.date;
  if (!day) return;
  fields.agenda.forEach((item, index) => {
    if (item.noticeDate !== undefined && item.noticeDate > day) {
      ctx.addIssue({
        code: 'custom',
        path: ['agenda', index, 'noticeDate'],
        message: `The notice date ${item.noticeDate} is after the meeting (${day}): a key decision is published in the forward plan before the meeting that takes it. Check both dates.`,
      });
    }
  });
};

/** A meeting file's frontmatter as written (content/meetings/*.md). */
export const meetingFieldsSchema = z
  .strictObject({
    committee: slug('committee name').describe('The body that meets: the file name of a committee in content/committees, without .md'),
    date: meetingDate('The day of the meeting (YYYY-MM-DD), or the day and London start time (YYYY-MM-DDTHH:MM)'),
    venue: text(200, 'Where the meeting is held, e.g. "Hendon Town Hall" (optional)').optional(),
    agenda: z
      .array(agendaItemSchema)
      .superRefine(uniqueIdsOf('title'))
      .default([])
      .describe('What the meeting will consider, one item each (optional)'),
    papers: httpUrl("The address of the meeting's papers on the council's committee site (optional)").optional(),
    cancelled: z.boolean().default(false).describe('true if the meeting has been cancelled'),
  })
  .superRefine(noticesBeforeMeeting)
  .describe('A meeting of a committee: its date, venue and agenda; the text below the frontmatter, if any, is a note for residents');

/**
 * A meeting file made the record the site uses: its day and, where given, its start time; each
 * agenda item with its permanent id (given, or made from its title as a decision item's is from
 * its subject).
 */
export const meetingSchema = meetingFieldsSchema.transform(({ date, agenda, ...fields }) => {
  const { date: day, time } = parseMeetingDate(date)!;
  const items = agenda.map(({ id, ...item }) => ({ id: itemIdOf({ id, subject: item.title }), ...item }));
  return { ...fields, agenda: items, date: day, ...(time === undefined ? {} : { time }) };
});

export const siteSchema = z.strictObject({
  councilName: text(120, "The council's name"),
  siteTitle: text(120, "The site's title"),
  description: text(300, 'What the site is, in a sentence'),
  baseUrl: httpUrl('The address the site is published at, used in feeds and the sitemap'),
  language: z.string().default('en-GB'),
  contact: z.strictObject({ name: text(120, 'Who to contact'), url: httpUrl('How to contact them') }),
  licence: z.strictObject({ name: text(120, 'The licence name'), url: httpUrl("The licence's address") }),
  committeeSite: httpUrl("The council's committee papers site"),
  councilWebsite: httpUrl("The council's main website"),
  feedEntryLimit: z.number().int().min(1).max(1000).default(50),
  pageSize: z.number().int().min(1).max(100).default(10),
});

export type DecisionFields = z.output<typeof decisionSchema>;
export type CommitteeFields = z.output<typeof committeeSchema>;
export type ProjectFields = z.output<typeof projectSchema>;
export type GlossaryFields = z.output<typeof glossarySchema>;
export type MeetingFields = z.output<typeof meetingSchema>;
export type SiteSettings = z.output<typeof siteSchema>;
