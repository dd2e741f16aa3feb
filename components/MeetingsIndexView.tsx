import { notFound } from 'next/navigation';
import { LIST_PAGE_SIZE, paginate } from '@/lib/records/indexes';
import { meetingsInListOrder, meetingsOf, todayOf, type Meeting } from '@/lib/meetings';
import type { SiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';
import { filterSuffix, KEY_DECISIONS } from '@/lib/filters/vocabulary';
import { Breadcrumbs } from './Breadcrumbs';
import { CalendarLinks } from './CalendarLinks';
import { MeetingList } from './MeetingList';
import { Pagination } from './Pagination';

/** Past meetings grouped by year, newest year first (the list is already newest first). */
function byYear(meetings: Meeting[]): Array<[string, Meeting[]]> {
  const groups = new Map<string, Meeting[]>();
  for (const meeting of meetings) {
    const year = meeting.date.slice(0, 4);
    const list = groups.get(year);
    if (list) list.push(meeting);
    else groups.set(year, [meeting]);
  }
  return [...groups];
}

/**
 * /meetings and its later pages: the forward plan (upcoming meetings, soonest first), then the
 * record (past meetings, newest first, by year), 20 a page like the other lists.
 */
export function MeetingsIndexView({ records, pageNumber }: { records: SiteRecords; pageNumber: number }) {
  const today = todayOf(records);
  const { upcoming, past } = meetingsInListOrder(meetingsOf(records).all, today);
  const page = paginate([...upcoming, ...past], pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const onPage = new Set(page.items);
  const upcomingHere = upcoming.filter((m) => onPage.has(m));
  const pastHere = past.filter((m) => onPage.has(m));
  return (
    <>
      <Breadcrumbs items={[{ href: paths.home(), label: 'Decisions' }]} />
      <h1 className="govuk-heading-xl">Meetings{page.pageCount > 1 ? ` (page ${page.page} of ${page.pageCount})` : ''}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body-l">
            Every meeting at which the council&rsquo;s committees took or will take the decisions on this site: what is coming up first, then what was decided.
          </p>
          <p className="govuk-body">
            Some decisions are taken without a meeting, by a cabinet member or by an officer: they are on each{' '}
            <a className="govuk-link" href={paths.committees()}>
              decision maker&rsquo;s page
            </a>
            . See also{' '}
            <a className="govuk-link" href={`${paths.search()}${filterSuffix(KEY_DECISIONS)}`}>
              every key decision
            </a>
            , however it was taken.
          </p>
          {page.page === 1 || upcomingHere.length > 0 ? (
            <section aria-labelledby="upcoming-heading">
              <h2 className="govuk-heading-l" id="upcoming-heading">
                Coming up
              </h2>
              <p className="govuk-body">
                The forward plan: meetings that have been announced, soonest first, with what they will consider where the agenda is known.
              </p>
              {upcomingHere.length === 0 ? (
                <p className="govuk-body">No upcoming meetings have been announced on this site.</p>
              ) : (
                <MeetingList meetings={upcomingHere} committees={records.committees} today={today} />
              )}
            </section>
          ) : null}
          {pastHere.length > 0 && (
            <section aria-labelledby="past-heading">
              <h2 className="govuk-heading-l" id="past-heading">
                Past meetings
              </h2>
              {byYear(pastHere).map(([year, meetings]) => (
                <section key={year} aria-labelledby={`year-${year}`}>
                  <h3 className="govuk-heading-m" id={`year-${year}`}>
                    {year}
                  </h3>
                  <MeetingList meetings={meetings} committees={records.committees} today={today} headingLevel={4} />
                </section>
              ))}
            </section>
          )}
          <Pagination page={page.page} pageCount={page.pageCount} hrefFor={paths.meetingsPage} label="Pages of meetings" />
        </div>
        <div className="govuk-grid-column-one-third">
          <CalendarLinks baseUrl={records.site.baseUrl} path={paths.meetingsCalendar()} what="Every meeting" indexLink={false} />
        </div>
      </div>
    </>
  );
}
