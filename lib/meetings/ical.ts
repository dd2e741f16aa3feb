/**
 * The meetings as iCalendar (RFC 5545), for calendar programs: /meetings.ics (every committee)
 * and /committees/<slug>/meetings.ics. Written with ical-generator, not by hand; the tests read
 * the output back with python's icalendar and with ical.js.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { Committee, Site } from '../content/types';
import { formatCalendarDate } from '../dates';
import { outcomeLabels } from '../records/labels';
import { absoluteUrl, paths } from '../urls';
import type { Meeting } from './derive';
import { formatMeetingTime } from './index';

export const LONDON = 'Europe/London';

/**
 * London's rules since 1996 (EU summer time: the last Sunday of March at 01:00 UTC to the last
 * Sunday of October at 01:00 UTC), as a VTIMEZONE. ical-generator asks for one by name and
 * leaves its text to the caller; these rules have not changed since 1996, and every meeting
 * this site knows of is later than that.
 */
export const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** A meeting's UID: its permanent slug at the site's host, so it never changes. */
export function meetingUid(site: Pick<Site, 'baseUrl'>, meeting: Pick<Meeting, 'slug'>): string {
  return `${meeting.slug}@${new URL(site.baseUrl).host}`;
}

/** The day after a London date (`2011-03-02` → `2011-03-03`): the end of an all-day event. */
function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** The event's text: what was decided there, or what it will consider, and where to read more. */
export function meetingDescription(site: Pick<Site, 'baseUrl'>, meeting: Meeting): string {
  const lines: string[] = [];
  if (meeting.cancelled) lines.push('This meeting has been cancelled.', '');
  if (meeting.decisions.length > 0) {
    lines.push('Decisions taken:');
    for (const { decision, item } of meeting.decisions) {
      lines.push(`- ${item.subject}: ${outcomeLabels[item.outcome]} (${absoluteUrl(site.baseUrl, paths.decisionItem(decision.slug, item.id))})`);
    }
  } else if (meeting.agenda.length > 0) {
    lines.push('On the agenda:');
    for (const item of meeting.agenda) lines.push(`- ${item.title}`);
  }
  if (meeting.papers) lines.push('', `Papers: ${meeting.papers}`);
  lines.push('', `Details: ${absoluteUrl(site.baseUrl, paths.meeting(meeting.slug))}`);
  return lines.join('\n').trim();
}

export interface CalendarSpec {
  site: Pick<Site, 'baseUrl' | 'siteTitle' | 'councilName'>;
  committees: Map<string, Pick<Committee, 'name'>>;
  meetings: readonly Meeting[];
  /** The calendar's name, e.g. "Cabinet Resources Committee meetings". */
  name: string;
  /** Where the calendar is published (its page). */
  path: string;
  /** DTSTAMP of a meeting no post reports: a content date, so the same content makes the same bytes. */
  fallbackStamp: Date;
}

/** The calendar's text. The same meetings make the same bytes (the ETag is their hash). */
export function meetingsCalendar({ site, committees, meetings, name, path, fallbackStamp }: CalendarSpec): string {
  const calendar = ical({
    name: `${site.siteTitle}: ${name}`,
    description: `Meetings of the ${site.councilName}'s committees, from ${site.siteTitle}.`,
    prodId: { company: site.siteTitle, product: 'Meetings', language: 'EN' },
    url: absoluteUrl(site.baseUrl, path),
    // No calendar-wide zone (name null), so DTSTAMP stays UTC as RFC 5545 requires; the
    // generator still writes the VTIMEZONE of every zone an event names.
    timezone: { name: null, generator: (zone) => (zone === LONDON ? LONDON_VTIMEZONE : null) },
  });
  for (const meeting of meetings) {
    const committee = committees.get(meeting.committee)?.name ?? meeting.committee;
    const when = formatCalendarDate(meeting.date, true) + (meeting.time ? ` at ${formatMeetingTime(meeting.time)}` : '');
    const summary = `${meeting.cancelled ? 'Cancelled: ' : ''}${committee}`;
    calendar.createEvent({
      id: meetingUid(site, meeting),
      // A London wall-clock time with TZID=Europe/London: ical-generator writes a string's
      // local fields as they are when the event names a zone. All-day where no time is known.
      ...(meeting.time ? { start: `${meeting.date}T${meeting.time}:00`, timezone: LONDON } : { start: meeting.date, end: nextDay(meeting.date), allDay: true }),
      stamp: meeting.updated ?? fallbackStamp,
      summary,
      description: `${committee}, ${when}.\n\n${meetingDescription(site, meeting)}`,
      ...(meeting.venue ? { location: meeting.venue } : {}),
      url: absoluteUrl(site.baseUrl, paths.meeting(meeting.slug)),
      ...(meeting.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
    });
  }
  return calendar.toString();
}

/** `webcal://…`: the address calendar programs subscribe to. */
export function webcalUrl(site: Pick<Site, 'baseUrl'>, path: string): string {
  return absoluteUrl(site.baseUrl, path).replace(/^https?:/, 'webcal:');
}
