/**
 * PGlite through Kysely. PGlite is one connection; Kysely hands out "connections" per query or
 * per transaction, so they are queued: a transaction holds the connection until it ends, and no
 * other query can slip into it (kysely-pglite's driver shares the connection without a queue).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { PGLITE_IDLE_MS, PgliteProcess, type PgliteSession, type PgliteSessions } from './pglite-process';

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly session: PgliteSession) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.session.query<R>(query.sql, [...query.parameters]);
    return { rows: result.rows, numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows) };
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results.');
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly turns = new WeakMap<DatabaseConnection, () => void>();
  constructor(private readonly database: PgliteSessions) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    let session: PgliteSession;
    try {
      session = await this.database.session();
    } catch (error) {
      release();
      throw error;
    }
    const connection = new PGliteConnection(session);
    this.turns.set(connection, () => {
      session.end();
      release();
    });
    return connection;
  }
  async releaseConnection(connection: DatabaseConnection) {
    this.turns.get(connection)?.();
  }
  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy() {
    await this.database.close();
  }
}

export function pgliteDialect(database: PgliteSessions): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(database),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

/**
 * PostgreSQL's memory settings for the embedded database, added to PGlite's own start
 * arguments. PostgreSQL's defaults are for a server of its own (PGlite's build sets
 * shared_buffers to 160 MB), and in WebAssembly every page touched stays in the server's RSS:
 * they took ~130 MB of it. The alerts' database is a few MB (10,000 subscribers with their
 * deliveries), read through the operating system's file cache beyond these buffers.
 * PGlite is one backend in one process, so a handful of connection slots is plenty.
 */
export const PGLITE_MEMORY_SETTINGS = ['shared_buffers=8MB', 'temp_buffers=1MB', 'max_connections=4'];

/**
 * The settings as PostgreSQL's arguments, which each process that starts PGlite adds to PGlite's
 * own defaults (PGlite.defaultStartParams): PGlite's module is loaded only in those processes,
 * never in the server's.
 */
const MEMORY_PARAMS = PGLITE_MEMORY_SETTINGS.flatMap((setting) => ['-c', setting]);

/**
 * A new data folder's initdb, run in a short-lived child process of its own. PGlite runs initdb
 * in a second WebAssembly instance, plus a copy of the new folder as a tarball, and a process
 * keeps that memory after they are gone (~300 MB of RSS, measured by `npm run bench:memory`):
 * the database's own child, started next, would hold it for as long as it runs.
 */
async function initialiseInChild(dataDir: string, extraParams: string[]): Promise<void> {
  // PGlite's module is resolved from the server's folder, as the server's own import is.
  const script = `const { PGlite } = await import('@electric-sql/pglite'); const [dataDir, extraParams] = JSON.parse(process.argv[1]); const db = await PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, ...extraParams] }); await db.close();`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify([dataDir, extraParams])],
      { cwd: process.cwd(), timeout: 120_000, maxBuffer: 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`the embedded database could not be created in ${dataDir}: ${stderr.trim().slice(-500) || error.message}`)) : resolve(),
    );
  });
}

/**
 * The embedded database in `dataDir`, created first if the folder holds none, with small memory
 * settings: in a child process started on demand (pglite-process.ts), or, for `memory://`
 * (tests and the alerts bench), in this process, where it lives as long as the store.
 */
export async function openPglite(dataDir: string, idleMs = PGLITE_IDLE_MS): Promise<PgliteSessions> {
  if (dataDir.startsWith('memory://')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, ...MEMORY_PARAMS] });
    const session: PgliteSession = { query: (sql, params) => client.query(sql, params), end: () => {} };
    return { session: async () => session, close: () => client.close() };
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialiseInChild(dataDir, MEMORY_PARAMS);
  return new PgliteProcess({ dataDir, extraParams: MEMORY_PARAMS, idleMs });
}
