/**
 * The decisions as open data: one record per decision ITEM (a post can report several), as
 * JSON (with a JSON Schema) and as CSV. Records come only from `records.indexes`, the visible
 * set, so drafts and scheduled posts are never in a download.
 */
import { stringify } from 'csv-stringify/sync';
import type { LRUCache } from 'lru-cache';
import { boundedLru } from '../server/bounded-lru';
import { MAKER_KINDS, OUTCOMES, STAGES } from '../content/schemas';
import { SLUG_PATTERN } from '../content/slug';
import type { Decision } from '../content/types';
import { londonIsoDateTime } from '../dates';
import { filterQuery, isFiltered, KEY_VALUES, NO_FILTER, type DecisionFilter } from '../filters/vocabulary';
import { matchingDecisions, matchingItems } from '../filters/match';
import { CONTENT_TYPES, lastModifiedOf, makeRepresentation, type Representation } from '../http/http-cache';
import type { DecisionIndexes } from '../records/indexes';
import type { SiteRecords } from '../site';
import { absoluteUrl, paths } from '../urls';
import { DATA_FIELDS, recordsOf, type DataField, type DecisionRecord, type JsonSchema } from './fields';
import { cellOf } from './item-fields';
import { perVisibleSet } from '../server/per-visible-set';

export * from './fields';

export const dataPaths = {
  json: `${paths.data()}/decisions.json`,
  csv: `${paths.data()}/decisions.csv`,
  schema: `${paths.data()}/decisions.schema.json`,
};

export const CSV_FILENAME = 'decisions.csv';

export interface DecisionsFile {
  $schema: string;
  /** The latest publication or correction in the file, as each record's `updated` is for its post. */
  updated: string;
  licence: { name: string; url: string };
  /** Present when the file is a filtered view: its normal query string and the filter it applies. */
  filter?: { query: string } & DecisionFilter;
  count: number;
  decisions: DecisionRecord[];
}

type DataRecords = Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes'>;

/**
 * The records of the visible decisions that match the filter (all of them without one), newest
 * post first, items in the order the post gives.
 */
export function decisionRecords(records: DataRecords, filter: DecisionFilter = NO_FILTER): DecisionRecord[] {
  const rows: DecisionRecord[] = [];
  for (const { record } of matchingRows(records, filter)) rows.push(record);
  return rows;
}

interface Row {
  record: DecisionRecord;
  /** The record's CSV line, CRLF included; made once per item (rowsOf). */
  csv?: string;
}

/**
 * Each post's rows, made once and kept while its records are (a WeakMap on the decision, under
 * the site's records): a filtered download then costs its own rows, not every post's.
 */
const rowCache = new WeakMap<object, WeakMap<Decision, Row[]>>();

function rowsOf(records: Pick<SiteRecords, 'site' | 'committees' | 'projects'>, decision: Decision): Row[] {
  let byDecision = rowCache.get(records.committees);
  if (!byDecision) rowCache.set(records.committees, (byDecision = new WeakMap()));
  let rows = byDecision.get(decision);
  if (!rows || rows[0]?.record.post_url !== absoluteUrl(records.site.baseUrl, paths.decision(decision.slug))) {
    rows = recordsOf(records, decision).map((record) => ({ record }));
    byDecision.set(decision, rows);
  }
  return rows;
}

function* matchingRows(records: DataRecords, filter: DecisionFilter): Generator<Row> {
  const filtered = isFiltered(filter);
  for (const decision of matchingDecisions(records.indexes, filter)) {
    const rows = rowsOf(records, decision);
    if (!filtered) {
      yield* rows;
      continue;
    }
    const wanted = new Set(matchingItems(decision, filter).map((item) => item.id));
    for (const row of rows) if (wanted.has(row.record.id.slice(decision.slug.length + 1))) yield row;
  }
}

