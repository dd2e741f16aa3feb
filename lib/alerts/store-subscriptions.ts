/** Queries on subscribers and their subscriptions: request, confirm, manage, end, import, forget. */
import { sql } from 'kysely';
import { canonicalMailbox } from './limits';
import { deleteAddressIfNothingLeft, MAILBOX_LOCK, toSubscription, type Db } from './store-schema';
import { FORWARD_PLAN_KINDS, type ConfirmPayload } from './types';
import type { RequestOutcome, Store } from './store-types';

type SubscriptionQueries = Pick<
  Store,
  'requestSubscription' | 'confirm' | 'subscriber' | 'updateSubscription' | 'endSubscriptions' | 'forget' | 'importConfirmed'
>;

export function subscriptionQueries(db: Db): SubscriptionQueries {
  return {
    async requestSubscription({ email, mailbox, domain, subject, frequency, corrections, planned = false, now, limits }): Promise<RequestOutcome> {
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
        const payload: ConfirmPayload = { subscriptionId: subscription.id, frequency, corrections, planned };
        await tx
          .insertInto('message')
          .values({ subscriber_id: subscriber.id, kind: 'confirm', payload: JSON.stringify(payload), created_at: now, next_attempt_at: now })
          .execute();
        return { kind: 'recorded', queued: true, subscriberId: subscriber.id } as const;
      });
    },

    async confirm({ subscriptionId, frequency, corrections, planned = false }, now) {
      return db.transaction().execute(async (tx) => {
        // Only a subscription still waiting for confirmation takes the link's choices: a link
        // used again later (or replayed) must not undo what was changed on the manage page since.
        const row =
          (await tx
            .updateTable('subscription')
            .set({ confirmed_at: now, frequency, corrections, planned })
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

    async updateSubscription(subscriberId, subscriptionId, { frequency, corrections, planned }) {
      const result = await db
        .updateTable('subscription')
        // A topic cannot follow the forward plan (its agenda items have no topics): no for it, whatever the form said.
        .set({ frequency, corrections, planned: planned ? sql<boolean>`kind in (${sql.join([...FORWARD_PLAN_KINDS])})` : false })
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
  };
}
