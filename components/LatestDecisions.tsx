import type { Page } from '@/lib/records/indexes';
import type { Committee, Decision } from '@/lib/content/types';
import { paths } from '@/lib/urls';
import { AlertForm } from './AlertForm';
import { DecisionList } from './DecisionList';
import { Pagination } from './Pagination';

/** The home page and its later pages: the latest decisions, newest first. */
export function LatestDecisions({
  page,
  committees,
  siteTitle,
  description,
}: {
  page: Page<Decision>;
  committees: Map<string, Committee>;
  siteTitle: string;
  description: string;
}) {
  return (
    <>
      <h1 className="govuk-heading-xl">{page.page === 1 ? 'Latest decisions' : `Decisions: page ${page.page} of ${page.pageCount}`}</h1>
      {page.page === 1 && (
        <p className="govuk-body-l">
          {description} {siteTitle} reports what was decided, by which committee, and where each project stands.
        </p>
      )}
      {page.total === 0 ? <p className="govuk-body">No decisions have been published yet.</p> : <DecisionList decisions={page.items} committees={committees} />}
      <Pagination page={page.page} pageCount={page.pageCount} hrefFor={paths.page} label="Pages of decisions" />
      {page.page === 1 && <AlertForm follow="all" what="every new decision" />}
    </>
  );
}
