/**
 * The alerts' tables as Kysely sees them, and the pieces every query module shares: the
 * advisory-lock keys, the row mapping and the planning lock. Only the store's modules import it.
 */
import { sql, type Generated, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AlertKind, AlertSnapshot, Frequency, SubjectKind, SubscriptionRow } from './types';

export interface Database {
  subscriber: { id: Generated<number>; email: string; mailbox: string; domain: string; created_at: Date; confirmed_at: Date | null };
  subscription: {
    id: Generated<number>;
    subscriber_id: number;
    kind: SubjectKind;
    slug: string;
    frequency: Frequency;
    corrections: boolean;
    planned: Generated<boolean>;
    created_at: Date;
    confirmed_at: Date | null;
  };
  alert: {
    id: Generated<number>;
    /** 'decision' (a post or its correction) or 'planned' (a key decision in the forward plan: migration 004). */
    kind: Generated<AlertKind>;
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

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** Key of the transaction-level advisory lock under which one instance at a time plans work. */
const PLAN_LOCK = 14_2011_0630;
/** First key of the per-mailbox advisory locks (the second is the mailbox's hash). */
export const MAILBOX_LOCK = 2011_0630;

export const toSubscription = (r: Selectable<Database['subscription']>): SubscriptionRow => ({
  id: r.id,
  subscriberId: r.subscriber_id,
  kind: r.kind,
  slug: r.slug,
  frequency: r.frequency,
  corrections: r.corrections,
  planned: r.planned,
  confirmedAt: r.confirmed_at,
});

/**
 * The claim's order, as the index message_claim_order (migration 003) holds it: confirmations
 * (a resident is waiting at the form) first, then first attempts, then retries.
 */
export const claimOrder = sql<number>`(case when message.kind = 'confirm' then 0 when message.attempts = 0 then 1 else 2 end)`;

/** Runs fn only if this transaction wins the planning lock; another instance is planning otherwise. */
export async function withPlanLock<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T | undefined> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${PLAN_LOCK}) as locked`.execute(tx);
    return rows[0]?.locked ? fn(tx) : undefined;
  });
}

/** Deletes the address once it has no confirmed subscription left; says whether it did. */
export async function deleteAddressIfNothingLeft(tx: Tx, subscriberId: number): Promise<boolean> {
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
