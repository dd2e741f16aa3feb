import type { Committee } from '../content/types';
import { formatCalendarDate } from '../dates';
import type { Meeting, MeetingIndexes } from './derive';
import { isUpcoming } from './derive';
import { perVisibleSet } from '../server/per-visible-set';

/**
 * A small search of the meetings for /search, beside the full-text search of the posts: a
 * meeting matches when every word of the query starts a word of its committee, date (with its
 * weekday and month), venue, agenda or decided items. Words like "the" are ignored.
 */
const IGNORED = new Set(['the', 'of', 'and', 'a', 'an', 'in', 'on', 'at', 'to', 'for']);
const MAX_WORDS = 8;

const wordsOf = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Each meeting's words, built once per set of meetings. */
const rememberedWords = perVisibleSet<MeetingIndexes, Map<Meeting, string[]>>();

function meetingWords(indexes: MeetingIndexes, committees: Map<string, Pick<Committee, 'name' | 'shortName'>>): Map<Meeting, string[]> {
  return rememberedWords(indexes, () => {
    const words = new Map<Meeting, string[]>();
    for (const meeting of indexes.all) {
      const committee = committees.get(meeting.committee);
      const text = [
        'meeting',
        committee?.name ?? meeting.committee,
        committee?.shortName ?? '',
        formatCalendarDate(meeting.date, true),
        meeting.venue ?? '',
        meeting.cancelled ? 'cancelled' : '',
        ...meeting.agenda.map((item) => item.title),
        ...meeting.decisions.map(({ item }) => item.subject),
      ].join(' ');
      words.set(meeting, [...new Set(wordsOf(text))]);
    }
    return words;
  });
}

export interface MeetingMatches {
  meetings: Meeting[];
  total: number;
}

/** The meetings a query names: upcoming ones soonest first, then past ones newest first. */
export function searchMeetings(
  indexes: MeetingIndexes,
  committees: Map<string, Pick<Committee, 'name' | 'shortName'>>,
  query: string,
  today: string,
  limit = 5,
): MeetingMatches {
  const wanted = [...new Set(wordsOf(query.slice(0, 200)).filter((w) => !IGNORED.has(w)))].slice(0, MAX_WORDS);
  if (wanted.length === 0) return { meetings: [], total: 0 };
  const words = meetingWords(indexes, committees);
  const upcoming: Meeting[] = [];
  const past: Meeting[] = [];
  for (const meeting of indexes.all) {
    const own = words.get(meeting)!;
    if (wanted.every((w) => own.some((word) => word.startsWith(w)))) (isUpcoming(meeting, today) ? upcoming : past).push(meeting);
  }
  const ordered = [...upcoming, ...past.reverse()];
  return { meetings: ordered.slice(0, limit), total: ordered.length };
}
