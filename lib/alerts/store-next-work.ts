/**
 * When the sender next has work, read from the database once so that the sender need not ask it
 * every minute (lib/alerts/service.ts). Each time below mirrors a query that finds work:
 * store-planning.ts's unplanned alerts and due deliveries, store-sending.ts's claim (a message
 * due, its lease ended, its domain's backoff over) and store-subscriptions.ts's forget.
 */
import { sql } from 'kysely';
import type { Db } from './store-schema';
import type { Store } from './store-types';

const DAY_MS = 86_400_000;

export function nextWorkQueries(db: Db): Pick<Store, 'nextWork'> {
  return {
    async nextWork({ unconfirmedDays, logDays }) {
      // PostgreSQL's greatest() and least() pass over nulls: a message with no lease and no
      // backoff is due at its next_attempt_at.
      const { rows } = await sql<Record<'unplanned' | 'delivery' | 'message' | 'unconfirmedAddress' | 'unconfirmedSubscription' | 'logged', Date | null>>`
        select
          (select min(seen_at) from alert where planned_at is null) as "unplanned",
          (select min(due_at) from delivery where message_id is null) as "delivery",
          (select min(greatest(m.next_attempt_at, m.claimed_until, b.next_attempt_at))
             from message m
             join subscriber s on s.id = m.subscriber_id
             left join domain_backoff b on b.domain = s.domain
            where m.sent_at is null and m.failed_at is null) as "message",
          (select min(created_at) from subscriber where confirmed_at is null) as "unconfirmedAddress",
          (select min(created_at) from subscription where confirmed_at is null) as "unconfirmedSubscription",
          (select min(least(sent_at, failed_at)) from message where sent_at is not null or failed_at is not null) as "logged"
      `.execute(db);
      const row = rows[0]!;
      // forget() takes what is strictly older than its limit: a row is forgettable 1 ms after it turns that old.
      const after = (at: Date | null, days: number) => (at ? new Date(new Date(at).getTime() + days * DAY_MS + 1) : null);
      return {
        sendAt: earliest([row.unplanned, row.delivery, row.message]),
        forgetAt: earliest([after(row.unconfirmedAddress, unconfirmedDays), after(row.unconfirmedSubscription, unconfirmedDays), after(row.logged, logDays)]),
      };
    },
  };
}

function earliest(times: Array<Date | null>): Date | undefined {
  const known = times.filter((t): t is Date => t !== null).map((t) => new Date(t).getTime());
  return known.length > 0 ? new Date(Math.min(...known)) : undefined;
}
