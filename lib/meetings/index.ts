import type { Committee } from '../content/types';
import { formatCalendarDate, londonIsoDate } from '../dates';
import type { DecisionIndexes } from '../indexes';
import type { SiteRecords } from '../site';
import { deriveMeetings, indexMeetings, type Meeting, type MeetingIndexes } from './derive';

export * from './derive';

/**
 * The meetings of a visible set, built once per set of indexes (which lib/site.ts builds once
 * per visible set), so no page derives them twice.
 */
const cache = new WeakMap<DecisionIndexes, MeetingIndexes>();

export function meetingsOf(records: Pick<SiteRecords, 'meetings' | 'indexes'>): MeetingIndexes {
  let meetings = cache.get(records.indexes);
  if (!meetings) {
    meetings = indexMeetings(deriveMeetings(records.meetings.values(), records.indexes.all));
    cache.set(records.indexes, meetings);
  }
  return meetings;
}

/** London's date now, the line between the forward plan and the record. */
export function todayOf(records: Pick<SiteRecords, 'visibility'>): string {
  return londonIsoDate(records.visibility.now);
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
