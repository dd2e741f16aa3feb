import type { Committee, Decision, DecisionItem, Site } from '../content/types';
import { londonIsoDateTime, londonWallClockToInstant } from '../dates';
import type { Meeting } from '../meetings/derive';
import { exemptStatement, formatMoney, recordFacts, segmentsText } from '../records/decision-record';
import { CARRIED_ITEM_FIELDS, schemaOrgPropertiesOf, type CarriedFields } from '../records/carried-fields';
import { registerFacts } from '../records/register';
import { decidedBy } from '../records/makers';
import { absoluteUrl, paths } from '../urls';

/**
 * Machine-readable descriptions of pages for search engines and link previews: JSON-LD
 * (schema.org) and Open Graph. Everything here is data; components/JsonLd.tsx writes it into
 * the page with serializeJsonLd, which is safe for any text a post may contain.
 */

export type JsonLdObject = { [key: string]: JsonLdValue };
export type JsonLdValue = string | number | boolean | null | JsonLdObject | JsonLdValue[];

/**
 * JSON for a <script type="application/ld+json"> element. JSON.stringify alone is not safe
 * there: a title containing "</script>" would end the element. "<", ">" and "&" become
 * \u003c, \u003e and \u0026 (the same string to a JSON parser), and U+2028/U+2029 are
 * escaped for old JavaScript parsers.
 */
export function serializeJsonLd(data: JsonLdObject | JsonLdObject[]): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

type SiteFacts = Pick<Site, 'baseUrl' | 'councilName' | 'siteTitle' | 'description' | 'councilWebsite' | 'language'>;

export const organizationId = (site: Pick<Site, 'baseUrl'>) => `${absoluteUrl(site.baseUrl, '/')}#organization`;
export const websiteId = (site: Pick<Site, 'baseUrl'>) => `${absoluteUrl(site.baseUrl, '/')}#website`;

/** The council, as the publisher of every page. */
export function organizationJsonLd(site: SiteFacts): JsonLdObject {
  return {
    '@type': 'GovernmentOrganization',
    '@id': organizationId(site),
    name: site.councilName,
    url: site.councilWebsite,
  };
}

/** The council and this site (with its search), for every page: one graph in the layout. */
export function siteJsonLd(site: SiteFacts): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      organizationJsonLd(site),
      {
        '@type': 'WebSite',
        '@id': websiteId(site),
        name: site.siteTitle,
        description: site.description,
        url: absoluteUrl(site.baseUrl, paths.home()),
        inLanguage: site.language,
        publisher: { '@id': organizationId(site) },
        potentialAction: {
          '@type': 'SearchAction',
          target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(site.baseUrl, paths.search())}?q={search_term_string}` },
          'query-input': 'required name=search_term_string',
        },
      },
    ],
  };
}

/**
 * A decision post as a schema.org Article, with its dates and the council as publisher. With its
 * history (lib/history), `dateModified` is its last change, noted or not; each note in
 * `updates` is a `correction` (a CorrectionComment).
 */
export function decisionJsonLd(
  site: SiteFacts,
  decision: Decision,
  committee?: Pick<Committee, 'slug' | 'name' | 'kind'>,
  history?: { lastChanged: Date },
  carried: CarriedFields = CARRIED_ITEM_FIELDS,
): JsonLdObject {
  const url = absoluteUrl(site.baseUrl, paths.decision(decision.slug));
  const publisher = organizationJsonLd(site);
  const article: JsonLdObject = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    '@id': `${url}#article`,
    headline: decision.title,
    description: decision.summary,
    url,
    mainEntityOfPage: url,
    datePublished: londonIsoDateTime(decision.published),
    dateModified: londonIsoDateTime(history && history.lastChanged > decision.updated ? history.lastChanged : decision.updated),
    inLanguage: site.language,
    author: decision.author ? { '@type': 'Person', name: decision.author } : publisher,
    publisher,
    isPartOf: { '@id': websiteId(site) },
  };
  // The items are parts of the article only where they say more than their subject.
  const saysMore = (item: DecisionItem) =>
    registerFacts(item).length > 0 || recordFacts(item).length > 0 || Object.keys(schemaOrgPropertiesOf(item, carried)).length > 0;
  if (decision.items.some(saysMore)) article.hasPart = decision.items.map((item) => itemJsonLd(site, decision, item, carried));
  // The decision maker, named with its kind in words ("Decided by the Director of Commercial
  // Services, an officer acting under delegated powers"); the post's writer is the author.
  if (committee)
    article.about = {
      '@type': 'GovernmentOrganization',
      name: committee.name,
      url: absoluteUrl(site.baseUrl, paths.committee(committee.slug)),
      description: `${decidedBy(committee, decision.meeting)}.`,
    };
  if (decision.tags.length > 0) article.keywords = decision.tags.join(', ');
  if (decision.updates.length > 0)
    article.correction = decision.updates.map((update) => ({ '@type': 'CorrectionComment', text: update.note, datePublished: londonIsoDateTime(update.date) }));
  return article;
}

