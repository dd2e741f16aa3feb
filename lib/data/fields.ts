/**
 * The open data's record and its columns, defined once in COLUMNS: each column names the content
 * field it carries, and takes from the content schema its JSON Schema, how its type reads and
 * its description (with what the data adds: how an empty value reads, how the site shows it).
 * Columns keep the names and order that journalists' scripts rely on; after them comes every
 * further decision-item field, derived from the item schema (lib/data/item-fields.ts). The /data
 * page's table, the CSV's columns, the JSON Schema and each record's values come from here.
 */
import type { z } from 'zod';
import {
  committeeSchema,
  decisionFieldsSchema,
  decisionItemSchema,
  MAKER_KINDS,
  OUTCOMES,
  projectSchema,
  STAGES,
  type CallInOutcome,
  type MakerKind,
  type Outcome,
  type Stage,
} from '../content/schemas';
import { SLUG_PATTERN } from '../content/slug';
import type { Committee, Decision, DecisionItem, Project } from '../content/types';
import { cleanText } from '../feeds/text';
import { londonIsoDate, londonIsoDateTime } from '../dates';
import { outcomeMeanings, stageLabels } from '../records/labels';
import { absoluteUrl, paths } from '../urls';
import { derivedItemFields, jsonValueOf, typeOf, unwrappedSchema, valueAtPath, valueSchemaOf, type JsonSchema } from './item-fields';

export type { JsonSchema } from './item-fields';

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
 * One decision item, flat. Field names are the CSV's column names and the JSON's keys. New
 * columns go at the end, so that a reader that takes the CSV's columns by position still finds
 * the old ones where they were. Item values are typed as the content schema types them.
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
  subject: DecisionItem['subject'];
  stage: Stage;
  outcome: Outcome;
  documents: DocumentRecord[];
  published: string;
  updated: string;
  id: string;
  key_decision: NonNullable<DecisionItem['keyDecision']> | null;
  reference: string | null;
  call_in_deadline: string | null;
  call_in_outcome: CallInOutcome | null;
  wards: NonNullable<DecisionItem['wards']>;
  updates: CorrectionRecord[];
  /** The kind of body that decided (its `kind`). */
  maker_kind: MakerKind;
  /** Item fields derived from the content schema (lib/data/item-fields.ts), null where absent. */
  [derived: string]: unknown;
}

export interface DataField {
  name: string;
  /** For people: how the value is written. */
  type: string;
  /** `{baseUrl}` stands for the site's address. */
  description: string;
  example: string;
  schema: JsonSchema;
}

/** The content field a column carries: a path in the item's, the post's, its committee's or its project's schema. */
type FieldRef = { item: string } | { post: string } | { committee: string } | { project: string };

/** What a column's value is made from: the post, one of its items, and what every item of the post shares. */
interface RowContext {
  decision: Decision;
  item: DecisionItem;
  index: number;
  postUrl: string;
  committee: Pick<Committee, 'name' | 'kind'> | undefined;
  project: Pick<Project, 'name'> | undefined;
  updates: CorrectionRecord[];
}

interface Column {
  name: string;
  /** The content field it carries: its JSON Schema, its type in words and its description come from the schema. */
  from?: FieldRef;
  /** The data's own words, where the content schema's are written for whoever writes the post. */
  description?: string;
  /** What the data adds to the content schema's description. */
  more?: string;
  /** Its JSON Schema, where the value is not the content field as written (an address, a London date-time, a list cleaned). */
  schema?: JsonSchema;
  /** How it is written, where the schema's type does not say it all (a list's CSV form). */
  type?: string;
  /** null in JSON (empty in CSV) where the post leaves the field out. */
  nullable?: boolean;
  example: string;
  /** Its value in a record; by default the content field's, cleaned (jsonValueOf), null where absent. */
  value?: (row: RowContext) => unknown;
}

const nullable = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type, 'null'],
  ...(Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {}),
});

