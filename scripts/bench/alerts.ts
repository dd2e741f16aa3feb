/**
 * npm run bench:alerts [-- --subscribers 10000] [--drivers pglite,postgresql]
 * (also run at the end of `npm run bench`)
 *
 * Email alerts at scale: N confirmed subscribers (every decision, as it happens), one post goes
 * live, and the sender sends it through a real SMTP server on loopback (smtp-server, counting
 * messages). Measures the time from the post going live to the last message accepted, the
 * send rate, the process's memory, and the database's size per 10,000 subscriptions. On the
 * embedded PGlite and, when it is up, the local PostgreSQL server (a database of its own,
 * dropped after).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { smtpMailer } from '../../lib/alerts/mailer';
import { Alerts } from '../../lib/alerts/service';
import { openStore } from '../../lib/alerts/store';
import { contentSource, decision, freshDatabase, SECRET, startSink } from '../../tests/support/alerts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const subscribers = Number(option('subscribers') ?? 10_000);
const drivers = (option('drivers') ?? 'pglite,postgresql').split(',');

export interface AlertsBenchResult {
  driver: string;
  subscribers: number;
  seconds: number;
  perSecond: number;
  rssMb: number;
  heapMb: number;
  databaseMb: number;
  subscriptionMbPer10k: number;
}

export async function benchAlerts(driver: string, count: number): Promise<AlertsBenchResult> {
  const sink = await startSink(0, false);
  const db = driver === 'postgresql' ? await freshDatabase() : undefined;
  const store = await openStore(db ? { databaseUrl: db.url, poolSize: 5 } : { dataDir: 'memory://' });
  let now = new Date('2011-07-01T10:00:00Z');
  const posts = [decision('2011-06-01-old', '2011-06-01T10:00:00Z'), decision('2011-07-01-live', '2011-07-01T12:00:00Z')];
  const alerts = new Alerts({
    store,
    mailer: smtpMailer(`${sink.url}?pool=true&maxConnections=4&maxMessages=100000`, 'Alerts <alerts@example.test>'),
    secret: SECRET,
    content: contentSource(() => posts),
    clock: () => now,
    senders: driver === 'postgresql' ? 4 : 1,
    log: () => undefined,
  });
  try {
    await alerts.runOnce(); // baseline
    await store.importConfirmed(
      Array.from({ length: count }, (_, i) => ({
        email: `resident${i}@example.test`,
        subject: { kind: 'all' as const, slug: '' },
        frequency: 'immediate' as const,
      })),
      new Date('2011-06-15T00:00:00Z'),
    );
    now = new Date('2011-07-01T12:01:00Z');
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = performance.now();
    while (sink.received < count) {
      const report = await alerts.runOnce();
      if (report.sent === 0 && report.messages === 0 && sink.received < count) throw new Error(`stalled at ${sink.received} of ${count}`);
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const stats = await store.stats();
    return {
      driver,
      subscribers: count,
      seconds,
      perSecond: count / seconds,
      rssMb: peakRss / 2 ** 20,
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
      databaseMb: stats.databaseBytes / 2 ** 20,
      subscriptionMbPer10k: (stats.subscriptionBytes / 2 ** 20) * (10_000 / count),
    };
  } finally {
    await alerts.close();
    await sink.close();
    await db?.drop();
  }
}

export function alertsTable(results: AlertsBenchResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.driver} | ${r.subscribers.toLocaleString('en-GB')} | ${r.seconds.toFixed(1)} s | ${Math.round(r.perSecond)} | ${Math.round(r.rssMb)} MB | ${r.databaseMb.toFixed(1)} MB | ${r.subscriptionMbPer10k.toFixed(2)} MB |`,
  );
  return [
    '| database | subscribers | one post to all | emails/s | peak RSS | database after | subscribers + subscriptions per 10,000 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Runs each driver, writes docs/benchmarks-alerts.md, returns the table. */
export async function runAlertsBench(
  count: number,
  which: string[],
  log: (line: string) => void = (l) => process.stderr.write(`[bench alerts] ${l}\n`),
): Promise<string> {
  const results: AlertsBenchResult[] = [];
  for (const driver of which) {
    try {
      log(`${driver}: one post to ${count} subscribers…`);
      results.push(await benchAlerts(driver, count));
    } catch (error) {
      log(`${driver} skipped: ${(error as Error).message}`);
    }
  }
  const table = alertsTable(results);
  const doc = `# Email alerts benchmark

\`npm run bench:alerts\` (also at the end of \`npm run bench\`), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (shared), Node ${process.version}.
${count.toLocaleString('en-GB')} confirmed subscribers to every decision, as it happens; one post goes live; the sender (as it runs in the
server: each message claimed with a lease in one short transaction and its answer recorded in another, no connection held
while the SMTP server answers; 4 senders on PostgreSQL, 1 on PGlite)
sends it through smtp-server on loopback. Time from the post going live to the last message accepted; peak RSS of the
benchmark process (which holds PGlite's WebAssembly heap; the PostgreSQL server's memory is its own); database size after
the send (subscriptions, the alert, 10,000 deliveries and messages) and the subscriber and subscription tables with their
indexes, per 10,000 subscriptions.

${table}
`;
  writeFileSync(path.join(process.cwd(), 'docs', 'benchmarks-alerts.md'), doc);
  return table;
}

if (process.argv[1]?.endsWith('alerts.ts')) {
  console.log(await runAlertsBench(subscribers, drivers));
}
