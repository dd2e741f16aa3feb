/**
 * Server start warm-up. Next.js calls register() once per server process, before the server
 * answers requests, and never during `next build`: read and validate the content, build the
 * indexes of the visible decisions and the search index, so that the first visitor pays for
 * their own page only, not for parsing 10,000 posts.
 *
 * Next.js bundles lib/ once per layer (pages, route handlers, instrumentation); the modules
 * warmed here keep their state through lib/server/process-singleton.ts, which every layer's copy
 * shares, so this layer's work serves the pages. Not in development, where each copy keeps
 * its own (so that an edit takes effect) and a warm-up would fill only this one. A failure is
 * logged and left to the pages, which report invalid content themselves.
 */
import type { AlertsState } from './lib/alerts/site-alerts';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Refuse to start rather than serve wrongly: a fixed clock would publish scheduled posts
  // early, and a broken framework contract would serve pages with scripts or empty 404s.
  await (await import('./lib/server/start-checks')).refuseToStartOnProblems();
  // Before the first request: the per-client limits believe the socket, not a client's headers.
  (await import('./lib/http/client-address')).recordPeerAddresses();
  // Requests started a few at a time, so that a busy server still accepts new connections.
  (await import('./lib/server/request-admission')).installRequestAdmission();
  const { resetsOnReload } = await import('./lib/server/process-singleton');
  // The alerts' database before the warm-up: a new embedded one is made by a child process whose
  // initdb needs a few hundred MB for a few seconds. After the warm-up had filled this process's
  // heap, the two together outgrew a 1 GB container at 10,000 posts and the kernel killed the
  // child, leaving alerts off (npm run bench:memory -- --box 1024).
  const alerts = await openAlerts();
  if (!resetsOnReload()) await warmUp();
  startSender(alerts);
}

async function warmUp(): Promise<void> {
  // The test on NEXT_RUNTIME before the imports keeps lib/site (and its Node.js APIs) out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const started = performance.now();
  try {
    const { getSiteRecords } = await import('./lib/site');
    const records = await getSiteRecords();
    let searchNote = '';
    try {
      const { searchEngineFor } = await import('./lib/search/search-index');
      searchNote = `, search index of ${searchEngineFor(records).documentCount} records`;
    } catch (error) {
      console.warn(`warm-up: no search index (${(error as Error).message})`);
    }
    console.log(`warm-up: ${records.indexes.all.length} visible decisions${searchNote} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`warm-up: content not loaded (${(error as Error).message})`);
  }
}

/**
 * Email alerts: open the database (running its migrations). Without ALERTS_SECRET it says so and
 * the site serves on. Never throws: a broken mail setup must not stop the pages.
 */
async function openAlerts(): Promise<AlertsState | undefined> {
  try {
    // The test on NEXT_RUNTIME around the import keeps lib/alerts out of the edge bundle.
    if (process.env.NEXT_RUNTIME !== 'nodejs') return undefined;
    const { getAlerts } = await import('./lib/alerts/site-alerts');
    return await getAlerts();
  } catch (error) {
    console.error(`alerts: not started (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * The alerts' sender, which runs every minute in every instance (the database decides which
 * instance sends what); with ALERTS_SENDER=off (cron runs `npm run alerts:send` instead), it
 * says so.
 */
function startSender(state: AlertsState | undefined): void {
  if (!state?.ok) return;
  if (state.config.inServerSender) state.alerts.start(state.config.intervalMs);
  else console.log('alerts: the sender is off in this server (ALERTS_SENDER=off); run `npm run alerts:send` from cron');
}
