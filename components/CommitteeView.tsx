import { notFound } from 'next/navigation';
import type { Committee } from '@/lib/content/types';
import { LIST_PAGE_SIZE, paginate } from '@/lib/records/indexes';
import { bodyHtml, type SiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';
import { Breadcrumbs } from './Breadcrumbs';
import { DecisionList } from './DecisionList';
import { AlertForm } from './AlertForm';
import { FollowFeeds } from './FollowFeeds';
import { Pagination } from './Pagination';
import { Prose } from './Prose';
import { CalendarLinks } from './CalendarLinks';
import { MeetingList } from './MeetingList';
import { FollowSection } from './FollowSection';
import { meetingsInListOrder, meetingsOf, todayOf } from '@/lib/meetings';
import { decidedBy, makerKindLabels, makerMeets } from '@/lib/records/makers';

/** The committee page stays small however long the body has met; /meetings lists the rest. */
const PAST_MEETINGS_SHOWN = 10;

/**
 * One body: every decision it took (newest first) and its meetings come first, then what it is
 * for, then the ways to follow it, folded into one section so they do not push the decisions
 * down a phone's screen.
 */
export function CommitteeView({ records, committee, pageNumber }: { records: SiteRecords; committee: Committee; pageNumber: number }) {
  const decisions = records.indexes.byCommittee.get(committee.slug) ?? [];
  const page = paginate(decisions, pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const today = todayOf(records);
  const { upcoming, past } = meetingsInListOrder(meetingsOf(records).byCommittee.get(committee.slug) ?? [], today);
  const recentPast = past.slice(0, PAST_MEETINGS_SHOWN);
  // An officer or a cabinet member decides alone: the page speaks of no meeting.
  const meets = makerMeets(committee.kind);
  return (
    <>
      <Breadcrumbs items={[{ href: paths.committees(), label: 'Decision makers' }]} />
      <h1 className="govuk-heading-xl">
        {committee.name}
        {committee.shortName && <span className="govuk-caption-l">Also known as {committee.shortName}</span>}
      </h1>
      <p className="govuk-body-l">{committee.summary}</p>
      {!meets && (
        <p className="govuk-body">
          {makerKindLabels[committee.kind]}. Decisions here are taken without a meeting: {decidedBy(committee).replace(/^Decided/, 'decided')}.
        </p>
      )}
      <h2 className="govuk-heading-l">Decisions taken{page.pageCount > 1 ? ` (page ${page.page} of ${page.pageCount})` : ''}</h2>
      {decisions.length === 0 ? (
        <p className="govuk-body">No decisions by this body have been published yet.</p>
      ) : (
        <DecisionList decisions={page.items} committees={records.committees} headingLevel={3} />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} hrefFor={(n) => paths.committeePage(committee.slug, n)} label="Pages of decisions" />
      {page.page === 1 && meets && (
        <section aria-labelledby="meetings-heading">
          <h2 className="govuk-heading-l" id="meetings-heading">
            Meetings
          </h2>
          <h3 className="govuk-heading-m">Coming up</h3>
          {upcoming.length === 0 ? (
            <p className="govuk-body">No upcoming meetings of this body have been announced on this site.</p>
          ) : (
            <MeetingList meetings={upcoming} committees={records.committees} today={today} showCommittee={false} headingLevel={4} />
          )}
          {recentPast.length > 0 && (
            <>
              <h3 className="govuk-heading-m">
                {past.length > recentPast.length ? `The latest ${recentPast.length} of ${past.length} past meetings` : 'Past meetings'}
              </h3>
              <MeetingList meetings={recentPast} committees={records.committees} today={today} showCommittee={false} headingLevel={4} />
            </>
          )}
          <p className="govuk-body">
            <a className="govuk-link" href={paths.meetings()}>
              Every meeting of every committee
            </a>
          </p>
        </section>
      )}
      <section aria-labelledby="about-heading">
        <h2 className="govuk-heading-l" id="about-heading">
          What it is for
        </h2>
        <Prose html={bodyHtml(records, committee.body)} />
        {committee.website && (
          <p className="govuk-body">
            <a className="govuk-link" href={committee.website} rel="noopener noreferrer">
              Meetings and papers of the {committee.name} on the council&rsquo;s committee site
            </a>
          </p>
        )}
      </section>
      <FollowSection summary={committee.kind === 'committee' ? 'Follow this committee' : 'Follow this decision maker'}>
        <FollowFeeds basePath={paths.committee(committee.slug)} baseUrl={records.site.baseUrl} what={`the ${committee.name}`} />
        <AlertForm follow={`committee:${committee.slug}`} what={`the ${committee.name}`} />
        {meets && (
          <CalendarLinks
            baseUrl={records.site.baseUrl}
            path={paths.committeeMeetingsCalendar(committee.slug)}
            what={`${committee.shortName ?? committee.name} meetings`}
          />
        )}
      </FollowSection>
    </>
  );
}
