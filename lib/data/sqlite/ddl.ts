/**
 * The SQL that makes /data/decisions.db's tables, full-text index and views, from the table
 * declarations (columns.ts). Each column's description is written beside it as an SQL comment:
 * SQLite keeps a table's CREATE statement as written, so Datasette and `.schema` show them.
 * Pure: strings only.
 */
import type { Column, Table } from './columns';

/** Names are ours (zod keys in snake_case): quoted all the same, as SQL keywords may appear. */
export const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** A comment runs to the end of its line: one line, always. */
const comment = (text: string): string => ` -- ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;

function columnSql(column: Column): string {
  const name = quoteName(column.name);
  const parts = [name, column.type];
  if (column.notNull) parts.push('NOT NULL');
  if (column.values) parts.push(`CHECK (${name} IN (${column.values.map(quoteText).join(', ')}))`);
  if (column.boolean) parts.push(`CHECK (${name} IN (0, 1))`);
  // `IS NULL OR`: SQLite before 3.45 (Python's on Debian 12, 3.40) says json_valid(NULL) is 0, not NULL.
  if (column.json) parts.push(`CHECK (${name} IS NULL OR json_valid(${name}))`);
  if (column.references) parts.push(`REFERENCES ${quoteName(column.references.table)} (${quoteName(column.references.column)})`);
  return parts.join(' ');
}

export function createTableSql(table: Table): string {
  const lines = table.columns.map((c) => columnSql(c));
  if (table.primaryKey.length > 0) lines.push(`PRIMARY KEY (${table.primaryKey.map(quoteName).join(', ')})`);
  const body = lines.map((line, i) => `  ${line}${i < lines.length - 1 ? ',' : ''}${i < table.columns.length ? comment(table.columns[i]!.description) : ''}`);
  return `CREATE TABLE ${quoteName(table.name)} (${comment(table.description)}\n${body.join('\n')}\n)`;
}

/**
 * The full-text index: posts' titles, summaries, items' subjects and bodies, with Porter
 * stemming (so "approve" finds "approved"). External content (`content="posts"`): the text is
 * stored once, in posts, and Datasette finds the index by that name and offers search on posts.
 */
export const FTS_TABLE = 'posts_fts';
export const FTS_COLUMNS = ['title', 'summary', 'subjects', 'body'] as const;

export const FTS_SQL = [
  `CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(${FTS_COLUMNS.join(', ')}, content="posts", tokenize="porter unicode61 remove_diacritics 2")`,
  `INSERT INTO ${FTS_TABLE} (${FTS_TABLE}) VALUES ('rebuild')`,
  `INSERT INTO ${FTS_TABLE} (${FTS_TABLE}) VALUES ('optimize')`,
];

/** The queries a journalist writes first, ready as views. */
export const VIEWS: { name: string; description: string; sql: string }[] = [
  {
    name: 'decisions',
    description: 'Every decision item with its post, the body that took it and its project, newest first.',
    sql: `SELECT items.*, posts.title AS post_title, posts.url AS post_url, posts.published, posts.updated, posts.meeting_date,
  bodies.slug AS body_slug, bodies.name AS body_name, projects.name AS project_name
FROM items
JOIN posts ON posts.slug = items.post_slug
JOIN bodies ON bodies.slug = posts.committee_slug
LEFT JOIN projects ON projects.slug = items.project_slug
ORDER BY posts.published DESC, items.item_number`,
  },
  {
    name: 'outcomes_by_body',
    description: 'How many decisions each body took, by outcome.',
    sql: `SELECT bodies.slug AS body_slug, bodies.name AS body_name, items.outcome, COUNT(*) AS decisions
FROM items
JOIN posts ON posts.slug = items.post_slug
JOIN bodies ON bodies.slug = posts.committee_slug
GROUP BY bodies.slug, items.outcome
ORDER BY bodies.name, decisions DESC`,
  },
  {
    name: 'project_timelines',
    description: 'Each project’s decisions, oldest first: where it has been on its path.',
    sql: `SELECT projects.slug AS project_slug, projects.name AS project_name, projects.status, posts.published, items.stage, items.outcome,
  items.subject, items.id, posts.url AS post_url
FROM items
JOIN projects ON projects.slug = items.project_slug
JOIN posts ON posts.slug = items.post_slug
ORDER BY projects.name, posts.published, items.item_number`,
  },
];

export const viewSql = (view: (typeof VIEWS)[number]): string => `CREATE VIEW ${quoteName(view.name)} AS -- ${view.description}\n${view.sql}`;

/** A small table that says what the file is, where it comes from and under which licence. */
export const ABOUT_SQL = `CREATE TABLE "about" ( -- What this file is, and its licence.
  "key" TEXT NOT NULL PRIMARY KEY,
  "value" TEXT NOT NULL
)`;

/** Whether a column's value goes to its insert as UTF-8 bytes, made text again by the insert (insertSql). */
export const isBoundAsBytes = (column: Column): boolean => column.type === 'TEXT';

/**
 * A row's insert. A text column's value is bound as its UTF-8 bytes and made text again by SQLite
 * (`CAST(? AS TEXT)` reads the bytes as text, unchanged): node-sqlite3-wasm copies bytes into
 * WebAssembly's memory in one call, where a string is measured and encoded a character at a time
 * in JavaScript, twice. At 10,000 posts that was 2 s of a publish's database step
 * (docs/benchmarks.md), for the same file, byte for byte.
 */
export function insertSql(table: Table): string {
  const values = table.columns.map((c) => (isBoundAsBytes(c) ? 'CAST(? AS TEXT)' : '?'));
  return `INSERT INTO ${quoteName(table.name)} (${table.columns.map((c) => quoteName(c.name)).join(', ')}) VALUES (${values.join(', ')})`;
}