const slugPart = SLUG_PATTERN.source.replace(/^\^|\$$/g, '');

/**
 * The named columns, in their published order. A column that carries a content field says so in
 * `from`; its words come from that field's `.describe()` unless the data must say something else.
 */
const COLUMNS: Column[] = [
  {
    name: 'post_slug',
    description: 'The permanent name of the post that reports the decision. Several items can share a post.',
    schema: { type: 'string', pattern: SLUG_PATTERN.source },
    type: 'Text (a slug)',
    example: '2011-03-03-last-night-in-hendon',
    value: ({ decision }) => decision.slug,
  },
  {
    name: 'post_url',
    description: 'The address of the post on this site.',
    schema: { type: 'string', format: 'uri' },
    type: 'Web address',
    example: '{baseUrl}/decisions/2011-03-03-last-night-in-hendon',
    value: ({ postUrl }) => postUrl,
  },
  { name: 'post_title', from: { post: 'title' }, description: 'The headline of the post.', example: 'Last night in Hendon' },
  {
    name: 'item_number',
    description: 'The position of the item in its post. It can change if the post is corrected: use id to refer to a decision.',
    schema: { type: 'integer', minimum: 1 },
    type: 'Whole number from 1',
    example: '2',
    value: ({ index }) => index + 1,
  },
  {
    name: 'committee_slug',
    from: { post: 'committee' },
    description: 'The body that took the decision, by its permanent name.',
    example: 'cabinet-resources-committee',
  },
  {
    name: 'committee_name',
    from: { committee: 'name' },
    example: 'Cabinet Resources Committee',
    value: ({ decision, committee }) => cleanText(committee?.name ?? decision.committee),
  },
  {
    name: 'meeting_date',
    from: { post: 'meeting' },
    nullable: true,
    description: 'The date of the meeting. Empty (null in JSON) where the post does not give it: it is unknown, not missing by mistake.',
    example: '2011-03-02',
  },
  {
    name: 'project_slug',
    from: { item: 'project' },
    nullable: true,
    description: 'The programme project the decision belongs to, by its permanent name; empty where it belongs to none.',
    example: 'nscso',
  },
  {
    name: 'project_name',
    from: { project: 'name' },
    nullable: true,
    more: 'Empty where the decision belongs to no project.',
    example: 'New Support and Customer Service Organisation',
    value: ({ item, project }) => (item.project ? cleanText(project?.name ?? item.project) : null),
  },
  { name: 'subject', from: { item: 'subject' }, example: 'Award of the One Barnet Legal Partner Contract' },
  {
    name: 'stage',
    from: { item: 'stage' },
    more: `The site shows these as: ${STAGES.map((s) => stageLabels[s]).join(', ')}.`,
    example: 'business-case',
  },
  {
    name: 'outcome',
    from: { item: 'outcome' },
    more: `What each means: ${OUTCOMES.map((o) => `${o}, ${outcomeMeanings[o]}`).join('; ')}.`,
    example: 'approved',
  },
  {
    name: 'documents',
    from: { item: 'documents' },
    more: 'A project’s business case is linked from the project’s page rather than repeated here.',
    schema: { type: 'array', items: { $ref: '#/$defs/document' } },
    type: 'JSON: a list of {title, url}. CSV: “title <url>” joined by “; ”, or empty',
    example: 'Cabinet Resources Committee report <https://…>',
    value: ({ item }) => item.documents.map((d) => ({ title: cleanText(d.title), url: d.url })),
  },
  {
    name: 'published',
    description: 'When the post was published, as London’s clocks showed it: its first ten characters are the London date.',
    schema: { type: 'string', format: 'date-time' },
    type: 'Date and time (ISO 8601, London time with its offset)',
    example: '2011-06-30T00:00:00+01:00',
    value: ({ decision }) => londonIsoDateTime(decision.published),
  },
  {
    name: 'updated',
    description: 'When the post was last corrected; the same as published when it never was.',
    schema: { type: 'string', format: 'date-time' },
    type: 'Date and time (ISO 8601, London time with its offset)',
    example: '2011-07-10T00:00:00+01:00',
    value: ({ decision }) => londonIsoDateTime(decision.updated),
  },
  {
    name: 'id',
    from: { item: 'id' },
    description:
      'The permanent identifier of the decision: the post’s slug, a slash, and the item’s own id (given in the post, or made from its subject). Reordering or adding items never changes it.',
    schema: { type: 'string', pattern: `^${slugPart}/${slugPart}$` },
    type: 'Text: post slug / item id',
    example: '2011-03-03-last-night-in-hendon/nscso-options-appraisal',
    value: ({ decision, item }) => `${decision.slug}/${item.id}`,
  },
  { name: 'key_decision', from: { item: 'keyDecision' }, nullable: true, more: 'Empty (null in JSON) where the post does not say.', example: 'true' },
  { name: 'reference', from: { item: 'reference' }, nullable: true, example: 'CRC/2011/14' },
  { name: 'call_in_deadline', from: { item: 'callIn.deadline' }, nullable: true, more: 'Empty where the post does not give it.', example: '2011-03-10' },
  {
    name: 'call_in_outcome',
    from: { item: 'callIn.outcome' },
    nullable: true,
    more: 'Empty while unknown or where the post does not say.',
    example: 'not-called-in',
  },
  {
    name: 'wards',
    from: { item: 'wards' },
    example: 'Hendon; West Hendon',
    value: ({ item }) => (item.wards ?? []).map(cleanText),
  },
  {
    name: 'updates',
    description: 'The post’s dated corrections after publication, oldest first; the date is the London date (YYYY-MM-DD).',
    schema: { type: 'array', items: { $ref: '#/$defs/correction' } },
    type: 'JSON: a list of {date, note}. CSV: “date: note” joined by “; ”, or empty',
    example: '2011-07-10: The meeting date was corrected.',
    value: ({ updates }) => updates,
  },
  {
    // After `updates`, not beside committee_name: a reader taking the CSV's columns by
    // position still finds every older column where it was.
    name: 'maker_kind',
    from: { committee: 'kind' },
    description:
      'What kind of body took the decision: committee, executive (the Cabinet), cabinet-member (one member of the Cabinet, alone), officer (a council officer acting under delegated powers) or full-council. A cabinet member or an officer decides without a meeting, so meeting_date is then empty.',
    type: `One of: ${MAKER_KINDS.join(', ')}`,
    schema: { type: 'string', enum: [...MAKER_KINDS] },
    example: 'officer',
    value: ({ committee }) => committee?.kind ?? 'committee',
  },
];

