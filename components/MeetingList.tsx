import type { Committee } from '@/lib/content/types';
import { formatCalendarDate } from '@/lib/dates';
import { formatMeetingTime, isUpcoming, meetingTitle, type Meeting } from '@/lib/meetings';
import { paths } from '@/lib/urls';

/** What a meeting in a list says about itself: cancelled, what it decided, or what it will consider. */
function meetingNote(meeting: Meeting, upcoming: boolean): string {
  if (meeting.cancelled) return 'Cancelled';
  const decisions = meeting.decisions.length;
  if (decisions > 0) return decisions === 1 ? '1 decision' : `${decisions} decisions`;
  const agenda = meeting.agenda.length;
  if (agenda > 0) return agenda === 1 ? '1 item on the agenda' : `${agenda} items on the agenda`;
  return upcoming ? 'Agenda not published yet' : 'No post reports this meeting yet';
}

/** A list of meetings, each linked to its page, with its time, venue and what it did or will do. */
export function MeetingList({
  meetings,
  committees,
  today,
  headingLevel = 3,
  showCommittee = true,
}: {
  meetings: Meeting[];
  committees: Map<string, Committee>;
  /** London's date today, which tells an upcoming meeting from a past one. */
  today: string;
  headingLevel?: 3 | 4;
  showCommittee?: boolean;
}) {
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  return (
    <ul className="govuk-list meeting-list">
      {meetings.map((meeting) => {
        const committee = committees.get(meeting.committee);
        return (
          <li key={meeting.slug} className="meeting-list__item">
            <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
              <a className="govuk-link" href={paths.meeting(meeting.slug)}>
                {showCommittee ? meetingTitle(meeting, committee) : formatCalendarDate(meeting.date, true)}
              </a>
            </Heading>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              {[meeting.time ? formatMeetingTime(meeting.time) : undefined, meeting.venue, meetingNote(meeting, isUpcoming(meeting, today))]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
