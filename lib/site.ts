import { collectContent, type ContentSet } from './content/collect';
import { isError } from './content/problems';
import { readContentDir } from './content/read-content-dir';
import type { Decision, GlossaryTerm, Site } from './content/types';
import { buildIndexes, type DecisionIndexes } from './indexes';
import { renderMarkdownCached } from './markdown/render';
import type { GlossaryEntry } from './markdown/glossary-links';
import { nextScheduledAt, visibleDecisions, type Visibility } from './published';
import { contentRoot, currentTime, isPreview } from './runtime';

/** The content as this process read it. */
export interface LoadedContent extends ContentSet {
  /**
   * When this process read the content folder. A representation can change without any content
   * date moving (a back-dated post, an edited body, a new build), so every Last-Modified is at
   * least this: see lastModifiedOf in lib/http-cache.ts.
   */
  readAt: Date;
}

export interface SiteRecords extends LoadedContent {
  site: Site;
  /** The visible decisions and their indexes, through the one chokepoint. */
  indexes: DecisionIndexes;
  visibility: Visibility;
}

export class InvalidContentError extends Error {
  constructor(readonly problems: ContentSet['problems']) {
    super(`The content has ${problems.length} problem(s); run npm run content:check to see them.`);
  }
}

/**
 * The process's content and indexes. Next.js bundles this module once per layer (pages, route
 * handlers, instrumentation); keeping the state on globalThis makes them share one copy:
 * the content is parsed once per process, not once per layer, and the warm-up in
 * instrumentation.ts serves every layer.
 */
interface SiteState {
  loaded?: Promise<LoadedContent>;
  indexCache: Map<string, DecisionIndexes>;
  /** The visible set's indexes, and the span of time during which the visible set stays the same. */
  current: WeakMap<ContentSet, { from: number; until: number; indexes: DecisionIndexes }>;
}
const STATE_KEY = Symbol.for('barnet-decisions.site');
const state: SiteState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] as SiteState | undefined) ?? {
  indexCache: new Map(),
  current: new WeakMap(),
};
(globalThis as Record<symbol, unknown>)[STATE_KEY] = state;

/** Reads and validates the content folder; once per process, except in the local preview. */
export function loadContent(): Promise<LoadedContent> {
  const read = () => readContentDir(contentRoot()).then((files) => ({ ...collectContent(files), readAt: new Date() }));
  if (isPreview()) return read();
  state.loaded ??= read();
  return state.loaded;
}

/**
 * Indexes for a visible set; the set only grows as scheduled posts go live, so its size keys it.
 * Between the newest visible post and the next scheduled one the visible set cannot change, so
 * within that span a request costs a lookup, not a scan of every post.
 */
export function indexesFor(content: ContentSet, visibility: Visibility): DecisionIndexes {
  const cacheable = !isPreview() && !visibility.preview;
  const now = visibility.now.getTime();
  const current = cacheable ? state.current.get(content) : undefined;
  if (current && now >= current.from && now < current.until) return current.indexes;
  const visible = visibleDecisions(content.decisions, visibility);
  const key = `${visibility.preview}:${visible.length}:${visible[0]?.slug ?? ''}`;
  let indexes = isPreview() ? undefined : state.indexCache.get(key);
  if (!indexes) {
    indexes = buildIndexes(visible);
    if (!isPreview()) {
      if (state.indexCache.size > 16) state.indexCache.clear();
      state.indexCache.set(key, indexes);
    }
  }
  if (cacheable) {
    let from = -Infinity;
    for (const decision of visible) from = Math.max(from, decision.published.getTime());
    const until = nextScheduledAt(content.decisions, visibility.now)?.getTime() ?? Infinity;
    state.current.set(content, { from, until, indexes });
  }
  return indexes;
}

/**
 * Everything a page needs: the content and the decisions visible now. Throws only when the
 * content is invalid, which `npm run build` refuses before it gets here.
 */
export async function getSiteRecords(visibility: Visibility = { now: currentTime(), preview: isPreview() }): Promise<SiteRecords> {
  const content = await loadContent();
  const errors = content.problems.filter(isError);
  if (errors.length > 0 || !content.site) throw new InvalidContentError(errors);
  return { ...content, site: content.site, indexes: indexesFor(content, visibility), visibility };
}

function glossaryEntries(glossary: Map<string, GlossaryTerm>): GlossaryEntry[] {
  return [...glossary.values()].map((term) => ({ slug: term.slug, phrases: [term.term, ...term.aliases] }));
}

/** A post's body as sanitised HTML, with its first mentions of glossary terms linked. */
export function decisionHtml(records: Pick<SiteRecords, 'glossary' | 'site'>, decision: Decision): string {
  return renderMarkdownCached(decision.body, {
    glossary: decision.glossaryLinks ? glossaryEntries(records.glossary) : [],
    siteOrigin: new URL(records.site.baseUrl).origin,
  });
}

/** Committee, project and glossary bodies: sanitised, without glossary links. */
export function bodyHtml(records: Pick<SiteRecords, 'site'>, markdown: string): string {
  return renderMarkdownCached(markdown, { siteOrigin: new URL(records.site.baseUrl).origin });
}
