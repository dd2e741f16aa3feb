/**
 * Builds a feed of decisions with the `feed` package and renders it as RSS 2.0, Atom 1.0 or
 * JSON Feed 1.1. Pure: it is given the decisions (already through the publication chokepoint,
 * newest first, already cut to the feed's length) and the site's records, and returns text.
 */
import { Feed, type Category, type FeedOptions, type Item } from 'feed';
import type { Decision } from '../content/types';
import { CARRIED_ITEM_FIELDS, carriedEntries, type CarriedFields } from '../records/carried-fields';
import { moneyLine } from '../records/decision-record';
import { topicName } from '../records/labels';
import { decidedBy } from '../records/makers';
import { decisionHtml, type SiteRecords } from '../site';
import { absoluteUrl, paths } from '../urls';
import { absoluteLinks } from './absolute-links';
import { cleanLabel, cleanText, escapeHtml } from './text';
import { finishXml, forAttribute, forCdata, forTextLabel, forTextNode } from './xml';

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** The file name of each format beside a feed's base path. */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** What a feed is about; the same for its three formats. */
export interface FeedSpec {
  /** Unique among the site's feeds, e.g. `site`, `committee:cabinet`. */
  key: string;
  title: string;
  description: string;
  /** The page the feed follows, e.g. `/committees/cabinet`. */
  pagePath: string;
  /** The folder its files are in: `` for the site's own feeds, `/committees/cabinet` for a body's. */
  basePath: string;
  /** Newest first, visible only, at most the feed's length. */
  decisions: Decision[];
  /** A filtered view's normal query string (lib/filters/vocabulary.ts), carried by its self links; '' for none. */
  query?: string;
}

export type FeedRecords = Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'glossary' | 'indexes' | 'readAt'>;

/** The address of one format of a feed. */
export function feedPath(basePath: string, format: FeedFormat): string {
  return `${basePath}/${FEED_FILES[format]}`;
}

interface EntryCategory {
  label: string;
  /** The vocabulary it comes from, as a URL (RSS `domain`, Atom `scheme`). */
  scheme: string;
}

/** One decision post as a feed entry, in plain values, before any format's escaping. */
export interface FeedEntry {
  /** Permanent: the post's address, built from its slug, which never changes. Never the title. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The full post as sanitised HTML, with absolute links. */
  html: string;
  published: Date;
  /** The latest of publication and every correction. */
  updated: Date;
  author?: string;
  categories: EntryCategory[];
}

/**
 * An entry's summary: the post's own, then who decided, in the words of the decision page
 * ("Decided by the Director of Commercial Services, an officer acting under delegated powers."),
 * so a reader of the feed knows who took a decision without a meeting.
 */
export function entrySummary(records: Pick<FeedRecords, 'committees'>, decision: Decision): string {
  const body = records.committees.get(decision.committee);
  const who = body ? [`${decidedBy(body, decision.meeting)}.`] : [];
  return cleanText([decision.summary, ...who, ...moneyLines(decision)].join(' '));
}

export function feedEntry(records: FeedRecords, decision: Decision, carried: CarriedFields = CARRIED_ITEM_FIELDS): FeedEntry {
  const { site } = records;
  const url = absoluteUrl(site.baseUrl, paths.decision(decision.slug));
  const scheme = (path: string) => absoluteUrl(site.baseUrl, path);
  const categories: EntryCategory[] = [];
  const add = (label: string, vocabulary: string) => {
    const clean = cleanLabel(label);
    if (clean && !categories.some((c) => c.label === clean && c.scheme === vocabulary)) categories.push({ label: clean, scheme: vocabulary });
  };
  add(records.committees.get(decision.committee)?.name ?? decision.committee, scheme(paths.committees()));
  // The item fields a feed carries as categories: lib/records/carried-fields.ts, in its order.
  for (const [key, { feedCategory }] of carriedEntries(carried)) {
    if (!feedCategory) continue;
    for (const item of decision.items) {
      const value = (item as Record<string, unknown>)[key];
      if (value !== undefined && value !== null && value !== '') add(feedCategory.label(value, records), scheme(feedCategory.vocabulary));
    }
  }
  for (const tag of decision.tags) add(topicName(tag, records.glossary), scheme(`${paths.feeds()}#topics`));
  return {
    id: url,
    url,
    title: cleanText(decision.title),
    summary: entrySummary(records, decision),
    html: cleanText(absoluteLinks(decisionHtml(records, decision), url)),
    published: decision.published,
    updated: decision.updated,
    ...(decision.author ? { author: cleanLabel(decision.author) } : {}),
    categories,
  };
}

/**
 * A post's summary, followed by each item's money and supplier where the post gives them, so a
 * reader of the feed sees what a decision costs: "… Award of the kiosks contract: £1,250,000
 * spend over five years; supplier: Example Ltd."
 */
/** Each item's money, as a sentence: "Library kiosks: £1,250,000 spend over five years." */
export function moneyLines(decision: Pick<Decision, 'items'>): string[] {
  return decision.items.flatMap((item) => {
    const money = moneyLine(item);
    return money ? [`${item.subject}: ${money}.`] : [];
  });
}

