/**
 * Two `next start` instances on one PostgreSQL database, each running the sender every half
 * second: exactly one email per subscriber and post. Subscriptions and confirmations go to
 * either instance; the post goes live in both at once (both restarted with a later SITE_NOW).
 */
import { expect, test } from '@playwright/test';
import { freshDatabase, linkIn, SECRET, startSink, tokenOf, type Sink } from '../support/alerts';
import { startServer, type Server } from '../support/server';

const firstPort = Number(process.env.E2E_PORT ?? 3000) + 4;
const smtpPort = Number(process.env.ALERTS_E2E_SMTP_PORT ?? 2527) + 1;
const SUBSCRIBERS = 8;

test.describe.configure({ mode: 'serial' });

let sink: Sink | undefined;
let servers: Server[] = [];
let drop: (() => Promise<void>) | undefined;

test.afterAll(async () => {
  for (const s of servers) await s.stop();
  await sink?.close();
  await drop?.();
});

test('two instances on one PostgreSQL send each alert to each subscriber exactly once', async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'no browser needed: run once');
  test.setTimeout(180_000);
  const db = await freshDatabase();
  drop = db.drop;
  sink = await startSink(smtpPort);
  const env = (port: number, siteNow: string) => ({
    ALERTS_SECRET: SECRET,
    DATABASE_URL: db.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ALERTS_BASE_URL: `http://127.0.0.1:${port}`,
    ALERTS_INTERVAL_MS: '300',
    SITE_NOW: siteNow,
    // A fixed clock in a production server must be acknowledged (lib/server/runtime.ts).
    SITE_NOW_FOR_TESTS: '1',
    NEXT_DIST_DIR: '.next',
  });
  const ports = [firstPort, firstPort + 1];
  const startBoth = (siteNow: string) => Promise.all(ports.map((p) => startServer(p, env(p, siteNow))));
  servers = await startBoth('2011-06-01T12:00:00Z');

  for (let i = 0; i < SUBSCRIBERS; i++) {
    const server = servers[i % 2]!;
    const response = await request.post(`${server.url}/alerts/subscribe`, {
      form: { email: `resident${i}@example.test`, follow: i % 3 === 0 ? 'committee:cabinet-resources-committee' : 'all', frequency: 'immediate' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
  }
  const confirmations = await sink.waitFor(SUBSCRIBERS, 30_000);
  expect(confirmations).toHaveLength(SUBSCRIBERS);
  for (const [i, mail] of confirmations.entries()) {
    const token = tokenOf(linkIn(mail.text!, '/alerts/confirm'));
    const response = await request.post(`${servers[(i + 1) % 2]!.url}/alerts/confirm/submit`, { form: { token }, maxRedirects: 0 });
    expect(response.headers().location).toMatch(/^\/alerts\/confirmed\?token=/);
  }

  for (const s of servers) await s.stop();
  servers = await startBoth('2011-07-01T12:00:00Z');
  const mails = await sink.waitFor(SUBSCRIBERS * 2, 60_000);
  expect(mails).toHaveLength(SUBSCRIBERS * 2);
  // Both keep running their senders: wait until each has run a few more times, then count again.
  await expect.poll(() => servers.some((s) => (s.output().match(/alerts: run:/g) ?? []).length >= 1), { timeout: 30_000 }).toBe(true);
  await new Promise((r) => setTimeout(r, 3000));
  const alerts = sink.mails.slice(SUBSCRIBERS);
  expect(alerts).toHaveLength(SUBSCRIBERS);
  expect(new Set(alerts.map((m) => (m.to && 'text' in m.to ? m.to.text : ''))).size).toBe(SUBSCRIBERS);
  expect(new Set(alerts.map((m) => m.subject))).toEqual(new Set(['Back office and customer service project given the green light']));
});
