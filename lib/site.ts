import { collectContent, type ContentSet } from './content/collect';
import { isError } from './content/problems';
import { readContentDir } from './content/read-content-dir';
import type { Decision, GlossaryTerm, Site } from './content/types';
import { buildIndexes, type DecisionIndexes } from './indexes';
import { renderMarkdownCached } from './markdown/render';
import type { GlossaryEntry } from './markdown/glossary-links';
import { visibleDecisions, type Visibility } from './published';
import { contentRoot, currentTime, isPreview } from './runtime';

export interface SiteRecords extends ContentSet {
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

let loaded: Promise<ContentSet> | undefined;

/** Reads and validates the content folder; once per process, except in the local preview. */
export function loadContent(): Promise<ContentSet> {
  if (isPreview()) return readContentDir(contentRoot()).then(collectContent);
  loaded ??= readContentDir(contentRoot()).then(collectContent);
  return loaded;
}

const indexCache = new Map<string, DecisionIndexes>();

/** Indexes for a visible set; the set only grows as scheduled posts go live, so its size keys it. */
export function indexesFor(content: ContentSet, visibility: Visibility): DecisionIndexes {
  const visible = visibleDecisions(content.decisions, visibility);
  const key = `${visibility.preview}:${visible.length}:${visible[0]?.slug ?? ''}`;
  let indexes = isPreview() ? undefined : indexCache.get(key);
  if (!indexes) {
    indexes = buildIndexes(visible);
    if (!isPreview()) {
      if (indexCache.size > 16) indexCache.clear();
      indexCache.set(key, indexes);
    }
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
