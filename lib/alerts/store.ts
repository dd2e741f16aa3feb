/**
 * The only module that talks SQL. One schema (migrations.ts), two drivers: the embedded PGlite
 * (PostgreSQL compiled to WebAssembly, files in a data folder) by default, and a PostgreSQL
 * server through `pg` when DATABASE_URL is set. Kysely writes the SQL for both.
 *
 * Every timestamp comes from the caller's clock (the site's clock: SITE_NOW in tests), never
 * from the database's now(), so a test that moves the site's clock moves the alerts with it.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type Selectable,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Generated,
  type QueryResult,
  type Transaction,
} from 'kysely';
import { lockDataDir } from './data-dir-lock';
import { canonicalMailbox } from './limits';
import { migrations } from './migrations';
import type { AlertRow, AlertSnapshot, ConfirmPayload, Frequency, OutgoingMessage, Subject, SubjectKind, SubscriberRow, SubscriptionRow } from './types';

interface Database {
  subscriber: { id: Generated<number>; email: string; mailbox: string; domain: string; created_at: Date; confirmed_at: Date | null };
  subscription: {
    id: Generated<number>;
    subscriber_id: number;
    kind: SubjectKind;
    slug: string;
    frequency: Frequency;
    corrections: boolean;
    created_at: Date;
    confirmed_at: Date | null;
  };
  alert: {
    id: Generated<number>;
    decision_slug: string;
    correction: string;
    baseline: boolean;
    seen_at: Date;
    planned_at: Date | null;
    snapshot: AlertSnapshot;
  };
  message: {
    id: Generated<number>;
    subscriber_id: number;
    kind: 'confirm' | 'alert' | 'digest';
    payload: unknown;
    created_at: Date;
    attempts: Generated<number>;
    next_attempt_at: Date;
    sent_at: Date | null;
    failed_at: Date | null;
    last_error: string | null;
    claim: string | null;
    claimed_until: Date | null;
  };
  delivery: { subscriber_id: number; alert_id: number; subscription_id: number; due_at: Date; message_id: number | null };
  alerts_state: { key: string; value: string };
  domain_backoff: { domain: string; failures: number; next_attempt_at: Date };
}

type Db = Kysely<Database>;
type Tx = Transaction<Database>;

/** Key of the transaction-level advisory lock under which one instance at a time plans work. */
const PLAN_LOCK = 14_2011_0630;
/** First key of the per-mailbox advisory locks (the second is the mailbox's hash). */
const MAILBOX_LOCK = 2011_0630;

// ---------------------------------------------------------------------------------------------
// PGlite through Kysely. PGlite is one connection; Kysely hands out "connections" per query or
// per transaction, so they are queued: a transaction holds the connection until it ends, and no
// other query can slip into it (kysely-pglite's driver shares the connection without a queue).

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

