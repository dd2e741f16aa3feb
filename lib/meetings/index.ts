import type { Committee } from '../content/types';
import { formatCalendarDate, londonIsoDate } from '../dates';
import type { DecisionIndexes } from '../records/indexes';
import { recentToPreRender } from '../records/pre-render';
import type { SiteRecords } from '../site';
import { deriveMeetings, indexMeetings, isUpcoming, meetingsInListOrder, type Meeting, type MeetingIndexes } from './derive';

export * from './derive';

/**
 * The meetings of a visible set, built once per set of indexes (which lib/site.ts builds once
 * per visible set), so no page derives them twice.
 */
const cache = new WeakMap<DecisionIndexes, { files: SiteRecords['meetings']; meetings: MeetingIndexes }>();

export function meetingsOf(records: Pick<SiteRecords, 'meetings' | 'indexes'>): MeetingIndexes {
  const hit = cache.get(records.indexes);
  if (hit && hit.files === records.meetings) return hit.meetings;
  const meetings = indexMeetings(deriveMeetings(records.meetings.values(), records.indexes.all));
  cache.set(records.indexes, { files: records.meetings, meetings });
  return meetings;
}

/** London's date now, the line between the forward plan and the record. */
export function todayOf(records: Pick<SiteRecords, 'visibility'>): string {
  return londonIsoDate(records.visibility.now);
}

/**
 * The meetings the build renders: every one still to come (the forward plan residents watch)
 * and the most recent past ones. Older meetings are rendered on their first request.
 */
export function meetingsToPreRender(records: Pick<SiteRecords, 'meetings' | 'indexes' | 'visibility'>): Meeting[] {
  const { upcoming, past } = meetingsInListOrder(meetingsOf(records).all, todayOf(records));
  return [...upcoming, ...recentToPreRender(past)];
}

/** "Cabinet Resources Committee, Wednesday 2 March 2011": a meeting's name in lists, titles and calendars. */
export function meetingTitle(meeting: Meeting, committee: Pick<Committee, 'name'> | undefined): string {
  return `${committee?.name ?? meeting.committee}, ${formatCalendarDate(meeting.date, true)}`;
}

/** "7pm", "7:30pm": a London start time as GOV.UK writes times. */
export function formatMeetingTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const suffix = hours < 12 ? 'am' : 'pm';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  if (hours === 12 && minutes === 0) return 'midday';
  if (hours === 0 && minutes === 0) return 'midnight';
  return `${hour12}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}${suffix}`;
}

/** One sentence about a meeting, for its meta description, Open Graph and JSON-LD. */
export function meetingSummary(meeting: Meeting, committee: Pick<Committee, 'name'> | undefined, today: string): string {
  const name = committee?.name ?? meeting.committee;
  const when = `${formatCalendarDate(meeting.date, true)}${meeting.time ? ` at ${formatMeetingTime(meeting.time)}` : ''}`;
  const where = meeting.venue ? ` at ${meeting.venue}` : '';
  if (meeting.cancelled) return `The meeting of the ${name} on ${when} has been cancelled.`;
  const decisions = meeting.decisions.length;
  if (decisions > 0) return `The ${name} met on ${when}${where} and took ${decisions === 1 ? 'one decision' : `${decisions} decisions`} reported on this site.`;
  const agenda = meeting.agenda.length;
  const considering = agenda > 0 ? ` to consider ${agenda === 1 ? 'one item' : `${agenda} items`}` : '';
  return isUpcoming(meeting, today) ? `The ${name} meets on ${when}${where}${considering}.` : `The ${name} met on ${when}${where}.`;
}
