/**
 * The only module that talks SQL. One schema (migrations.ts), two drivers: the embedded PGlite
 * (PostgreSQL compiled to WebAssembly, files in a data folder) by default, and a PostgreSQL
 * server through `pg` when DATABASE_URL is set. Kysely writes the SQL for both.
 *
 * Every timestamp comes from the caller's clock (the site's clock: SITE_NOW in tests), never
 * from the database's now(), so a test that moves the site's clock moves the alerts with it.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { lockDataDir } from './data-dir-lock';
import { migrations } from './migrations';
import { nextWorkQueries } from './store-next-work';
import { openPglite, pgliteDialect } from './store-pglite';
import { planningQueries } from './store-planning';
import type { Database, Db } from './store-schema';
import { sendingQueries } from './store-sending';
import { subscriptionQueries } from './store-subscriptions';
import type { Store, StoreOptions } from './store-types';

export type * from './store-types';

/** The store before `guarded` wraps its methods and adds `activity`. */
type StoreQueries = Omit<Store, 'activity'>;

export async function openStore(options: StoreOptions): Promise<Store> {
  let db: Db;
  let driver: Store['driver'];
  if (options.databaseUrl) {
    const pg = await import('pg');
    const { Pool, types } = pg.default ?? pg;
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 4,
      // int8 (bigserial ids, counts) as numbers, as PGlite gives them.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20 ? (v: string) => Number(v) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
      },
    });
    const onConnectionLost =
      options.onConnectionLost ??
      ((error: Error) => console.error(`alerts: PostgreSQL ended an idle connection (${error.message}); the next query opens a new one`));
    let closing = false;
    pool.on('error', (error) => {
      if (!closing) onConnectionLost(error);
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      closing = true;
      await destroy();
    };
    driver = 'postgresql';
  } else {
    const dataDir = options.dataDir ?? 'memory://';
    let unlock = () => {};
    if (!dataDir.startsWith('memory://')) {
      mkdirSync(dataDir, { recursive: true });
      unlock = lockDataDir(dataDir);
    }
    const database = await openPglite(dataDir, options.idleMs);
    const dialect = pgliteDialect(database);
    db = new Kysely<Database>({ dialect });
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      await destroy();
      unlock();
    };
    driver = 'pglite';
  }
  await migrate(db);
  const install = await db.selectFrom('alerts_state').select('value').where('key', '=', 'install').executeTakeFirstOrThrow();
  return guarded(makeStore(db, driver, install.value));
}

/**
 * Database errors carry the statement and its values (PGlite's `query` and `params`; the
 * server's `detail`, "Key (email)=(…) already exists"), and whoever logs the error object
 * (Next.js does, for an error in a route) would print an address with them. Errors leave the
 * store with what says what went wrong, PostgreSQL's message and SQLSTATE code, and nothing else.
 */
function withoutValues(error: unknown): Error {
  const e = (error ?? {}) as { message?: unknown; code?: unknown };
  const plain = new Error(typeof e.message === 'string' ? e.message : 'database error') as Error & { code?: string };
  if (typeof e.code === 'string') plain.code = e.code;
  return plain;
}

/**
 * The store as callers get it, every method wrapped once:
 * - its failure passed through withoutValues;
 * - counted in `activity`: one more for every method called, and no reading at all while one is
 *   under way. The sender reads it around `nextWork` and again at its next run; the same number
 *   means nothing has touched the database in between (lib/alerts/service.ts).
 */
function guarded(store: StoreQueries): Store {
  let started = 0;
  let underWay = 0;
  const wrapped = { ...store, activity: () => (underWay === 0 ? started : undefined) };
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') continue;
    (wrapped as Record<string, unknown>)[name] = (...args: unknown[]) => {
      started++;
      underWay++;
      return (method as (...a: unknown[]) => Promise<unknown>)
        .apply(store, args)
        .catch((error: unknown) => {
          throw withoutValues(error);
        })
        .finally(() => underWay--);
    };
  }
  return wrapped;
}

async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'alerts_migration',
    migrationLockTableName: 'alerts_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`alerts: database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
}

function makeStore(db: Db, driver: Store['driver'], installId: string): StoreQueries {
  return {
    driver,
    installId,
    // The embedded database's folder is locked to this process (data-dir-lock.ts); a PostgreSQL
    // server is shared with every other instance and whoever else has its address.
    soleWriter: driver === 'pglite',
    close: () => db.destroy(),
    ...subscriptionQueries(db),
    ...planningQueries(db),
    ...sendingQueries(db),
    ...nextWorkQueries(db),

    async stats() {
      const count = async (table: keyof Database) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const pending = await db
        .selectFrom('message')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .executeTakeFirstOrThrow();
      const sent = await db
        .selectFrom('message')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sent_at', 'is not', null)
        .executeTakeFirstOrThrow();
      const failed = await db
        .selectFrom('message')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('failed_at', 'is not', null)
        .executeTakeFirstOrThrow();
      const sizes = await sql<{ database: number; subscriptions: number }>`select pg_database_size(current_database())::bigint as database,
        (pg_total_relation_size('subscriber') + pg_total_relation_size('subscription'))::bigint as subscriptions`.execute(db);
      return {
        subscribers: await count('subscriber'),
        subscriptions: await count('subscription'),
        alerts: await count('alert'),
        deliveries: await count('delivery'),
        messages: { pending: Number(pending.n), sent: Number(sent.n), failed: Number(failed.n) },
        databaseBytes: Number(sizes.rows[0]!.database),
        subscriptionBytes: Number(sizes.rows[0]!.subscriptions),
      };
    },
  };
}
