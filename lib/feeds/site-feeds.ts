/**
 * The site's feeds: one for everything, one per committee, per project and per tag, each in
 * RSS, Atom and JSON Feed. Decisions come only from `records.indexes`, the visible set built
 * by getSiteRecords() through the publication chokepoint, so drafts and scheduled posts never
 * appear, and a scheduled post appears as soon as its time comes (the visible set changes).
 */
import type { LRUCache } from 'lru-cache';
import { boundedLru } from '../server/bounded-lru';
import { isSlug } from '../content/slug';
import { describeFilter, filterQuery, isFiltered, NO_FILTER, type DecisionFilter } from '../filters/vocabulary';
import { matchingDecisions } from '../filters/match';
import type { Decision } from '../content/types';
import { CONTENT_TYPES, lastModifiedOf, makeRepresentation, type Representation } from '../http/http-cache';
import type { DecisionIndexes } from '../records/indexes';
import { topicName } from '../records/labels';
import { makerKindPlurals } from '../records/makers';
import { paths } from '../urls';
import { renderFeed, type FeedFormat, type FeedRecords, type FeedSpec } from './build';
import { perVisibleSet } from '../server/per-visible-set';

export { FEED_FILES, FEED_FORMATS, feedPath, type FeedFormat, type FeedSpec } from './build';

export type FeedRef = { kind: 'site' } | { kind: 'committee' | 'project' | 'tag'; slug: string };

export const DEFAULT_FEED_ENTRY_LIMIT = 50;

function limitOf(records: FeedRecords): number {
  return records.site.feedEntryLimit ?? DEFAULT_FEED_ENTRY_LIMIT;
}

/** The filter in words, with the site's names for committees, projects and topics. */
export function filterInWords(records: Pick<FeedRecords, 'committees' | 'projects' | 'glossary'>, filter: DecisionFilter): string {
  return describeFilter(filter, {
    committee: (slug) => records.committees.get(slug)?.name ?? slug,
    project: (slug) => {
      const project = records.projects.get(slug);
      return project ? (project.shortName ? `${project.name} (${project.shortName})` : project.name) : slug;
    },
    tag: (slug) => topicName(slug, records.glossary),
    maker: (kind) => makerKindPlurals[kind],
  });
}

/**
 * The site's feed, or a filtered view of it: the newest posts with at least one item that
 * matches. A filtered feed follows the search page of the same view.
 */
export function siteFeed(records: FeedRecords, filter: DecisionFilter = NO_FILTER): FeedSpec {
  const { site } = records;
  if (!isFiltered(filter)) {
    return {
      key: 'site',
      title: site.siteTitle,
      description: site.description,
      pagePath: paths.home(),
      basePath: '',
      decisions: records.indexes.all.slice(0, limitOf(records)),
    };
  }
  const query = filterQuery(filter);
  const words = filterInWords(records, filter);
  return {
    key: `site?${query}`,
    title: `Decisions ${words} – ${site.siteTitle}`,
    description: `The decisions ${words}: every post with at least one decision that matches.`,
    pagePath: `${paths.search()}?${query}`,
    basePath: '',
    decisions: matchingDecisions(records.indexes, filter, limitOf(records)),
    query,
  };
}

export function committeeFeed(records: FeedRecords, slug: string): FeedSpec | undefined {
  const committee = isSlug(slug) ? records.committees.get(slug) : undefined;
  if (!committee) return undefined;
  return {
    key: `committee:${slug}`,
    title: `${committee.name}: decisions – ${records.site.siteTitle}`,
    description: `Decisions taken by the ${committee.name}. ${committee.summary}`,
    pagePath: paths.committee(slug),
    basePath: paths.committee(slug),
    decisions: (records.indexes.byCommittee.get(slug) ?? []).slice(0, limitOf(records)),
  };
}

/** A project's posts, newest first, each once (a post can hold several items of one project). */
function projectDecisions(indexes: DecisionIndexes, slug: string, limit: number): Decision[] {
  const timeline = indexes.byProject.get(slug) ?? []; // oldest first
  const seen = new Set<Decision>();
  for (let i = timeline.length - 1; i >= 0 && seen.size < limit; i--) seen.add(timeline[i]!.decision);
  return [...seen];
}

export function projectFeed(records: FeedRecords, slug: string): FeedSpec | undefined {
  const project = isSlug(slug) ? records.projects.get(slug) : undefined;
  if (!project) return undefined;
  const name = project.shortName ? `${project.name} (${project.shortName})` : project.name;
  return {
    key: `project:${slug}`,
    title: `${name}: decisions – ${records.site.siteTitle}`,
    description: `Decisions about the ${project.programme} project ${name}. ${project.summary}`,
    pagePath: paths.project(slug),
    basePath: paths.project(slug),
    decisions: projectDecisions(records.indexes, slug, limitOf(records)),
  };
}

