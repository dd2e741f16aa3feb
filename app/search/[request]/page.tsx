import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { SearchFilters, SearchForm } from '@/components/SearchForm';
import { SearchResults } from '@/components/SearchResults';
import { ViewFormats } from '@/components/ViewFormats';
import { filterQuery } from '@/lib/filters/vocabulary';
import { filterInWords } from '@/lib/feeds/site-feeds';
import { searchSite } from '@/lib/search/answer-cache';
import { knownFilters, searchFilterOptions } from '@/lib/search/filters';
import { hasFilters, readSearchRequest, type RawSearchParams } from '@/lib/search/query';
import { queryOfSegment, SEARCH_RENDER_PREFIX } from '@/lib/search/rendered-address';
import { searchPages, searchPagesApply } from '@/lib/search/search-pages';
import { nextScheduledAt } from '@/lib/records/published';
import { getSiteRecords } from '@/lib/site';
import { openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';
import { MeetingList } from '@/components/MeetingList';
import { meetingsOf, todayOf } from '@/lib/meetings';
import { searchMeetings } from '@/lib/meetings/search';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

// /search?<query>, as proxy.ts rewrites it: the query is the path's last segment
// (lib/search/rendered-address.ts). Rendered on demand, not per request, so cache-handler.mjs
// sees its HTML and removes Next.js's scripts; it keeps it in memory only, bounded, while the
// visible set it was rendered from lasts (lib/search/rendered-pages.ts), never on disk. No
// search is pre-rendered. The index behind it is built once per visible set of decisions.
export const generateStaticParams = renderedOnFirstRequest;

/**
 * The request read once per request: generateMetadata and the page both ask, and React's cache
 * (per request, keyed on the query as text) answers the second. proxy.ts has already refused a
 * query with too many values of one parameter (a plain 400), before any of this.
 */
const readRequest = cache(async (query: string) => {
  const records = await getSiteRecords();
  const raw: RawSearchParams = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const held = raw[name];
    raw[name] = held === undefined ? value : [held, value].flat();
  }
  const { request, problems } = readSearchRequest(raw, knownFilters(records));
  return { records, request, problems };
});

/** The query the segment carries; a segment proxy.ts did not write is a page not found. */
async function requestFrom(params: PageProps<'/search/[request]'>['params']) {
  const query = queryOfSegment((await params).request);
  if (query === undefined) notFound();
  return readRequest(query);
}

export async function generateMetadata({ params }: PageProps<'/search/[request]'>): Promise<Metadata> {
  const { records, request } = await requestFrom(params);
  const title = request.q ? `Search: ${request.q}` : 'Search';
  const description = `Search the decisions, committees, projects and glossary of ${records.site.siteTitle}.`;
  // A filtered view advertises its own feeds beside the site's: the same decisions, followed.
  const view = request.filter ? { basePath: '', name: `Decisions ${filterInWords(records, request.filter)}`, query: filterQuery(request.filter) } : undefined;
  return {
    title,
    description,
    alternates: alternatesFor(paths.search(), view),
    // Result pages are for people; the pages they lead to are in the sitemap.
    ...(request.q || hasFilters(request) ? { robots: { index: false, follow: true } } : {}),
    openGraph: openGraphFor(records.site, { title: 'Search', description, path: paths.search() }),
  };
}

export default async function SearchPage({ params }: PageProps<'/search/[request]'>) {
  const { records, request, problems } = await requestFrom(params);
  const options = searchFilterOptions(records);
  const response = searchSite(records, request);
  const today = todayOf(records);
  // What this page is rendered from, so that cache-handler.mjs keeps it only as long as a render
  // would give the same page (lib/search/rendered-pages.ts): this visible set, this London day,
  // until the next scheduled post goes live.
  if (searchPagesApply()) {
    const validUntil = nextScheduledAt(records.decisions, records.visibility.now)?.getTime() ?? Infinity;
    searchPages().pages.stamp(`${SEARCH_RENDER_PREFIX}${(await params).request}`, { records: records.indexes, today, validUntil });
  }
  const meetings = request.q ? searchMeetings(meetingsOf(records), records.committees, request.q, today) : { meetings: [], total: 0 };
  return (
    <>
      <h1 className="govuk-heading-xl">Search</h1>
      {problems.length > 0 && (
        <div className="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 className="govuk-error-summary__title">Some filters were left out</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">These values are not on this site, so the results do not use them:</p>
              <ul className="govuk-list govuk-error-summary__list">
                {problems.map((problem) => (
                  <li key={problem.message}>{problem.message}</li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      )}
      {response.mode === 'empty' && (
        <p className="govuk-body-l">
          Find decisions, the committees that took them, the projects they belong to and plain-English explanations of the words they use.
        </p>
      )}
      <SearchForm request={request} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {request.filter && (
            <ViewFormats filter={request.filter} baseUrl={records.site.baseUrl} what={`Decisions ${filterInWords(records, request.filter)}`} />
          )}
          <SearchResults response={response} options={options} />
          {meetings.total > 0 && (
            <section aria-labelledby="meeting-results-heading">
              <h2 className="govuk-heading-m govuk-!-margin-top-6" id="meeting-results-heading">
                Meetings ({meetings.total})
              </h2>
              <MeetingList meetings={meetings.meetings} committees={records.committees} today={today} />
              {meetings.total > meetings.meetings.length && (
                <p className="govuk-body">
                  Showing {meetings.meetings.length} of {meetings.total}.{' '}
                  <a className="govuk-link" href={paths.meetings()}>
                    Every meeting
                  </a>
                </p>
              )}
            </section>
          )}
          {response.mode === 'empty' && (
            <>
              <h2 className="govuk-heading-m">Search tips</h2>
              <ul className="govuk-list govuk-list--bullet">
                <li>Type a few words, such as &ldquo;direct payments&rdquo; or &ldquo;legal partner&rdquo;: results contain all of them.</li>
                <li>Small spelling mistakes and word endings do not matter: &ldquo;wedding&rdquo; also finds &ldquo;weddings&rdquo;.</li>
                <li>Leave the words empty and choose a filter to list every decision by a committee, about a project, from a year or with an outcome.</li>
              </ul>
              <p className="govuk-body">
                You can also browse{' '}
                <a className="govuk-link" href={paths.archive()}>
                  decisions by year
                </a>{' '}
                or{' '}
                <a className="govuk-link" href={paths.tags()}>
                  by topic
                </a>
                .
              </p>
            </>
          )}
        </div>
        <div className="govuk-grid-column-one-third">
          <SearchFilters request={request} options={options} />
        </div>
      </div>
    </>
  );
}
