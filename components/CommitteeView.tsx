import { notFound } from 'next/navigation';
import type { Committee } from '@/lib/content/types';
import { LIST_PAGE_SIZE, paginate } from '@/lib/indexes';
import { bodyHtml, type SiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';
import { Breadcrumbs } from './Breadcrumbs';
import { DecisionList } from './DecisionList';
import { AlertForm } from './AlertForm';
import { FollowFeeds } from './FollowFeeds';
import { Pagination } from './Pagination';
import { Prose } from './Prose';

/** One body: what it is for, how to follow it, and every decision it took, newest first. */
export function CommitteeView({ records, committee, pageNumber }: { records: SiteRecords; committee: Committee; pageNumber: number }) {
  const decisions = records.indexes.byCommittee.get(committee.slug) ?? [];
  const page = paginate(decisions, pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  return (
    <>
      <Breadcrumbs items={[{ href: paths.committees(), label: 'Committees' }]} />
      <h1 className="govuk-heading-xl">
        {committee.name}
        {committee.shortName && <span className="govuk-caption-l">Also known as {committee.shortName}</span>}
      </h1>
      <p className="govuk-body-l">{committee.summary}</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">What it is for</h2>
          <Prose html={bodyHtml(records, committee.body)} />
          {committee.website && (
            <p className="govuk-body">
              <a className="govuk-link" href={committee.website} rel="noopener noreferrer">
                Meetings and papers of the {committee.name} on the council&rsquo;s committee site
              </a>
            </p>
          )}
        </div>
        <div className="govuk-grid-column-one-third">
          <FollowFeeds basePath={paths.committee(committee.slug)} baseUrl={records.site.baseUrl} what={`the ${committee.name}`} />
          <AlertForm follow={`committee:${committee.slug}`} what={`the ${committee.name}`} />
        </div>
      </div>
      <h2 className="govuk-heading-l">Decisions taken{page.pageCount > 1 ? ` (page ${page.page} of ${page.pageCount})` : ''}</h2>
      {decisions.length === 0 ? (
        <p className="govuk-body">No decisions by this body have been published yet.</p>
      ) : (
        <DecisionList decisions={page.items} committees={records.committees} headingLevel={3} />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} hrefFor={(n) => paths.committeePage(committee.slug, n)} label="Pages of decisions" />
    </>
  );
}
