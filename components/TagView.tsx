import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { Decision } from '@/lib/content/types';
import { londonYear } from '@/lib/dates';
import { LIST_PAGE_SIZE, listPageCount, paginate } from '@/lib/records/indexes';
import { topicName } from '@/lib/records/labels';
import { alternatesFor } from '@/lib/seo/page-metadata';
import type { SiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';
import { AlertForm } from './AlertForm';
import { Breadcrumbs } from './Breadcrumbs';
import { DecisionGroups, groupDecisions, type DecisionGroup } from './DecisionGroups';
import { JsonLd } from './JsonLd';
import { Pagination } from './Pagination';

type TagRecords = Pick<SiteRecords, 'site' | 'indexes' | 'committees' | 'glossary'>;

/** Newest year first; within a year, newest first (the order of the index). */
function byYear(decisions: Decision[]): DecisionGroup[] {
  return groupDecisions(decisions, (decision) => {
    const year = String(londonYear(decision.published));
    return { id: `year-${year}`, heading: year };
  });
}

/** Title, description, canonical address and feeds of page `pageNumber` of a topic. */
export function tagMetadata(records: TagRecords, slug: string, pageNumber: number): Metadata {
  const decisions = records.indexes.byTag.get(slug) ?? [];
  const pageCount = listPageCount(decisions.length);
  if (pageNumber > pageCount) return { title: 'Page not found' };
  const label = topicName(slug, records.glossary);
  const posts = decisions.length === 1 ? 'decision post' : `${decisions.length} decision posts`;
  const title = pageNumber > 1 ? `${label}: decisions, page ${pageNumber}` : `${label}: decisions`;
  const description =
    pageNumber > 1
      ? `Page ${pageNumber} of ${pageCount} of the ${posts} with the topic ‘${label}’, newest first.`
      : `The ${posts} with the topic ‘${label}’, newest first.`;
  const path = paths.tagPage(slug, pageNumber);
  return {
    title,
    description,
    alternates: alternatesFor(path, { basePath: paths.tag(slug), name: label }),
    openGraph: openGraphFor(records.site, { title, description, path }),
  };
}

/** One topic: what it means, and one page of the decisions that have it, newest first, by year. */
export function TagView({ records, slug, pageNumber }: { records: TagRecords; slug: string; pageNumber: number }) {
  const decisions = records.indexes.byTag.get(slug) ?? [];
  const page = paginate(decisions, pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const label = topicName(slug, records.glossary);
  const term = records.glossary.get(slug);
  const trail = [
    { href: paths.home(), label: 'Decisions' },
    { href: paths.tags(), label: 'Topics' },
  ];
  const current = { href: paths.tagPage(slug, page.page), label: page.page > 1 ? `${label}, page ${page.page}` : label };
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd data={breadcrumbJsonLd(records.site, trail, current)} />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">Topic</span>
        {label}
      </h1>
      <p className="govuk-body-l">
        {decisions.length === 1 ? 'One decision post has' : `${decisions.length} decision posts have`} the topic &lsquo;{label}&rsquo;. The newest is first.
      </p>
      {term && (
        <p className="govuk-body">
          {term.summary}{' '}
          <a className="govuk-link" href={paths.glossaryTerm(term.slug)}>
            More about what &lsquo;{term.term}&rsquo; means
          </a>
        </p>
      )}
      <h2 className="govuk-heading-l">Decisions{page.pageCount > 1 ? ` (page ${page.page} of ${page.pageCount})` : ''}</h2>
      <DecisionGroups groups={byYear(page.items)} committees={records.committees} />
      <Pagination page={page.page} pageCount={page.pageCount} hrefFor={(n) => paths.tagPage(slug, n)} label="Pages of decisions" />
      <p className="govuk-body">
        <a className="govuk-link" href={paths.tags()}>
          All topics
        </a>
      </p>
      <AlertForm follow={`tag:${slug}`} what={`the topic ‘${label}’`} />
    </>
  );
}
