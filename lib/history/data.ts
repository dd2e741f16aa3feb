/**
 * Every change to the record as open data: /data/changes.json and /data/changes.csv, one row per
 * changed field of each version of a post (lib/history/changes.ts), newest first.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { londonIsoDateTime } from '../dates';
import { neutraliseFormula } from '../data/export';
import { cleanText } from '../feeds/text';
import type { Site } from '../content/types';
import type { DecisionFilter } from '../filters/vocabulary';
import { absoluteUrl, paths } from '../urls';
import { CHANGE_KINDS, type Change } from './types';

/**
 * A change as a data record: `at` as a London date-time, the history page's address added. The
 * one definition of the changes' columns: their type, their order (CSV and JSON alike), their
 * descriptions on /data and their JSON Schema in /data/openapi.json all come from here.
 */
export const changeRecordSchema = z.object({
  post: z.string().describe('The post’s slug (its address is /decisions/<post>)'),
  item: z.string().nullable().describe('The decision item’s id within the post, empty for a field of the post itself'),
  field: z
    .string()
    .describe(
      'The field that changed: a frontmatter field, body (the text), item (an item added or removed), post (published or withdrawn), updates (a correction note added)',
    ),
  before: z.string().nullable().describe('The value before, empty where it was not given'),
  after: z.string().nullable().describe('The value after, empty where it was removed'),
  at: z.string().describe('When the change became public, London time with its offset'),
  commit: z.string().describe('The id of the commit that made the change'),
  noted: z.boolean().describe('true when a correction note in the post’s updates explains the change'),
  note: z.string().nullable().describe('That note'),
  version: z.number().int().min(1).describe('The post’s version this change made (1: first published)'),
  kind: z.enum(CHANGE_KINDS).describe('new, corrected, edited (without a note), withdrawn or restored'),
  url: z.string().describe('The version on the post’s history page'),
});

export type ChangeRecord = z.infer<typeof changeRecordSchema>;

/** The columns, in order: CSV and JSON alike. */
export const CHANGE_COLUMNS = Object.keys(changeRecordSchema.shape) as (keyof ChangeRecord)[];

/** What each column means, for /data. */
export const CHANGE_COLUMN_DESCRIPTIONS = Object.fromEntries(
  CHANGE_COLUMNS.map((column) => [column, changeRecordSchema.shape[column].description ?? '']),
) as Record<keyof ChangeRecord, string>;

export function changeRecord(site: Pick<Site, 'baseUrl'>, change: Change): ChangeRecord {
  const text = (value: string | null) => (value === null ? null : cleanText(value));
  return {
    post: change.post,
    item: change.item,
    field: change.field,
    before: text(change.before),
    after: text(change.after),
    at: londonIsoDateTime(change.at),
    commit: change.commit,
    noted: change.noted,
    note: text(change.note),
    version: change.version,
    kind: change.kind,
    url: absoluteUrl(site.baseUrl, `${paths.decisionHistory(change.post)}#version-${change.version}`),
  };
}

/** /data/changes.json's JSON Schema, for /data/openapi.json: the records' from changeRecordSchema. */
export function changesFileJsonSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['updated', 'historyAvailable', 'licence', 'count', 'changes'],
    properties: {
      updated: { type: ['string', 'null'], description: 'The newest change in the file, London time' },
      historyAvailable: { type: 'boolean', description: 'False where the site was built without its history: then there are no changes' },
      licence: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string' } } },
      filter: { type: 'object', description: 'The filters of this view, where it is filtered' },
      count: { type: 'integer', minimum: 0 },
      changes: { type: 'array', items: z.toJSONSchema(changeRecordSchema, { target: 'draft-2020-12' }) },
    },
  };
}

export interface ChangesFile {
  /** The newest change in the file, London time. */
  updated: string | null;
  /** False where the site was built without its history: then there are no changes to give. */
  historyAvailable: boolean;
  licence: { name: string; url: string };
  filter?: { query: string } & DecisionFilter;
  count: number;
  changes: ChangeRecord[];
}

export function changesJson(site: Site, changes: readonly Change[], available: boolean, filter?: { query: string } & DecisionFilter): ChangesFile {
  return {
    updated: changes[0] ? londonIsoDateTime(changes[0].at) : null,
    historyAvailable: available,
    licence: site.licence,
    ...(filter ? { filter } : {}),
    count: changes.length,
    changes: changes.map((c) => changeRecord(site, c)),
  };
}

const CSV_OPTIONS = { record_delimiter: 'windows', escape_formulas: true, eof: true } as const;

/** RFC 4180 CSV with a byte-order mark, formulas neutralised, as the decisions CSV is (lib/data/export.ts). */
export function changesCsv(site: Pick<Site, 'baseUrl'>, changes: readonly Change[]): string {
  const columns = CHANGE_COLUMNS.map(String);
  const cell = (value: unknown) => (value === null ? '' : neutraliseFormula(String(value)));
  return [
    stringify([], { ...CSV_OPTIONS, header: true, columns, bom: true }),
    ...changes.map((change) => {
      const record = changeRecord(site, change);
      return stringify([CHANGE_COLUMNS.map((c) => cell(record[c]))], CSV_OPTIONS);
    }),
  ].join('');
}
