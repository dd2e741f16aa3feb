import type { Decision } from '../content/types';
import { londonIsoDateTime } from '../dates';
import type { SiteRecords } from '../site';
import { listPageCount } from '../records/indexes';
import { meetingsOf } from '../meetings';
import { absoluteUrl, paths } from '../urls';

/**
 * Every published page of the site, for /sitemap.xml: built from getSiteRecords() only, so a
 * draft or a scheduled post cannot appear. lastModified is the latest publication or
 * correction of the decisions a page shows.
 */

/** One URL of the sitemap, in the shape Next.js's sitemap route takes. */
export interface SitemapEntry {
  url: string;
  /** W3C Datetime in London time with its offset (`2011-06-30T00:00:00+01:00`), as Next.js writes a string as it is. */
  lastModified?: string;
  changeFrequency?: 'always' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'never';
  priority?: number;
}

type Entry = SitemapEntry;

function latest(decisions: readonly Decision[]): Date | undefined {
  let last: Date | undefined;
  for (const d of decisions) if (!last || d.updated > last) last = d.updated;
  return last;
}

export function sitemapEntries(
  records: Pick<SiteRecords, 'site' | 'indexes' | 'committees' | 'projects' | 'glossary'> & Partial<Pick<SiteRecords, 'meetings'>>,
): SitemapEntry[] {
  const { site, indexes } = records;
  const entries: SitemapEntry[] = [];
  const add = (path: string, lastModified?: Date, extra: Partial<Entry> = {}) =>
    entries.push({ url: absoluteUrl(site.baseUrl, path), ...(lastModified ? { lastModified: londonIsoDateTime(lastModified) } : {}), ...extra });
  const newest = indexes.all.length > 0 ? indexes.lastModified : undefined;

  // Home and its later pages.
  add(paths.home(), newest, { changeFrequency: 'daily', priority: 1 });
  const homePages = Math.ceil(indexes.all.length / site.pageSize);
  for (let page = 2; page <= homePages; page++) add(paths.page(page), newest);

  // Each decision post.
  for (const decision of indexes.all) add(paths.decision(decision.slug), decision.updated, { priority: 0.8 });

  // Committees: the index, each body and its later pages.
  add(paths.committees(), newest);
  for (const committee of records.committees.values()) {
    const decisions = indexes.byCommittee.get(committee.slug) ?? [];
    const modified = latest(decisions);
    add(paths.committee(committee.slug), modified);
    for (let page = 2; page <= listPageCount(decisions.length); page++) add(paths.committeePage(committee.slug, page), modified);
  }

  // Projects.
  add(paths.projects(), newest);
  for (const project of records.projects.values()) {
    add(paths.project(project.slug), latest((indexes.byProject.get(project.slug) ?? []).map((entry) => entry.decision)));
  }

  // Glossary: no dates are kept for terms.
  add(paths.glossary());
  for (const term of records.glossary.values()) add(paths.glossaryTerm(term.slug));

  // Topics and the archive: each topic and year, and their later pages.
  if (indexes.byTag.size > 0) add(paths.tags(), newest);
  for (const [tag, decisions] of [...indexes.byTag].sort(([a], [b]) => a.localeCompare(b))) {
    const modified = latest(decisions);
    for (let page = 1; page <= listPageCount(decisions.length); page++) add(paths.tagPage(tag, page), modified);
  }
  if (indexes.byYear.size > 0) add(paths.archive(), newest);
  for (const [year, decisions] of [...indexes.byYear].sort(([a], [b]) => b - a)) {
    const modified = latest(decisions);
    for (let page = 1; page <= listPageCount(decisions.length); page++) add(paths.archivePage(year, page), modified);
  }

  // Meetings: the list and its later pages, and each meeting (a meeting no post reports yet has no content date).
  const meetings = meetingsOf({ indexes, meetings: records.meetings ?? new Map() }).all;
  add(paths.meetings(), newest);
  for (let page = 2; page <= listPageCount(meetings.length); page++) add(paths.meetingsPage(page), newest);
  for (const meeting of [...meetings].reverse()) add(paths.meeting(meeting.slug), meeting.updated);

  // Pages for journalists.
  add(paths.feeds(), newest);
  add(paths.data(), newest);

  return entries;
}
