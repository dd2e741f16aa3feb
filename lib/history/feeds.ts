/**
 * Every change to the record as a feed: Atom 1.0 (/changes.xml) and JSON Feed 1.1
 * (/changes.json), newest first, one entry per version of a post (first published, corrected,
 * changed without a note, withdrawn, published again). Built with `feed`, as the decision feeds
 * are (lib/feeds/build.ts), and escaped the same way.
 */
import { Feed, type FeedOptions } from 'feed';
import { formatDateTime } from '../dates';
import { JSON_FEED_VERSION } from '../feeds/build';
import { cleanText, escapeHtml } from '../feeds/text';
import { finishXml, forCdata, forTextNode } from '../feeds/xml';
import type { Site } from '../content/types';
import { absoluteUrl, paths } from '../urls';
import type { ChangeEvent } from './changes';
import { fieldLabel } from './fields';
import { CHANGE_KIND_LABELS, type FieldChange } from './types';

export type ChangesFeedFormat = 'atom' | 'json';

/** A change in words, one line: "outcome of the item x: deferred → approved". */
export function changeLine(change: FieldChange): string {
  const what = change.item ? `${fieldLabel(change.field)} of the item ${change.item}` : fieldLabel(change.field);
  if (change.field === 'post') return change.after === null ? 'withdrawn' : 'published';
  if (change.field === 'item') return change.after === null ? `item ${change.item} removed (${change.before})` : `item ${change.item} added (${change.after})`;
  if (change.field === 'updates') return `correction note added: ${change.after}`;
  if (change.field === 'body' || change.field === 'summary') return `${what} changed`;
  return `${what}: ${change.before ?? '(not given)'} → ${change.after ?? '(removed)'}`;
}

interface ChangeEntry {
  id: string;
  url: string;
  title: string;
  summary: string;
  html: string;
  at: Date;
}

function entryOf(site: Pick<Site, 'baseUrl'>, event: ChangeEvent): ChangeEntry {
  const { version, slug } = event;
  const url = absoluteUrl(site.baseUrl, `${paths.decisionHistory(slug)}#version-${version.number}`);
  const lines = version.changes.map(changeLine);
  const note =
    version.notes.length > 0
      ? `Noted in the post: ${version.notes.map((n) => n.note).join(' / ')}`
      : version.kind === 'edited'
        ? 'No note in the post explains this change.'
        : '';
  const summary = cleanText(
    [`${CHANGE_KIND_LABELS[version.kind]} on ${formatDateTime(new Date(version.at))} (commit ${version.commit.slice(0, 12)}).`, note, lines.join('; ')]
      .filter(Boolean)
      .join(' '),
  );
  const html = cleanText(
    `<p>${escapeHtml(`${CHANGE_KIND_LABELS[version.kind]} on ${formatDateTime(new Date(version.at))}, commit ${version.commit}.`)}</p>` +
      (note ? `<p>${escapeHtml(note)}</p>` : '') +
      `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
  );
  return { id: url, url, title: cleanText(`${CHANGE_KIND_LABELS[version.kind]}: ${version.title}`), summary, html, at: new Date(version.at) };
}

function options(site: Site, updated: Date, query: string, text: (value: string) => string): FeedOptions {
  const url = (path: string) => absoluteUrl(site.baseUrl, path);
  const suffix = query ? `?${query}` : '';
  return {
    id: url(paths.changesAtom()),
    title: text(`Every change to the record – ${site.siteTitle}`),
    description: text('Every post published, corrected, changed without a note or withdrawn, newest first.'),
    link: url(paths.feeds()),
    language: site.language,
    updated,
    generator: false,
    copyright: text(`Published by the ${site.councilName} under the ${site.licence.name}: ${site.licence.url}`),
    author: { name: text(site.councilName), link: site.councilWebsite },
    feedLinks: { atom: url(paths.changesAtom() + suffix), json: url(paths.changesJsonFeed() + suffix) },
  };
}

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/** The changes feed's text in one format. `fallback` dates an empty feed. */
export function renderChangesFeed(
  site: Site,
  events: readonly ChangeEvent[],
  format: ChangesFeedFormat,
  fallback: Date,
  query = '',
): { body: string; updated: Date } {
  const entries = events.map((event) => entryOf(site, event));
  const updated = entries[0]?.at ?? fallback;
  if (format === 'atom') {
    const feed = new Feed(options(site, updated, query, forTextNode));
    for (const entry of entries)
      feed.addItem({
        title: forCdata(escapeHtml(entry.title)),
        id: entry.id,
        link: entry.url,
        date: entry.at,
        published: entry.at,
        description: forCdata(escapeHtml(entry.summary)),
        content: forCdata(entry.html),
      });
    const xml = feed.atom1();
    if (!xml.includes(ATOM_ROOT)) throw new Error('The feed package no longer writes the Atom root element this code expects.');
    return { body: finishXml(xml.replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(site.language)}">`)), updated };
  }
  const feed = new Feed(options(site, updated, query, cleanText));
  for (const entry of entries)
    feed.addItem({ title: entry.title, id: entry.id, link: entry.url, date: entry.at, published: entry.at, description: entry.summary, content: entry.html });
  const { author, ...channel } = JSON.parse(feed.json1()) as Record<string, unknown> & { author?: unknown };
  // `feed` writes JSON Feed 1.0; the site serves 1.1 (`authors`, `language`), `version` first.
  const { version: _old, ...rest } = channel;
  const body = { version: JSON_FEED_VERSION, ...rest, language: site.language, ...(author ? { authors: [author] } : {}) };
  return { body: `${JSON.stringify(body, null, 2)}\n`, updated };
}
