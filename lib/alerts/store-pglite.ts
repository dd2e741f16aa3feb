/**
 * PGlite through Kysely. PGlite is one connection; Kysely hands out "connections" per query or
 * per transaction, so they are queued: a transaction holds the connection until it ends, and no
 * other query can slip into it (kysely-pglite's driver shares the connection without a queue).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
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

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly client: PGlite,
    readonly release: () => void,
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(query.sql, [...query.parameters]);
    return { rows: result.rows, numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows) };
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results.');
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly client: PGlite) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    return new PGliteConnection(this.client, release);
  }
  async releaseConnection(connection: DatabaseConnection) {
    (connection as PGliteConnection).release();
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
    await this.client.close();
  }
}

export function pgliteDialect(client: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
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

async function startParams(): Promise<string[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  return [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS.flatMap((setting) => ['-c', setting])];
}

/**
 * A new data folder's initdb, run in a short-lived child process. PGlite runs initdb in a
 * second WebAssembly instance, plus a copy of the new folder as a tarball, and the server's
 * process would keep that memory after they are gone (~300 MB of RSS, measured by `npm run
 * bench:memory`); a child gives it all back when it exits. Not for `memory://` (tests),
 * whose database lives only in this process.
 */
async function initialiseInChild(dataDir: string, params: string[]): Promise<void> {
  // PGlite's module is resolved from the server's folder, as the server's own import is.
  const script = `const { PGlite } = await import('@electric-sql/pglite'); const [dataDir, params] = JSON.parse(process.argv[1]); const db = await PGlite.create({ dataDir, startParams: params }); await db.close();`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify([dataDir, params])],
      { cwd: process.cwd(), timeout: 120_000, maxBuffer: 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`the embedded database could not be created in ${dataDir}: ${stderr.trim().slice(-500) || error.message}`)) : resolve(),
    );
  });
}

/**
 * Runs `start` with V8 compiling WebAssembly with its baseline compiler (Liftoff) only.
 * PGlite's PostgreSQL is 9 MB of WebAssembly; by default V8 recompiles whatever runs hot with
 * its optimising compiler (TurboFan), and PostgreSQL's start-up runs enough of it hot that on
 * Node.js 20 the server kept 30-50 MB more RSS (measured, docs/benchmarks-memory.md). The
 * alerts' queries are few and small, so baseline code is plenty for them. The flag is set back
 * as soon as PGlite has started, so WebAssembly compiled later (the SQLite exports'
 * node-sqlite3-wasm) is optimised as usual. A V8 without the flag says so on stderr and runs as before.
 */
async function withBaselineWebAssembly<T>(start: () => Promise<T>): Promise<T> {
  setFlagsFromString('--liftoff-only');
  try {
    return await start();
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

/** The embedded database in `dataDir`, created first if the folder holds none, with small memory settings. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const params = await startParams();
  if (!dataDir.startsWith('memory://') && !existsSync(path.join(dataDir, 'PG_VERSION'))) await initialiseInChild(dataDir, params);
  return withBaselineWebAssembly(async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    return PGlite.create({ dataDir, startParams: params });
  });
}