/** The schemas a column's `from` points into; the item schema is a parameter, so a test can extend it. */
function schemaOf(ref: FieldRef, itemSchema: z.ZodObject): z.ZodType {
  const [root, path] =
    'item' in ref
      ? [itemSchema, ref.item]
      : 'post' in ref
        ? [decisionFieldsSchema, ref.post]
        : 'committee' in ref
          ? [committeeSchema, ref.committee]
          : [projectSchema, ref.project];
  let field: z.ZodType = root;
  for (const key of path.split('.')) {
    const shape = (unwrappedSchema(field) as z.ZodObject).shape as Record<string, z.ZodType> | undefined;
    const next = shape?.[key];
    if (!next) throw new Error(`The open data's column names a content field that does not exist: ${path}`);
    field = next;
  }
  return field;
}

/** A content field's description in words for readers of the data: a sentence, without the writer's "(optional)". */
function forReaders(description: string): string {
  const words = description.replace(/ \(optional\)$/, '');
  return words.endsWith('.') ? words : `${words}.`;
}

function dataFieldOf(column: Column, itemSchema: z.ZodObject): DataField {
  const field = column.from ? schemaOf(column.from, itemSchema) : undefined;
  const valueSchema = field ? valueSchemaOf(field) : undefined;
  const { description: fieldDescription, examples: _examples, ...fieldSchema } = valueSchema ?? {};
  const schema = column.schema ?? (column.nullable ? nullable(fieldSchema) : fieldSchema);
  const base = column.description ?? forReaders(field?.description ?? (field && unwrappedSchema(field).description) ?? String(fieldDescription ?? column.name));
  return {
    name: column.name,
    type: column.type ?? typeOf(fieldSchema, column.nullable === true),
    description: column.more ? `${base} ${column.more}` : base,
    example: column.example,
    schema,
  };
}

