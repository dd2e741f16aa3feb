import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { Decision } from '@/lib/content/types';
import { londonIsoDate, TIME_ZONE } from '@/lib/dates';
import { LIST_PAGE_SIZE, listPageCount, paginate } from '@/lib/records/indexes';
import { alternatesFor } from '@/lib/seo/page-metadata';
import type { SiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';
import { Breadcrumbs } from './Breadcrumbs';
import { DecisionGroups, groupDecisions, type DecisionGroup } from './DecisionGroups';
import { JsonLd } from './JsonLd';
import { NeighbourLinks } from './NeighbourLinks';
import { Pagination } from './Pagination';

type ArchiveRecords = Pick<SiteRecords, 'site' | 'indexes' | 'committees'>;

const monthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, month: 'long', year: 'numeric' });

/** Newest month first; within a month, newest first (the order of the index). */
function byMonth(decisions: Decision[]): DecisionGroup[] {
  return groupDecisions(decisions, (decision) => {
    const month = londonIsoDate(decision.published).slice(0, 7);
    return { id: `month-${month}`, heading: monthFormat.format(decision.published) };
  });
}

/** Title, description and canonical address of page `pageNumber` of a year's decisions. */
export function archiveYearMetadata(records: ArchiveRecords, year: number, pageNumber: number): Metadata {
  const decisions = records.indexes.byYear.get(year) ?? [];
  const pageCount = listPageCount(decisions.length);
  if (pageNumber > pageCount) return { title: 'Page not found' };
  const posts = decisions.length === 1 ? 'decision post' : `${decisions.length} decision posts`;
  const title = pageNumber > 1 ? `Decisions published in ${year}, page ${pageNumber}` : `Decisions published in ${year}`;
  const description =
    pageNumber > 1
      ? `Page ${pageNumber} of ${pageCount} of the ${posts} published in ${year}, newest first.`
      : `The ${posts} published in ${year}, newest first.`;
  const path = paths.archivePage(year, pageNumber);
  return { title, description, alternates: alternatesFor(path), openGraph: openGraphFor(records.site, { title, description, path }) };
}

/** One year: one page of the decisions published in it, newest first, by month; and the years either side. */
export function ArchiveYearView({ records, year, pageNumber }: { records: ArchiveRecords; year: number; pageNumber: number }) {
  const decisions = records.indexes.byYear.get(year) ?? [];
  const page = paginate(decisions, pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const years = [...records.indexes.byYear.keys()].sort((a, b) => a - b);
  const at = years.indexOf(year);
  const earlier = years[at - 1];
  const later = years[at + 1];
  const trail = [
    { href: paths.home(), label: 'Decisions' },
    { href: paths.archive(), label: 'Decisions by year' },
  ];
  const current = { href: paths.archivePage(year, page.page), label: page.page > 1 ? `${year}, page ${page.page}` : String(year) };
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd data={breadcrumbJsonLd(records.site, trail, current)} />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">Decisions published in</span>
        {year}
      </h1>
      <p className="govuk-body-l">
        {decisions.length === 1 ? 'One decision post was' : `${decisions.length} decision posts were`} published in {year}. The newest is first.
      </p>
      <h2 className="govuk-heading-l">Decisions{page.pageCount > 1 ? ` (page ${page.page} of ${page.pageCount})` : ''}</h2>
      <DecisionGroups groups={byMonth(page.items)} committees={records.committees} />
      <Pagination page={page.page} pageCount={page.pageCount} hrefFor={(n) => paths.archivePage(year, n)} label="Pages of decisions" />
      <NeighbourLinks
        label="Other years"
        prev={later === undefined ? undefined : { href: paths.archive(later), title: 'Later', noun: 'year', label: String(later) }}
        next={earlier === undefined ? undefined : { href: paths.archive(earlier), title: 'Earlier', noun: 'year', label: String(earlier) }}
      />
    </>
  );
}
