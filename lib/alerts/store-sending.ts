/** The sender's queries: claim one due message under a lease, then record SMTP's answer. */
import { randomUUID } from 'node:crypto';
import { claimOrder, type Db } from './store-schema';
import type { ConfirmPayload, Frequency, OutgoingMessage } from './types';
import type { SendResult, Store } from './store-types';

export function sendingQueries(db: Db): Pick<Store, 'sendOne'> {
  return {
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
  };
}
