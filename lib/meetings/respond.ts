/**
 * The calendar routes: validate the slug before touching anything, build the calendar from the
 * visible decisions at request time (a scheduled post fills its meeting when it goes live), and
 * answer with the memoised representation or a 304, as the feeds do.
 */
import { makerMeets } from '../content/makers';
import { isSlug } from '../content/slug';
import { conditionalResponse, lastModifiedOf, makeRepresentation, type Representation } from '../http/http-cache';
import { getSiteRecords, type SiteRecords } from '../site';
import { paths } from '../urls';
import type { MeetingIndexes } from './derive';
import { meetingsCalendar } from './ical';
import { meetingsOf } from './index';
import { perVisibleSet } from '../server/per-visible-set';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** Every committee's meetings, or one committee's. */
export type CalendarRef = { kind: 'site' } | { kind: 'committee'; slug: string };

const calendarsOf = perVisibleSet<MeetingIndexes, Map<string, Representation>>();

/** The calendar's bytes and validators, or undefined when there is no such committee. */
export function calendarRepresentation(records: SiteRecords, ref: CalendarRef): Representation | undefined {
  const committee = ref.kind === 'committee' ? records.committees.get(ref.slug) : undefined;
  // An officer or a cabinet member decides alone: no meetings, so no calendar.
  if (ref.kind === 'committee' && (!committee || !makerMeets(committee.kind))) return undefined;
  const meetings = meetingsOf(records);
  const cached = calendarsOf(meetings, () => new Map());
  const key = ref.kind === 'site' ? '' : ref.slug;
  const hit = cached.get(key);
  if (hit) return hit;
  const list = committee ? (meetings.byCommittee.get(committee.slug) ?? []) : meetings.all;
  let newest = new Date(0);
  for (const meeting of list) if (meeting.updated && meeting.updated > newest) newest = meeting.updated;
  const body = meetingsCalendar({
    site: records.site,
    committees: records.committees,
    meetings: list,
    name: committee ? `${committee.name} meetings` : 'meetings of every committee',
    path: committee ? paths.committee(committee.slug) : paths.meetings(),
    fallbackStamp: records.indexes.lastModified,
  });
  const representation = makeRepresentation(body, CALENDAR_CONTENT_TYPE, lastModifiedOf(newest, records.readAt), {
    'Content-Disposition': `inline; filename="${committee ? `${committee.slug}-meetings` : 'meetings'}.ics"`,
  });
  cached.set(key, representation);
  return representation;
}

function noSuchCalendar(): Response {
  return new Response('There is no such calendar. The meetings and their calendars are listed at /meetings.\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}

export async function calendarResponse(request: Request, ref: CalendarRef): Promise<Response> {
  if (ref.kind === 'committee' && !isSlug(ref.slug)) return noSuchCalendar();
  const records = await getSiteRecords();
  const representation = calendarRepresentation(records, ref);
  return representation ? conditionalResponse(request, representation) : noSuchCalendar();
}
