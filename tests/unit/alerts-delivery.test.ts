/**
 * The alerts service end to end below the web layer, with real parts: the store on the
 * embedded PGlite and on the local PostgreSQL server, mail over TCP to an SMTP server, read
 * back with mailparser.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../lib/alerts/mailer';
import { Alerts, RETRY_FIRST_MS } from '../../lib/alerts/service';
import { openStore, type Store } from '../../lib/alerts/store';
import type { Decision } from '../../lib/content/types';
import { contentSource, decision, freshDatabase, linkIn, manualClock, PG_ADMIN_URL, SECRET, startSink, tokenOf, type Sink } from '../support/alerts';

const drivers = ['pglite', 'postgresql'] as const;

// A hang guard, not a speed check: each test starts its own database, and PGlite's WebAssembly
// start-up takes several seconds on a busy machine (longer on Node.js 24).
describe.each(drivers)('alerts on %s', { timeout: 60_000 }, (driver) => {
  let sink: Sink;
  let posts: Decision[];
  let clock: ReturnType<typeof manualClock>;
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  const opened: Alerts[] = [];

  async function makeAlerts(): Promise<{ alerts: Alerts; store: Store }> {
    const store = await openStore(driver === 'postgresql' ? { databaseUrl } : { dataDir: 'memory://' });
    const alerts = new Alerts({
      store,
      mailer: smtpMailer(sink.url, 'Alerts <alerts@example.test>'),
      secret: SECRET,
      content: contentSource(() => posts),
      clock: clock.now,
      baseUrl: 'http://127.0.0.1:3999',
      senders: driver === 'postgresql' ? 3 : 1,
      log: () => undefined,
    });
    opened.push(alerts);
    return { alerts, store };
  }

  beforeEach(async () => {
    sink = await startSink();
    clock = manualClock('2011-07-01T10:00:00Z');
    posts = [
      decision('2011-03-03-old', '2011-03-03T00:00:00Z'),
      decision('2011-06-30-recent', '2011-06-30T00:00:00Z', { updates: [{ date: new Date('2011-07-01T00:00:00Z'), note: 'An old correction.' }] }),
      // Scheduled: visible from noon.
      decision('2011-07-01-scheduled', '2011-07-01T12:00:00Z', {
        committee: 'cabinet',
        items: [{ id: 'drs', subject: 'DRS', project: 'drs', stage: 'options-appraisal', outcome: 'agreed', documents: [] }],
        tags: ['planning'],
      }),
    ];
    if (driver === 'postgresql') {
      const db = await freshDatabase();
      databaseUrl = db.url;
      dropDb = db.drop;
    }
  });

  afterEach(async () => {
    for (const a of opened.splice(0)) await a.close();
    await sink.close();
    await dropDb?.();
    dropDb = undefined;
  });

  async function subscribeAndConfirm(alerts: Alerts, email: string, follow = 'all', frequency = 'immediate', corrections = false) {
    const before = sink.mails.length;
    expect(await alerts.subscribe({ email, follow, frequency, corrections: corrections ? 'yes' : undefined }, `client-${email}`)).toEqual({ kind: 'accepted' });
    await alerts.runOnce();
    const mails = await sink.waitFor(before + 1);
    const mail = mails[mails.length - 1]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(email);
    const confirmed = await alerts.confirm(tokenOf(linkIn(mail.text!, '/alerts/confirm')));
    expect(confirmed.ok).toBe(true);
    return mail;
  }

  it('sends nothing for the posts already published at first start, then each new post once, and nothing after one-click unsubscribe', async () => {
    const { alerts, store } = await makeAlerts();
    const first = await alerts.runOnce();
    expect(first.baseline).toBe(true);
    expect(first.added).toBe(3); // two posts and one correction: the baseline
    const confirmation = await subscribeAndConfirm(alerts, 'resident@example.test');
    expect(confirmation.subject).toBe('Confirm your emails about every decision');
    expect(confirmation.html).toContain('<html lang="en-GB">');
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(1); // only the confirmation: 2011's posts are not news

    clock.set('2011-07-01T12:01:00Z'); // the scheduled post goes live
    await alerts.runOnce();
    await alerts.runOnce();
    const mails = await sink.waitFor(2);
    expect(mails).toHaveLength(2);
    const alert = mails[1]!;
    expect(alert.subject).toBe('Title of 2011-07-01-scheduled');
    expect(alert.text).toContain('Cabinet, published 1 July 2011');
    expect(alert.text).toContain('- DRS: Agreed');
    expect(alert.text).toContain('Summary of 2011-07-01-scheduled.');
    expect(alert.text).toContain('http://127.0.0.1:3999/decisions/2011-07-01-scheduled');
    expect(alert.html).toContain('href="http://127.0.0.1:3999/decisions/2011-07-01-scheduled"');
    expect(alert.html).not.toMatch(/<img/i);
    // mailparser folds List-* headers into one object: read the raw lines (RFC 8058).
    const header = (name: string) =>
      alert.headerLines
        .find((h) => h.key === name)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /^<(https?:[^>]+)>$/.exec(header('list-unsubscribe') ?? '')?.[1] ?? '';
    expect(unsubscribeUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/alerts\/unsubscribe\?token=/);
    expect(alert.messageId).toMatch(/^<alerts-alert-\d+\.[0-9a-f]{16}@127\.0\.0\.1>$/);

    expect(await alerts.unsubscribe(tokenOf(unsubscribeUrl))).toEqual({ ok: true, addressDeleted: true });
    expect((await store.stats()).subscribers).toBe(0);
    posts.push(decision('2011-07-02-next', '2011-07-02T09:00:00Z'));
    clock.set('2011-07-02T10:00:00Z');
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(2);
  });

  it('answers the same for a new and a known address, and sends at most 3 confirmations an hour to one address', async () => {
    const { alerts } = await makeAlerts();
    await alerts.runOnce();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await alerts.subscribe({ email: 'Bomb@Example.test', follow: 'all', frequency: 'daily' }, `client-${i}`));
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ kind: 'accepted' })]));
    await alerts.runOnce();
    await sink.waitFor(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails).toHaveLength(3);
    clock.advance(3601_000);
    await alerts.subscribe({ email: 'bomb@example.test', follow: 'all', frequency: 'daily' }, 'client-x');
    await alerts.runOnce();
    expect(await sink.waitFor(4)).toHaveLength(4);
  });

  it('sends no email for a malformed address and says which field is wrong', async () => {
    const { alerts, store } = await makeAlerts();
    const result = await alerts.subscribe({ email: 'not an address', follow: 'committee:cabinet', frequency: 'weekly' }, 'c');
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.errors).toEqual([
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    ]);
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(0);
    expect((await store.stats()).subscribers).toBe(0);
  });

  it('keeps every alert through an SMTP server that refuses, and sends each once when it recovers', async () => {
    const { alerts, store } = await makeAlerts();
    await alerts.runOnce();
    for (const who of ['a', 'b', 'c']) await subscribeAndConfirm(alerts, `${who}@example.test`);
    sink.mode = 'refuse';
    clock.set('2011-07-01T12:01:00Z');
    const refused = await alerts.runOnce();
    expect(refused.sent).toBe(0);
    expect(refused.retried).toBeGreaterThan(0);
    expect(sink.mails).toHaveLength(3);
    expect((await store.stats()).messages.pending).toBe(3);
    sink.mode = 'accept';
    // Not before the backoff says so …
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(3);
    // … and then every one, once.
    clock.advance(RETRY_FIRST_MS * 4);
    await alerts.runOnce();
    await alerts.runOnce();
    const mails = await sink.waitFor(6);
    const alertsTo = mails
      .slice(3)
      .map((m) => (m.to && 'text' in m.to ? m.to.text : ''))
      .sort();
    expect(alertsTo).toEqual(['a@example.test', 'b@example.test', 'c@example.test']);
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(6);
    expect((await store.stats()).messages).toEqual({ pending: 0, sent: 6, failed: 0 });
  });

  it('ends the subscriptions of an address the mail server says does not exist (5xx)', async () => {
    const { alerts, store } = await makeAlerts();
    await alerts.runOnce();
    await subscribeAndConfirm(alerts, 'gone@example.test');
    await subscribeAndConfirm(alerts, 'here@example.test');
    sink.unknown.add('gone@example.test');
    clock.set('2011-07-01T12:01:00Z');
    const report = await alerts.runOnce();
    expect(report.failed).toBe(1);
    expect((await store.stats()).subscribers).toBe(1);
  });

  it('sends one daily digest at 08:30 London time covering every followed subject, and corrections only to those who asked', async () => {
    const { alerts } = await makeAlerts();
    await alerts.runOnce();
    await subscribeAndConfirm(alerts, 'digest@example.test', 'committee:cabinet', 'daily');
    await subscribeAndConfirm(alerts, 'digest@example.test', 'project:nscso', 'daily', true);
    await subscribeAndConfirm(alerts, 'plain@example.test', 'all', 'immediate');
    posts.push(decision('2011-07-01-nscso', '2011-07-01T13:00:00Z'));
    clock.set('2011-07-01T14:00:00Z');
    await alerts.runOnce();
    const immediate = await sink.waitFor(5);
    expect(
      immediate
        .slice(3)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Title of 2011-07-01-nscso', 'Title of 2011-07-01-scheduled']);
    // A correction to a post both follow: only the subscriber who asked for corrections gets it.
    posts = posts.map((p) =>
      p.slug === '2011-07-01-nscso' ? { ...p, updates: [{ date: new Date('2011-07-01T00:00:00Z'), note: 'The fee is £40, not £45.' }] } : p,
    );
    clock.set('2011-07-02T07:29:00Z'); // 08:29 in London (BST): not yet
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(5);
    clock.set('2011-07-02T07:30:00Z'); // 08:30 in London
    await alerts.runOnce();
    const all = await sink.waitFor(6);
    expect(all).toHaveLength(6);
    const digest = all[5]!;
    expect(digest.to && 'text' in digest.to ? digest.to.text : '').toBe('digest@example.test');
    expect(digest.subject).toBe('Daily digest: 3 new decisions from One Barnet decisions');
    expect(digest.text).toContain('Title of 2011-07-01-scheduled');
    expect(digest.text).toContain('Title of 2011-07-01-nscso');
    expect(digest.text).toContain('The fee is £40, not £45.');
    clock.advance(86_400_000);
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(6);
  });

  it('a deploy of older content (the post gone, then back) neither loses nor resends', async () => {
    const { alerts } = await makeAlerts();
    await alerts.runOnce();
    await subscribeAndConfirm(alerts, 'steady@example.test');
    clock.set('2011-07-01T12:01:00Z');
    await alerts.runOnce();
    expect(await sink.waitFor(2)).toHaveLength(2);
    const all = posts;
    posts = all.filter((p) => p.slug !== '2011-07-01-scheduled'); // the old build
    clock.advance(60_000);
    await alerts.runOnce();
    posts = all; // the new build again
    clock.advance(60_000);
    await alerts.runOnce();
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(2);
  });

  it('the manage page changes a subscription and ends it; the last one ending deletes the address', async () => {
    const { alerts, store } = await makeAlerts();
    await alerts.runOnce();
    await subscribeAndConfirm(alerts, 'm@example.test', 'committee:cabinet', 'immediate');
    await subscribeAndConfirm(alerts, 'm@example.test', 'tag:one-barnet', 'weekly');
    const { makeToken } = await import('../../lib/alerts/tokens');
    const token = makeToken(SECRET, { p: 'manage', u: 1 });
    const view = await alerts.manageView(token);
    expect(view?.subscriptions.map((s) => [s.description, s.frequency])).toEqual([
      ['Cabinet', 'immediate'],
      ['the topic “One barnet”', 'weekly'],
    ]);
    const [cabinet, topic] = view!.subscriptions;
    expect(await alerts.manageUpdate({ token, action: 'save', subscription: String(cabinet!.id), frequency: 'daily', corrections: 'yes' })).toEqual({
      ok: true,
      token,
      done: 'saved',
    });
    expect((await alerts.manageView(token))?.subscriptions[0]).toMatchObject({ frequency: 'daily', corrections: true });
    // Another address's token cannot touch this one's subscriptions.
    const other = makeToken(SECRET, { p: 'manage', u: 999 });
    await alerts.manageUpdate({ token: other, action: 'end', subscription: String(topic!.id) });
    expect((await alerts.manageView(token))?.subscriptions).toHaveLength(2);
    expect(await alerts.manageUpdate({ token, action: 'end', subscription: String(topic!.id) })).toEqual({ ok: true, token, done: 'ended' });
    expect(await alerts.manageUpdate({ token, action: 'end', subscription: String(cabinet!.id) })).toEqual({ ok: true, token, done: 'deleted' });
    expect((await store.stats()).subscribers).toBe(0);
    expect(await alerts.manageView(token)).toBeUndefined();
  });

  it('confirmation links: a prefetch changes nothing, a forged or expired token does nothing', async () => {
    const { alerts, store } = await makeAlerts();
    await alerts.runOnce();
    await alerts.subscribe({ email: 'late@example.test', follow: 'all', frequency: 'immediate' }, 'c');
    await alerts.runOnce();
    const [mail] = await sink.waitFor(1);
    const token = tokenOf(linkIn(mail!.text!, '/alerts/confirm'));
    // The page the link opens restates what is being confirmed.
    expect(await alerts.describeConfirmation(token)).toEqual({ ok: true, frequency: 'immediate', corrections: false, planned: false, what: 'every decision' });
    expect((await store.subscriber(1))?.subscriptions ?? []).toHaveLength(0);
    expect(await alerts.confirm(`${token.slice(0, -2)}xx`)).toEqual({ ok: false, reason: 'bad-signature' });
    clock.advance(7 * 86_400_000 + 1000);
    expect(await alerts.confirm(token)).toEqual({ ok: false, reason: 'expired' });
    // And the address, never confirmed, is forgotten.
    await alerts.runOnce();
    expect((await store.stats()).subscribers).toBe(0);
  });

  if (driver === 'postgresql') {
    it('two instances on one database send each email exactly once', async () => {
      const one = await makeAlerts();
      const two = await makeAlerts();
      await one.alerts.runOnce();
      await two.alerts.runOnce();
      for (let i = 0; i < 20; i++) {
        await one.alerts.subscribe({ email: `p${i}@example.test`, follow: 'all', frequency: 'immediate' }, `c${i}`);
      }
      await Promise.all([one.alerts.runOnce(), two.alerts.runOnce()]);
      const confirmations = await sink.waitFor(20);
      for (const mail of confirmations) expect((await one.alerts.confirm(tokenOf(linkIn(mail.text!, '/alerts/confirm')))).ok).toBe(true);
      clock.set('2011-07-01T12:01:00Z');
      await Promise.all([one.alerts.runOnce(), two.alerts.runOnce(), one.alerts.runOnce(), two.alerts.runOnce()]);
      await Promise.all([one.alerts.runOnce(), two.alerts.runOnce()]);
      await sink.waitFor(40);
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.mails).toHaveLength(40);
      const recipients = sink.mails.slice(20).map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
      expect(new Set(recipients).size).toBe(20);
    });
  }
});

describe('alerts on postgresql when the server ends its connections', () => {
  it('a PostgreSQL restart ending idle connections is reported, not fatal, and the next query reconnects', async () => {
    const db = await freshDatabase();
    const lost: string[] = [];
    const store = await openStore({ databaseUrl: db.url, onConnectionLost: (error) => lost.push(error.message) });
    try {
      expect((await store.stats()).messages).toEqual({ pending: 0, sent: 0, failed: 0 });
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [new URL(db.url).pathname.slice(1)]);
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      const until = Date.now() + 5_000;
      while (lost.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(lost[0]).toMatch(/terminating connection/);
      expect((await store.stats()).messages).toEqual({ pending: 0, sent: 0, failed: 0 });
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