/** When a feed last changed: its newest entry's update, or the site's when it has none. */
export function feedUpdated(entries: readonly FeedEntry[], fallback: Date): Date {
  let newest: Date | undefined;
  for (const entry of entries) if (!newest || entry.updated > newest) newest = entry.updated;
  return newest ?? fallback;
}

const querySuffix = (spec: FeedSpec) => (spec.query ? `?${spec.query}` : '');

function channelOptions(records: FeedRecords, spec: FeedSpec, updated: Date, text: (value: string) => string): FeedOptions {
  const { site } = records;
  const url = (path: string) => absoluteUrl(site.baseUrl, path);
  return {
    id: url(spec.pagePath),
    title: text(spec.title),
    description: text(spec.description),
    link: url(spec.pagePath),
    language: site.language,
    updated,
    generator: false,
    copyright: text(`Published by the ${site.councilName} under the ${site.licence.name}: ${site.licence.url}`),
    author: { name: text(site.councilName), link: site.councilWebsite },
    feedLinks: {
      rss: url(feedPath(spec.basePath, 'rss') + querySuffix(spec)),
      atom: url(feedPath(spec.basePath, 'atom') + querySuffix(spec)),
      json: url(feedPath(spec.basePath, 'json') + querySuffix(spec)),
    },
  };
}

function rss2(records: FeedRecords, spec: FeedSpec, entries: FeedEntry[], updated: Date): string {
  const feed = new Feed(channelOptions(records, spec, updated, forTextNode));
  for (const entry of entries) {
    const item: Item = {
      // RSS titles are plain text (CDATA keeps them exact); descriptions are HTML by custom.
      title: forCdata(entry.title),
      link: entry.url,
      // No `id`: the guid is then the permalink, with isPermaLink="true". RSS has one date per
      // item, pubDate, and it is the publication date: a correction must not move it (Atom's
      // <updated> and JSON Feed's date_modified carry corrections).
      date: entry.published,
      published: entry.published,
      description: forCdata(escapeHtml(entry.summary)),
      content: forCdata(entry.html),
      category: entry.categories.map((c): Category => ({ name: forTextLabel(c.label), domain: c.scheme })),
      // RSS's own <author> must be an email address; a name goes in Dublin Core's creator.
      ...(entry.author ? { extensions: [{ name: 'dc:creator', objects: { _text: forTextLabel(entry.author) } }] } : {}),
    };
    feed.addItem(item);
  }
  return finishXml(feed.rss2());
}

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

function atom1(records: FeedRecords, spec: FeedSpec, entries: FeedEntry[], updated: Date): string {
  const feed = new Feed(channelOptions(records, spec, updated, forTextNode));
  for (const entry of entries) {
    feed.addItem({
      // `feed` marks Atom titles and summaries type="html", so plain text is escaped as HTML.
      title: forCdata(escapeHtml(entry.title)),
      id: entry.id,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: forCdata(escapeHtml(entry.summary)),
      content: forCdata(entry.html),
      category: entry.categories.map((c): Category => ({ term: forAttribute(c.label), scheme: c.scheme })),
      ...(entry.author ? { author: [{ name: forTextLabel(entry.author) }] } : {}),
    });
  }
  const xml = feed.atom1();
  if (!xml.includes(ATOM_ROOT)) throw new Error('The feed package no longer writes the Atom root element this code expects.');
  // Atom has no language element; xml:lang on the root says it.
  return finishXml(xml.replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(records.site.language)}">`));
}

interface JsonAuthor {
  name?: string;
  url?: string;
}

/**
 * `feed` 6 writes JSON Feed 1.0 (one `author`); the site serves 1.1: `authors` arrays and
 * `language`, with the version URL to match.
 */
function json1_1(records: FeedRecords, spec: FeedSpec, entries: FeedEntry[], updated: Date): string {
  const feed = new Feed(channelOptions(records, spec, updated, cleanText));
  for (const entry of entries) {
    feed.addItem({
      title: entry.title,
      id: entry.id,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: entry.summary,
      content: entry.html,
      category: entry.categories.map((c): Category => ({ name: c.label })),
      ...(entry.author ? { author: [{ name: entry.author }] } : {}),
    });
  }
  const json = JSON.parse(feed.json1()) as Record<string, unknown> & {
    author?: JsonAuthor;
    items: (Record<string, unknown> & { author?: JsonAuthor; tags?: string[] })[];
  };
  const { author, items, ...channel } = json;
  const upgraded = {
    ...channel,
    version: JSON_FEED_VERSION,
    language: records.site.language,
    ...(author ? { authors: [author] } : {}),
    items: items.map(({ author: itemAuthor, tags, ...item }) => ({
      ...item,
      ...(tags && tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
      ...(itemAuthor ? { authors: [itemAuthor] } : {}),
    })),
  };
  // `version` first, as the specification asks.
  const { version, ...rest } = upgraded;
  return `${JSON.stringify({ version, ...rest }, null, 2)}\n`;
}

/** The feed's text in one format. */
export function renderFeed(records: FeedRecords, spec: FeedSpec, format: FeedFormat): { body: string; updated: Date } {
  const entries = spec.decisions.map((decision) => feedEntry(records, decision));
  const updated = feedUpdated(entries, records.indexes.lastModified);
  const render = format === 'rss' ? rss2 : format === 'atom' ? atom1 : json1_1;
  return { body: render(records, spec, entries, updated), updated };
}
