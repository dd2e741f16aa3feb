/**
 * A sender killed mid-run (SIGKILL, while the SMTP server has not yet accepted a message) and
 * started again: every subscriber gets the post exactly once. `npm run alerts:send` against the
 * local PostgreSQL server and the bundled content, the clock set by SITE_NOW.
 */
import { spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../lib/alerts/store';
import { freshDatabase, SECRET, startSink, type Sink } from '../support/alerts';

let sink: Sink | undefined;
let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sink?.close();
  await drop?.();
});

function sender(env: Record<string, string>) {
  const child = spawn('npx', ['tsx', 'scripts/alerts-send.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

it('a sender killed mid-run loses nothing and resends nothing', async () => {
  const db = await freshDatabase();
  drop = db.drop;
  sink = await startSink();
  const env = (siteNow: string) => ({ ALERTS_SECRET: SECRET, DATABASE_URL: db.url, SMTP_URL: `${sink!.url}?pool=false`, SITE_NOW: siteNow });

  // First start: the three posts before 30 June 2011 are the baseline.
  const first = sender(env('2011-06-01T12:00:00Z'));
  expect(await first.exited, first.output()).toBe(0);
  const store = await openStore({ databaseUrl: db.url });
  try {
    await store.importConfirmed(
      Array.from({ length: 5 }, (_, i) => ({ email: `r${i}@example.test`, subject: { kind: 'all' as const, slug: '' }, frequency: 'immediate' as const })),
      new Date('2011-05-01T00:00:00Z'),
    );

    // The post goes live; from the third email on, the SMTP server takes the data and never
    // answers. Once the two accepted ones are recorded as sent, the sender is killed, with the
    // others in flight.
    sink.stallFrom = 3;
    const second = sender(env('2011-07-01T12:00:00Z'));
    const until = Date.now() + 30_000;
    while (((await store.stats()).messages.sent < 2 || sink.received < 3) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await store.stats()).messages.sent, second.output()).toBe(2);
    process.kill(-second.child.pid!, 'SIGKILL');
    await second.exited;
    expect(await sink.waitFor(2)).toHaveLength(2);

    // Started again: the rest, once each.
    sink.stallFrom = undefined;
    const third = sender(env('2011-07-01T12:05:00Z'));
    expect(await third.exited, third.output()).toBe(0);
    const fourth = sender(env('2011-07-01T12:06:00Z'));
    expect(await fourth.exited, fourth.output()).toBe(0);
    const recipients = sink.mails.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort();
    expect(recipients).toEqual(['r0@example.test', 'r1@example.test', 'r2@example.test', 'r3@example.test', 'r4@example.test']);
    expect((await store.stats()).messages).toEqual({ pending: 0, sent: 5, failed: 0 });
  } finally {
    await store.close();
  }
}, 120_000);