/** The item keys the named columns carry; every other item field is a derived column. */
const carriedItemKeys = (columns: readonly Column[]): Set<string> =>
  new Set(columns.flatMap((c) => (c.from && 'item' in c.from ? [c.from.item.split('.')[0]!] : [])));

/**
 * Every column of an item schema: the named ones, then the item fields they do not carry. A
 * function of the item schema, so a test can extend the schema and see the field arrive.
 */
export function dataFieldsOf(itemSchema: z.ZodObject = decisionItemSchema): DataField[] {
  const derived = derivedItemFieldsOf(itemSchema).map(({ name, type, description, example, schema }) => ({
    name,
    type,
    description,
    example,
    schema,
  }));
  return [...COLUMNS.map((column) => dataFieldOf(column, itemSchema)), ...derived];
}

/** Every field, documented once: the /data page's table, the CSV's header and the JSON Schema come from here. */
export const DATA_FIELDS: DataField[] = dataFieldsOf();
/** The item fields of an item schema that no named column carries, as columns (lib/data/item-fields.ts). */
export function derivedItemFieldsOf(itemSchema: z.ZodObject) {
  return derivedItemFields(itemSchema, carriedItemKeys(COLUMNS));
}
export const DERIVED_ITEM_FIELDS = derivedItemFieldsOf(decisionItemSchema);

/** A column's value: its own, or the content field's, found by its path in the post or the item. */
function valueGetter(column: Column): (row: RowContext) => unknown {
  if (column.value) return column.value;
  const ref = column.from;
  if (!ref || !('item' in ref || 'post' in ref)) throw new Error(`The open data's column ${column.name} says neither its value nor its content field.`);
  const path = ('item' in ref ? ref.item : ref.post).split('.');
  return (row) => {
    let value: unknown = 'item' in ref ? row.item : row.decision;
    for (const key of path) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
    return jsonValueOf(value);
  };
}

const GETTERS = COLUMNS.map((column) => [column.name, valueGetter(column)] as const);

type RecordLookups = {
  site: { baseUrl: string };
  committees: ReadonlyMap<string, Pick<Committee, 'name' | 'kind'>>;
  projects: ReadonlyMap<string, Pick<Project, 'name'>>;
};

/** A post's records, one per item: the named columns in order, then the derived ones (null where absent). */
export function recordsOf(
  records: RecordLookups,
  decision: Decision,
  itemFields: readonly { name: string; path: readonly string[] }[] = DERIVED_ITEM_FIELDS,
): DecisionRecord[] {
  const postUrl = absoluteUrl(records.site.baseUrl, paths.decision(decision.slug));
  const committee = records.committees.get(decision.committee);
  const updates = decision.updates.map((u) => ({ date: londonIsoDate(u.date), note: cleanText(u.note) }));
  return decision.items.map((item, index) => {
    const row: RowContext = { decision, item, index, postUrl, committee, project: item.project ? records.projects.get(item.project) : undefined, updates };
    const record: Record<string, unknown> = {};
    for (const [name, get] of GETTERS) record[name] = get(row);
    for (const f of itemFields) record[f.name] = jsonValueOf(valueAtPath(item, f.path));
    return record as DecisionRecord;
  });
}
