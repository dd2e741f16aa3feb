/**
 * The sender on the embedded database knows when it has nothing to do (issue 26): after a full
 * run it asks the database once when its next work falls due, and until then, unless a post
 * appears or something uses the store, its minutely runs ask the database nothing, so the
 * database's process can stay stopped. What a resident notices is that nothing is late: a
 * confirmation goes at once, a digest at 08:30, an unconfirmed address is forgotten after 7 days.
 * Real parts: the store on PGlite (and on PostgreSQL, where other instances write too, so every
 * run asks), mail over SMTP to smtp-server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../lib/alerts/mailer';
import { Alerts } from '../../lib/alerts/service';
import { openStore, type Store } from '../../lib/alerts/store';
import type { Decision } from '../../lib/content/types';
import { contentSource, decision, freshDatabase, linkIn, manualClock, SECRET, startSink, tokenOf, type Sink } from '../support/alerts';

describe('the sender', { timeout: 180_000 }, () => {
  let sink: Sink;
  let posts: Decision[];
  let clock: ReturnType<typeof manualClock>;
  const cleanups: Array<() => Promise<void>> = [];

  async function makeAlerts(options: { databaseUrl?: string } = {}): Promise<{ alerts: Alerts; store: Store }> {
    const store = await openStore(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: 'memory://' });
    const alerts = new Alerts({
      store,
      mailer: smtpMailer(sink.url, 'Alerts <alerts@example.test>'),
      secret: SECRET,
      content: contentSource(() => posts),
      clock: clock.now,
      baseUrl: 'http://127.0.0.1:3999',
      log: () => undefined,
    });
    cleanups.push(() => alerts.close());
    expect((await alerts.runOnce()).baseline).toBe(true);
    return { alerts, store };
  }

  /** A run that asked the database nothing: it says so, and the store saw no call. */
  async function expectQuiet(alerts: Alerts, store: Store) {
    const before = store.activity();
    expect(before).toBeDefined();
    expect((await alerts.runOnce()).quiet).toBe(true);
    expect(store.activity()).toBe(before);
  }

  async function subscribe(alerts: Alerts, email: string, frequency: 'immediate' | 'daily') {
    const before = sink.mails.length;
    expect(await alerts.subscribe({ email, follow: 'all', frequency }, `client-${email}`)).toEqual({ kind: 'accepted' });
    // The request kicks a run of its own at the next turn of the event loop; this one waits for
    // it, so that no run is left under way when the test goes on.
    await new Promise((resolve) => setImmediate(resolve));
    await alerts.runOnce();
    const mails = await sink.waitFor(before + 1);
    return mails[mails.length - 1]!;
  }

  beforeEach(async () => {
    sink = await startSink();
    clock = manualClock('2011-07-01T10:00:00Z');
    posts = [decision('2011-06-30-recent', '2011-06-30T00:00:00Z')];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await sink.close();
  }, 60_000);

  it('on the embedded database, asks it nothing while nothing is due, and sends a confirmation as soon as a resident asks', async () => {
    const { alerts, store } = await makeAlerts();
    clock.advance(60_000);
    await expectQuiet(alerts, store);
    clock.advance(3600_000);
    await expectQuiet(alerts, store);

    const mail = await subscribe(alerts, 'resident@example.test', 'immediate');
    expect(mail.subject).toBe('Confirm your emails about every decision');
    // Confirming is a use of the store: the next run is a full one, the run after it quiet again.
    expect((await alerts.confirm(tokenOf(linkIn(mail.text!, '/alerts/confirm')))).ok).toBe(true);
    expect((await alerts.runOnce()).quiet).toBe(false);
    await expectQuiet(alerts, store);

    // A new post ends the quiet: the run plans it and the follower gets it.
    clock.set('2011-07-01T12:00:00Z');
    posts = [decision('2011-07-01-new', '2011-07-01T11:00:00Z'), ...posts];
    const run = await alerts.runOnce();
    expect(run).toMatchObject({ quiet: false, added: 1, sent: 1 });
    expect(sink.mails.map((m) => m.subject)).toContain('Title of 2011-07-01-new');
    await expectQuiet(alerts, store);
  });

  it('on the embedded database, sleeps until a daily digest falls due at 08:30 London time, then sends it', async () => {
    const { alerts, store } = await makeAlerts();
    const mail = await subscribe(alerts, 'daily@example.test', 'daily');
    expect((await alerts.confirm(tokenOf(linkIn(mail.text!, '/alerts/confirm')))).ok).toBe(true);
    clock.set('2011-07-01T12:00:00Z');
    posts = [decision('2011-07-01-new', '2011-07-01T11:00:00Z'), ...posts];
    expect(await alerts.runOnce()).toMatchObject({ quiet: false, added: 1, sent: 0 });
    // Saturday 2 July 2011, 08:30 in London is 07:30 UTC (British Summer Time).
    expect((await store.nextWork({ unconfirmedDays: 7, logDays: 90 })).sendAt).toEqual(new Date('2011-07-02T07:30:00Z'));
    expect((await alerts.runOnce()).quiet).toBe(false); // nextWork above was a use of the store
    const mailsBefore = sink.mails.length;
    clock.set('2011-07-01T23:00:00Z');
    await expectQuiet(alerts, store);
    clock.set('2011-07-02T07:29:59Z');
    await expectQuiet(alerts, store);
    expect(sink.mails).toHaveLength(mailsBefore);

    clock.set('2011-07-02T07:30:00Z');
    expect(await alerts.runOnce()).toMatchObject({ quiet: false, messages: 1, sent: 1 });
    await sink.waitFor(mailsBefore + 1);
    expect(sink.mails.at(-1)!.subject).toMatch(/daily/i);
  });

  it('on the embedded database, wakes to forget an address never confirmed 7 days after its request', async () => {
    const { alerts, store } = await makeAlerts();
    await subscribe(alerts, 'never-confirms@example.test', 'immediate');
    const requestedAt = clock.now().getTime();
    await alerts.runOnce();
    clock.set(new Date(requestedAt + 7 * 86_400_000).toISOString());
    await expectQuiet(alerts, store);
    clock.advance(60_000);
    expect((await alerts.runOnce()).quiet).toBe(false);
    expect((await store.stats()).subscribers).toBe(0);
  });

  it('on the embedded database, tries a refused confirmation again at the first run after it falls due, and asks nothing before', async () => {
    const { alerts, store } = await makeAlerts();
    sink.mode = 'refuse';
    expect(await alerts.subscribe({ email: 'later@example.test', follow: 'all', frequency: 'immediate' }, 'client')).toEqual({ kind: 'accepted' });
    await new Promise((resolve) => setImmediate(resolve));
    await alerts.runOnce(); // after the run the request kicked, which tried the confirmation
    expect(sink.rcpt).toEqual(['later@example.test']);
    sink.mode = 'accept';
    const { sendAt } = await store.nextWork({ unconfirmedDays: 7, logDays: 90 });
    expect(sendAt!.getTime()).toBeGreaterThan(clock.now().getTime());
    expect((await alerts.runOnce()).quiet).toBe(false); // nextWork was a use of the store
    let quietRuns = 0;
    for (;;) {
      clock.advance(10_000);
      const run = await alerts.runOnce();
      if (clock.now().getTime() < sendAt!.getTime()) {
        expect(run.quiet).toBe(true);
        quietRuns++;
        continue;
      }
      expect(run).toMatchObject({ quiet: false, sent: 1 });
      break;
    }
    expect(quietRuns).toBeGreaterThan(0);
    expect((await sink.waitFor(1)).map((m) => m.subject)).toEqual(['Confirm your emails about every decision']);
  });

  it('on PostgreSQL, which other instances write too, asks the database in every run', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const { alerts, store } = await makeAlerts({ databaseUrl: db.url });
    expect(store.soleWriter).toBe(false);
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      const before = store.activity();
      expect((await alerts.runOnce()).quiet).toBe(false);
      expect(store.activity()).toBeGreaterThan(before!);
    }
  });
});
