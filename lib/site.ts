import type { ContentFiles } from './content/assemble';
import { collectContent, type ContentSet } from './content/collect';
import { compactContent } from './content/compact-content';
import { contentDigest } from './content/digest';
import { ParseCache } from './content/parse-cache';
import { isError } from './content/problems';
import { readContentDir } from './content/read-content-dir';
import type { Decision, GlossaryTerm, Site } from './content/types';
import { buildIndexes, type DecisionIndexes } from './records/indexes';
import { renderMarkdownCached } from './markdown/render';
import type { GlossaryEntry } from './markdown/glossary-links';
import { nextScheduledAt, visibleDecisions, type Visibility } from './records/published';
import { keepHeapNearLiveObjects } from './server/heap';
import { readStamp, verifiedVersion } from './server/code-version';
import { cacheFolder, stampFile } from './server/disk-caches';
import { PROCESS_STATE, processSingleton } from './server/process-singleton';
import { contentRoot, currentTime, inNextBuild, isPreview } from './server/runtime';

/** The content as this process read it. */
export interface LoadedContent extends ContentSet {
  /**
   * When this process read the content folder. A representation can change without any content
   * date moving (a back-dated post, an edited body, a new build), so every Last-Modified is at
   * least this: see lastModifiedOf in lib/http/http-cache.ts.
   */
  readAt: Date;
  /** Of every file read (lib/content/digest.ts): what the build wrote from this content names it. */
  contentDigest: string;
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
 * The process's content and the indexes of its visible set, shared by every layer's copy of
 * this module (lib/server/process-singleton.ts): the content is parsed once per process, not once
 * per layer, and the warm-up in instrumentation.ts serves every layer.
 */
interface SiteState {
  loaded?: Promise<LoadedContent>;
  /**
   * The visible set last asked for, and only that one: its indexes, and the span of time
   * during which the visible set stays the same. A new set (a scheduled post going live)
   * replaces it, so superseded indexes, and the search engine and feeds keyed on them, are
   * dropped.
   */
  current?: { content: ContentSet; preview: boolean; from: number; until: number; indexes: DecisionIndexes };
}
const state = processSingleton<SiteState>(PROCESS_STATE.site, () => ({}));

/** The content as read from `files`, with when and of what it was read (its digest, when already taken). */
export function loadedContent(files: ContentFiles, content: ContentSet, digest: string = contentDigest(files)): LoadedContent {
  return { ...content, readAt: new Date(), contentDigest: digest };
}

/**
 * During `next build` each worker reads the content again: there the parse cache that the
 * build's check (scripts/build.ts) just brought up to date answers for every unchanged file,
 * read only, so a build parses each post once, not once per worker. A cache of other code or
 * another folder is not used (lib/content/parse-cache.ts); the server never uses it.
 */
function buildParseCache(root: string): ParseCache | undefined {
  if (!inNextBuild()) return undefined;
  const project = process.cwd();
  return ParseCache.open(cacheFolder(project, 'content'), root, verifiedVersion(project, readStamp(stampFile(project, 'content'))));
}

/** Reads and validates the content folder; once per process, except in the local preview. */
export function loadContent(): Promise<LoadedContent> {
  const read = async () => {
    // A render worker of `next build` holds every post for the whole build: keep its heap near
    // that. Not the server: there it made pages rendered on first request slower (lib/server/heap.ts).
    if (inNextBuild()) keepHeapNearLiveObjects();
    const root = contentRoot();
    const files = await readContentDir(root);
    const cache = buildParseCache(root);
    const content = collectContent(files, cache ? { cache } : {});
    // Kept for the process's life: in less memory (lib/content/compact-content.ts). The
    // local preview reads the content again for every request, so has nothing to keep.
    return loadedContent(files, isPreview() ? content : compactContent(content));
  };
  if (isPreview()) return read();
  state.loaded ??= read();
  return state.loaded;
}

/**
 * Indexes for a visible set. Between the newest visible post and the next scheduled one the
 * visible set cannot change, so within that span a request costs a lookup, not a scan of
 * every post. The set only grows as scheduled posts go live, so its size tells two sets of
 * one content apart.
 */
export function indexesFor(content: ContentSet, visibility: Visibility): DecisionIndexes {
  // The local preview reads the content again for every request: nothing to keep.
  if (isPreview()) return buildIndexes(visibleDecisions(content.decisions, visibility));
  const now = visibility.now.getTime();
  const current = state.current?.content === content && state.current.preview === visibility.preview ? state.current : undefined;
  if (current && now >= current.from && now < current.until) return current.indexes;
  const visible = visibleDecisions(content.decisions, visibility);
  // The same set seen from another moment (a clock set back in a test) keeps its indexes.
  const indexes = current && current.indexes.all.length === visible.length ? current.indexes : buildIndexes(visible);
  let from = -Infinity;
  let until = Infinity;
  if (!visibility.preview) {
    for (const decision of visible) from = Math.max(from, decision.published.getTime());
    until = nextScheduledAt(content.decisions, visibility.now)?.getTime() ?? Infinity;
  }
  state.current = { content, preview: visibility.preview, from, until, indexes };
  return indexes;
}

/**
 * Everything a page needs: the content and the decisions visible now. Throws only when the
 * content is invalid, which `npm run build` refuses before it gets here.
 */
export async function getSiteRecords(visibility: Visibility = { now: currentTime(), preview: isPreview() }): Promise<SiteRecords> {
  return siteRecordsOf(await loadContent(), visibility);
}

/** The records of content already read (the build's first step reads it once for every use). */
export function siteRecordsOf(content: LoadedContent, visibility: Visibility = { now: currentTime(), preview: isPreview() }): SiteRecords {
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
