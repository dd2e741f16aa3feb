/**
 * The sender when mail goes wrong (issue 20): a stalled SMTP conversation holds no database
 * connection, a struggling mail domain waits on its own, one recipient's failure does not stop
 * a run, a silent SMTP server times out in seconds, Message-IDs are unique per install, and no
 * log line names an address. Real parts: the store on PGlite and on the local PostgreSQL server,
 * mail over TCP to smtp-server (or to a plain TCP server that never greets).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalMailbox } from '../../lib/alerts/limits';
import { classifySmtpError, SMTP_TIMEOUTS, smtpMailer, smtpTransportUrl } from '../../lib/alerts/mailer';
import { Alerts, DOMAIN_BACKOFF_FIRST_MS } from '../../lib/alerts/service';
import { openStore, type Store } from '../../lib/alerts/store';
import type { Decision } from '../../lib/content/types';
import { contentSource, decision, freshDatabase, manualClock, SECRET, startSink, type Sink } from '../support/alerts';
import { until } from '../support/until';

const drivers = ['pglite', 'postgresql'] as const;
const everything = { kind: 'all' as const, slug: '' };
const recipient = (m: Sink['mails'][number]) => (m.to && 'text' in m.to ? m.to.text : '');

describe('SMTP client settings', () => {
  it('wait seconds, not minutes, for the connection, the greeting and a silent socket, unless SMTP_URL says otherwise', () => {
    const url = smtpTransportUrl('smtp://user:pass@mail.example:587');
    for (const name of ['connectionTimeout', 'greetingTimeout', 'socketTimeout'] as const) {
      expect(Number(url.searchParams.get(name))).toBe(SMTP_TIMEOUTS[name]);
      expect(SMTP_TIMEOUTS[name]).toBeLessThanOrEqual(60_000);
    }
    expect(url.searchParams.get('pool')).toBe('true');
    const own = smtpTransportUrl('smtp://mail.example:587?socketTimeout=90000&pool=false');
    expect(own.searchParams.get('socketTimeout')).toBe('90000');
    expect(own.searchParams.get('pool')).toBe('false');
  });

  it('tell our SMTP server not answering from a recipient’s domain answering "later" and from a refused message', () => {
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toMatchObject({ kind: 'transient', scope: 'server' });
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' })).toMatchObject({ kind: 'transient', scope: 'server' });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 421, command: 'RCPT TO', response: '421 closing' })).toMatchObject({ scope: 'server' });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', response: '451 later' })).toMatchObject({
      kind: 'transient',
      scope: 'domain',
    });
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 554, command: 'DATA', response: '554 refused' })).toMatchObject({
      kind: 'transient',
      scope: 'message',
    });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 no such user' })).toMatchObject({ kind: 'permanent' });
  });
});

// Hang guards, not speed checks: PGlite's WebAssembly start-up alone has taken 30 s a database
// on this shared machine.
describe.each(drivers)('the sender on %s', { timeout: 180_000 }, (driver) => {
  let sink: Sink;
  let posts: Decision[];
  let clock: ReturnType<typeof manualClock>;
  const cleanups: Array<() => Promise<void>> = [];
  const senders = driver === 'postgresql' ? 3 : 1;

  async function database(): Promise<string | undefined> {
    if (driver === 'pglite') return undefined;
    const db = await freshDatabase();
    cleanups.push(db.drop);
    return db.url;
  }

  async function makeAlerts(options: { smtpUrl?: string; databaseUrl?: string } = {}) {
    const databaseUrl = options.databaseUrl ?? (await database());
    const store: Store = await openStore(driver === 'postgresql' ? { databaseUrl } : { dataDir: 'memory://' });
    const logs: string[] = [];
    const alerts = new Alerts({
      store,
      mailer: smtpMailer(options.smtpUrl ?? sink.url, 'Alerts <alerts@example.test>'),
      secret: SECRET,
      content: contentSource(() => posts),
      clock: clock.now,
      baseUrl: 'http://127.0.0.1:3999',
      senders,
      log: (line) => logs.push(line),
    });
    // Closed before the databases are dropped (cleanups run last to first).
    cleanups.push(() => alerts.close());
    await alerts.runOnce(); // the first start: what is published is the baseline
    return { alerts, store, logs };
  }

  async function request(store: Store, email: string) {
    return store.requestSubscription({
      email,
      ...canonicalMailbox(email),
      subject: everything,
      frequency: 'immediate',
      corrections: false,
      now: clock.now(),
      limits: { perMailboxPerHour: 3, perDomainInFlight: 1000, inFlight: 1000 },
    });
  }

  beforeEach(async () => {
    sink = await startSink();
    clock = manualClock('2011-07-01T10:00:00Z');
    posts = [
      decision('2011-06-30-recent', '2011-06-30T00:00:00Z'),
      decision('2011-07-01-scheduled', '2011-07-01T12:00:00Z'), // visible from noon
    ];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await sink.close();
  }, 60_000);

  it('answers a subscription request while the SMTP server holds another message in DATA', async () => {
    // The stalled conversation ends when the socket has been silent for 10 s (set in the URL), so
    // the test can end; the request must be answered long before, while the send still waits.
    const { alerts, logs } = await makeAlerts({ smtpUrl: `${sink.url}?socketTimeout=10000` });
    sink.stallFrom = 1;
    expect(await alerts.subscribe({ email: 'first@example.test', follow: 'all', frequency: 'immediate' }, 'c1')).toEqual({ kind: 'accepted' });
    await until(() => sink.received >= 1, 'the first confirmation reached DATA');
    expect(await alerts.subscribe({ email: 'second@example.test', follow: 'all', frequency: 'immediate' }, 'c2')).toEqual({ kind: 'accepted' });
    // The stalled send is still pending: nothing has been recorded about it.
    expect(logs.filter((l) => l.includes('will retry'))).toEqual([]);
    sink.stallFrom = undefined;
    await until(() => logs.some((l) => l.includes('will retry')), 'the stalled send timed out');
    await alerts.runOnce();
    await sink.waitFor(1);
    expect(sink.mails.map(recipient)).toEqual(['second@example.test']);
  });

  it('a new confirmation goes in the next run while 30 addresses at a struggling domain wait; that domain gets at most one attempt a run, and each message once when it recovers', async () => {
    const { alerts, store } = await makeAlerts();
    sink.refuseDomains.add('struggling.test');
    const struggling = Array.from({ length: 30 }, (_, i) => `r${i}@struggling.test`);
    await store.importConfirmed(
      struggling.map((email) => ({ email, subject: everything, frequency: 'immediate' as const })),
      new Date('2011-06-15T00:00:00Z'),
    );
    const tries = () => sink.rcpt.filter((a) => a.endsWith('@struggling.test')).length;
    let before = tries();
    clock.set('2011-07-01T12:01:00Z'); // the post goes live: 30 alerts for the struggling domain
    const first = await alerts.runOnce();
    expect(first.messages).toBe(30);
    // Before the first answer nobody knows the domain struggles: one attempt per sender at most.
    expect(tries() - before).toBeGreaterThanOrEqual(1);
    expect(tries() - before).toBeLessThanOrEqual(senders);

    clock.advance(20_000);
    await request(store, 'new@fine.test');
    before = tries();
    const next = await alerts.runOnce();
    expect(next.sent).toBe(1);
    expect(sink.mails.map(recipient)).toEqual(['new@fine.test']);
    expect(tries() - before).toBe(0); // backed off

    // While it keeps failing: nothing during each backoff, one probe when it ends.
    for (let run = 0; run < 6; run++) {
      clock.advance(DOMAIN_BACKOFF_FIRST_MS / 2);
      before = tries();
      await alerts.runOnce();
      expect(tries() - before).toBeLessThanOrEqual(1);
    }
    expect((await store.stats()).messages).toMatchObject({ pending: 30, sent: 1 });

    // It recovers: once its backoff and the messages' own retry times are over, each goes once.
    sink.refuseDomains.delete('struggling.test');
    clock.advance(6 * 3600_000);
    await alerts.runOnce();
    await alerts.runOnce();
    await sink.waitFor(31);
    const to = sink.mails.map(recipient).filter((a) => a.endsWith('@struggling.test'));
    expect(to).toHaveLength(30);
    expect(new Set(to)).toEqual(new Set(struggling));
    expect((await store.stats()).messages).toEqual({ pending: 0, sent: 31, failed: 0 });
  });

  it('a recipient refused for good (550) does not stop the run: every other message in it goes', async () => {
    const { alerts, store } = await makeAlerts();
    // The oldest messages fail: one address unknown (550 at RCPT TO), six messages refused
    // after their data (550), each at a domain of its own; then five that go.
    sink.unknown.add('gone@zero.test');
    const refused = Array.from({ length: 6 }, (_, i) => `refused@d${i}.test`);
    for (const a of refused) sink.rejectData.add(a);
    const fine = Array.from({ length: 5 }, (_, i) => `fine${i}@fine.test`);
    await store.importConfirmed(
      ['gone@zero.test', ...refused, ...fine].map((email) => ({ email, subject: everything, frequency: 'immediate' as const })),
      new Date('2011-06-15T00:00:00Z'),
    );
    clock.set('2011-07-01T12:01:00Z');
    const report = await alerts.runOnce();
    expect(report).toMatchObject({ messages: 12, sent: 5, failed: 1, retried: 6 });
    expect(sink.mails.map(recipient).sort()).toEqual(fine);
  });

  it('an SMTP server that takes the connection and never greets is given up on as a temporary failure, the run stops, and the message goes later', async () => {
    const sockets = new Set<Socket>();
    let connections = 0;
    const silent: Server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const { alerts, store, logs } = await makeAlerts({ smtpUrl: `smtp://127.0.0.1:${port}?greetingTimeout=500` });
    for (let i = 0; i < 6; i++) await request(store, `waiting${i}@example${i}.test`);
    const report = await alerts.runOnce();
    expect(report.sent).toBe(0);
    // Not a recipient's fault: no more messages are tried in this run than were already on
    // their way when the first failed (one per sender).
    expect(report.retried).toBeGreaterThanOrEqual(1);
    expect(report.retried).toBeLessThanOrEqual(senders);
    expect(connections).toBeLessThanOrEqual(senders);
    expect(logs.filter((l) => l.includes('will retry')).length).toBe(report.retried);
    expect((await store.stats()).messages).toEqual({ pending: 6, sent: 0, failed: 0 });

    // An SMTP server that answers takes the port: the messages go, each once.
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    const back = await startSink(port);
    cleanups.unshift(() => back.close()); // after the mailer's pooled connections are closed
    clock.advance(3600_000);
    await alerts.runOnce();
    await back.waitFor(6);
    expect(back.mails.map(recipient).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `waiting${i}@example${i}.test`));
    expect((await store.stats()).messages).toEqual({ pending: 0, sent: 6, failed: 0 });
  });

  it('Message-IDs differ between two databases set up afresh, and a resend of one message keeps its Message-ID', async () => {
    const ids: string[] = [];
    const opened: Array<Awaited<ReturnType<typeof makeAlerts>>> = [];
    for (const name of ['first', 'second']) {
      const made = await makeAlerts();
      opened.push(made);
      await request(made.store, `${name}@example.test`);
      await made.alerts.runOnce();
      const seen = sink.seen.filter((s) => s.to.includes(`${name}@example.test`));
      expect(seen).toHaveLength(1);
      expect(seen[0]!.messageId).toMatch(/^<alerts-confirm-1\.[0-9a-f]+@127\.0\.0\.1>$/);
      ids.push(seen[0]!.messageId);
    }
    expect(ids[0]).not.toBe(ids[1]);

    // A resend: the first attempt's data is seen and refused for now (451), the second taken.
    const { alerts, store, logs } = opened[1]!;
    sink.refuseData.add('again@example.test');
    await request(store, 'again@example.test');
    expect((await alerts.runOnce()).retried).toBe(1);
    sink.refuseData.delete('again@example.test');
    clock.advance(3600_000);
    expect((await alerts.runOnce()).sent, logs.join('\n')).toBe(1);
    const attempts = sink.seen.filter((s) => s.to.includes('again@example.test')).map((s) => s.messageId);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toBe(attempts[0]);
    expect(attempts[0]).toMatch(/^<alerts-confirm-2\.[0-9a-f]+@127\.0\.0\.1>$/);
  });

  it('logs an SMTP answer that quotes an address without the address', async () => {
    const { alerts, store, logs } = await makeAlerts();
    sink.unknown.add('gone@example.test'); // answered "550 5.1.1 <gone@example.test>: No such user"
    sink.refuseData.add('later@example.test');
    await request(store, 'gone@example.test');
    await request(store, 'later@example.test');
    const report = await alerts.runOnce();
    expect(report).toMatchObject({ failed: 1, retried: 1 });
    expect(logs.some((l) => /permanent failure.*550/.test(l))).toBe(true);
    expect(logs.some((l) => /will retry.*451/.test(l))).toBe(true);
    for (const line of logs) expect(line).not.toMatch(/@/);
  });
});
