/**
 * The open data's record and its fields: the hand-mapped fields (names and order that
 * journalists' scripts rely on) and, after them, every further decision-item field derived from
 * the content schema (lib/data/item-fields.ts). The /data page's table, the CSV's header and the
 * JSON Schema all come from DATA_FIELDS.
 */
import type { z } from 'zod';
import {
  CALL_IN_OUTCOMES,
  decisionItemSchema,
  MAKER_KINDS,
  OUTCOMES,
  STAGES,
  type CallInOutcome,
  type MakerKind,
  type Outcome,
  type Stage,
} from '../content/schemas';
import { SLUG_PATTERN } from '../content/slug';
import { outcomeMeanings, stageLabels } from '../records/labels';
import { derivedItemFields } from './item-fields';

export interface DocumentRecord {
  title: string;
  url: string;
}

export interface CorrectionRecord {
  /** The London date of the correction, YYYY-MM-DD. */
  date: string;
  note: string;
}

/**
 * One decision item, flat. Field names are the CSV's column names and the JSON's keys. The
 * fields after `updated` were added in December 2026, at the end so that a reader that takes
 * the CSV's columns by position still finds the old ones where they were.
 */
export interface DecisionRecord {
  post_slug: string;
  post_url: string;
  post_title: string;
  item_number: number;
  committee_slug: string;
  committee_name: string;
  meeting_date: string | null;
  project_slug: string | null;
  project_name: string | null;
  subject: string;
  stage: Stage;
  outcome: Outcome;
  documents: DocumentRecord[];
  published: string;
  updated: string;
  id: string;
  key_decision: boolean | null;
  reference: string | null;
  call_in_deadline: string | null;
  call_in_outcome: CallInOutcome | null;
  wards: string[];
  updates: CorrectionRecord[];
  /** The kind of body that decided (its `kind`): a body field, so mapped by hand. */
  maker_kind: MakerKind;
  /** Item fields derived from the content schema (lib/data/item-fields.ts), null where absent. */
  [derived: string]: unknown;
}

export type JsonSchema = Record<string, unknown>;

export interface DataField {
  name: string;
  /** For people: how the value is written. */
  type: string;
  /** `{baseUrl}` stands for the site's address. */
  description: string;
  example: string;
  schema: JsonSchema;
}

const nullable = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type, 'null'],
  ...(Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {}),
});

/**
 * The item fields the content schema adds beyond the hand-mapped ones, as data fields. A
 * function of the item schema, so a test can extend the schema and see the field arrive.
 */
export function dataFieldsOf(itemSchema: z.ZodObject = decisionItemSchema): DataField[] {
  const derived = derivedItemFields(itemSchema).map(({ name, type, description, example, schema }) => ({ name, type, description, example, schema }));
  return [...HAND_DATA_FIELDS, ...derived];
}

