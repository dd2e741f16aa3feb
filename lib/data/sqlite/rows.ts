/**
 * The rows of /data/decisions.db, from the same records as the JSON and CSV downloads: the
 * visible decisions (records.indexes, through lib/records/published.ts, so drafts and
 * scheduled posts never arrive here) and their open-data records (recordsOf). Pure: values only.
 */
import type { Committee, Project } from '../../content/types';
import { londonIsoDateTime } from '../../dates';
import { deriveMeetings, meetingSlugOf } from '../../meetings/derive';
import { stripMarkdown } from '../../search/text';
import type { SiteRecords } from '../../site';
import { absoluteUrl, paths } from '../../urls';
import { recordsOf } from '../export';
import { jsonValueOf } from '../item-fields';
import type { ChangeRow, Column, Table } from './columns';

export type DatabaseRecords = Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'meetings' | 'indexes'>;

export type SqlValue = string | number | null;

/** A value as SQLite stores it: lists and objects as JSON text, true/false as 1/0, absent as NULL. */
export function sqlValue(column: Column, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (column.json) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(jsonValueOf(value));
}

/**
 * A row in the table's column order. A column made from a zod field takes the record's field
 * (its key), cleaned as the JSON download cleans it; any other takes the value of its name.
 */
function rowOf(table: Table, values: Record<string, unknown>): SqlValue[] {
  return table.columns.map((column) => sqlValue(column, column.key ? jsonValueOf(values[column.key]) : values[column.name]));
}

export interface RowOptions {
  /**
   * The changes table's rows (the post history's changes, issue 25). Empty until the history
   * is joined to this: the table is made either way, so its schema is stable.
   */
  changes?: readonly ChangeRow[];
  /**
   * A body's words without its markup: stripMarkdown, or the same through the build's cache
   * of them (lib/search/plain-text-cache.ts).
   */
  plainText?: (markdown: string) => string;
}

/** A row and the table it goes in. */
export interface TableRow {
  table: string;
  row: SqlValue[];
}

/**
 * Every row of the database, one at a time, each table's in the order it is stored. A post's
 * rows (posts, then its items and their documents) follow the committees, projects and meetings
 * it refers to, so a table's rows can go in as they come, with foreign keys checked as they do.
 * One at a time because, made all at once, the rows were 70 MB of the build's content step at
 * 10,000 posts (docs/benchmarks.md).
 */
export function* databaseRows(
  records: DatabaseRecords,
  tables: readonly Table[],
  { changes = [], plainText = stripMarkdown }: RowOptions = {},
): Generator<TableRow> {
  const plain = (markdown: string): string | null => {
    const text = plainText(markdown);
    return text === '' ? null : text;
  };
  const table = (name: string) => tables.find((t) => t.name === name)!;
  const url = (path: string) => absoluteUrl(records.site.baseUrl, path);
  const named = (record: Committee | Project, path: string) => ({
    ...(record as unknown as Record<string, unknown>),
    slug: record.slug,
    url: url(path),
    body: plain(record.body),
  });
  // Content order is not guaranteed to be the same from one read to the next: sorted by slug,
  // so the same content makes the same file.
  const bySlug = <T extends { slug: string }>(list: Iterable<T>) => [...list].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const bodies = table('bodies');
  const projects = table('projects');
  const meetings = table('meetings');
  const posts = table('posts');
  const items = table('items');
  const documents = table('documents');
  const changeTable = table('changes');

  for (const body of bySlug(records.committees.values())) yield { table: bodies.name, row: rowOf(bodies, named(body, paths.committee(body.slug))) };
  for (const project of bySlug(records.projects.values())) yield { table: projects.name, row: rowOf(projects, named(project, paths.project(project.slug))) };
  for (const meeting of deriveMeetings(records.meetings.values(), records.indexes.all)) {
    yield {
      table: meetings.name,
      row: rowOf(meetings, {
        ...meeting,
        committee_slug: meeting.committee,
        url: url(paths.meeting(meeting.slug)),
        note: meeting.note === undefined ? null : plain(meeting.note),
      }),
    };
  }
  // Oldest first, so that rowids (and the full-text index's) run in publication order.
  for (const decision of [...records.indexes.all].reverse()) {
    const decisionItems = recordsOf(records, decision);
    const first = decisionItems[0]!;
    yield {
      table: posts.name,
      row: rowOf(posts, {
        ...decision,
        slug: decision.slug,
        url: first.post_url,
        title: first.post_title,
        committee_slug: decision.committee,
        meeting_slug: decision.meeting ? meetingSlugOf({ date: decision.meeting, committee: decision.committee }) : null,
        meeting_date: first.meeting_date,
        published: first.published,
        updated: first.updated,
        updates: first.updates,
        subjects: decisionItems.map((item) => item.subject).join('\n'),
        body: plain(decision.body) ?? '',
      }),
    };
    for (const item of decisionItems) {
      yield { table: items.name, row: rowOf(items, item) };
      for (const [position, document] of item.documents.entries())
        yield { table: documents.name, row: rowOf(documents, { item_id: item.id, position: position + 1, title: document.title, url: document.url }) };
    }
  }
  for (const change of changes) yield { table: changeTable.name, row: rowOf(changeTable, { ...change }) };
}

/** What the `about` table says: the site, the licence, where the file lives, and its newest content. */
export function aboutRows(records: DatabaseRecords, dbPath: string): [string, string][] {
  const { site } = records;
  return [
    ['title', `${site.siteTitle}: every published decision`],
    ['publisher', site.councilName],
    ['source', absoluteUrl(site.baseUrl, paths.data())],
    ['download', absoluteUrl(site.baseUrl, dbPath)],
    ['licence', site.licence.name],
    ['licence_url', site.licence.url],
    ['updated', londonIsoDateTime(records.indexes.lastModified)],
  ];
}