/** The JSON Schema (draft 2020-12) of /data/decisions.json. */
export function decisionsJsonSchema(site: { baseUrl: string; siteTitle: string }, fields: readonly DataField[] = DATA_FIELDS): JsonSchema {
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
      filter: {
        type: 'object',
        description:
          'Present only in a filtered view (/data/decisions.json?outcome=approved, …): the normal query string of the view and the filter it applies. Within a parameter the values are alternatives; different parameters must all hold.',
        required: ['query', 'committee', 'project', 'tag', 'stage', 'outcome', 'maker'],
        additionalProperties: false,
        properties: {
          query: { type: 'string' },
          committee: { type: 'array', items: { type: 'string', pattern: SLUG_PATTERN.source } },
          project: { type: 'array', items: { type: 'string', pattern: SLUG_PATTERN.source } },
          tag: { type: 'array', items: { type: 'string', pattern: SLUG_PATTERN.source } },
          stage: { type: 'array', items: { type: 'string', enum: [...STAGES] } },
          outcome: { type: 'array', items: { type: 'string', enum: [...OUTCOMES] } },
          maker: { type: 'array', items: { type: 'string', enum: [...MAKER_KINDS] } },
          key: { type: 'string', enum: [...KEY_VALUES] },
          from: { type: 'string', format: 'date' },
          to: { type: 'string', format: 'date' },
        },
      },
      count: { type: 'integer', minimum: 0, description: 'The number of records in decisions.' },
      decisions: { type: 'array', items: { $ref: '#/$defs/decision' } },
    },
    $defs: {
      decision: {
        type: 'object',
        required: fields.map((f) => f.name),
        additionalProperties: false,
        properties: Object.fromEntries(fields.map((f) => [f.name, { ...f.schema, description: f.description }])),
      },
      document: {
        type: 'object',
        required: ['title', 'url'],
        additionalProperties: false,
        properties: { title: { type: 'string', minLength: 1 }, url: { type: 'string', format: 'uri', pattern: '^https?://' } },
      },
      correction: {
        type: 'object',
        required: ['date', 'note'],
        additionalProperties: false,
        properties: { date: { type: 'string', format: 'date' }, note: { type: 'string', minLength: 1 } },
      },
    },
  };
}

/** The newest `updated` among the rows' posts, or the visible set's when there are none. */
function newestOf(records: DataRecords, filter: DecisionFilter, rows: readonly DecisionRecord[]): Date {
  if (!isFiltered(filter) || rows.length === 0) return records.indexes.lastModified;
  let newest = new Date(0);
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.post_slug)) continue;
    seen.add(row.post_slug);
    const decision = records.indexes.bySlug.get(row.post_slug);
    if (decision && decision.updated > newest) newest = decision.updated;
  }
  return newest;
}

