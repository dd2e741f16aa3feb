/**
 * Server start warm-up (Next.js calls register() once per server process, before it serves
 * requests, and never during `next build`): read and validate the content, build the
 * indexes of the visible decisions and, when lib/search offers one, the search index. The
 * first visitor then pays only for their own page, not for parsing 10,000 posts.
 * A failure here is logged and left to the pages, which report invalid content themselves.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const started = performance.now();
  try {
    const { getSiteRecords } = await import('./lib/site');
    const records = await getSiteRecords();
    let searchNote = '';
    try {
      const search: Record<string, unknown> = await import('./lib/search');
      if (typeof search.searchEngineFor === 'function') {
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
}
