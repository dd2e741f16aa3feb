/**
 * The decisions as open data: one record per decision ITEM (a post can report several), as
 * JSON (with a JSON Schema) and as CSV. Records come only from `records.indexes`, the visible
 * set, so drafts and scheduled posts are never in a download.
 */
import { stringify } from 'csv-stringify/sync';
import { OUTCOMES, STAGES, type Outcome, type Stage } from './content/schemas';
import { SLUG_PATTERN } from './content/slug';
import type { Decision } from './content/types';
import { cleanText } from './feeds/text';
import { londonIsoDateTime } from './dates';
import { CONTENT_TYPES, lastModifiedOf, makeRepresentation, type Representation } from './http-cache';
import type { DecisionIndexes } from './indexes';
import { outcomeMeanings, stageLabels } from './labels';
import type { SiteRecords } from './site';
import { absoluteUrl, paths } from './urls';

export const dataPaths = {
  json: `${paths.data()}/decisions.json`,
  csv: `${paths.data()}/decisions.csv`,
  schema: `${paths.data()}/decisions.schema.json`,
};

export const CSV_FILENAME = 'decisions.csv';

export interface DocumentRecord {
  title: string;
  url: string;
}

/** One decision item, flat. Field names are the CSV's column names and the JSON's keys. */
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
}

export interface DecisionsFile {
  $schema: string;
  /** The latest publication or correction in the file, as each record's `updated` is for its post. */
  updated: string;
  licence: { name: string; url: string };
  count: number;
  decisions: DecisionRecord[];
}

type JsonSchema = Record<string, unknown>;

export interface DataField {
  name: keyof DecisionRecord;
  /** For people: how the value is written. */
  type: string;
  /** `{baseUrl}` stands for the site's address. */
  description: string;
  example: string;
  schema: JsonSchema;
}

const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type, 'null'] });

/** Every field, documented once: the /data page's table, the CSV's header and the JSON Schema come from here. */
export const DATA_FIELDS: DataField[] = [
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
    description: 'The position of the item in its post: with post_slug it identifies the decision.',
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
];

/** The records of the visible decisions, newest post first, items in the order the post gives. */
export function decisionRecords(records: Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes'>): DecisionRecord[] {
  const rows: DecisionRecord[] = [];
  for (const decision of records.indexes.all) rows.push(...recordsOf(records, decision));
  return rows;
}

function recordsOf(records: Pick<SiteRecords, 'site' | 'committees' | 'projects'>, decision: Decision): DecisionRecord[] {
  const postUrl = absoluteUrl(records.site.baseUrl, paths.decision(decision.slug));
  const committeeName = records.committees.get(decision.committee)?.name ?? decision.committee;
  return decision.items.map((item, index) => ({
    post_slug: decision.slug,
    post_url: postUrl,
    post_title: cleanText(decision.title),
    item_number: index + 1,
    committee_slug: decision.committee,
    committee_name: cleanText(committeeName),
    meeting_date: decision.meeting ?? null,
    project_slug: item.project ?? null,
    project_name: item.project ? cleanText(records.projects.get(item.project)?.name ?? item.project) : null,
    subject: cleanText(item.subject),
    stage: item.stage,
    outcome: item.outcome,
    documents: item.documents.map((d) => ({ title: cleanText(d.title), url: d.url })),
    published: londonIsoDateTime(decision.published),
    updated: londonIsoDateTime(decision.updated),
  }));
}

