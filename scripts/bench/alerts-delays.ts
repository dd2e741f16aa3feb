/**
 * npm run bench:alerts-delays [-- --drivers pglite,postgresql]
 *
 * Two delays residents feel when the mail goes wrong (issue 20, items 5 and 6), through a real
 * SMTP server on loopback (smtp-server) and the real store:
 *
 * 1. A new resident's confirmation while 30 queued alerts go to a domain whose mail host
 *    answers 451. The sender runs as in the server: at once after the request (kick), then
 *    every minute. The clock is the site's clock, moved a minute between runs, so the delay is
 *    the minutes waited between runs plus the real time the runs took.
 * 2. The answer time of the subscription form while the SMTP server holds one message in DATA
 *    (no answer until the socket times out: 15 s here, set in SMTP_URL; nodemailer's default
 *    is 10 minutes).
 */
import { smtpMailer } from '../../lib/alerts/mailer';
import { Alerts } from '../../lib/alerts/service';
import { openStore, type Store } from '../../lib/alerts/store';
import { contentSource, decision, freshDatabase, manualClock, SECRET, startSink, type Sink } from '../../tests/support/alerts';

const args = process.argv.slice(2);
const at = args.indexOf('--drivers');
const drivers = (at >= 0 ? args[at + 1]! : 'pglite,postgresql').split(',');

async function setUp(driver: string, smtpQuery = '') {
  const sink = await startSink();
  const db = driver === 'postgresql' ? await freshDatabase() : undefined;
  const store: Store = await openStore(db ? { databaseUrl: db.url } : { dataDir: 'memory://' });
  const clock = manualClock('2011-07-01T10:00:00Z');
  const posts = [decision('2011-06-01-old', '2011-06-01T10:00:00Z'), decision('2011-07-01-live', '2011-07-01T12:00:00Z')];
  const alerts = new Alerts({
    store,
    mailer: smtpMailer(`${sink.url}${smtpQuery}`, 'Alerts <alerts@example.test>'),
    secret: SECRET,
    content: contentSource(() => posts),
    clock: clock.now,
    senders: driver === 'postgresql' ? 3 : 1,
    log: () => undefined,
  });
  await alerts.runOnce(); // the baseline
  return {
    sink,
    store,
    clock,
    alerts,
    async close() {
      await alerts.close();
      await sink.close();
      await db?.drop();
    },
  };
}

const received = (sink: Sink, address: string) => sink.mails.some((m) => (m.to && 'text' in m.to ? m.to.text : '') === address);

async function confirmationDelay(driver: string) {
  const t = await setUp(driver);
  try {
    t.sink.refuseDomains.add('struggling.test');
    await t.store.importConfirmed(
      Array.from({ length: 30 }, (_, i) => ({ email: `r${i}@struggling.test`, subject: { kind: 'all' as const, slug: '' }, frequency: 'immediate' as const })),
      new Date('2011-06-15T00:00:00Z'),
    );
    t.clock.set('2011-07-01T12:01:00Z'); // the post goes live: 30 alerts to the struggling host
    await t.alerts.runOnce();
    t.clock.advance(30_000);
    const started = performance.now();
    await t.alerts.subscribe({ email: 'new@fine.test', follow: 'all', frequency: 'immediate' }, 'bench');
    let waitedMs = 0;
    let runs = 0;
    for (;;) {
      await t.alerts.runOnce();
      runs++;
      if (received(t.sink, 'new@fine.test')) break;
      if (runs > 200) throw new Error('the confirmation never went');
      t.clock.advance(60_000);
      waitedMs += 60_000;
    }
    const ranMs = performance.now() - started;
    return {
      runs,
      seconds: (waitedMs + ranMs) / 1000,
      ranSeconds: ranMs / 1000,
      attemptsAtStruggling: t.sink.rcpt.filter((a) => a.endsWith('@struggling.test')).length,
    };
  } finally {
    await t.close();
  }
}

async function formWhileStalled(driver: string) {
  const t = await setUp(driver, '?socketTimeout=15000');
  try {
    await t.alerts.subscribe({ email: 'first@fine.test', follow: 'all', frequency: 'immediate' }, 'bench-1');
    t.sink.stallFrom = 1;
    const run = t.alerts.runOnce();
    while (t.sink.received < 1) await new Promise((r) => setTimeout(r, 10));
    const started = performance.now();
    await t.alerts.subscribe({ email: 'second@fine.test', follow: 'all', frequency: 'immediate' }, 'bench-2');
    const seconds = (performance.now() - started) / 1000;
    await run;
    return { seconds };
  } finally {
    await t.close();
  }
}

for (const driver of drivers) {
  const delay = await confirmationDelay(driver);
  console.log(
    `${driver}: new confirmation with 30 addresses answering 451 queued: ${delay.seconds.toFixed(1)} s (${delay.runs} runs, ${delay.ranSeconds.toFixed(2)} s of it in runs; ${delay.attemptsAtStruggling} SMTP attempts at the struggling domain)`,
  );
  const form = await formWhileStalled(driver);
  console.log(`${driver}: subscription form answered in ${(form.seconds * 1000).toFixed(0)} ms while one message sat in DATA`);
}
