import { formatCalendarDate, formatDate, londonIsoDate } from '@/lib/dates';

/**
 * A date for people ("30 June 2011") in a <time> for machines, which says the same London date
 * (`2011-06-30`), never the UTC instant that falls on the day before.
 */
export function DateText({ date }: { date: Date }) {
  return <time dateTime={londonIsoDate(date)}>{formatDate(date)}</time>;
}

/** A calendar date (`2011-03-02`) with its weekday, as meeting dates are written. */
export function CalendarDateText({ date, weekday = false }: { date: string; weekday?: boolean }) {
  return <time dateTime={date}>{formatCalendarDate(date, weekday)}</time>;
}

export { londonIsoDate };
