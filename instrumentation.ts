/**
 * Server start warm-up. Next.js calls register() once per server process, before the server
 * answers requests, and never during `next build`: read and validate the content, build the
 * indexes of the visible decisions and, when lib/search offers one, the search index, so that
 * the first visitor pays for their own page only, not for parsing 10,000 posts.
 *
 * Next.js bundles lib/ once per layer (pages, route handlers, instrumentation): a
 * module's own variables are not shared between them. The warm-up is therefore done only when
 * lib/site.ts (and lib/search) keep their caches on globalThis under the keys below, which
 * every layer sees; otherwise it would only load a fifth copy of the content that no page
 * uses. A failure is logged and left to the pages, which report invalid content themselves.
 */
const SITE_STATE = Symbol.for('barnet-decisions.site');
const SEARCH_ENGINES = Symbol.for('barnet-decisions.search-engines');

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Refuse to start rather than serve wrongly: a fixed clock would publish scheduled posts
  // early, and a broken framework contract would serve pages with scripts or empty 404s.
  await (await import('./lib/start-checks')).refuseToStartOnProblems();
  const started = performance.now();
  const shared = globalThis as Record<symbol, unknown>;
  try {
    const site = await import('./lib/site');
    if (!shared[SITE_STATE]) {
      console.warn('warm-up skipped: lib/site.ts keeps its content per bundle layer (see docs/benchmarks.md)');
      return;
    }
    const records = await site.getSiteRecords();
    let searchNote = '';
    try {
      const search: Record<string, unknown> = await import('./lib/search/search-index');
      if (typeof search.searchEngineFor === 'function' && shared[SEARCH_ENGINES]) {
        const engine = (search.searchEngineFor as (sources: typeof records) => { documentCount?: number })(records);
        searchNote = `, search index of ${engine.documentCount ?? '?'} records`;
      }
    } catch (error) {
      console.warn(`warm-up: no search index (${(error as Error).message})`);
    }
    console.log(`warm-up: ${records.indexes.all.length} visible decisions${searchNote} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`warm-up: content not loaded (${(error as Error).message})`);
  }
  await startAlerts();
}

/**
 * Email alerts: open the database (running its migrations) and start the sender, which runs
 * every minute in every instance (the database decides which instance sends what). Without
 * ALERTS_SECRET, or with ALERTS_SENDER=off (cron runs `npm run alerts:send` instead), it says
 * so and the site serves on. Never throws: a broken mail setup must not stop the pages.
 */
async function startAlerts(): Promise<void> {
  try {
    // The test on NEXT_RUNTIME around the import keeps lib/alerts out of the edge bundle.
    if (process.env.NEXT_RUNTIME !== 'nodejs') return;
    const { getAlerts } = await import('./lib/alerts');
    const state = await getAlerts();
    if (!state.ok) return;
    if (state.config.inServerSender) state.alerts.start(state.config.intervalMs);
    else console.log('alerts: the sender is off in this server (ALERTS_SENDER=off); run `npm run alerts:send` from cron');
  } catch (error) {
    console.error(`alerts: not started (${(error as Error).message})`);
  }
}