export function decisionsJson(records: DataRecords, filter: DecisionFilter = NO_FILTER): DecisionsFile {
  const decisions = decisionRecords(records, filter);
  return {
    $schema: absoluteUrl(records.site.baseUrl, dataPaths.schema),
    updated: londonIsoDateTime(newestOf(records, filter, decisions)),
    licence: { name: records.site.licence.name, url: records.site.licence.url },
    ...(isFiltered(filter) ? { filter: { query: filterQuery(filter), ...filter } } : {}),
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

export function csvCell(record: DecisionRecord, field: string): string {
  const value = record[field];
  if (value === null) return '';
  if (field === 'documents') return neutraliseFormula(record.documents.map((d) => `${d.title} <${d.url}>`).join('; '));
  if (field === 'wards') return neutraliseFormula(record.wards.join('; '));
  if (field === 'updates') return neutraliseFormula(record.updates.map((u) => `${u.date}: ${u.note}`).join('; '));
  return neutraliseFormula(cellOf(value));
}

/** The CSV (header and rows) of the given records under the given fields. */
export function csvOf(rows: readonly DecisionRecord[], fields: readonly DataField[] = DATA_FIELDS): string {
  const columns = fields.map((f) => f.name);
  return [
    stringify([], { ...CSV_OPTIONS, header: true, columns, bom: true }),
    ...rows.map((r) => stringify([columns.map((c) => csvCell(r, c))], CSV_OPTIONS)),
  ].join('');
}

const CSV_OPTIONS = { record_delimiter: 'windows', escape_formulas: true, eof: true } as const;
const CSV_COLUMNS = DATA_FIELDS.map((f) => f.name);

/** A row's CSV line, made once per item and kept with its record. */
function csvLine(row: Row): string {
  row.csv ??= stringify([CSV_COLUMNS.map((field) => csvCell(row.record, field))], CSV_OPTIONS);
  return row.csv;
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted where they hold a comma, quote or
 * line break. UTF-8 with a byte-order mark, because Excel reads a CSV without one in the
 * computer's legacy code page and garbles "£" and every non-English letter. A cell that starts
 * with = + - @ (or a tab or line break, or the full-width forms) gets a leading ' so a
 * spreadsheet shows it as text instead of running it as a formula; csv-stringify's own
 * `escape_formulas` is on as well, as a second guard.
 */
export function decisionsCsv(records: DataRecords, filter: DecisionFilter = NO_FILTER): string {
  // The header as csv-stringify writes it (with the BOM), then each row's line, made once per
  // item: a filtered CSV costs its own rows.
  const parts = [stringify([], { ...CSV_OPTIONS, header: true, columns: CSV_COLUMNS.map(String), bom: true })];
  for (const row of matchingRows(records, filter)) parts.push(csvLine(row));
  return parts.join('');
}

/** The download's file name: `decisions.csv`, or `decisions-outcome-approved….csv` for a filtered view. */
export function csvFilename(filter: DecisionFilter): string {
  if (!isFiltered(filter)) return CSV_FILENAME;
  const name = `decisions-${filterQuery(filter).replace(/[&=]/g, '-')}`;
  return `${name.length > 120 ? `${name.slice(0, 120)}` : name}.csv`;
}

/**
 * Downloads, built once per visible set and filter: the whole files are kept (two), and filtered
 * views in a cache bounded by entries and bytes (128 MB: 14 views the size of the whole CSV at
 * 10,000 posts, or many more narrow ones), keyed on the filter's normal query string (only
 * values that exist get this far: lib/filters/request.ts refuses the rest).
 */
export const FILTERED_DATA_CACHE_LIMITS = { entries: 200, bytes: 128 * 1024 * 1024 };
const representationsOf = perVisibleSet<
  DecisionIndexes,
  { whole: Partial<Record<'json' | 'csv', Representation>>; filtered: LRUCache<string, Representation> }
>();

export function dataRepresentation(
  records: Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes' | 'readAt'>,
  format: 'json' | 'csv',
  filter: DecisionFilter = NO_FILTER,
): Representation {
  const entry = representationsOf(records.indexes, () => ({
    whole: {},
    filtered: boundedLru<Representation>(FILTERED_DATA_CACHE_LIMITS, (r) => (typeof r.body === 'string' ? r.body.length * 2 : r.body.byteLength)),
  }));
  const filtered = isFiltered(filter);
  const key = `${format} ${filterQuery(filter)}`;
  const hit = filtered ? entry.filtered.get(key) : entry.whole[format];
  if (hit) return hit;
  let representation: Representation;
  if (format === 'json') {
    const file = decisionsJson(records, filter);
    representation = makeRepresentation(`${JSON.stringify(file, null, 2)}\n`, CONTENT_TYPES.json, lastModifiedOf(new Date(file.updated), records.readAt));
  } else {
    const body = decisionsCsv(records, filter);
    const rows = filtered ? decisionRecords(records, filter) : [];
    representation = makeRepresentation(body, CONTENT_TYPES.csv, lastModifiedOf(newestOf(records, filter, rows), records.readAt), {
      'Content-Disposition': `attachment; filename="${csvFilename(filter)}"`,
    });
  }
  if (filtered) {
    // Kept as UTF-8 bytes (a string with one "’" is two bytes a character in V8), so a view as
    // large as the whole file (9 MB at 10,000 posts) still fits an eighth of the budget.
    const bytes = Buffer.from(representation.body as string, 'utf8');
    representation = { ...representation, body: bytes };
    entry.filtered.set(key, representation);
  } else entry.whole[format] = representation;
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
