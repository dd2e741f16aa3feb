import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The one schema, for PGlite and for PostgreSQL alike. Migrations are code (not files read at
 * run time) so the Next.js bundle and the standalone output carry them. Never edit a migration
 * that has shipped: add the next one.
 *
 * What is stored, and why (docs and /alerts/privacy say the same):
 * - subscriber: the address, and when it was confirmed. Nothing else about the person.
 * - subscription: what an address follows, how often, and whether corrections too.
 * - alert: each post (and each correction) the service has seen, with the public facts an email
 *   needs, so an email can still be written if a later deploy drops the post.
 * - delivery: which subscriber gets which alert. Its primary key makes a second send of one
 *   alert to one subscriber impossible, whichever subscriptions match it.
 * - message: one email to send (confirmation, alert or digest), with its retry state.
 * - alerts_state: facts about the service itself (the first-start baseline, the install's
 *   random id in every Message-ID).
 * - domain_backoff: mail domains whose mail host answered "try again later" lately, and until
 *   when the sender leaves them alone. Names a domain, never an address.
 * - (004) subscription.planned: whether the subscription also wants the forward plan's key
 *   decisions; alert.kind: a post's alert or a planned key decision's.
 */
export const migrations: Record<string, Migration> = {
  '001-alerts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('subscriber')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('confirmed_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('subscription')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('subscriber_id', 'bigint', (c) => c.notNull().references('subscriber.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('all', 'committee', 'project', 'tag')`))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('immediate', 'daily', 'weekly')`))
        .addColumn('corrections', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('confirmed_at', 'timestamptz')
        .addUniqueConstraint('subscription_subject', ['subscriber_id', 'kind', 'slug'])
        .execute();
      await db.schema
        .createTable('alert')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('decision_slug', 'text', (c) => c.notNull())
        // '' for the post itself; for a correction, its date and a hash of its note.
        .addColumn('correction', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('baseline', 'boolean', (c) => c.notNull())
        .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
        .addColumn('planned_at', 'timestamptz')
        .addColumn('snapshot', 'jsonb', (c) => c.notNull())
        .addUniqueConstraint('alert_decision_correction', ['decision_slug', 'correction'])
        .execute();
      await db.schema
        .createTable('message')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('subscriber_id', 'bigint', (c) => c.notNull().references('subscriber.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('confirm', 'alert', 'digest')`))
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
        .addColumn('sent_at', 'timestamptz')
        .addColumn('failed_at', 'timestamptz')
        .addColumn('last_error', 'text')
        .execute();
      // The sender's claim (oldest due first, ties by id) reads this index in order: without the
      // id in it, every claim sorted all pending messages (10,000 subscribers: 10,000 sorts).
      await db.schema
        .createIndex('message_pending')
        .on('message')
        .columns(['next_attempt_at', 'id'])
        .where(sql.ref('sent_at'), 'is', null)
        .where(sql.ref('failed_at'), 'is', null)
        .execute();
      await db.schema.createIndex('message_subscriber').on('message').columns(['subscriber_id', 'created_at']).execute();
      await db.schema
        .createTable('delivery')
        .addColumn('subscriber_id', 'bigint', (c) => c.notNull().references('subscriber.id').onDelete('cascade'))
        .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alert.id').onDelete('cascade'))
        .addColumn('subscription_id', 'bigint', (c) => c.notNull().references('subscription.id').onDelete('cascade'))
        .addColumn('due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('message_id', 'bigint', (c) => c.references('message.id').onDelete('cascade'))
        // A message's deliveries go with it (retention), never back to "not yet sent".
        .addPrimaryKeyConstraint('delivery_once', ['subscriber_id', 'alert_id'])
        .execute();
      await db.schema.createIndex('delivery_due').on('delivery').columns(['due_at']).where(sql.ref('message_id'), 'is', null).execute();
      await db.schema.createIndex('delivery_message').on('delivery').columns(['message_id']).execute();
      await db.schema.createIndex('delivery_subscription').on('delivery').columns(['subscription_id']).execute();
      await db.schema
        .createTable('alerts_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['delivery', 'message', 'alert', 'subscription', 'subscriber', 'alerts_state']) await db.schema.dropTable(table).execute();
    },
  },
  /**
   * The mailbox an address reaches, for the limits on confirmation emails (lib/alerts/limits.ts,
   * canonicalMailbox): lower case, without a `+tag`, so that `Victim+1@x` and `victim@x` are
   * counted as the one inbox they are; and its domain, for the per-domain cap. Both are derived
   * from the address and go with it.
   */
  '002-mailbox': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('subscriber').addColumn('mailbox', 'text').execute();
      await db.schema.alterTable('subscriber').addColumn('domain', 'text').execute();
      await sql`update subscriber set
        domain = lower(split_part(email, '@', 2)),
        mailbox = lower(regexp_replace(split_part(email, '@', 1), '[+].*$', '')) || '@' || lower(split_part(email, '@', 2))`.execute(db);
      await db.schema
        .alterTable('subscriber')
        .alterColumn('mailbox', (c) => c.setNotNull())
        .execute();
      await db.schema
        .alterTable('subscriber')
        .alterColumn('domain', (c) => c.setNotNull())
        .execute();
      await db.schema.createIndex('subscriber_mailbox').on('subscriber').column('mailbox').execute();
      await db.schema.createIndex('subscriber_domain').on('subscriber').column('domain').execute();
      // The site-wide and per-domain caps count the last hour's confirmation emails.
      await db.schema.createIndex('message_confirm_recent').on('message').column('created_at').where(sql.ref('kind'), '=', 'confirm').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('message_confirm_recent').execute();
      await db.schema.alterTable('subscriber').dropColumn('domain').execute();
      await db.schema.alterTable('subscriber').dropColumn('mailbox').execute();
    },
  },
  /**
   * The sender claims a message in one short transaction and records the SMTP server's answer in
   * another, holding no connection while it talks SMTP (a stalled server held PGlite's only
   * connection, and with it every form, for as long as it stalled). `claim` names the sender
   * run's claim and `claimed_until` ends its lease: a sender that died mid-send leaves a claim
   * that another run takes over once the lease is over.
   */
  '003-sender': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('message').addColumn('claim', 'text').execute();
      await db.schema.alterTable('message').addColumn('claimed_until', 'timestamptz').execute();
      // The claim's order (store.sendOne): confirmations first, then first attempts, then
      // retries; oldest first within each. The index holds that order, so a claim reads it
      // from the index and stops at the first message it may take instead of sorting every
      // pending message (10,000 subscribers: 10,000 sorts). It replaces message_pending, which
      // held the old order (oldest due first) under the same condition.
      await sql`create index message_claim_order on message
        ((case when kind = 'confirm' then 0 when attempts = 0 then 1 else 2 end), next_attempt_at, id)
        where sent_at is null and failed_at is null`.execute(db);
      await db.schema.dropIndex('message_pending').execute();
      await db.schema
        .createTable('domain_backoff')
        .addColumn('domain', 'text', (c) => c.primaryKey())
        // Temporary failures in a row: each doubles the wait.
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // Message-IDs are built from the message's serial id, which starts again at 1 in a new
      // database; this install's random id keeps them unique across resets and installs. Set
      // once: a database set up before this migration gets one now.
      await sql`insert into alerts_state (key, value) values ('install', ${randomBytes(8).toString('hex')}) on conflict (key) do nothing`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`delete from alerts_state where key = 'install'`.execute(db);
      await db.schema.dropTable('domain_backoff').execute();
      await db.schema
        .createIndex('message_pending')
        .on('message')
        .columns(['next_attempt_at', 'id'])
        .where(sql.ref('sent_at'), 'is', null)
        .where(sql.ref('failed_at'), 'is', null)
        .execute();
      await db.schema.dropIndex('message_claim_order').execute();
      await db.schema.alterTable('message').dropColumn('claimed_until').execute();
      await db.schema.alterTable('message').dropColumn('claim').execute();
    },
  },
  /**
   * Follow what is coming: a subscription may also ask for the key decisions first added to the
   * forward plan (an agenda item with `keyDecision: true`), and an alert is either a post's (as
   * before) or a planned key decision's. For a planned one, `decision_slug` holds the meeting's
   * slug and `correction` the agenda item's id, so (kind, decision_slug, correction) names each
   * planned key decision once, as (decision_slug, correction) named each post and correction:
   * a second sighting, or a later edit of the item, inserts nothing.
   */
  '004-forward-plan': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('subscription')
        .addColumn('planned', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema
        .alterTable('alert')
        .addColumn('kind', 'text', (c) =>
          c
            .notNull()
            .defaultTo('decision')
            .check(sql`kind in ('decision', 'planned')`),
        )
        .execute();
      await db.schema.alterTable('alert').dropConstraint('alert_decision_correction').execute();
      await db.schema.alterTable('alert').addUniqueConstraint('alert_kind_slug_key', ['kind', 'decision_slug', 'correction']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db
        .deleteFrom('alert' as never)
        .where(sql.ref('kind'), '=', 'planned')
        .execute();
      await db.schema.alterTable('alert').dropConstraint('alert_kind_slug_key').execute();
      await db.schema.alterTable('alert').addUniqueConstraint('alert_decision_correction', ['decision_slug', 'correction']).execute();
      await db.schema.alterTable('alert').dropColumn('kind').execute();
      await db.schema.alterTable('subscription').dropColumn('planned').execute();
    },
  },
};