export interface BreadcrumbStep {
  label: string;
  href: string;
}

/**
 * The trail of a page as a BreadcrumbList: the visible breadcrumbs, then the page itself
 * (which the visible trail leaves out).
 */
export function breadcrumbJsonLd(site: Pick<Site, 'baseUrl'>, trail: BreadcrumbStep[], current: BreadcrumbStep): JsonLdObject {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [...trail, current].map((step, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: step.label,
      item: absoluteUrl(site.baseUrl, step.href),
    })),
  };
}

export interface OpenGraphPage {
  title: string;
  description?: string;
  /** The page's path (or absolute URL); relative paths resolve against the layout's metadataBase. */
  path: string;
  type?: 'website' | 'article';
}

/**
 * Open Graph for a page. A page's openGraph replaces the layout's whole object (Next.js
 * merges metadata shallowly), so the site name and locale are repeated here.
 */
export interface OpenGraph {
  type: 'website' | 'article';
  title: string;
  description?: string;
  url: string;
  siteName?: string;
  locale: string;
}

export function openGraphFor(site: Pick<Site, 'siteTitle'> | undefined, page: OpenGraphPage): OpenGraph {
  return {
    type: page.type ?? 'website',
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    url: page.path,
    ...(site ? { siteName: site.siteTitle } : {}),
    locale: 'en_GB',
  };
}

/**
 * One decision item as a part of its post: the schema.org properties its fields carry (the table
 * in lib/records/carried-fields.ts: the council's reference as its identifier, the wards as the
 * places it covers), its register facts and money in plain English as its description, the money
 * and supplier it mentions, the contract's notice it cites, and what of it is exempt information
 * as its conditions of access.
 */
export function itemJsonLd(
  site: Pick<Site, 'baseUrl'>,
  decision: Pick<Decision, 'slug'>,
  item: DecisionItem,
  carried: CarriedFields = CARRIED_ITEM_FIELDS,
): JsonLdObject {
  const facts = registerFacts(item);
  const part: JsonLdObject = {
    '@type': 'CreativeWork',
    '@id': absoluteUrl(site.baseUrl, paths.decisionItem(decision.slug, item.id)),
    name: item.subject,
    ...schemaOrgPropertiesOf(item, carried),
  };
  const money = item.value ? [`Money: ${formatMoney(item.value)}.`] : [];
  if (facts.length > 0 || money.length > 0) part.description = [...facts.map((fact) => `${fact.label}: ${fact.value}.`), ...money].join(' ');
  // The money and the supplier as things the decision is about (schema.org has no property of a
  // creative work for either): a MonetaryAmount in pounds, and the Organization contracted.
  const mentions: JsonLdObject[] = [];
  if (item.value) mentions.push({ '@type': 'MonetaryAmount', currency: 'GBP', value: item.value.amount, name: formatMoney(item.value) });
  if (item.supplier) mentions.push({ '@type': 'Organization', name: item.supplier });
  if (mentions.length > 0) part.mentions = mentions;
  if (item.contract?.url) part.citation = item.contract.url;
  if (item.exempt) part.conditionsOfAccess = segmentsText(exemptStatement(item.exempt));
  return part;
}

/** A meeting's start for schema.org: the London date, or its date-time with London's offset. */
export function meetingStart(meeting: Pick<Meeting, 'date' | 'time'>): string {
  if (!meeting.time) return meeting.date;
  const [year, month, day] = meeting.date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = meeting.time.split(':').map(Number) as [number, number];
  return londonIsoDateTime(londonWallClockToInstant(year, month, day, hour, minute));
}

/** A meeting as a schema.org Event: when, where, who meets, and what it decided or will consider. */
export function meetingJsonLd(site: SiteFacts, meeting: Meeting, committee: Pick<Committee, 'slug' | 'name'>, description: string): JsonLdObject {
  const url = absoluteUrl(site.baseUrl, paths.meeting(meeting.slug));
  const event: JsonLdObject = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${url}#event`,
    name: `${committee.name} meeting`,
    description,
    url,
    startDate: meetingStart(meeting),
    eventStatus: meeting.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    inLanguage: site.language,
    organizer: { '@type': 'GovernmentOrganization', name: committee.name, url: absoluteUrl(site.baseUrl, paths.committee(committee.slug)) },
    isPartOf: { '@id': websiteId(site) },
  };
  if (meeting.venue) event.location = { '@type': 'Place', name: meeting.venue, address: meeting.venue };
  const parts = meeting.decisions.map(({ decision, item }) => itemJsonLd(site, decision, item));
  if (parts.length > 0) event.subjectOf = parts;
  else if (meeting.agenda.length > 0) event.about = meeting.agenda.map((item) => ({ '@type': 'Thing', name: item.title }));
  return event;
}