const HAND_DATA_FIELDS: DataField[] = [
  {
    name: 'post_slug',
    type: 'Text (a slug)',
    description: 'The permanent name of the post that reports the decision. Several items can share a post.',
    example: '2011-03-03-last-night-in-hendon',
    schema: { type: 'string', pattern: SLUG_PATTERN.source },
  },
  {
    name: 'post_url',
    type: 'Web address',
    description: 'The address of the post on this site.',
    example: '{baseUrl}/decisions/2011-03-03-last-night-in-hendon',
    schema: { type: 'string', format: 'uri' },
  },
  { name: 'post_title', type: 'Text', description: 'The headline of the post.', example: 'Last night in Hendon', schema: { type: 'string', minLength: 1 } },
  {
    name: 'item_number',
    type: 'Whole number from 1',
    description: 'The position of the item in its post. It can change if the post is corrected: use id to refer to a decision.',
    example: '2',
    schema: { type: 'integer', minimum: 1 },
  },
  {
    name: 'committee_slug',
    type: 'Text (a slug)',
    description: 'The body that took the decision, by its permanent name.',
    example: 'cabinet-resources-committee',
    schema: { type: 'string', pattern: SLUG_PATTERN.source },
  },
  {
    name: 'committee_name',
    type: 'Text',
    description: 'The full name of that body.',
    example: 'Cabinet Resources Committee',
    schema: { type: 'string', minLength: 1 },
  },
  {
    name: 'meeting_date',
    type: 'Date (YYYY-MM-DD), or empty',
    description: 'The date of the meeting. Empty (null in JSON) where the post does not give it: it is unknown, not missing by mistake.',
    example: '2011-03-02',
    schema: nullable({ type: 'string', format: 'date' }),
  },
  {
    name: 'project_slug',
    type: 'Text (a slug), or empty',
    description: 'The programme project the decision belongs to, by its permanent name; empty where it belongs to none.',
    example: 'nscso',
    schema: nullable({ type: 'string', pattern: SLUG_PATTERN.source }),
  },
  {
    name: 'project_name',
    type: 'Text, or empty',
    description: 'The full name of that project.',
    example: 'New Support and Customer Service Organisation',
    schema: nullable({ type: 'string', minLength: 1 }),
  },
  {
    name: 'subject',
    type: 'Text',
    description: 'What was decided on.',
    example: 'Award of the One Barnet Legal Partner Contract',
    schema: { type: 'string', minLength: 1 },
  },
  {
    name: 'stage',
    type: `One of: ${STAGES.join(', ')}`,
    description: `Where in the decision process it stands. The site shows these as: ${STAGES.map((s) => stageLabels[s]).join(', ')}.`,
    example: 'business-case',
    schema: { type: 'string', enum: [...STAGES] },
  },
  {
    name: 'outcome',
    type: `One of: ${OUTCOMES.join(', ')}`,
    description: `What the body did: ${OUTCOMES.map((o) => `${o}, ${outcomeMeanings[o]}`).join('; ')}.`,
    example: 'approved',
    schema: { type: 'string', enum: [...OUTCOMES] },
  },
  {
    name: 'documents',
    type: 'JSON: a list of {title, url}. CSV: “title <url>” joined by “; ”, or empty',
    description: 'Papers for this item. A project’s business case is linked from the project’s page rather than repeated here.',
    example: 'Cabinet Resources Committee report <https://…>',
    schema: { type: 'array', items: { $ref: '#/$defs/document' } },
  },
  {
    name: 'published',
    type: 'Date and time (ISO 8601, London time with its offset)',
    description: 'When the post was published, as London’s clocks showed it: its first ten characters are the London date.',
    example: '2011-06-30T00:00:00+01:00',
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'updated',
    type: 'Date and time (ISO 8601, London time with its offset)',
    description: 'When the post was last corrected; the same as published when it never was.',
    example: '2011-07-10T00:00:00+01:00',
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'id',
    type: 'Text: post slug / item id',
    description:
      'The permanent identifier of the decision: the post’s slug, a slash, and the item’s own id (given in the post, or made from its subject). Reordering or adding items never changes it.',
    example: '2011-03-03-last-night-in-hendon/nscso-options-appraisal',
    schema: { type: 'string', pattern: `^${SLUG_PATTERN.source.replace(/^\^|\$$/g, '')}/${SLUG_PATTERN.source.replace(/^\^|\$$/g, '')}$` },
  },
  {
    name: 'key_decision',
    type: 'true, false, or empty',
    description:
      'Whether it is a key decision in the council’s sense (significant spending or savings, or an effect on two or more wards). Empty (null in JSON) where the post does not say.',
    example: 'true',
    schema: nullable({ type: 'boolean' }),
  },
  {
    name: 'reference',
    type: 'Text, or empty',
    description: 'The council’s own reference for the decision, where the post gives one.',
    example: 'CRC/2011/14',
    schema: nullable({ type: 'string', minLength: 1 }),
  },
  {
    name: 'call_in_deadline',
    type: 'Date (YYYY-MM-DD), or empty',
    description: 'The last day on which the decision could be called in for review, where the post gives it.',
    example: '2011-03-10',
    schema: nullable({ type: 'string', format: 'date' }),
  },
  {
    name: 'call_in_outcome',
    type: `One of: ${CALL_IN_OUTCOMES.join(', ')}, or empty`,
    description: 'Whether the decision was called in, once known; empty while unknown or where the post does not say.',
    example: 'not-called-in',
    schema: nullable({ type: 'string', enum: [...CALL_IN_OUTCOMES] }),
  },
  {
    name: 'wards',
    type: 'JSON: a list of ward names. CSV: names joined by “; ”, or empty',
    description: 'The wards the decision affects, where the post gives them.',
    example: 'Hendon; West Hendon',
    schema: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
  {
    name: 'updates',
    type: 'JSON: a list of {date, note}. CSV: “date: note” joined by “; ”, or empty',
    description: 'The post’s dated corrections after publication, oldest first; the date is the London date (YYYY-MM-DD).',
    example: '2011-07-10: The meeting date was corrected.',
    schema: { type: 'array', items: { $ref: '#/$defs/correction' } },
  },
  {
    // After `updates`, not beside committee_name: a reader taking the CSV's columns by
    // position still finds every older column where it was.
    name: 'maker_kind',
    type: `One of: ${MAKER_KINDS.join(', ')}`,
    description:
      'What kind of body took the decision: committee, executive (the Cabinet), cabinet-member (one member of the Cabinet, alone), officer (a council officer acting under delegated powers) or full-council. A cabinet member or an officer decides without a meeting, so meeting_date is then empty.',
    example: 'officer',
    schema: { type: 'string', enum: [...MAKER_KINDS] },
  },
];

/** Every field, documented once: the /data page's table, the CSV's header and the JSON Schema come from here. */
export const DATA_FIELDS: DataField[] = dataFieldsOf();
export const DERIVED_ITEM_FIELDS = derivedItemFields(decisionItemSchema);