function pgliteDialect(client: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

export interface StoreOptions {
  /** postgres://… : a PostgreSQL server (several instances can share it). */
  databaseUrl?: string;
  /** Folder for the embedded PGlite database; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** Connections to the server (pg only). */
  poolSize?: number;
  /**
   * Told when the server ends an idle connection (a restart, a failover, an administrator);
   * the pool opens a new one on the next query. Without a listener, node-postgres rethrows it
   * and the process dies.
   */
  onConnectionLost?: (error: Error) => void;
}

export interface Store {
  readonly driver: 'pglite' | 'postgresql';
  /** This install's random id (set when its database was first set up), for Message-IDs. */
  readonly installId: string;
  close(): Promise<void>;
  requestSubscription(input: RequestInput): Promise<RequestOutcome>;
  confirm(payload: ConfirmPayload, now: Date): Promise<{ subscriberId: number; subject: Subject } | undefined>;
  subscriber(id: number): Promise<(SubscriberRow & { subscriptions: SubscriptionRow[] }) | undefined>;
  updateSubscription(subscriberId: number, subscriptionId: number, frequency: Frequency, corrections: boolean): Promise<boolean>;
  endSubscriptions(subscriberId: number, subscriptionIds: number[] | 'all'): Promise<{ ended: number; addressDeleted: boolean }>;
  /** Undefined when another instance holds the planning lock (it will do the same work). */
  syncAlerts(snapshots: Array<{ key: string; snapshot: AlertSnapshot }>, now: Date): Promise<{ added: number; baseline: boolean } | undefined>;
  plan(now: Date, planner: Planner): Promise<{ planned: number; deliveries: number; messages: number } | undefined>;
  /**
   * Claims the next message due (a short transaction), sends it with no connection held, and
   * records the answer (another short transaction). `clock` is read at the claim and at the
   * record, so a lease starts when its message is claimed, not when the run began.
   */
  sendOne(clock: () => Date, send: (message: OutgoingMessage) => Promise<SendOutcome>, policy: SendPolicy): Promise<SendResult>;
  forget(now: Date, policy: { unconfirmedDays: number; logDays: number }): Promise<{ subscribers: number; subscriptions: number; messages: number }>;
  stats(): Promise<StoreStats>;
  /** Confirmed subscriptions in bulk (moving from another service; the benchmark). */
  importConfirmed(rows: Array<{ email: string; subject: Subject; frequency: Frequency }>, now: Date): Promise<number>;
}

export interface StoreStats {
  subscribers: number;
  subscriptions: number;
  alerts: number;
  deliveries: number;
  messages: { pending: number; sent: number; failed: number };
  databaseBytes: number;
  /** Tables and their indexes, for the subscriber and subscription tables only. */
  subscriptionBytes: number;
}

export interface RequestInput {
  /** The address as stored (lib/alerts/limits.ts checkEmail). */
  email: string;
  /** The inbox it reaches and its domain, for the limits (lib/alerts/limits.ts canonicalMailbox). */
  mailbox: string;
  domain: string;
  subject: Subject;
  frequency: Frequency;
  corrections: boolean;
  now: Date;
  limits: ConfirmationLimits;
}

export interface ConfirmationLimits {
  /** Confirmation emails one mailbox may be sent in any hour, however its address is spelled. */
  perMailboxPerHour: number;
  /** Confirmation emails in the last hour to unconfirmed addresses at one domain. */
  perDomainInFlight: number;
  /** The same, all domains together. */
  inFlight: number;
}

export type RequestOutcome =
  /** queued: false when the mailbox has had its confirmation emails for the hour (said to nobody). */
  | { kind: 'recorded'; queued: boolean; subscriberId: number }
  /** Nothing recorded: too many confirmations are in flight to this domain, or to everyone. */
  | { kind: 'busy'; cap: 'domain' | 'site' };

/** What to do with one new alert: which subscriber gets it, through which subscription, when. */
export type Planner = (alert: AlertRow, subscriptions: SubscriptionRow[]) => Array<{ subscriberId: number; subscriptionId: number; dueAt: Date }>;

export interface SendPolicy {
  /**
   * How long a claim holds. Longer than the longest SMTP attempt (the mailer's timeouts and the
   * service's deadline), so while one sender is still talking SMTP no other takes its message;
   * short enough that a message whose sender died goes at the next run after it ends.
   */
  leaseMs: number;
  /** How long a domain is left alone after its n-th temporary failure in a row (n from 1). */
  domainBackoffMs: (failures: number) => number;
  /** Domains this run has seen fail: skipped for the rest of the run, whatever the clock says. */
  skipDomains?: ReadonlySet<string>;
}

/**
 * What became of one claim. `lost`: the answer came after the lease ended and another sender
 * had claimed the message again; nothing was recorded (that sender records its own answer).
 */
export type SendResult =
  { status: 'none' } | { status: 'dropped' | 'sent' | 'failed' | 'lost'; domain: string } | { status: 'retry'; domain: string; domainBackedOff: boolean };

export type SendOutcome =
  | { kind: 'sent' }
  /**
   * Try again later (SMTP down, 4xx). `backOffDomain`: the recipient's mail domain answered
   * "later", so its other messages wait too; not when our own SMTP server is unreachable.
   */
  | { kind: 'retry'; error: string; nextAttemptAt: Date; giveUp: boolean; backOffDomain: boolean }
  /** The address does not exist (5xx to RCPT TO): end its subscriptions. */
  | { kind: 'permanent'; error: string };

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
    const { PGlite } = await import('@electric-sql/pglite');
    const dataDir = options.dataDir ?? 'memory://';
    let unlock = () => {};
    if (!dataDir.startsWith('memory://')) {
      mkdirSync(dataDir, { recursive: true });
      unlock = lockDataDir(dataDir);
    }
    const client = await PGlite.create({ dataDir });
    const dialect = pgliteDialect(client);
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
  return valuesKeptIn(makeStore(db, driver, install.value));
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

/** The store with every method's failure passed through withoutValues. */
function valuesKeptIn(store: Store): Store {
  const guarded = { ...store };
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') continue;
    (guarded as Record<string, unknown>)[name] = (...args: unknown[]) =>
      (method as (...a: unknown[]) => Promise<unknown>).apply(store, args).catch((error: unknown) => {
        throw withoutValues(error);
      });
  }
  return guarded;
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

const toSubscription = (r: Selectable<Database['subscription']>): SubscriptionRow => ({
  id: r.id,
  subscriberId: r.subscriber_id,
  kind: r.kind,
  slug: r.slug,
  frequency: r.frequency,
  corrections: r.corrections,
  confirmedAt: r.confirmed_at,
});

/**
 * The claim's order, as the index message_claim_order (migration 003) holds it: confirmations
 * (a resident is waiting at the form) first, then first attempts, then retries.
 */
const claimOrder = sql<number>`(case when message.kind = 'confirm' then 0 when message.attempts = 0 then 1 else 2 end)`;

function makeStore(db: Db, driver: Store['driver'], installId: string): Store {
  /** Runs fn only if this transaction wins the planning lock; another instance is planning otherwise. */
  async function withPlanLock<T>(fn: (tx: Tx) => Promise<T>): Promise<T | undefined> {
    return db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${PLAN_LOCK}) as locked`.execute(tx);
      return rows[0]?.locked ? fn(tx) : undefined;
    });
  }

  async function deleteAddressIfNothingLeft(tx: Tx, subscriberId: number): Promise<boolean> {
    const left = await tx
      .selectFrom('subscription')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subscriber_id', '=', subscriberId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirstOrThrow();
    if (Number(left.n) > 0) return false;
    await tx.deleteFrom('subscriber').where('id', '=', subscriberId).execute();
    return true;
  }

  return {
    driver,
    installId,
    close: () => db.destroy(),

    async requestSubscription({ email, mailbox, domain, subject, frequency, corrections, now, limits }): Promise<RequestOutcome> {
      const hourAgo = new Date(now.getTime() - 3600_000);
      return db.transaction().execute(async (tx) => {
        // Requests for one mailbox, in any spelling, wait for each other until this transaction
        // ends, so two of them cannot both count two earlier emails and send a fourth.
        await sql`select pg_advisory_xact_lock(${MAILBOX_LOCK}, hashtext(${mailbox}))`.execute(tx);
        // Confirmation emails in flight: sent in the last hour to an address not confirmed yet.
        const inFlight = (byDomain: boolean) =>
          tx
            .selectFrom('message')
            .innerJoin('subscriber', 'subscriber.id', 'message.subscriber_id')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('message.kind', '=', 'confirm')
            .where('message.created_at', '>', hourAgo)
            .where('subscriber.confirmed_at', 'is', null)
            .$if(byDomain, (q) => q.where('subscriber.domain', '=', domain))
            .executeTakeFirstOrThrow();
        if (Number((await inFlight(false)).n) >= limits.inFlight) return { kind: 'busy', cap: 'site' } as const;
        if (Number((await inFlight(true)).n) >= limits.perDomainInFlight) return { kind: 'busy', cap: 'domain' } as const;
        const subscriber = await tx
          .insertInto('subscriber')
          .values({ email, mailbox, domain, created_at: now })
          .onConflict((oc) =>
            oc.column('email').doUpdateSet({
              // An address never confirmed is forgotten 7 days after its latest request.
              created_at: sql`case when subscriber.confirmed_at is null then excluded.created_at else subscriber.created_at end`,
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        const subscription = await tx
          .insertInto('subscription')
          .values({ subscriber_id: subscriber.id, kind: subject.kind, slug: subject.slug, frequency, corrections, created_at: now })
          .onConflict((oc) =>
            oc.columns(['subscriber_id', 'kind', 'slug']).doUpdateSet({
              // A confirmed subscription changes only when the new confirmation link is used.
              created_at: sql`case when subscription.confirmed_at is null then excluded.created_at else subscription.created_at end`,
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        const recent = await tx
          .selectFrom('message')
          .innerJoin('subscriber', 'subscriber.id', 'message.subscriber_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('subscriber.mailbox', '=', mailbox)
          .where('message.kind', '=', 'confirm')
          .where('message.created_at', '>', hourAgo)
          .executeTakeFirstOrThrow();
        if (Number(recent.n) >= limits.perMailboxPerHour) return { kind: 'recorded', queued: false, subscriberId: subscriber.id } as const;
        const payload: ConfirmPayload = { subscriptionId: subscription.id, frequency, corrections };
        await tx
          .insertInto('message')
          .values({ subscriber_id: subscriber.id, kind: 'confirm', payload: JSON.stringify(payload), created_at: now, next_attempt_at: now })
          .execute();
        return { kind: 'recorded', queued: true, subscriberId: subscriber.id } as const;
      });
    },

    async confirm({ subscriptionId, frequency, corrections }, now) {
      return db.transaction().execute(async (tx) => {
        // Only a subscription still waiting for confirmation takes the link's choices: a link
        // used again later (or replayed) must not undo what was changed on the manage page since.
        const row =
          (await tx
            .updateTable('subscription')
            .set({ confirmed_at: now, frequency, corrections })
            .where('id', '=', subscriptionId)
            .where('confirmed_at', 'is', null)
            .returning(['subscriber_id', 'kind', 'slug'])
            .executeTakeFirst()) ??
          (await tx.selectFrom('subscription').select(['subscriber_id', 'kind', 'slug']).where('id', '=', subscriptionId).executeTakeFirst());
        if (!row) return undefined;
        await tx
          .updateTable('subscriber')
          .set({ confirmed_at: sql`coalesce(confirmed_at, ${now})` })
          .where('id', '=', row.subscriber_id)
          .execute();
        return { subscriberId: row.subscriber_id, subject: { kind: row.kind, slug: row.slug } };
      });
    },

    async subscriber(id) {
      const row = await db.selectFrom('subscriber').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const subscriptions = await db
        .selectFrom('subscription')
        .selectAll()
        .where('subscriber_id', '=', id)
        .where('confirmed_at', 'is not', null)
        .orderBy('id')
        .execute();
      return {
        id: row.id,
        email: row.email,
        createdAt: row.created_at,
        confirmedAt: row.confirmed_at,
        subscriptions: subscriptions.map(toSubscription),
      };
    },

    async updateSubscription(subscriberId, subscriptionId, frequency, corrections) {
      const result = await db
        .updateTable('subscription')
        .set({ frequency, corrections })
        .where('id', '=', subscriptionId)
        .where('subscriber_id', '=', subscriberId)
        .where('confirmed_at', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async endSubscriptions(subscriberId, subscriptionIds) {
      return db.transaction().execute(async (tx) => {
        let query = tx.deleteFrom('subscription').where('subscriber_id', '=', subscriberId);
        if (subscriptionIds !== 'all') {
          if (subscriptionIds.length === 0) return { ended: 0, addressDeleted: false };
          query = query.where('id', 'in', subscriptionIds);
        }
        const result = await query.executeTakeFirst();
        const exists = await tx.selectFrom('subscriber').select('id').where('id', '=', subscriberId).executeTakeFirst();
        const addressDeleted = exists ? await deleteAddressIfNothingLeft(tx, subscriberId) : false;
        return { ended: Number(result.numDeletedRows), addressDeleted };
      });
    },

    async syncAlerts(snapshots, now) {
      const done = await withPlanLock(async (tx) => {
        const state = await tx.selectFrom('alerts_state').select('value').where('key', '=', 'baseline').executeTakeFirst();
        // On the first start, what is already published is the baseline: nobody gets 2011's posts.
        const baseline = !state;
        const insert = async (list: typeof snapshots, isBaseline: (slug: string) => boolean) => {
          const added: string[] = [];
          for (let i = 0; i < list.length; i += 500) {
            const rows = list.slice(i, i + 500).map(({ key, snapshot }) => ({
              decision_slug: snapshot.slug,
              correction: key,
              baseline: isBaseline(snapshot.slug),
              seen_at: now,
              planned_at: isBaseline(snapshot.slug) ? now : null,
              snapshot: JSON.stringify(snapshot) as unknown as AlertSnapshot,
            }));
            const result = await tx
              .insertInto('alert')
              .values(rows)
              .onConflict((oc) => oc.columns(['decision_slug', 'correction']).doNothing())
              .returning('decision_slug')
              .execute();
            added.push(...result.map((r) => r.decision_slug));
          }
          return added;
        };
        const posts = await insert(
          snapshots.filter((s) => s.key === ''),
          () => baseline,
        );
        // A post that arrives with corrections already in it is one piece of news, not several.
        const newPosts = new Set(posts);
        const corrections = await insert(
          snapshots.filter((s) => s.key !== ''),
          (slug) => baseline || newPosts.has(slug),
        );
        if (baseline) await tx.insertInto('alerts_state').values({ key: 'baseline', value: now.toISOString() }).execute();
        return { added: posts.length + corrections.length, baseline };
      });
      return done;
    },

    async plan(now, planner) {
      return withPlanLock(async (tx) => {
        // 1. Each new alert: which subscriber gets it, when. The primary key of delivery makes a
        //    second delivery of one alert to one subscriber impossible.
        const alerts = await tx.selectFrom('alert').selectAll().where('planned_at', 'is', null).orderBy('id').execute();
        let deliveries = 0;
        if (alerts.length > 0) {
          const subscriptions = (await tx.selectFrom('subscription').selectAll().where('confirmed_at', 'is not', null).execute()).map(toSubscription);
          for (const alert of alerts) {
            const row: AlertRow = { id: alert.id, snapshot: alert.snapshot, seenAt: alert.seen_at, isCorrection: alert.correction !== '' };
            const planned = planner(row, subscriptions);
            for (let i = 0; i < planned.length; i += 1000) {
              const result = await tx
                .insertInto('delivery')
                .values(
                  planned
                    .slice(i, i + 1000)
                    .map((p) => ({ subscriber_id: p.subscriberId, alert_id: alert.id, subscription_id: p.subscriptionId, due_at: p.dueAt })),
                )
                .onConflict((oc) => oc.columns(['subscriber_id', 'alert_id']).doNothing())
                .executeTakeFirst();
              deliveries += Number(result.numInsertedOrUpdatedRows ?? 0);
            }
            await tx.updateTable('alert').set({ planned_at: now }).where('id', '=', alert.id).execute();
          }
        }
        // 2. Deliveries now due become emails: one per alert for "as it happens", one digest per
        //    subscriber for the rest.
        const due = await tx
          .selectFrom('delivery')
          .innerJoin('subscription', 'subscription.id', 'delivery.subscription_id')
          .select(['delivery.subscriber_id', 'delivery.alert_id', 'subscription.frequency'])
          .where('delivery.message_id', 'is', null)
          .where('delivery.due_at', '<=', now)
          .orderBy('delivery.subscriber_id')
          .orderBy('delivery.alert_id')
          .execute();
        const groups = new Map<string, { subscriberId: number; kind: 'alert' | 'digest'; frequency: Frequency; alertIds: number[] }>();
        for (const d of due) {
          const key = d.frequency === 'immediate' ? `${d.subscriber_id}:a${d.alert_id}` : `${d.subscriber_id}:digest`;
          const group = groups.get(key) ?? {
            subscriberId: d.subscriber_id,
            kind: d.frequency === 'immediate' ? 'alert' : 'digest',
            frequency: d.frequency,
            alertIds: [],
          };
          // A digest covers every followed subject; weekly wins the label if both are due at once.
          if (group.kind === 'digest' && d.frequency === 'weekly') group.frequency = 'weekly';
          group.alertIds.push(d.alert_id);
          groups.set(key, group);
        }
        const list = [...groups.values()];
        for (let i = 0; i < list.length; i += 500) {
          const chunk = list.slice(i, i + 500);
          const ids = await tx
            .insertInto('message')
            .values(
              chunk.map((g) => ({
                subscriber_id: g.subscriberId,
                kind: g.kind,
                payload: JSON.stringify({ frequency: g.frequency }),
                created_at: now,
                next_attempt_at: now,
              })),
            )
            .returning('id')
            .execute();
          // One statement for the chunk: (subscriber, alert) → message.
          const pairs = chunk.flatMap((g, j) => g.alertIds.map((alertId) => ({ subscriberId: g.subscriberId, alertId, messageId: ids[j]!.id })));
          for (let k = 0; k < pairs.length; k += 1000) {
            const part = pairs.slice(k, k + 1000);
            await sql`update delivery set message_id = v.message_id
              from (values ${sql.join(part.map((p) => sql`(${p.subscriberId}::bigint, ${p.alertId}::bigint, ${p.messageId}::bigint)`))}) as v(subscriber_id, alert_id, message_id)
              where delivery.subscriber_id = v.subscriber_id and delivery.alert_id = v.alert_id and delivery.message_id is null`.execute(tx);
          }
        }
        return { planned: alerts.length, deliveries, messages: list.length };
      });
    },

    async sendOne(clock, send, { leaseMs, domainBackoffMs, skipDomains }) {
      // 1. The claim: one statement, so one short implicit transaction. SKIP LOCKED passes over a
      //    message another sender is claiming at this moment; the lease (claimed_until) keeps it
      //    from every other sender once the statement commits, until the answer is recorded or
      //    the lease ends. No statement runs while the SMTP server answers.
      const claim = randomUUID();
      const skip = new Set(skipDomains);
      const release = (id: number) =>
        db.updateTable('message').set({ claim: null, claimed_until: null }).where('id', '=', id).where('claim', '=', claim).execute();
      let claimed: {
        id: number;
        kind: 'confirm' | 'alert' | 'digest';
        payload: unknown;
        attempts: number;
        subscriber_id: number;
        email: string;
        domain: string;
      };
      let backedOff: boolean;
      for (;;) {
        const claimedAt = clock();
        const leaseEnd = new Date(claimedAt.getTime() + leaseMs);
        const row = await db
          .with('next', (qb) =>
            qb
              .selectFrom('message')
              .innerJoin('subscriber', 'subscriber.id', 'message.subscriber_id')
              .leftJoin('domain_backoff', 'domain_backoff.domain', 'subscriber.domain')
              .select(['message.id', 'subscriber.email', 'subscriber.domain', 'domain_backoff.domain as backoff_domain'])
              .where('message.sent_at', 'is', null)
              .where('message.failed_at', 'is', null)
              .where('message.next_attempt_at', '<=', claimedAt)
              .where((eb) => eb.or([eb('message.claimed_until', 'is', null), eb('message.claimed_until', '<=', claimedAt)]))
              .where((eb) => eb.or([eb('domain_backoff.next_attempt_at', 'is', null), eb('domain_backoff.next_attempt_at', '<=', claimedAt)]))
              .$if(skip.size > 0, (q) => q.where('subscriber.domain', 'not in', [...skip]))
              .orderBy(claimOrder)
              .orderBy('message.next_attempt_at')
              .orderBy('message.id')
              .limit(1)
              .forUpdate('message')
              .skipLocked(),
          )
          .updateTable('message')
          .from('next')
          .set({ claim, claimed_until: leaseEnd })
          .whereRef('message.id', '=', 'next.id')
          .returning([
            'message.id',
            'message.kind',
            'message.payload',
            'message.attempts',
            'message.subscriber_id',
            'next.email',
            'next.domain',
            'next.backoff_domain',
          ])
          .executeTakeFirst();
        if (!row) return { status: 'none' };
        backedOff = row.backoff_domain !== null;
        if (backedOff) {
          // The domain's backoff has ended and this message is its probe: the domain stays
          // closed to every other sender until the probe's answer is recorded (or its lease
          // ends), so a struggling domain gets one attempt at a time, not one per sender. Of two
          // senders that claimed a probe each, the second's update waits for the first's and
          // then finds the domain held: it lets its message go and claims from other domains.
          const held = await db
            .updateTable('domain_backoff')
            .set({ next_attempt_at: leaseEnd })
            .where('domain', '=', row.domain)
            .where('next_attempt_at', '<=', claimedAt)
            .executeTakeFirst();
          if (Number(held.numUpdatedRows) === 0) {
            await release(row.id);
            skip.add(row.domain);
            continue;
          }
        }
        claimed = row;
        break;
      }
      const { domain } = claimed;
      // A probe that proved nothing either way (no answer from our own server, a message refused
      // for what it is, its address gone meanwhile) opens the domain to the next one.
      const releaseProbe = async (at: Date) => {
        if (backedOff) await db.updateTable('domain_backoff').set({ next_attempt_at: at }).where('domain', '=', domain).execute();
      };

      // 2. What the email says (the claim stands: nobody else touches this message).
      let outgoing: OutgoingMessage | undefined;
      if (claimed.kind === 'confirm') {
        const payload = claimed.payload as ConfirmPayload;
        const subscription = await db.selectFrom('subscription').select(['kind', 'slug']).where('id', '=', payload.subscriptionId).executeTakeFirst();
        if (subscription) {
          outgoing = {
            id: claimed.id,
            kind: 'confirm',
            attempts: claimed.attempts,
            email: claimed.email,
            subscriberId: claimed.subscriber_id,
            payload,
            subject: subscription,
          };
        }
      } else {
        const rows = await db
          .selectFrom('delivery')
          .innerJoin('alert', 'alert.id', 'delivery.alert_id')
          .select(['alert.snapshot', 'delivery.subscription_id'])
          .where('delivery.message_id', '=', claimed.id)
          .orderBy('alert.id')
          .execute();
        if (rows.length > 0) {
          outgoing = {
            id: claimed.id,
            kind: claimed.kind,
            attempts: claimed.attempts,
            email: claimed.email,
            subscriberId: claimed.subscriber_id,
            frequency: (claimed.payload as { frequency: Frequency }).frequency,
            alerts: rows.map((r) => r.snapshot),
            subscriptionIds: [...new Set(rows.map((r) => r.subscription_id))],
          };
        }
      }
      if (!outgoing) {
        // Its subscription ended before it went: nothing to say.
        const now = clock();
        await db
          .updateTable('message')
          .set({ failed_at: now, last_error: 'nothing left to send', claim: null, claimed_until: null })
          .where('id', '=', claimed.id)
          .where('claim', '=', claim)
          .execute();
        await releaseProbe(now);
        return { status: 'dropped', domain };
      }

      // 3. The SMTP conversation, with no connection or transaction held.
      const outcome = await send(outgoing);

      // 4. The record, only if the claim is still this one's: its lease may have ended and
      //    another sender taken the message over (that sender records its own answer).
      const recordedAt = clock();
      const whyNotMine = async (): Promise<SendResult> => {
        const row = await db.selectFrom('message').select('id').where('id', '=', claimed.id).executeTakeFirst();
        // Gone: its address unsubscribed while it was on its way (the row is no longer locked
        // while the SMTP server answers). Nothing left to record.
        if (!row) {
          await releaseProbe(recordedAt);
          return { status: 'dropped', domain };
        }
        return { status: 'lost', domain };
      };
      if (outcome.kind === 'sent') {
        const done = await db
          .updateTable('message')
          .set((eb) => ({ sent_at: recordedAt, attempts: eb('attempts', '+', 1), last_error: null, claim: null, claimed_until: null }))
          .where('id', '=', claimed.id)
          .where('claim', '=', claim)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) return whyNotMine();
        // The domain's mail host took a message: its backoff is over.
        if (backedOff) await db.deleteFrom('domain_backoff').where('domain', '=', domain).execute();
        return { status: 'sent', domain };
      }
      if (outcome.kind === 'permanent') {
        // The address does not exist: end its subscriptions and forget it (its messages go with
        // it). The domain's mail host answered, so its backoff is over too.
        const done = await db
          .deleteFrom('subscriber')
          .where('id', '=', claimed.subscriber_id)
          .where((eb) => eb.exists(eb.selectFrom('message').select('id').where('id', '=', claimed.id).where('claim', '=', claim)))
          .executeTakeFirst();
        if (Number(done.numDeletedRows) === 0) return whyNotMine();
        if (backedOff) await db.deleteFrom('domain_backoff').where('domain', '=', domain).execute();
        return { status: 'failed', domain };
      }
      const done = await db
        .updateTable('message')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: outcome.nextAttemptAt,
          last_error: outcome.error.slice(0, 500),
          failed_at: outcome.giveUp ? recordedAt : null,
          claim: null,
          claimed_until: null,
        }))
        .where('id', '=', claimed.id)
        .where('claim', '=', claim)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) return whyNotMine();
      if (outcome.backOffDomain) {
        await db.transaction().execute(async (tx) => {
          // Its other messages wait too, each wait twice the last while the failures go on: a
          // failed probe (or a first failure) doubles it; a failure of a message sent alongside
          // another that has just backed the domain off leaves that backoff as it is.
          const before = await tx.selectFrom('domain_backoff').selectAll().where('domain', '=', domain).forUpdate().executeTakeFirst();
          if (backedOff || !before || before.next_attempt_at <= recordedAt) {
            const failures = (before?.failures ?? 0) + 1;
            const until = new Date(recordedAt.getTime() + domainBackoffMs(failures));
            await tx
              .insertInto('domain_backoff')
              .values({ domain, failures, next_attempt_at: until })
              .onConflict((oc) => oc.column('domain').doUpdateSet({ failures, next_attempt_at: until }))
              .execute();
          }
        });
      } else await releaseProbe(recordedAt);
      return outcome.giveUp ? { status: 'failed', domain } : { status: 'retry', domain, domainBackedOff: outcome.backOffDomain };
    },

    async forget(now, { unconfirmedDays, logDays }) {
      const unconfirmedBefore = new Date(now.getTime() - unconfirmedDays * 86_400_000);
      const logBefore = new Date(now.getTime() - logDays * 86_400_000);
      return db.transaction().execute(async (tx) => {
        const subscribers = await tx.deleteFrom('subscriber').where('confirmed_at', 'is', null).where('created_at', '<', unconfirmedBefore).executeTakeFirst();
        const subscriptions = await tx
          .deleteFrom('subscription')
          .where('confirmed_at', 'is', null)
          .where('created_at', '<', unconfirmedBefore)
          .executeTakeFirst();
        // A message's deliveries go with it (ON DELETE CASCADE); its alert stays planned, so
        // forgetting the log can never make an alert go out again.
        const messages = await tx
          .deleteFrom('message')
          .where((eb) => eb.or([eb('sent_at', '<', logBefore), eb('failed_at', '<', logBefore)]))
          .executeTakeFirst();
        return {
          subscribers: Number(subscribers.numDeletedRows),
          subscriptions: Number(subscriptions.numDeletedRows),
          messages: Number(messages.numDeletedRows),
        };
      });
    },

    async importConfirmed(rows, now) {
      let imported = 0;
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await db.transaction().execute(async (tx) => {
          const ids = await tx
            .insertInto('subscriber')
            .values(chunk.map((r) => ({ email: r.email, ...canonicalMailbox(r.email), created_at: now, confirmed_at: now })))
            .onConflict((oc) => oc.column('email').doUpdateSet({ confirmed_at: sql`coalesce(subscriber.confirmed_at, excluded.confirmed_at)` }))
            .returning(['id', 'email'])
            .execute();
          const byEmail = new Map(ids.map((r) => [r.email, r.id]));
          const result = await tx
            .insertInto('subscription')
            .values(
              chunk.map((r) => ({
                subscriber_id: byEmail.get(r.email)!,
                kind: r.subject.kind,
                slug: r.subject.slug,
                frequency: r.frequency,
                corrections: false,
                created_at: now,
                confirmed_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['subscriber_id', 'kind', 'slug']).doNothing())
            .executeTakeFirst();
          imported += Number(result.numInsertedOrUpdatedRows ?? 0);
        });
      }
      return imported;
    },

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