/** A tag exists while at least one visible post carries it. */
export function tagFeed(records: FeedRecords, slug: string): FeedSpec | undefined {
  const tagged = isSlug(slug) ? records.indexes.byTag.get(slug) : undefined;
  if (!tagged) return undefined;
  const name = topicName(slug, records.glossary);
  return {
    key: `tag:${slug}`,
    title: `${name}: decisions – ${records.site.siteTitle}`,
    description: `Decisions on the topic ‘${name}’.`,
    pagePath: paths.tag(slug),
    basePath: paths.tag(slug),
    decisions: tagged.slice(0, limitOf(records)),
  };
}

export function feedSpec(records: FeedRecords, ref: FeedRef): FeedSpec | undefined {
  switch (ref.kind) {
    case 'site':
      return siteFeed(records);
    case 'committee':
      return committeeFeed(records, ref.slug);
    case 'project':
      return projectFeed(records, ref.slug);
    case 'tag':
      return tagFeed(records, ref.slug);
  }
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: CONTENT_TYPES.rss,
  atom: CONTENT_TYPES.atom,
  json: CONTENT_TYPES.jsonFeed,
};

function refKey(ref: FeedRef, format: FeedFormat): string {
  return ref.kind === 'site' ? `site:${format}` : `${ref.kind}:${ref.slug}:${format}`;
}

/**
 * Rendered feeds, remembered per visible set: the indexes object is rebuilt exactly when the
 * visible set changes (a scheduled post going live), so it keys the cache, and a superseded
 * set's feeds are dropped with it.
 */
const renderedFeeds = perVisibleSet<DecisionIndexes, Map<string, Representation>>();

/**
 * Filtered views of the site feed, per visible set, bounded by entries and bytes: the values
 * are checked before this (lib/filters/request.ts), so only views that exist are kept.
 */
export const FILTERED_FEED_CACHE_LIMITS = { entries: 500, bytes: 32 * 1024 * 1024 };
const renderedFiltered = perVisibleSet<DecisionIndexes, LRUCache<string, Representation>>();

/** A filtered view of the site feed, ready to serve. */
function filteredFeedRepresentation(records: FeedRecords, filter: DecisionFilter, format: FeedFormat): Representation {
  const cache = renderedFiltered(records.indexes, () => boundedLru<Representation>(FILTERED_FEED_CACHE_LIMITS, (r) => r.body.length * 2));
  const key = `${format}?${filterQuery(filter)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { body, updated } = renderFeed(records, siteFeed(records, filter), format);
  const representation = makeRepresentation(body, FEED_CONTENT_TYPES[format], lastModifiedOf(updated, records.readAt));
  cache.set(key, representation);
  return representation;
}

/** A feed ready to serve, or undefined when there is no such committee, project or tag. */
export function feedRepresentation(records: FeedRecords, ref: FeedRef, format: FeedFormat, filter: DecisionFilter = NO_FILTER): Representation | undefined {
  if (ref.kind !== 'site' && !isSlug(ref.slug)) return undefined;
  if (ref.kind === 'site' && isFiltered(filter)) return filteredFeedRepresentation(records, filter, format);
  const cache = renderedFeeds(records.indexes, () => new Map());
  const key = refKey(ref, format);
  const hit = cache.get(key);
  if (hit) return hit;
  const spec = feedSpec(records, ref);
  if (!spec) return undefined;
  const { body, updated } = renderFeed(records, spec, format);
  const representation = makeRepresentation(body, FEED_CONTENT_TYPES[format], lastModifiedOf(updated, records.readAt));
  cache.set(key, representation);
  return representation;
}

export interface FeedListing {
  kind: FeedRef['kind'];
  slug?: string;
  name: string;
  /** The page the feed follows. */
  pagePath?: string;
  basePath: string;
  count: number;
}

/** Every feed of the site, for the /feeds page: the site's, then committees, projects and tags. */
export function feedCatalogue(records: FeedRecords): FeedListing[] {
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'en-GB');
  const committees = [...records.committees.values()]
    .map((c) => ({
      kind: 'committee' as const,
      slug: c.slug,
      name: c.name,
      pagePath: paths.committee(c.slug),
      basePath: paths.committee(c.slug),
      count: records.indexes.byCommittee.get(c.slug)?.length ?? 0,
    }))
    .sort(byName);
  const projects = [...records.projects.values()]
    .map((p) => ({
      kind: 'project' as const,
      slug: p.slug,
      name: p.shortName ? `${p.name} (${p.shortName})` : p.name,
      pagePath: paths.project(p.slug),
      basePath: paths.project(p.slug),
      count: new Set((records.indexes.byProject.get(p.slug) ?? []).map((e) => e.decision)).size,
    }))
    .sort(byName);
  const tags = [...records.indexes.byTag.entries()]
    .map(([slug, list]) => ({
      kind: 'tag' as const,
      slug,
      name: topicName(slug, records.glossary),
      pagePath: paths.tag(slug),
      basePath: paths.tag(slug),
      count: list.length,
    }))
    .sort(byName);
  return [
    { kind: 'site', name: 'All decisions', pagePath: paths.home(), basePath: '', count: records.indexes.all.length },
    ...committees,
    ...projects,
    ...tags,
  ];
}
