/**
 * Per-process state, in one way. Next.js bundles lib/ once per layer (pages, route handlers,
 * instrumentation), so a module-level variable exists once per layer: the content would be
 * parsed, and the search index built, four or five times, and the warm-up in
 * instrumentation.ts would fill a copy no page reads. Each piece of state therefore lives on
 * globalThis, under one of the keys below, which every copy of every module sees.
 *
 * In development (`next dev`) an edited module is evaluated again, and state kept from its
 * previous evaluation would be the old code's work: an edited renderer would serve the HTML it
 * rendered before the edit until a restart. So there a value belongs to the module evaluation
 * that made it (recognised by its `init` function, a new closure each time the module is
 * evaluated) and is made afresh by the next one. Each layer then keeps its own copy, which
 * costs only memory, and only in development.
 */

/** Every piece of per-process state, by name: one list, so two modules cannot share a key by accident. */
export const PROCESS_STATE = {
  /** lib/site.ts: the content read once, and the indexes of the visible set. */
  site: Symbol.for('barnet-decisions.site'),
  /** lib/markdown/render.ts: rendered bodies and the processors that render them. */
  markdown: Symbol.for('barnet-decisions.markdown-render'),
  /** lib/search/search-index.ts: the search engine of the visible set. */
  searchEngine: Symbol.for('barnet-decisions.search-engine'),
  /** lib/search/answer-cache.ts: remembered answers, per engine. */
  searchAnswers: Symbol.for('barnet-decisions.search-answers'),
  /** lib/search/search-pages.ts: rendered search pages and renders under way (read by cache-handler.mjs too). */
  searchPages: Symbol.for('barnet-decisions.search-pages'),
  /** lib/alerts/site-alerts.ts: the email alerts service (a database connection and a sender). */
  alerts: Symbol.for('barnet-decisions.alerts'),
  /** lib/history/store.ts: the history file the build wrote, read once. */
  history: Symbol.for('barnet-decisions.history'),
} as const;

export interface ProcessSingletonOptions {
  /**
   * Keep the value across evaluations in development too: for state that owns something only
   * one of may exist in a process (a database connection, a timer). An edit to its module
   * then takes a restart of `next dev`.
   */
  keepInDevelopment?: boolean;
}

interface Slot {
  value: unknown;
  init: () => unknown;
}

function slots(): Record<symbol, Slot | undefined> {
  return globalThis as unknown as Record<symbol, Slot | undefined>;
}

/** Whether values are made again when their module is evaluated again (`next dev`). */
export function resetsOnReload(): boolean {
  return process.env.NODE_ENV === 'development';
}

/**
 * The process's value for `key`, made by `init` the first time. Call it once, at the top of
 * the module that owns the state (a new evaluation of that module passes a new `init`), or
 * with the same `init` each time.
 */
export function processSingleton<T>(key: symbol, init: () => T, options: ProcessSingletonOptions = {}): T {
  const slot = slots()[key];
  if (slot && (slot.init === init || options.keepInDevelopment || !resetsOnReload())) return slot.value as T;
  const value = init();
  slots()[key] = { value, init };
  return value;
}