/** The JSON Schema (draft 2020-12) of /data/decisions.json. */
export function decisionsJsonSchema(site: { baseUrl: string; siteTitle: string }): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: absoluteUrl(site.baseUrl, dataPaths.schema),
    title: `${site.siteTitle}: decisions as open data`,
    description: 'Every published decision item, one record each. A post reporting several decisions gives several records.',
    type: 'object',
    required: ['updated', 'licence', 'count', 'decisions'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', format: 'uri', description: 'The address of this schema.' },
      updated: {
        type: 'string',
        format: 'date-time',
        description:
          'When the data last changed: the latest publication or correction it contains, in ISO 8601 with London’s offset (2011-06-30T00:00:00+01:00).',
      },
      licence: {
        type: 'object',
        required: ['name', 'url'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1 }, url: { type: 'string', format: 'uri' } },
        description: 'The licence the data is published under.',
      },
      count: { type: 'integer', minimum: 0, description: 'The number of records in decisions.' },
      decisions: { type: 'array', items: { $ref: '#/$defs/decision' } },
    },
    $defs: {
      decision: {
        type: 'object',
        required: DATA_FIELDS.map((f) => f.name),
        additionalProperties: false,
        properties: Object.fromEntries(DATA_FIELDS.map((f) => [f.name, { ...f.schema, description: f.description }])),
      },
      document: {
        type: 'object',
        required: ['title', 'url'],
        additionalProperties: false,
        properties: { title: { type: 'string', minLength: 1 }, url: { type: 'string', format: 'uri', pattern: '^https?://' } },
      },
    },
  };
}

export function decisionsJson(records: Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes'>): DecisionsFile {
  const decisions = decisionRecords(records);
  return {
    $schema: absoluteUrl(records.site.baseUrl, dataPaths.schema),
    updated: londonIsoDateTime(records.indexes.lastModified),
    licence: { name: records.site.licence.name, url: records.site.licence.url },
    count: decisions.length,
    decisions,
  };
}

/** A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a would-be formula with ', which makes a spreadsheet show it as text. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function csvCell(record: DecisionRecord, field: keyof DecisionRecord): string {
  const value = record[field];
  if (value === null) return '';
  if (field === 'documents') return neutraliseFormula(record.documents.map((d) => `${d.title} <${d.url}>`).join('; '));
  return neutraliseFormula(String(value));
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted where they hold a comma, quote or
 * line break. UTF-8 with a byte-order mark, because Excel reads a CSV without one in the
 * computer's legacy code page and garbles "£" and every non-English letter. A cell that starts
 * with = + - @ (or a tab or line break, or the full-width forms) gets a leading ' so a
 * spreadsheet shows it as text instead of running it as a formula; csv-stringify's own
 * `escape_formulas` is on as well, as a second guard.
 */
export function decisionsCsv(records: Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes'>): string {
  const columns = DATA_FIELDS.map((f) => f.name);
  const rows = decisionRecords(records).map((record) => columns.map((field) => csvCell(record, field)));
  return stringify(rows, {
    header: true,
    columns: columns.map(String),
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    eof: true,
  });
}

const cache = new WeakMap<DecisionIndexes, Partial<Record<'json' | 'csv', Representation>>>();

/** The download, built once per visible set. */
export function dataRepresentation(
  records: Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes' | 'readAt'>,
  format: 'json' | 'csv',
): Representation {
  let entry = cache.get(records.indexes);
  if (!entry) cache.set(records.indexes, (entry = {}));
  const hit = entry[format];
  if (hit) return hit;
  const lastModified = lastModifiedOf(records.indexes.lastModified, records.readAt);
  const representation =
    format === 'json'
      ? makeRepresentation(`${JSON.stringify(decisionsJson(records), null, 2)}\n`, CONTENT_TYPES.json, lastModified)
      : makeRepresentation(decisionsCsv(records), CONTENT_TYPES.csv, lastModified, { 'Content-Disposition': `attachment; filename="${CSV_FILENAME}"` });
  entry[format] = representation;
  return representation;
}

const schemaCache = new Map<string, Representation>();

export function schemaRepresentation(site: { baseUrl: string; siteTitle: string }, lastModified: Date): Representation {
  const body = `${JSON.stringify(decisionsJsonSchema(site), null, 2)}\n`;
  let hit = schemaCache.get(body);
  if (!hit) {
    hit = makeRepresentation(body, CONTENT_TYPES.json, lastModified);
    schemaCache.set(body, hit);
  }
  return hit;
}
