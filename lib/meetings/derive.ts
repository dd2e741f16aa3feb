/**
 * Meetings as records. A meeting is known two ways: every distinct (committee, meeting date) of
 * the visible decision posts, and every file in content/meetings. A file for the same
 * committee and date adds its time, venue, agenda and papers to the meeting the posts know; it
 * never makes a second one. Pure: no file is read here.
 */
import { meetingSlugOf } from '../content/collect';
import type { AgendaItem, Decision, DecisionItem, MeetingFile } from '../content/types';

export { meetingSlugOf };

/** A decision item taken at a meeting, with the post that reports it. */
export interface MeetingDecision {
  decision: Decision;
  item: DecisionItem;
}

export interface Meeting {
  /** `<date>-<committee>`: the meeting's permanent address, with or without a file. */
  slug: string;
  committee: string;
  /** The London date, `YYYY-MM-DD`. */
  date: string;
  /** The London start time, `HH:MM`, where a meeting file gives it. */
  time?: string;
  venue?: string;
  agenda: AgendaItem[];
  papers?: string;
  cancelled: boolean;
  /** The meeting file's note for residents (Markdown, untrusted), where it has one. */
  note?: string;
  /** The meeting file, where there is one. */
  file?: string;
  /** Every item taken there, from the posts that report it: oldest post first, items in their order. */
  decisions: MeetingDecision[];
  /** The latest publication or correction of those posts. */
  updated?: Date;
}

/** Oldest first, and by committee within a day, so a list is the same from run to run. */
export function byDate(a: Meeting, b: Meeting): number {
  return a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? '') || a.committee.localeCompare(b.committee);
}

/**
 * Every meeting of the posts and the files, oldest first. `visible` are the visible decisions
 * (lib/records/published.ts), so a draft or a scheduled post never makes or fills a meeting.
 */
export function deriveMeetings(files: Iterable<MeetingFile>, visible: readonly Decision[]): Meeting[] {
  const meetings = new Map<string, Meeting>();
  for (const file of files) {
    meetings.set(file.slug, {
      slug: file.slug,
      committee: file.committee,
      date: file.date,
      ...(file.time ? { time: file.time } : {}),
      ...(file.venue ? { venue: file.venue } : {}),
      agenda: file.agenda,
      ...(file.papers ? { papers: file.papers } : {}),
      cancelled: file.cancelled,
      ...(file.body.trim() ? { note: file.body } : {}),
      file: file.file,
      decisions: [],
    });
  }
  // Oldest post first: a meeting's story reads forwards, like a project's.
  const oldestFirst = [...visible].sort((a, b) => a.published.getTime() - b.published.getTime() || a.slug.localeCompare(b.slug));
  for (const decision of oldestFirst) {
    if (!decision.meeting) continue;
    const slug = meetingSlugOf({ date: decision.meeting, committee: decision.committee });
    let meeting = meetings.get(slug);
    if (!meeting) {
      meeting = { slug, committee: decision.committee, date: decision.meeting, agenda: [], cancelled: false, decisions: [] };
      meetings.set(slug, meeting);
    }
    for (const item of decision.items) meeting.decisions.push({ decision, item });
    if (!meeting.updated || decision.updated > meeting.updated) meeting.updated = decision.updated;
  }
  return [...meetings.values()].sort(byDate);
}

/**
 * Whether a meeting is still to come on London's `today`: a later day, or today with no post
 * reporting it yet. A past meeting no post reports stays past: nothing is guessed about it.
 */
export function isUpcoming(meeting: Meeting, today: string): boolean {
  return meeting.date > today || (meeting.date === today && meeting.decisions.length === 0);
}

export interface MeetingIndexes {
  /** Oldest first. */
  all: Meeting[];
  bySlug: Map<string, Meeting>;
  /** Oldest first, per committee. */
  byCommittee: Map<string, Meeting[]>;
  /** The meeting a post reports, by the post's slug. */
  byDecision: Map<string, Meeting>;
}

export function indexMeetings(all: Meeting[]): MeetingIndexes {
  const indexes: MeetingIndexes = { all, bySlug: new Map(), byCommittee: new Map(), byDecision: new Map() };
  for (const meeting of all) {
    indexes.bySlug.set(meeting.slug, meeting);
    const list = indexes.byCommittee.get(meeting.committee);
    if (list) list.push(meeting);
    else indexes.byCommittee.set(meeting.committee, [meeting]);
    for (const { decision } of meeting.decisions) indexes.byDecision.set(decision.slug, meeting);
  }
  return indexes;
}

/**
 * The forward plan and the record: upcoming meetings soonest first, then past ones newest
 * first. This order is the order of /meetings and its pages.
 */
export function meetingsInListOrder(meetings: readonly Meeting[], today: string): { upcoming: Meeting[]; past: Meeting[] } {
  const upcoming: Meeting[] = [];
  const past: Meeting[] = [];
  for (const meeting of meetings) (isUpcoming(meeting, today) ? upcoming : past).push(meeting);
  past.reverse();
  return { upcoming, past };
}

/** The project slugs a meeting touches: of its decisions, or else of its agenda. */
export function meetingProjects(meeting: Meeting): string[] {
  const slugs = new Set<string>();
  for (const { item } of meeting.decisions) if (item.project) slugs.add(item.project);
  for (const item of meeting.agenda) if (item.project) slugs.add(item.project);
  return [...slugs];
}
