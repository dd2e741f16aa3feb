import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/page-metadata';
import { SearchForm } from '@/components/SearchForm';
import { SearchResults } from '@/components/SearchResults';
import { searchSite } from '@/lib/search/answer-cache';
import { knownFilters, searchFilterOptions } from '@/lib/search/filters';
import { hasFilters, parseSearchRequest, type RawSearchParams } from '@/lib/search/query';
import { getSiteRecords } from '@/lib/site';
import { openGraphFor } from '@/lib/structured-data';
import { paths } from '@/lib/urls';
import { MeetingList } from '@/components/MeetingList';
import { meetingsOf, todayOf } from '@/lib/meetings';
import { searchMeetings } from '@/lib/meetings/search';

// Dynamic: it reads the query. The index behind it is built once per visible set of decisions.

async function requestFrom(searchParams: Promise<RawSearchParams>) {
  const records = await getSiteRecords();
  const request = parseSearchRequest(await searchParams, knownFilters(records));
  return { records, request };
}

export async function generateMetadata({ searchParams }: PageProps<'/search'>): Promise<Metadata> {
  const { records, request } = await requestFrom(searchParams);
  const title = request.q ? `Search: ${request.q}` : 'Search';
  const description = `Search the decisions, committees, projects and glossary of ${records.site.siteTitle}.`;
  return {
    title,
    description,
    alternates: alternatesFor(paths.search()),
    // Result pages are for people; the pages they lead to are in the sitemap.
    ...(request.q || hasFilters(request) ? { robots: { index: false, follow: true } } : {}),
    openGraph: openGraphFor(records.site, { title: 'Search', description, path: paths.search() }),
  };
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const { records, request } = await requestFrom(searchParams);
  const options = searchFilterOptions(records);
  const response = searchSite(records, request);
  const today = todayOf(records);
  const meetings = request.q ? searchMeetings(meetingsOf(records), records.committees, request.q, today) : { meetings: [], total: 0 };
  return (
    <>
      <h1 className="govuk-heading-xl">Search</h1>
      {response.mode === 'empty' && (
        <p className="govuk-body-l">
          Find decisions, the committees that took them, the projects they belong to and plain-English explanations of the words they use.
        </p>
      )}
      <SearchForm request={request} options={options} />
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
            <a className="govuk-link" href="/archive">
              decisions by year
            </a>{' '}
            or{' '}
            <a className="govuk-link" href="/tags">
              by topic
            </a>
            .
          </p>
        </>
      )}
    </>
  );
}
