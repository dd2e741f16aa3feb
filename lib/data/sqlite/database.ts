/**
 * /data/decisions.db: the whole public record as one SQLite file, for Datasette, Datasette Lite,
 * the sqlite3 shell or any language's SQLite library. The only module that opens a SQLite
 * database (.dependency-cruiser.cjs). The library is node-sqlite3-wasm: SQLite compiled to
 * WebAssembly, with FTS5 and JSON built in, so it needs no native build and loads on every
 * Node.js the site supports (20, 22, 24) from one `npm ci`; README, dependency notes, says why
 * not better-sqlite3, node:sqlite or sql.js.
 *
 * The database is built in a temporary file and written compacted into its file with VACUUM
 * INTO: the build's file in place (writeDecisionsDatabase), or a temporary one that is read back
 * and deleted (decisionsDatabase). The same content makes the same bytes, either way: rows go in
 * a fixed order and nothing in the file records when it was made.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// A CommonJS module whose exports Node's ESM loader cannot name: import the whole, then take the class.
import sqlite from 'node-sqlite3-wasm';
import { databaseTables, type Table } from './columns';
import { ABOUT_SQL, createTableSql, FTS_SQL, insertSql, isBoundAsBytes, viewSql, VIEWS } from './ddl';
import { aboutRows, databaseRows, type DatabaseRecords, type RowOptions, type SqlValue } from './rows';

const { Database } = sqlite;

export const DATABASE_PATH = '/data/decisions.db';
/** `application/vnd.sqlite3`, registered with IANA for SQLite database files. */
export const SQLITE_CONTENT_TYPE = 'application/vnd.sqlite3';

export type DatabaseOptions = RowOptions;

/** A row's values as its insert (insertSql) binds them: a text column's string as its UTF-8 bytes. */
function insertValues(table: Table, row: readonly SqlValue[]): Array<SqlValue | Buffer> {
  return row.map((value, i) => (typeof value === 'string' && isBoundAsBytes(table.columns[i]!) ? Buffer.from(value, 'utf8') : value));
}

/** The database's bytes. */
export function decisionsDatabase(records: DatabaseRecords, options: DatabaseOptions = {}): Uint8Array {
  const folder = mkdtempSync(path.join(tmpdir(), 'decisions-db-'));
  try {
    const file = path.join(folder, 'decisions.db');
    writeDecisionsDatabase(records, file, options);
    const bytes = readFileSync(file);
    // The file's own bytes as a plain Uint8Array, not copied: at 10,000 posts they are 75 MB.
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Writes the database to `file`, replacing it whole (a reader sees the old file or the new one),
 * without holding its bytes: the build's step, where the bytes read back and a copy of them
 * were 150 MB of the build's peak at 10,000 posts.
 */
export function writeDecisionsDatabase(records: DatabaseRecords, file: string, options: DatabaseOptions = {}): void {
  const tables = databaseTables();
  mkdirSync(path.dirname(/* turbopackIgnore: true */ file), { recursive: true });
  // Built in one file, then written compacted into another beside the target (VACUUM INTO
  // refuses a file that exists) and renamed over it. Not built in memory, though that is a
  // second faster at 10,000 posts: SQLite's WebAssembly memory would grow to hold the whole
  // database and never give it back, 100 MB more at the build's peak (docs/benchmarks.md).
  const building = `${file}.${process.pid}.building`;
  const written = `${file}.${process.pid}.tmp`;
  try {
    const db = new Database(building);
    try {
      // A file made once and copied whole: no journal, no syncs (a crash leaves only a temporary file).
      db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA page_size = 4096;');
      db.exec('BEGIN');
      db.exec(ABOUT_SQL);
      const about = db.prepare('INSERT INTO "about" ("key", "value") VALUES (?, ?)');
      try {
        for (const row of aboutRows(records, DATABASE_PATH)) about.run(row);
      } finally {
        about.finalize();
      }
      for (const table of tables) db.exec(createTableSql(table));
      const inserts = new Map(tables.map((table) => [table.name, { table, statement: db.prepare(insertSql(table)) }]));
      try {
        for (const { table: name, row } of databaseRows(records, tables, options)) {
          const { table, statement } = inserts.get(name)!;
          statement.run(insertValues(table, row));
        }
      } finally {
        for (const { statement } of inserts.values()) statement.finalize();
      }
      for (const sql of FTS_SQL) db.exec(sql);
      for (const view of VIEWS) db.exec(viewSql(view));
      db.exec('COMMIT');
      const broken = db.all('PRAGMA foreign_key_check');
      if (broken.length > 0) throw new Error(`decisions.db: ${broken.length} rows break a foreign key, e.g. ${JSON.stringify(broken[0])}`);
      // Merging the full-text index's segments ('optimize') leaves free pages: a sixth of the
      // file at 1,000 posts. VACUUM INTO writes the database without them.
      rmSync(/* turbopackIgnore: true */ written, { force: true });
      db.exec(`VACUUM INTO '${written.replace(/'/g, "''")}'`);
    } finally {
      db.close();
    }
    // SQLite makes the file readable by its owner alone; the server may run as another user.
    chmodSync(/* turbopackIgnore: true */ written, 0o644);
    renameSync(/* turbopackIgnore: true */ written, /* turbopackIgnore: true */ file);
  } finally {
    rmSync(/* turbopackIgnore: true */ building, { force: true });
    rmSync(/* turbopackIgnore: true */ written, { force: true });
  }
}
