import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CalendarLinks } from '@/components/CalendarLinks';
import { JsonLd } from '@/components/JsonLd';
import { MeetingView } from '@/components/MeetingView';
import { Prose } from '@/components/Prose';
import { formatCalendarDate } from '@/lib/dates';
import { findMeeting } from '@/lib/records/lookups';
import { meetingsToPreRender, meetingSummary, meetingTitle, todayOf } from '@/lib/meetings';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { bodyHtml, getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, meetingJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;

/** Upcoming and recent meetings are pre-rendered; older ones, and one a scheduled post adds later, on first request. */
export async function generateStaticParams() {
  return meetingsToPreRender(await getSiteRecords()).map((m) => ({ slug: m.slug }));
}

export async function generateMetadata({ params }: PageProps<'/meetings/[slug]'>): Promise<Metadata> {
  const found = await findMeeting((await params).slug);
  if (!found) return { title: 'Page not found' };
  const { records, value: meeting } = found;
  const committee = records.committees.get(meeting.committee);
  const title = meetingTitle(meeting, committee);
  const description = meetingSummary(meeting, committee, todayOf(records));
  const path = paths.meeting(meeting.slug);
  return {
    title,
    description,
    alternates: alternatesFor(path, undefined, {
      url: paths.committeeMeetingsCalendar(meeting.committee),
      title: `${committee?.name ?? meeting.committee}: meetings (iCalendar)`,
    }),
    openGraph: openGraphFor(records.site, { title, description, path }),
  };
}

export default async function MeetingPage({ params }: PageProps<'/meetings/[slug]'>) {
  const found = await findMeeting((await params).slug);
  if (!found) notFound();
  const { records, value: meeting } = found;
  const committee = records.committees.get(meeting.committee)!;
  const today = todayOf(records);
  const trail = [{ href: paths.meetings(), label: 'Meetings' }];
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd
        data={[
          meetingJsonLd(records.site, meeting, committee, meetingSummary(meeting, committee, today)),
          breadcrumbJsonLd(records.site, trail, { href: paths.meeting(meeting.slug), label: meetingTitle(meeting, committee) }),
        ]}
      />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">{committee.name}</span>
        Meeting on {formatCalendarDate(meeting.date, true)}
      </h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body-l">{meetingSummary(meeting, committee, today)}</p>
          <MeetingView
            meeting={meeting}
            committee={committee}
            projects={records.projects}
            glossary={new Set(records.glossary.keys())}
            today={today}
            committeeSite={records.site.committeeSite}
          />
          {meeting.note && (
            <>
              <h2 className="govuk-heading-m">A note about this meeting</h2>
              <Prose html={bodyHtml(records, meeting.note)} />
            </>
          )}
        </div>
        <div className="govuk-grid-column-one-third">
          <CalendarLinks baseUrl={records.site.baseUrl} path={paths.committeeMeetingsCalendar(committee.slug)} what={`${committee.name} meetings`} />
        </div>
      </div>
    </>
  );
}
