/** Queries that turn posts into alerts and alerts into deliveries and messages, under the planning lock. */
import { sql } from 'kysely';
import type { AlertKind, AlertRow, AlertSnapshot, Frequency } from './types';
import { withPlanLock, toSubscription, type Db } from './store-schema';
import type { Store } from './store-types';

export function planningQueries(db: Db): Pick<Store, 'syncAlerts' | 'plan'> {
  return {
    async syncAlerts(snapshots, now) {
      const done = await withPlanLock(db, async (tx) => {
        const state = await tx.selectFrom('alerts_state').select(['key', 'value']).where('key', 'in', ['baseline', 'baseline-planned']).execute();
        // On the first start, what is already published is the baseline: nobody gets 2011's posts.
        const baseline = !state.some((s) => s.key === 'baseline');
        // Likewise the forward plan, the first time the service sees it (a new install, or one
        // set up before migration 004): only key decisions added after that are news.
        const plannedBaseline = !state.some((s) => s.key === 'baseline-planned');
        const insert = async (list: typeof snapshots, kind: AlertKind, isBaseline: (slug: string) => boolean) => {
          const added: string[] = [];
          for (let i = 0; i < list.length; i += 500) {
            const rows = list.slice(i, i + 500).map(({ key, snapshot }) => ({
              kind,
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
              .onConflict((oc) => oc.columns(['kind', 'decision_slug', 'correction']).doNothing())
              .returning('decision_slug')
              .execute();
            added.push(...result.map((r) => r.decision_slug));
          }
          return added;
        };
        const ofPosts = snapshots.filter((s) => (s.kind ?? 'decision') === 'decision');
        const posts = await insert(
          ofPosts.filter((s) => s.key === ''),
          'decision',
          () => baseline,
        );
        // A post that arrives with corrections already in it is one piece of news, not several.
        const newPosts = new Set(posts);
        const corrections = await insert(
          ofPosts.filter((s) => s.key !== ''),
          'decision',
          (slug) => baseline || newPosts.has(slug),
        );
        const planned = await insert(
          snapshots.filter((s) => s.kind === 'planned'),
          'planned',
          () => plannedBaseline,
        );
        if (baseline) await tx.insertInto('alerts_state').values({ key: 'baseline', value: now.toISOString() }).execute();
        if (plannedBaseline) await tx.insertInto('alerts_state').values({ key: 'baseline-planned', value: now.toISOString() }).execute();
        return { added: posts.length + corrections.length + planned.length, baseline };
      });
      return done;
    },

    async plan(now, planner) {
      return withPlanLock(db, async (tx) => {
        // 1. Each new alert: which subscriber gets it, when. The primary key of delivery makes a
        //    second delivery of one alert to one subscriber impossible.
        const alerts = await tx.selectFrom('alert').selectAll().where('planned_at', 'is', null).orderBy('id').execute();
        let deliveries = 0;
        if (alerts.length > 0) {
          const subscriptions = (await tx.selectFrom('subscription').selectAll().where('confirmed_at', 'is not', null).execute()).map(toSubscription);
          for (const alert of alerts) {
            const row: AlertRow = {
              id: alert.id,
              snapshot: alert.snapshot,
              seenAt: alert.seen_at,
              isCorrection: alert.kind === 'decision' && alert.correction !== '',
              isPlanned: alert.kind === 'planned',
            };
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
  };
}
