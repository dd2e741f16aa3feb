/**
 * Every change to the record as open data: /data/changes.json and /data/changes.csv, one row per
 * changed field of each version of a post (lib/history/changes.ts), newest first.
 */
import { stringify } from 'csv-stringify/sync';
import { londonIsoDateTime } from '../dates';
import { neutraliseFormula } from '../data/export';
import { cleanText } from '../feeds/text';
import type { Site } from '../content/types';
import type { DecisionFilter } from '../filters/vocabulary';
import { absoluteUrl, paths } from '../urls';
import type { Change } from './types';

/** A change as a data record: `at` as a London date-time, the history page's address added. */
export interface ChangeRecord {
  post: string;
  item: string | null;
  field: string;
  before: string | null;
  after: string | null;
  at: string;
  commit: string;
  noted: boolean;
  note: string | null;
  version: number;
  kind: string;
  url: string;
}

/** The columns, in order: CSV and JSON alike. */
export const CHANGE_COLUMNS: readonly (keyof ChangeRecord)[] = [
  'post',
  'item',
  'field',
  'before',
  'after',
  'at',
  'commit',
  'noted',
  'note',
  'version',
  'kind',
  'url',
];

/** What each column means, for /data. */
export const CHANGE_COLUMN_DESCRIPTIONS: Record<keyof ChangeRecord, string> = {
  post: 'The post’s slug (its address is /decisions/<post>)',
  item: 'The decision item’s id within the post, empty for a field of the post itself',
  field:
    'The field that changed: a frontmatter field, body (the text), item (an item added or removed), post (published or withdrawn), updates (a correction note added)',
  before: 'The value before, empty where it was not given',
  after: 'The value after, empty where it was removed',
  at: 'When the change became public, London time with its offset',
  commit: 'The id of the commit that made the change',
  noted: 'true when a correction note in the post’s updates explains the change',
  note: 'That note',
  version: 'The post’s version this change made (1: first published)',
  kind: 'new, corrected, edited (without a note), withdrawn or restored',
  url: 'The version on the post’s history page',
};

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
